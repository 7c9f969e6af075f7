// /timeline.json in Knight Lab's own TimelineJS3 (npm @knight-lab/timelinejs,
// pinned in package.json), in Debian's headless Chromium: the example site,
// imported TimelineJS examples and the hostile fixture. Everything is served
// from 127.0.0.1; any other request is recorded and refused, so the test
// shows that neither TimelineJS (fonts, locale files, CDN) nor the data
// reaches out, beyond the media a timeline itself links to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { repo, annals, launch } from './helpers.mjs';

const dist = join(repo, 'node_modules', '@knight-lab', 'timelinejs', 'dist');

function run(...args) {
  return execFileSync(annals, args, { env: { ...process.env, NO_COLOR: '1' }, stdio: 'pipe' });
}

/** Builds the site at `root` into a temp folder; returns the folder. */
function build(root) {
  const out = join(mkdtempSync(join(tmpdir(), 'annals-tljs-')), 'public');
  run('build', '--root', root, '--output', out);
  return out;
}

/** Imports a TimelineJS file into a new site and builds it. */
function imported(file) {
  const root = join(mkdtempSync(join(tmpdir(), 'annals-tljs-')), 'site');
  run('import', file.endsWith('.csv') ? 'csv' : 'timelinejs', file, '--root', root);
  return build(root);
}

// The embed, as TimelineJS documents it, with TimelineJS' files served
// locally: script_path keeps its locale and CSS files off the CDN, and
// `font: null` skips its web fonts (Google Fonts).
const embed = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="/tl/css/timeline.css">
<script src="/tl/js/timeline.js"></script></head>
<body><div id="timeline-embed" style="width: 1000px; height: 650px"></div>
<script>
  window.timelineEvents = [];
  const data = new URLSearchParams(location.search).get('data');
  window.timeline = new TL.Timeline('timeline-embed', data,
    { script_path: '/tl/js/', font: null, hash_bookmark: false });
  for (const name of ['ready', 'loaded']) {
    window.timeline.on(name, () => window.timelineEvents.push(name));
  }
</script></body></html>`;

const types = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.html': 'text/html', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject' };

/** Serves /embed.html, /tl/ (TimelineJS' dist) and /sites/NAME/ on 127.0.0.1. */
function serveSites(sites) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/embed.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(embed);
      return;
    }
    let base; let rest;
    if (path.startsWith('/tl/')) [base, rest] = [dist, path.slice(4)];
    const m = path.match(/^\/sites\/([^/]+)\/(.*)$/);
    if (m && sites[m[1]]) [base, rest] = [sites[m[1]], m[2]];
    const file = base && normalize(join(base, rest));
    if (!file || !file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Hosts the media of a timeline.json link to (what a reader's browser would fetch). */
function mediaHosts(json) {
  const hosts = new Set();
  for (const e of json.events) {
    for (const url of [e.media?.url, e.media?.thumbnail]) {
      try { hosts.add(new URL(url, 'http://127.0.0.1/').hostname.split('.').slice(-2).join('.')); } catch { /* not a URL */ }
    }
  }
  return hosts;
}

/**
 * Loads `/sites/NAME/timeline.json` in TimelineJS; returns what the page
 * shows and every problem seen on the way.
 */
async function load(browser, origin, name, missing = [], walk = 3) {
  const page = await browser.newPage();
  const outside = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  const problems = [];
  page.on('console', (m) => {
    // A refused request is logged as a failed resource: it is in `outside`.
    const failed = m.text().startsWith('Failed to load resource');
    const url = m.location().url;
    const path = new URL(url).pathname;
    const expected = failed && (outside.includes(url) || missing.some((m) => path.startsWith(m)));
    if (m.type() === 'error' && !expected) problems.push(`console: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  await page.goto(`${origin}/embed.html?data=/sites/${name}/timeline.json`);
  await page.waitForFunction(() => window.timelineEvents.includes('ready'), null, { timeout: 20000 });
  const shown = await page.evaluate(() => ({
    slides: document.querySelectorAll('.tl-storyslider .tl-slide').length,
    titleSlide: document.querySelectorAll('.tl-slide-titleslide').length,
    markers: document.querySelectorAll('.tl-timemarker').length,
    eras: [...document.querySelectorAll('.tl-timeera')].map((e) => e.textContent.trim()),
    headlines: [...document.querySelectorAll('.tl-slide .tl-headline')].map((h) => h.textContent.trim()),
    errors: window.timeline.config.messages.errors.map(String),
    message: document.querySelector('.tl-message-full')?.textContent ?? '',
    pwned: document.documentElement.getAttribute('data-pwned'),
  }));
  // Walk the first slides (every slide: `walk`), as a reader would, so
  // that their media load.
  for (let i = 0; i < walk; i += 1) {
    await page.evaluate(() => window.timeline.goToNext());
    await page.waitForTimeout(300);
  }
  // Until the last slide's media has loaded (and fired whatever it holds).
  await page.waitForLoadState('load');
  await page.waitForTimeout(1000);
  shown.pwned ??= await page.evaluate(() => document.documentElement.getAttribute('data-pwned'));
  await page.close();
  return { shown, problems, outside };
}

test('TimelineJS3 shows every /timeline.json annals writes', async () => {
  const sites = {
    example: build(repo),
    hostile: build(join(repo, 'tests', 'fixtures', 'hostile')),
    dates: build(join(repo, 'tests', 'fixtures', 'dates')),
    women: imported(join(repo, 'tests', 'fixtures', 'timelinejs', 'women_in_computing.json')),
    cosmological: imported(join(repo, 'tests', 'fixtures', 'timelinejs', 'cosmological.json')),
    twain: imported(join(repo, 'tests', 'fixtures', 'timelinejs', 'twain-marktwain.json')),
    eras: imported(join(repo, 'tests', 'fixtures', 'import', 'eras.json')),
  };
  const server = await serveSites(sites);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  try {
    for (const [name, dir] of Object.entries(sites)) {
      const json = JSON.parse(readFileSync(join(dir, 'timeline.json'), 'utf8'));
      // The hostile payloads' own <img src=x> and media are broken: their
      // 404s are the content's, not TimelineJS' or annals'.
      const missing = name === 'hostile' ? ['/x', '/images/a.png', '/docs/report'] : [];
      // The hostile timeline is walked to its end: TimelineJS writes some
      // media URLs (documents) into HTML itself.
      const walk = name === 'hostile' ? json.events.length : 3;
      const { shown, problems, outside } = await load(browser, origin, name, missing, walk);
      assert.equal(shown.pwned, null, `${name}: a payload ran`);
      assert.deepEqual(problems, [], `${name}: console errors`);
      assert.deepEqual(shown.errors, [], `${name}: TimelineJS errors`);
      assert.equal(shown.message, '', `${name}: TimelineJS showed a message`);
      assert.equal(shown.slides, json.events.length + 1, `${name}: one slide per event and the title slide`);
      assert.equal(shown.titleSlide, 1, `${name}: the title slide`);
      assert.equal(shown.markers, json.events.length, `${name}: one marker per event`);
      // Headlines are HTML-escaped text: TimelineJS shows the text.
      const text = (html) => html.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
      assert.deepEqual(shown.eras, (json.eras ?? []).map((e) => text(e.text.headline)),
        `${name}: eras`);
      const allowed = mediaHosts(json);
      const strays = outside.filter((u) => !allowed.has(new URL(u).hostname.split('.').slice(-2).join('.')));
      assert.deepEqual(strays, [], `${name}: requests beyond 127.0.0.1 and the timeline's media`);
      // (The eras example links its media on example.org: allowed above.)
      if (name === 'example' || name === 'hostile') {
        assert.deepEqual(outside, [], `${name}: no request leaves 127.0.0.1`);
      }
      if (name === 'example') {
        assert.ok(shown.headlines.includes('Cartels designated foreign terrorist organizations'));
        assert.equal(shown.eras.length, 2);
      }
    }
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
});

// The hostile fixture (a script payload in every field) built and opened in
// Chromium, every file of it: from disk (file://), from a web server that
// sends each file with its type, and each data file once more sent as
// text/html, as a misconfigured server or a sniffing browser might. On
// every load a dialog, a console error, an uncaught error, a payload's
// mark (`data-pwned` on any frame's root) or a live element with an
// `on…` handler or a `javascript:` URL fails the test. Scripts run first:
// annals.js builds the filters, search.js the results (with queries).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo, annals, launch } from './helpers.mjs';

const fixture = join(repo, 'tests', 'fixtures', 'hostile');

function build(...extra) {
  const out = join(mkdtempSync(join(tmpdir(), 'annals-hostile-')), 'public');
  execFileSync(annals, ['build', '--root', fixture, '--output', out, ...extra],
    { env: { ...process.env, NO_COLOR: '1' }, stdio: 'pipe' });
  return out;
}

function files(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)).split('\\').join('/'))
    .sort();
}

// The types a static web host sends (as GitHub Pages, nginx's mime.types).
const types = {
  '.html': 'text/html; charset=utf-8', '.xml': 'application/xml', '.json': 'application/json',
  '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.ics': 'text/calendar',
};

/** Serves `dir` on 127.0.0.1; `?as=TYPE` overrides the content type. */
function serve(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = decodeURIComponent(url.pathname).replace(/\/$/, '/index.html');
    let body;
    try {
      const file = join(dir, path);
      if (!file.startsWith(dir + '/')) throw new Error('outside');
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': url.searchParams.get('as') ?? types[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The fixture's own broken media and images (<img src=x> left after
// sanitising, media URLs that name no file): their failed loads are the
// content's, and are the only console errors allowed.
const brokenMedia = [/\/x$/, /\/x%22/, /\/images\/a\.png/, /\/docs\/report/];

/** Opens `url`; returns every sign that something ran, and what loaded. */
async function open(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('dialog', (d) => { problems.push(`dialog: ${d.type()} ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const broken = m.text().startsWith('Failed to load resource')
      && brokenMedia.some((re) => re.test(m.location().url));
    if (!broken) problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  let shown = 'page';
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(250);
  } catch (e) {
    // A calendar is downloaded, not shown: nothing of it runs.
    if (!/Download is starting|ERR_ABORTED/.test(String(e))) throw e;
    shown = 'download';
  }
  if (shown === 'page') {
    for (const frame of page.frames()) {
      const found = await frame.evaluate(() => {
        const root = document.documentElement;
        const live = root ? [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes]
          .filter((a) => /^on/i.test(a.name) || /^\s*(javascript|vbscript):/i.test(a.value))
          .map((a) => `<${e.localName} ${a.name}="${a.value}">`)) : [];
        return { pwned: root?.getAttribute('data-pwned') ?? null, live };
      }).catch((e) => ({ pwned: null, live: [], error: String(e) }));
      if (found.pwned !== null) problems.push(`payload ran: ${found.pwned} (frame ${frame.url()})`);
      for (const tag of found.live) problems.push(`live handler or script URL: ${tag}`);
    }
  }
  await page.close();
  return { problems, shown };
}

test('nothing from hostile content runs in Chromium: every page, feed and export', async () => {
  const out = build();
  const withBase = build('--base-url', "https://example.org/a&b'c/");
  const all = files(out);
  assert.ok(all.length > 30, `${all.length} files`);
  for (const ext of ['.html', '.xml', '.json', '.ics', '.js']) {
    assert.ok(all.some((f) => f.endsWith(ext)), `no ${ext} file`);
  }
  const server = await serve(out);
  const baseServer = await serve(withBase);
  const origin = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  // Nothing may leave the machine: media on other hosts is refused.
  const context = await browser.newContext({ acceptDownloads: true });
  await context.route('**/*', (route) => {
    const u = route.request().url();
    return u.startsWith('file:') || u.startsWith('http://127.0.0.1:') ? route.continue() : route.abort();
  });
  const failures = [];
  const loads = { page: 0, download: 0 };
  const check = async (label, url) => {
    const { problems, shown } = await open(context, url);
    loads[shown] += 1;
    for (const p of problems) failures.push(`${label}: ${p}`);
  };
  try {
    for (const file of all) {
      // The 404 page is for web servers, which send it for any address: its
      // links start at the site root (/style.css), which from disk is the
      // file system's root. It is loaded over HTTP below.
      if (file !== '404.html') await check(`file://${file}`, pathToFileURL(join(out, file)).href);
      await check(`http ${file}`, origin + file);
      if (!file.endsWith('.html') && !file.endsWith('.ics')) {
        await check(`http ${file} as text/html`, `${origin}${file}?as=text/html`);
      }
      if (file.endsWith('.ics')) {
        // Calendars are text for calendar programs; some hosts send them
        // as plain text, which Chromium shows as it is.
        await check(`http ${file} as text/plain`, `${origin}${file}?as=text/plain`);
      }
    }
    // With a base URL: the sitemap and absolute links in feeds and pages.
    const baseOrigin = `http://127.0.0.1:${baseServer.address().port}/`;
    for (const file of ['sitemap.xml', 'feed.xml', 'index.html', 'events/evil/index.html']) {
      await check(`base-url ${file}`, baseOrigin + file);
      await check(`base-url ${file} as text/html`, `${baseOrigin}${file}?as=text/html`);
    }
    // What the scripts build from the content and the address: filters
    // (annals.js) and search results (search.js), with hostile queries.
    const query = encodeURIComponent('<img src=x onerror=document.documentElement.setAttribute(`data-pwned`,`query`)>');
    for (const address of [
      `index.html?q=${query}`,
      'index.html?tags=script-document-documentelement-setattribute-data-pwned-tag-script',
      ...['document', 'pwned', 'script', 'img', 'he wrote', query].map((q) => `search/index.html?q=${q}`),
    ]) {
      await check(`http ${address}`, origin + address);
      await check(`file://${address}`, pathToFileURL(join(out, address.split('?')[0])).href + '?' + address.split('?')[1]);
    }
  } finally {
    await browser.close();
    server.close();
    baseServer.close();
  }
  assert.deepEqual(failures, []);
  // Calendars were downloaded (file://, and text/calendar over HTTP),
  // everything else shown.
  const calendars = all.filter((f) => f.endsWith('.ics')).length;
  assert.equal(loads.download, 2 * calendars, JSON.stringify(loads));
  assert.ok(loads.page > 2 * all.length - 1, JSON.stringify(loads));
});

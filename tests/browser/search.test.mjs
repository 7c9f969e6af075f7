// Search as readers use it, in Chromium: a query typed into the masthead
// box lands on results that link to the event and to the cited paragraph
// of the source, the address keeps the query, the results follow typing,
// the page has no axe-core violations, and all of it works from disk
// (file://) as well as from a server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo, annals, serve, launch } from './helpers.mjs';

/** Builds the example site into a temp folder; returns the folder. */
function buildExample() {
  const out = join(mkdtempSync(join(tmpdir(), 'annals-search-')), 'public');
  const run = spawnSync(annals, ['build', '--root', repo, '--output', out], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return out;
}

/** Types `query` into the masthead box of `home` and submits it. */
async function searchFromMasthead(page, home, query) {
  await page.goto(home);
  await page.fill('.site-search input[name="q"]', query);
  await page.press('.site-search input[name="q"]', 'Enter');
  await page.waitForURL(/\/search\/index\.html\?q=/);
  await page.waitForSelector('.search-result');
}

async function results(page) {
  return page.$$eval('.search-result', (items) => items.map((li) => ({
    href: li.querySelector('a').href,
    title: li.querySelector('a').textContent,
    kind: li.querySelector('.search-kind').textContent,
    marks: Array.from(li.querySelectorAll('mark'), (m) => m.textContent),
  })));
}

/** The checks shared by the served and the file:// site. */
async function checkSearch(page, home) {
  // Diacritics and case do not matter: "afráid" finds "afraid".
  await searchFromMasthead(page, home, 'Afráid cartels');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Afráid cartels');
  assert.equal(await page.inputValue('#search-q'), 'Afráid cartels');
  let found = await results(page);
  // The title hit first: the event that has both words in its title.
  assert.match(found[0].href, /\/events\/air-force-one-remarks\/index\.html$/);
  assert.equal(found[0].kind, 'Event');
  assert.deepEqual(found[0].marks.slice(0, 2).map((m) => m.toLowerCase()), ['afraid', 'cartels']);
  // The source links to the paragraph holding both words.
  const source = found.find((r) => r.kind === 'Source');
  assert.ok(source, 'the source is among the results');
  assert.match(source.href, /\/sources\/trump-troops-offer\/index\.html#p-2$/);
  assert.match(await page.textContent('#search-status'), /^\d+ results? for “Afráid cartels”\./);

  // Results follow typing; the last word matches the words it begins;
  // the address follows the box.
  await page.fill('#search-q', 'designat');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'designat');
  await page.waitForFunction(() => document.querySelector('#search-status').textContent.includes('“designat”'));
  found = await results(page);
  assert.ok(found.some((r) => /\/events\/fto-designation\/index\.html$/.test(r.href)), JSON.stringify(found));
  assert.ok(found.every((r) => r.marks.some((m) => m.toLowerCase().startsWith('designat'))), JSON.stringify(found));

  // Every word is required.
  await page.fill('#search-q', 'cartels zzzqqq ');
  await page.waitForFunction(() => document.querySelector('#search-status').textContent.startsWith('No results'));
  assert.equal(await page.$$eval('.search-result', (r) => r.length), 0);

  // A result leads to its paragraph.
  await page.fill('#search-q', 'afraid cartels ');
  await page.waitForFunction(() => document.querySelector('#search-status').textContent.includes('“afraid cartels”'));
  await page.click('.search-result a[href*="#p-"]');
  await page.waitForURL(/sources\/trump-troops-offer\/index\.html#p-2$/);
  assert.match(await page.textContent('#p-2'), /so afraid of the cartels/);
}

test('search from the masthead, over http and from file://', async () => {
  const server = await serve(repo);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e}`));

    await checkSearch(page, server.url);
    await page.goto(`${server.url}search/index.html?q=sheinbaum`);
    await page.waitForSelector('.search-result');
    await page.addScriptTag({ path: join(repo, 'node_modules', 'axe-core', 'axe.min.js') });
    const axe = await page.evaluate(() => window.axe.run(document));
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const contrast = await page.evaluate(() => window.axe.run(document, { runOnly: ['color-contrast'] }));
      assert.deepEqual(contrast.violations.map((v) => v.id), [], scheme);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    const out = buildExample();
    await checkSearch(page, pathToFileURL(join(out, 'index.html')).href);
    assert.deepEqual(problems, []);

    // Without JavaScript the page says so and points to the indexes.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${server.url}search/index.html?q=cartels`);
    assert.match(await plain.textContent('main'), /Search needs JavaScript/);
    const links = await plain.$$eval('.search-nojs a', (as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['../index.html', '../sources/index.html', '../tags/index.html',
      '../actors/index.html', '../places/index.html']);
    await noJs.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});

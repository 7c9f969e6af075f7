// The example site as readers get it, in Chromium: events in order, every
// kind of page free of axe-core violations, readable with JavaScript off,
// and screenshots at phone and desktop widths (target/test-artifacts/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repo, serve, launch } from './helpers.mjs';

const pages = ['', 'events/fto-designation/', 'sources/trump-troops-offer/', 'sources/',
  'tags/', 'actors/donald-trump/', 'places/mexico/', 'no/such/page/'];

test('the example site: order, accessibility, no JavaScript needed', async () => {
  const server = await serve(repo);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e}`));

    await page.goto(server.url);
    const months = await page.$$eval('.month-heading', (hs) => hs.map((h) => h.textContent));
    assert.deepEqual(months, ['January 2025', 'February 2025', 'April 2025', 'May 2025']);
    const first = await page.$$eval('.event-card', (cs) => cs.map((c) => c.id));
    assert.equal(first[0], 'e-border-military-buildup');
    assert.equal(first.at(-1), 'e-article-published');
    assert.equal(await page.$$eval('svg.axis a', (as) => as.length), first.length);

    for (const path of pages) {
      await page.goto(server.url + path);
      await page.addScriptTag({ path: join(repo, 'node_modules', 'axe-core', 'axe.min.js') });
      const result = await page.evaluate(() => window.axe.run(document));
      const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
      assert.deepEqual(violations, [], `/${path}`);
      assert.equal(await page.$$eval('h1', (h) => h.length), 1, `/${path}: one h1`);
    }
    assert.deepEqual(problems.filter((p) => !p.includes('/no/such/page/')), []);

    const artifacts = join(repo, 'target', 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(server.url);
      await page.screenshot({ path: join(artifacts, `home-${width}-browser.png`), fullPage: true });
    }

    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${server.url}events/fto-designation/`);
    assert.match(await plain.textContent('blockquote'), /designating several drug-smuggling gangs/);
    await plain.click('a.in-context');
    assert.match(plain.url(), /sources\/trump-troops-offer\/index\.html#q-p-\d+-[0-9a-f]{8}$/);
    // The link lands on the quoted words themselves, highlighted.
    const target = await plain.evaluate(() => {
      const el = document.querySelector(':target');
      return el && { tag: el.tagName, text: el.textContent, bg: getComputedStyle(el).backgroundColor };
    });
    assert.equal(target.tag, 'MARK');
    assert.match(target.text, /^In February, Trump escalated his approach/);
    assert.notEqual(target.bg, 'rgba(0, 0, 0, 0)');
    await noJs.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});

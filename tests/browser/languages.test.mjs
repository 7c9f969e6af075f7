// The example site in Spanish (its own /es/ tree: every event, term and
// interface word translated) and under the Arabic interface (an /ar/ tree
// added to it, its events untranslated and marked so): the Arabic pages
// read right to left (dir="rtl" on <html>, the page mirrored)
// while the axis keeps time running left to right, axe-core finds nothing
// on either, the scripts speak the site's language, and nothing is logged
// as an error. Screenshots of both home pages at a phone's width and a
// desktop's go to target/test-artifacts/ for people to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, serve, launch } from './helpers.mjs';

const artifacts = join(repo, 'target', 'test-artifacts');

/** The example's own site.yaml, with Arabic added to its languages. */
const withArabic = () => {
  const yaml = readFileSync(join(repo, 'site.yaml'), 'utf8');
  assert.match(yaml, /^languages: \[en, es\]$/m);
  return yaml.replace(/^languages: \[en, es\]$/m, 'languages: [en, es, ar]');
};

/** The example site, in English and Spanish, or with Arabic added; and the tree of `language` in it. */
function example(language) {
  const dir = join(mkdtempSync(join(tmpdir(), 'annals-lang-')), 'site');
  mkdirSync(dir, { recursive: true });
  cpSync(join(repo, 'content'), join(dir, 'content'), { recursive: true });
  const yaml = language === 'es' ? readFileSync(join(repo, 'site.yaml'), 'utf8') : withArabic();
  writeFileSync(join(dir, 'site.yaml'), yaml);
  return { dir, tree: language === 'en' ? '' : `${language}/` };
}

async function check(browser, language, url) {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 } });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(url);
    const what = `${language} at ${width} px`;
    const seen = await page.evaluate(() => {
      const html = document.documentElement;
      const first = document.querySelector('ol.events > li');
      const axis = document.querySelector('svg.axis, svg.axis-strip');
      const marks = [...document.querySelectorAll('svg.axis a.mark')]
        .map((a) => {
          const shape = a.querySelector('circle, rect');
          const box = shape.getBoundingClientRect();
          return { t0: Number(a.dataset.t0), x: box.left + Math.min(box.width, 12) / 2 };
        });
      return {
        lang: html.lang,
        dir: html.dir,
        direction: getComputedStyle(document.body).direction,
        // Which side of the card its rule is drawn on.
        rule: first ? [getComputedStyle(first).borderLeftWidth, getComputedStyle(first).borderRightWidth] : null,
        axisDirection: axis ? getComputedStyle(axis.parentElement).direction : null,
        marks,
        sideways: document.documentElement.scrollWidth - window.innerWidth,
        filter: document.querySelector('.filters-box summary')?.textContent ?? null,
      };
    });
    assert.equal(seen.lang, language, what);
    assert.ok(seen.sideways <= 0, `${what}: the page scrolls ${seen.sideways} px sideways`);
    if (language === 'ar') {
      assert.equal(seen.dir, 'rtl', what);
      assert.equal(seen.direction, 'rtl', what);
      assert.deepEqual(seen.rule, ['0px', '3px'], `${what}: the list's rule is on the right`);
      assert.equal(seen.axisDirection, 'ltr', `${what}: the axis is a chart, left to right`);
      assert.equal(seen.filter, 'تصفية', `${what}: annals.js speaks Arabic`);
    } else {
      assert.equal(seen.dir, '', what);
      assert.deepEqual(seen.rule, ['3px', '0px'], what);
      assert.equal(seen.filter, 'Filtrar', `${what}: annals.js speaks Spanish`);
    }
    // Earlier events to the left, in both directions.
    const sorted = [...seen.marks].sort((a, b) => a.t0 - b.t0);
    for (let i = 1; i < sorted.length; i += 1) {
      if (sorted[i].t0 > sorted[i - 1].t0) assert.ok(sorted[i].x >= sorted[i - 1].x - 2, `${what}: time runs left to right`);
    }
    await page.addScriptTag({ path: join(repo, 'node_modules', 'axe-core', 'axe.min.js') });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    }));
    const violations = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target).join(' ')}`);
    assert.deepEqual(violations, [], what);
    await page.screenshot({ path: join(artifacts, `languages-${language}-${width}.png`), fullPage: width < 600 ? false : true });
    assert.deepEqual(problems, [], `${what}: console errors`);
    await context.close();
  }
}

test('the example site in Spanish and in Arabic, on a phone and a desktop', async () => {
  mkdirSync(artifacts, { recursive: true });
  const browser = await launch();
  try {
    for (const language of ['es', 'ar']) {
      const { dir, tree } = example(language);
      const site = await serve(dir);
      try {
        await check(browser, language, site.url + tree);
      } finally {
        await site.stop();
      }
    }
  } finally {
    await browser.close();
  }
});

test('a bilingual site: the switcher keeps the reader on the same event, both ways', async () => {
  const browser = await launch();
  const site = await serve(example('en').dir);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(site.url);
    const first = await page.$eval('.event-title a', (a) => a.getAttribute('href'));
    await page.goto(new URL(first, site.url).href);
    // The list and the switcher link to …/index.html (for file://).
    const english = page.url();
    await page.click('nav.languages a[lang="ar"]');
    assert.equal(await page.$eval('html', (h) => h.dir), 'rtl');
    assert.equal(page.url().replace(site.url, ''), `ar/${english.replace(site.url, '')}`);
    await page.addScriptTag({ path: join(repo, 'node_modules', 'axe-core', 'axe.min.js') });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    }));
    assert.deepEqual(result.violations.map((v) => v.id), [], 'the Arabic twin of an event');
    await page.click('nav.languages a[lang="en"]');
    assert.equal(page.url(), english);
  } finally {
    await site.stop();
    await browser.close();
  }
});

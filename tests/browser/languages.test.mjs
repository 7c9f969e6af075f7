// The example site's content under the Spanish and Arabic interfaces: the
// Arabic pages read right to left (dir="rtl" on <html>, the page mirrored)
// while the axis keeps time running left to right, axe-core finds nothing
// on either, the scripts speak the site's language, and nothing is logged
// as an error. Screenshots of both home pages at a phone's width and a
// desktop's go to target/test-artifacts/ for people to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, serve, launch } from './helpers.mjs';

const artifacts = join(repo, 'target', 'test-artifacts');

const SITES = {
  es: 'title: Tropas, cárteles y soberanía\nlanguage: es\ntimezone: America/Mexico_City\n',
  ar: 'title: القوات والكارتلات والسيادة\nlanguage: ar\ntimezone: America/Mexico_City\n',
  'en-ar': 'title: Troops, cartels and sovereignty\nlanguages: [en, ar]\ntimezone: America/Mexico_City\n',
};

/** The example site's content with a site.yaml in `language`. */
function exampleIn(language) {
  const dir = join(mkdtempSync(join(tmpdir(), 'annals-lang-')), 'site');
  mkdirSync(dir, { recursive: true });
  cpSync(join(repo, 'content'), join(dir, 'content'), { recursive: true });
  writeFileSync(join(dir, 'site.yaml'), SITES[language]);
  return dir;
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
      const site = await serve(exampleIn(language));
      try {
        await check(browser, language, site.url);
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
  const site = await serve(exampleIn('en-ar'));
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(site.url);
    const first = await page.$eval('.event-title a', (a) => a.getAttribute('href'));
    await page.goto(new URL(first, site.url).href);
    // The list links to …/index.html (for file://); the switcher to the folder.
    const english = page.url().replace(/index\.html$/, '');
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

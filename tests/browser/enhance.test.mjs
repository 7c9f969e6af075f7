// What annals.js adds, in Chromium: the filters narrow the list and keep
// their state in the address (a filtered view can be shared), the axis
// zooms and pans with ticks that follow, j / k move the focus between
// events, and nothing logs an error. Served over HTTP and opened from disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo, annals, serve, launch } from './helpers.mjs';

/** Visible cards' ids, in order. */
const visibleCards = (page) => page.$$eval('.event-card', (cs) =>
  cs.filter((c) => c.offsetParent !== null).map((c) => c.id));

const tickLabels = (page) => page.$$eval('svg.axis .axis-label', (ts) => ts.map((t) => t.textContent));

function watchErrors(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  return problems;
}

async function exercise(page, home) {
  const problems = watchErrors(page);
  await page.goto(home);
  const all = await visibleCards(page);
  assert.equal(all.length, 10);
  assert.equal(await page.textContent('.filter-status'), '10 events');

  // Free text narrows the list, and the address says so.
  await page.fill('#filter-q', 'sheinbaum');
  const some = await visibleCards(page);
  assert.ok(some.length > 0 && some.length < all.length, `${some.length}`);
  assert.match(page.url(), /\?q=sheinbaum$/);
  assert.equal(await page.textContent('.filter-status'), `Showing ${some.length} of 10 events`);
  // A term narrows it further; months left empty are hidden.
  await page.selectOption('#filter-places', 'mexico');
  const fewer = await visibleCards(page);
  assert.ok(fewer.length > 0 && fewer.length <= some.length);
  assert.match(page.url(), /places=mexico/);
  // Cards carry their terms as data; the page names each term once.
  for (const id of fewer) {
    const terms = await page.$eval(`#${id}`, (card) => card.dataset.terms.split(' '));
    assert.ok(terms.includes('places/mexico'), `${id}: ${terms}`);
  }
  assert.match(await page.textContent('#filter-places option[value="mexico"]'), /^Mexico \(\d+\)$/);
  const dimmed = await page.$$eval('svg.axis a.mark.dimmed', (ms) => ms.length);
  assert.equal(dimmed, 10 - fewer.length, 'the axis dims what the filters hide');
  assert.equal(await page.$$eval('section.month', (ss) => ss.filter((s) => !s.hidden).length) <= 4, true);

  // The shared address restores the same view.
  const shared = page.url();
  await page.goto('about:blank');
  await page.goto(shared);
  assert.deepEqual(await visibleCards(page), fewer);
  assert.equal(await page.inputValue('#filter-q'), 'sheinbaum');
  await page.click('.filter-clear');
  assert.equal((await visibleCards(page)).length, 10);
  assert.ok(!page.url().includes('?'), page.url());

  // Zoom in: the ticks get finer; pan; reset brings the full view back.
  const before = await tickLabels(page);
  await page.click('button[aria-label="Zoom in"]');
  await page.click('button[aria-label="Zoom in"]');
  const zoomed = await tickLabels(page);
  assert.notDeepEqual(zoomed, before);
  assert.ok(zoomed.every((t) => /\d/.test(t)), zoomed.join('|'));
  await page.click('button[aria-label="Later"]');
  assert.notDeepEqual(await tickLabels(page), zoomed);
  await page.click('.axis-controls button:text-is("Reset")');
  assert.deepEqual(await tickLabels(page), before);

  // j and k move the focus from event to event, visibly.
  await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.keyboard.press('j');
  const first = await page.evaluate(() => document.activeElement.closest('.event-card').id);
  assert.equal(first, all[0]);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const now = await page.evaluate(() => document.activeElement.closest('.event-card').id);
  assert.equal(now, all[1]);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  // Typing in the filter is not navigation.
  await page.focus('#filter-q');
  await page.keyboard.type('jk');
  assert.equal(await page.inputValue('#filter-q'), 'jk');
  await page.click('.filter-clear');

  // On an event page, j goes to the next event.
  await page.goto(new URL('events/fto-designation/index.html', home).href);
  await page.keyboard.press('j');
  await page.waitForURL(/events\/(?!fto-designation)[^/]+\/index\.html$/);
  assert.deepEqual(problems, []);
}

test('filters, zoom and keys over HTTP', async () => {
  const server = await serve(repo);
  const browser = await launch();
  try {
    await exercise(await browser.newPage(), server.url);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('filters, zoom and keys opened from disk', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'annals-enhance-')), 'public');
  execFileSync(annals, ['build', '--root', repo, '--output', out], { stdio: 'ignore' });
  const browser = await launch();
  try {
    await exercise(await browser.newPage(), pathToFileURL(join(out, 'index.html')).href);
  } finally {
    await browser.close();
  }
});

test('the axis zooms across thousands of years', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'annals-enhance-')), 'public');
  execFileSync(annals, ['build', '--root', join(repo, 'tests', 'fixtures', 'dates'), '--output', out], { stdio: 'ignore' });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const problems = watchErrors(page);
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    const before = await tickLabels(page);
    assert.ok(before.some((t) => t.endsWith(' BC')), before.join('|'));
    for (let i = 0; i < 12; i++) await page.click('button[aria-label="Zoom in"]');
    const zoomed = await tickLabels(page);
    assert.ok(zoomed.length >= 2, zoomed.join('|'));
    assert.notDeepEqual(zoomed, before);
    for (let i = 0; i < 30; i++) await page.click('button[aria-label="Earlier"]');
    const earliest = await tickLabels(page);
    // Deep time reads in years ago, or in years BC once a zoom would
    // make every tick read alike.
    assert.ok(earliest.every((t) => / (BC|years ago)$/.test(t)), earliest.join('|'));
    assert.ok(new Set(earliest).size === earliest.length, earliest.join('|'));
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('a list cut into pages links a one-term filter to the term page', async () => {
  // 300 events, every other one tagged "even": the home list takes two
  // pages, the "even" term page one.
  const root = mkdtempSync(join(tmpdir(), 'annals-paged-'));
  mkdirSync(join(root, 'content', 'events'), { recursive: true });
  writeFileSync(join(root, 'site.yaml'), 'title: Paged\n');
  for (let i = 0; i < 300; i++) {
    const day = new Date(Date.UTC(2001, 0, 1 + i)).toISOString().slice(0, 10);
    writeFileSync(join(root, 'content', 'events', `e${i}.yaml`),
      `title: Event ${i}\ndate: ${day}\nsummary: Number ${i}.\ntags: [${i % 2 ? 'odd' : 'even'}, all]\n`);
  }
  const out = join(root, 'public');
  execFileSync(annals, ['build', '--root', root, '--output', out], { stdio: 'ignore' });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const problems = watchErrors(page);
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    assert.ok(await page.$('.list-pager'), 'the home list has pages');
    const placeholder = () => page.getAttribute('#filter-q', 'placeholder');
    assert.equal(await placeholder(), 'Title, summary or terms');
    assert.equal(await page.isVisible('.filter-more'), false);
    await page.selectOption('#filter-tags', 'even');
    const link = page.locator('.filter-more a');
    assert.equal(await link.textContent(), 'All events: even →');
    // Words as well: the term page would not hold the same events.
    await page.fill('#filter-q', 'number');
    assert.equal(await page.isVisible('.filter-more'), false);
    await page.fill('#filter-q', '');
    // Words alone: the search page looks in every page of the list.
    await page.selectOption('#filter-tags', '');
    await page.fill('#filter-q', 'number');
    assert.equal(await link.textContent(), 'Search every page for “number” →');
    assert.match(await link.getAttribute('href'), /search\/index\.html\?q=number$/);
    await page.fill('#filter-q', '');
    await page.selectOption('#filter-tags', 'even');
    await link.click();
    await page.waitForURL(/tags\/even\/index\.html$/);
    assert.equal((await visibleCards(page)).length, 150);
    // A term's list shows no summaries, and its box does not offer them.
    assert.equal(await placeholder(), 'Title or terms');
    // On the term's own page, filtering by it leads nowhere new.
    await page.selectOption('#filter-tags', 'even');
    assert.equal(await page.isVisible('.filter-more'), false);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('the list filter and search fold words alike', async () => {
  // Both use annals.fold, the index's folding: "strasse" finds "Straße",
  // "istanbul" finds "İstanbul", whichever way either is typed.
  const root = mkdtempSync(join(tmpdir(), 'annals-fold-'));
  mkdirSync(join(root, 'content', 'events'), { recursive: true });
  writeFileSync(join(root, 'site.yaml'), 'title: Fold\n');
  const titles = ['Die Straße wird gesperrt', 'Feuer in İstanbul', 'Nothing to see'];
  titles.forEach((title, i) => writeFileSync(join(root, 'content', 'events', `e${i}.yaml`),
    `title: ${title}\ndate: 2001-01-0${i + 1}\nsummary: Number ${i}.\n`));
  const out = join(root, 'public');
  execFileSync(annals, ['build', '--root', root, '--output', out], { stdio: 'ignore' });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const problems = watchErrors(page);
    const search = pathToFileURL(join(out, 'search', 'index.html')).href;
    const queries = [['strasse', 'e-e0'], ['STRAẞE', 'e-e0'], ['straße', 'e-e0'], ['istanbul', 'e-e1'], ['İSTANBUL', 'e-e1']];
    for (const [query, id] of queries) {
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      await page.fill('#filter-q', query);
      assert.deepEqual(await visibleCards(page), [id], `filter: ${query}`);
      await page.goto(`${search}?q=${encodeURIComponent(query)}`);
      await page.waitForSelector('.search-result');
      const found = await page.$$eval('.search-result a', (as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(found, [`../events/${id.slice(2)}/index.html`], `search: ${query}`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

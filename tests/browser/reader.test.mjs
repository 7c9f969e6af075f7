// The reader's timeline at a phone's width and a desktop's, light and dark,
// on the example site and on a generated 2,000-event site (events from 3000
// BC to 2025): nothing scrolls the page sideways, every axis label shows
// whole inside its chart at 12 px or more and keeps 4.5:1 contrast, the
// first event is on the first screen of a phone, axe-core finds nothing
// (target sizes and contrast included), and nothing is logged as an error.
// Screenshots of each case go to target/test-artifacts/ for people to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, serve, launch } from './helpers.mjs';

const artifacts = join(repo, 'target', 'test-artifacts');

/** A generated site of `n` events (the benchmark's corpus generator);
 * `recent`: 98% of them in 1823–2025, 2% BC. */
function generated(n, recent = false) {
  const gen = join(repo, 'target', 'debug', 'examples', 'gen_corpus');
  if (!existsSync(gen)) execFileSync('cargo', ['build', '--example', 'gen_corpus'], { cwd: repo, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'annals-reader-'));
  execFileSync(gen, [String(n), dir, ...(recent ? ['--recent'] : [])], { stdio: 'ignore' });
  return join(dir, 'annals');
}

/** What a reader can see of the axes on the page, measured in the browser. */
function measure() {
  const luminance = (rgb) => {
    const c = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  // The colour a label stands on: its chip (stroke) when it has one, else
  // the page.
  const paper = getComputedStyle(document.body).backgroundColor;
  const labels = [];
  for (const svg of document.querySelectorAll('svg.axis, svg.axis-strip, svg.axis-overview')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || getComputedStyle(svg).display === 'none') continue;
    const clip = svg.closest('.axis-scroll, .axis-strip-box, .axis-overview-box').getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      const style = getComputedStyle(text);
      if (style.display === 'none' || style.visibility === 'hidden' || !text.textContent.trim()) continue;
      const r = text.getBoundingClientRect();
      const stroke = style.stroke !== 'none' && parseFloat(style.strokeWidth) >= 3 ? style.stroke : paper;
      labels.push({
        text: text.textContent,
        px: parseFloat(style.fontSize) * scale,
        inside: r.left >= Math.max(box.left, clip.left) - 0.5 && r.right <= Math.min(box.right, clip.right) + 0.5
          && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5,
        contrast: contrast(style.fill, stroke),
      });
    }
  }
  const card = document.querySelector('.event-card');
  // The wide axis's marks: when they start, and where they are drawn.
  const marks = [...document.querySelectorAll('svg.axis a.mark')].map((a) => {
    const shape = a.querySelector('circle, rect');
    return { t0: Number(a.dataset.t0), x: Number(shape.getAttribute('cx') ?? shape.getAttribute('x')) };
  });
  const wide = document.querySelector('svg.axis');
  return {
    marks,
    range: wide ? [Number(wide.dataset.lo), Number(wide.dataset.hi)] : null,
    overview: !!document.querySelector('svg.axis-overview'),
    labels,
    sideways: document.documentElement.scrollWidth - window.innerWidth,
    firstCardTop: card ? card.getBoundingClientRect().top : null,
  };
}

/** Page 2 of a long list: its axis covers its own stretch of time, its
 * events at distinct places, under an overview of the whole. */
async function checkPage2(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  const seen = await page.evaluate(measure);
  const dates = await page.$$eval('.event-card', (cards) => cards.length);
  assert.ok(seen.overview, 'page 2 shows where it lies in the whole timeline');
  assert.ok(seen.marks.length >= 20, `page 2's axis draws ${seen.marks.length} of its ${dates} events`);
  const starts = new Set(seen.marks.map((m) => m.t0));
  const places = new Set(seen.marks.map((m) => Math.round(m.x)));
  assert.ok(places.size >= 0.8 * starts.size, `${places.size} places for ${starts.size} dates`);
  const [lo, hi] = seen.range;
  assert.ok(seen.marks.every((m) => m.t0 >= lo && m.t0 <= hi), 'every mark inside the page axis');
  await page.close();
}

/** On a touch screen, two fingers spreading apart zoom the axis in, and
 * one finger then drags it sideways. */
async function checkPinch(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  const box = await (await page.$('svg.axis')).boundingBox();
  const cdp = await context.newCDPSession(page);
  const y = box.y + box.height / 2;
  const cx = box.x + box.width / 2;
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
  await touch('touchStart', [{ x: cx - 40, y, id: 1 }, { x: cx + 40, y, id: 2 }]);
  for (let k = 1; k <= 6; k++) await touch('touchMove', [{ x: cx - 40 - k * 25, y, id: 1 }, { x: cx + 40 + k * 25, y, id: 2 }]);
  await touch('touchEnd', []);
  const span = () => page.evaluate(() => {
    const shape = document.querySelector('svg.axis a.mark circle');
    return {
      zoomed: document.querySelector('svg.axis').classList.contains('zoomed'),
      x: Number(shape.getAttribute('x') ?? shape.getAttribute('cx')),
    };
  });
  const pinched = await span();
  assert.ok(pinched.zoomed, 'a pinch zooms the axis in');
  await touch('touchStart', [{ x: cx, y, id: 3 }]);
  for (let k = 1; k <= 5; k++) await touch('touchMove', [{ x: cx + k * 30, y, id: 3 }]);
  await touch('touchEnd', []);
  const dragged = await span();
  assert.ok(dragged.zoomed, 'still zoomed after a drag');
  assert.ok(dragged.x > pinched.x + 20, `a drag to the right moves the marks right: ${pinched.x} → ${dragged.x}`);
  await context.close();
}

/** Zooming into the counted columns opens them: the page's events in view
 * are drawn one by one, each leading to its card; Reset brings the
 * columns back. */
async function checkColumnsOpen(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(url);
  assert.ok(await page.$('svg.axis.clustered'), 'the page axis counts its events in columns');
  let opened = 0;
  for (let i = 0; i < 12 && !opened; i++) {
    await page.keyboard.press('+');
    opened = await page.$$eval('svg.axis.opened a.opened-mark', (as) => as.length);
  }
  assert.ok(opened > 0, 'a zoom opens the columns');
  const seen = await page.evaluate(() => {
    const svg = document.querySelector('svg.axis');
    const marks = [...svg.querySelectorAll('a.opened-mark')];
    return {
      columns: [...svg.querySelectorAll('a.cluster')].filter((a) => a.getBoundingClientRect().width > 0).length,
      targets: marks.every((a) => document.getElementById(a.getAttribute('href').slice(1))),
      inside: marks.every((a) => {
        const box = a.getBoundingClientRect();
        const frame = svg.getBoundingClientRect();
        return box.left >= frame.left - 1 && box.right <= frame.right + 1;
      }),
    };
  });
  assert.deepEqual(seen, { columns: 0, targets: true, inside: true });
  await page.screenshot({ path: join(artifacts, 'reader-big-page2-opened-1280.png') });
  await page.keyboard.press('0');
  assert.equal(await page.$$eval('svg.axis a.opened-mark', (as) => as.length), 0);
  assert.deepEqual(problems, []);
  await page.close();
}

async function check(browser, site, url, name, first) {
  for (const width of [390, 1280]) {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({
        viewport: { width, height: width < 600 ? 844 : 900 }, colorScheme: scheme,
      });
      const page = await context.newPage();
      const problems = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      page.on('pageerror', (e) => problems.push(String(e)));
      await page.goto(url);
      const what = `${name} at ${width} px, ${scheme}`;
      const seen = await page.evaluate(measure);
      assert.ok(seen.sideways <= 0, `${what}: the page scrolls ${seen.sideways} px sideways`);
      assert.ok(seen.labels.length > 0, `${what}: no axis labels`);
      for (const l of seen.labels) {
        assert.ok(l.px >= 11.95, `${what}: "${l.text}" is ${l.px.toFixed(1)} px`);
        assert.ok(l.inside, `${what}: "${l.text}" is cut off by its chart`);
        assert.ok(l.contrast >= 4.5, `${what}: "${l.text}" has a contrast of ${l.contrast.toFixed(2)}`);
      }
      // Every section of the masthead is in sight, none behind the edge
      // of a row scrolled sideways.
      const hidden = await page.$$eval('.site-nav a', (as) => as.filter((a) => {
        const r = a.getBoundingClientRect();
        const row = a.closest('ul').getBoundingClientRect();
        return r.right > Math.min(innerWidth, row.right) + 0.5 || r.left < Math.max(0, row.left) - 0.5;
      }).map((a) => a.textContent));
      assert.deepEqual(hidden, [], `${what}: sections cut off in the masthead`);
      if (width < 600 && first) {
        assert.ok(seen.firstCardTop < 844, `${what}: the first event starts at ${seen.firstCardTop} px`);
      }
      await page.addScriptTag({ path: join(repo, 'node_modules', 'axe-core', 'axe.min.js') });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      }));
      const violations = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target).join(' ')}`);
      assert.deepEqual(violations, [], what);
      await page.screenshot({ path: join(artifacts, `reader-${site}-${width}-${scheme}.png`) });
      assert.deepEqual(problems, [], `${what}: console errors`);
      await context.close();
    }
  }
}

/** The chart is one stop in the Tab order, + - 0 work from anywhere, the
 * event focused with j is highlighted on the axis, and buttons that can do
 * nothing are disabled. */
async function checkKeys(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  const disabled = () => page.$$eval('.axis-controls button', (bs) => bs.map((b) => b.disabled));
  assert.deepEqual(await disabled(), [false, true, true, true, true], 'at full view only + can act');
  let tabs = 0;
  for (; tabs < 40; tabs += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => !!document.activeElement.closest('.event-card'))) break;
  }
  assert.ok(tabs < 20, `${tabs + 1} Tabs to the first event of the list`);
  const chartStops = await page.$$eval('svg.axis a', (as) => as.filter((a) => a.tabIndex >= 0).length);
  assert.equal(chartStops, 1, 'the chart is one Tab stop');
  await page.keyboard.press('j');
  const lit = await page.$$eval('svg.axis a.mark.current', (as) => as.length);
  assert.ok(lit >= 1, 'the focused event is highlighted on the axis');
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('+');
  assert.ok(await page.$eval('svg.axis', (s) => s.classList.contains('zoomed')), '+ zooms from anywhere');
  assert.deepEqual((await disabled()).slice(1, 2), [false], 'zoomed, − can act');
  await page.keyboard.press('0');
  assert.ok(!(await page.$eval('svg.axis', (s) => s.classList.contains('zoomed'))), '0 resets');
  // Arrow keys move between the chart's marks.
  await page.focus('svg.axis a[tabindex="0"]');
  const first = await page.evaluate(() => document.activeElement.getAttribute('href'));
  await page.keyboard.press('ArrowRight');
  const second = await page.evaluate(() => document.activeElement.getAttribute('href'));
  assert.notEqual(first, second);
  await page.close();
}

test('the reader\'s timeline on a phone and a desktop, light and dark', async () => {
  mkdirSync(artifacts, { recursive: true });
  const example = await serve(repo);
  const big = await serve(generated(2000));
  const browser = await launch();
  try {
    await check(browser, 'example', example.url, 'the example site', true);
    await check(browser, 'big', big.url, 'a 2,000-event site', true);
    await check(browser, 'big-page2', `${big.url}page/2/`, 'page 2 of a 2,000-event site', true);
    await checkPage2(browser, `${big.url}page/2/`);
    await checkColumnsOpen(browser, `${big.url}page/2/`);
    await checkKeys(browser, example.url);
    await checkPinch(browser, example.url);
    await checkKeys(browser, big.url);
  } finally {
    await browser.close();
    await example.stop();
    await big.stop();
  }
});

/** A few ancient events do not crush two centuries of modern ones: the
 * empty stretch between them is cut out, shown as a break, and the modern
 * events get most of the width; a zoom keeps the break and the ticks of
 * each stretch, and Reset gives back the build's drawing. */
test('a broken axis gives the crowded stretch its room', async () => {
  mkdirSync(artifacts, { recursive: true });
  const recent = await serve(generated(2000, true));
  const browser = await launch();
  try {
    await check(browser, 'recent', recent.url, 'a 2,000-event site with 2% BC', true);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(recent.url);
    const seen = await page.evaluate(() => {
      const svg = document.querySelector('svg.axis');
      const width = svg.viewBox.baseVal.width;
      const modern = Date.UTC(1823, 0, 1) / 1000;
      const xs = [...svg.querySelectorAll('a.mark')].map((a) => {
        const shape = a.querySelector('circle, rect');
        return { t0: Number(a.dataset.t0), x: Number(shape.getAttribute('cx') ?? shape.getAttribute('x')) };
      });
      const firstModern = Math.min(...xs.filter((m) => m.t0 >= modern).map((m) => m.x));
      return {
        breaks: svg.querySelectorAll('g.axis-break').length,
        share: 1 - firstModern / width,
        ticks: [...svg.querySelectorAll('.axis-ticks text')].map((t) => t.textContent),
        caption: document.querySelector('.axis-figure figcaption').textContent,
      };
    });
    assert.equal(seen.breaks, 1, 'one break between the BC events and the modern ones');
    assert.ok(seen.share >= 0.7, `the modern events get ${(seen.share * 100).toFixed(0)}% of the width`);
    assert.ok(seen.ticks.length >= 4, seen.ticks.join(' | '));
    assert.match(seen.caption, /double slash/);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    const zoomed = await page.$$eval('svg.axis .axis-ticks text', (ts) => ts.map((t) => t.textContent));
    assert.ok(zoomed.length >= 3, zoomed.join(' | '));
    assert.notDeepEqual(zoomed, seen.ticks);
    await page.screenshot({ path: join(artifacts, 'reader-recent-zoomed-1280.png') });
    await page.keyboard.press('0');
    const reset = await page.$$eval('svg.axis .axis-ticks text', (ts) => ts.map((t) => t.textContent));
    assert.deepEqual(reset, seen.ticks, 'Reset draws the ticks the build drew');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await browser.close();
    await recent.stop();
  }
});

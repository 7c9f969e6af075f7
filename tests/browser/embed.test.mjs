// The newsroom's view: a host page on a second origin (another 127.0.0.1
// port) pastes the snippet a page offers, and Pym.js's parent side sizes
// the iframe to what the embed shows. At 320 and 640 px: the iframe takes
// its content's height and nothing scrolls sideways inside it; an event
// link navigates the top window; ?start=ID opens at that event; a term's
// embed holds that term's events; the story embed moves with → and with a
// swipe, puts the slide in the address, and Back returns. axe-core finds
// nothing, nothing is logged as an error, hostile option values leave the
// default view, and the pages work from file:// too. Screenshots go to
// target/test-artifacts/embed-*.png and story-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo, annals, serve, launch, copySite } from './helpers.mjs';

const artifacts = join(repo, 'target', 'test-artifacts');
const axePath = join(repo, 'node_modules', 'axe-core', 'axe.min.js');

/** A host page server on its own origin: `page(html)` serves html at a fresh path. */
function hostServer() {
  const pages = new Map();
  const server = createServer((req, res) => {
    const html = pages.get(req.url.split('?')[0]);
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html || 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const base = `http://127.0.0.1:${server.address().port}`;
    resolve({
      page(body) {
        const path = `/article-${pages.size}.html`;
        pages.set(path, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>An article</title><link rel="icon" href="data:,"></head><body style="margin:0;font-family:sans-serif"><main><h1>An article</h1><p>Text before the timeline.</p>${body}<p id="after">Text after the timeline.</p></main></body></html>`);
        return base + path;
      },
      close: () => new Promise((done) => server.close(done)),
    });
  }));
}

/** The snippet with its embed's address changed to `src`. */
const withSrc = (snippet, from, src) => snippet.split(`"${from}"`).join(`"${src}"`);

/** Errors logged by a page and its frames. */
function watch(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  return errors;
}

async function axe(frame, what) {
  await frame.addScriptTag({ path: axePath });
  const result = await frame.evaluate(() => window.axe.run(document, {
    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
  }));
  const violations = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target).join(' ')}`);
  assert.deepEqual(violations, [], what);
}

/** The iframe Pym.js made in the host page, once it has its content's height. */
async function sizedFrame(page, what) {
  const handle = await page.waitForSelector('div[data-pym-src] iframe[scrolling="no"]');
  const frame = await handle.contentFrame();
  await frame.waitForLoadState('load');
  // The host cannot read a frame of another origin: compare from both sides.
  let h = 0;
  let body = -1;
  for (let tries = 0; tries < 100; tries += 1) {
    h = Number.parseInt((await handle.getAttribute('height')) || '0', 10);
    body = await frame.evaluate(() => document.body.offsetHeight);
    if (h > 150 && Math.abs(h - body) <= 1) break;
    await page.waitForTimeout(100);
  }
  assert.ok(h > 150 && Math.abs(h - body) <= 1, `${what}: the iframe is ${h} px tall, its content ${body}`);
  const inside = await frame.evaluate(() => ({
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    scrollbar: document.documentElement.scrollHeight - document.documentElement.clientHeight,
  }));
  assert.ok(inside.sideways <= 0, `${what}: the embed scrolls ${inside.sideways} px sideways`);
  assert.ok(inside.scrollbar <= 1, `${what}: the embed scrolls ${inside.scrollbar} px up and down`);
  return { handle, frame };
}

/** A generated site of `n` events, built into a folder, served by `annals serve`. */
function generated(n) {
  const gen = join(repo, 'target', 'debug', 'examples', 'gen_corpus');
  if (!existsSync(gen)) execFileSync('cargo', ['build', '--example', 'gen_corpus'], { cwd: repo, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'annals-embed-'));
  execFileSync(gen, [String(n), dir], { stdio: 'ignore' });
  return join(dir, 'annals');
}

test('embeds size their host iframe, open events on top and honour ?start', { timeout: 240000 }, async () => {
  mkdirSync(artifacts, { recursive: true });
  const site = await serve(repo);
  const big = await serve(generated(40));
  const host = await hostServer();
  const browser = await launch();
  try {
    for (const width of [320, 640]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      const errors = watch(page);
      // The snippet the home page offers, made whole by annals.js.
      await page.goto(site.url);
      const snippet = await page.$eval('.embed-snippet', (t) => t.value);
      const src = `${site.url}embed/index.html`;
      assert.ok(snippet.includes(`data-pym-src="${src}"`), snippet);
      assert.ok(snippet.includes(`<script src="${site.url}pym.v1.min.js"></script>`), snippet);

      // The whole timeline: sized to its content, no scrolling inside.
      await page.goto(host.page(snippet));
      let { handle, frame } = await sizedFrame(page, `embed at ${width}`);
      assert.equal(await frame.locator('.embed-event:visible').count(), 10);
      await axe(frame, `embed at ${width}`);
      await page.screenshot({ path: join(artifacts, `embed-host-${width}.png`), fullPage: true });
      // An event's link navigates the top window.
      await frame.locator('.embed-event .event-title a').first().click();
      await page.waitForURL(/\/events\/[a-z0-9-]+\/index\.html$/);
      assert.ok(page.url().startsWith(site.url), page.url());

      // ?start=ID opens at that event.
      await page.goto(host.page(withSrc(snippet, src, `${src}?start=fto-designation`)));
      ({ frame } = await sizedFrame(page, `?start at ${width}`));
      assert.equal(await frame.$eval('.embed-event.is-current', (li) => li.id), 'e-fto-designation');
      assert.ok(await frame.locator('#e-fto-designation').isVisible());

      // A term's embed: that term's events only.
      const termSrc = `${site.url}tags/military/embed/index.html`;
      await page.goto(host.page(withSrc(snippet, src, termSrc)));
      ({ frame } = await sizedFrame(page, `term embed at ${width}`));
      const termCount = await frame.locator('.embed-event').count();
      await page.goto(`${site.url}tags/military/index.html`);
      assert.equal(termCount, await page.locator('.event-card').count());

      // A long list opens on a window and grows its host when widened.
      const bigSrc = `${big.url}embed/index.html`;
      await page.goto(host.page(withSrc(withSrc(snippet, src, bigSrc), `${site.url}pym.v1.min.js`, `${big.url}pym.v1.min.js`)));
      ({ handle, frame } = await sizedFrame(page, `40 events at ${width}`));
      assert.equal(await frame.locator('.embed-event:visible').count(), 8);
      const before = Number.parseInt(await handle.getAttribute('height'), 10);
      await frame.click('.embed-later');
      await sizedFrame(page, `40 events widened at ${width}`);
      const after = Number.parseInt(await handle.getAttribute('height'), 10);
      assert.ok(after > before + 200, `the iframe went from ${before} to ${after} px`);
      assert.equal(await frame.locator('.embed-event:visible').count(), 16);

      assert.deepEqual(errors, [], `console errors at ${width}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await host.close();
    await site.stop();
    await big.stop();
  }
});

test('the story moves with →, a swipe and Back, in its own page and embedded', { timeout: 240000 }, async () => {
  mkdirSync(artifacts, { recursive: true });
  const site = await serve(copySite('media'));
  const host = await hostServer();
  const browser = await launch();
  try {
    for (const width of [320, 640]) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, hasTouch: true });
      const page = await context.newPage();
      const errors = watch(page);
      await page.goto(`${site.url}story/index.html`);
      const snippet = await page.$eval('.embed-snippet', (t) => t.value);
      assert.ok(snippet.includes(`data-pym-src="${site.url}embed/story/index.html"`), snippet);
      await page.goto(host.page(snippet));
      const { frame } = await sizedFrame(page, `story embed at ${width}`);
      const current = () => frame.$eval('.slide.is-current', (s) => s.id);
      assert.equal(await current(), 'story_title');
      await axe(frame, `story embed at ${width}`);
      // → moves to the first event and puts it in the address.
      await frame.focus('.story-next');
      await page.keyboard.press('ArrowRight');
      assert.equal(await current(), 'crews');
      assert.ok(frame.url().endsWith('#crews'), frame.url());
      await sizedFrame(page, `story slide at ${width}`);
      // A swipe to the left moves on.
      const box = await (await page.$('div[data-pym-src] iframe')).boundingBox();
      const cdp = await context.newCDPSession(page);
      const y = box.y + Math.min(box.height - 20, 300);
      const touch = (type, x) => cdp.send('Input.dispatchTouchEvent', {
        type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }],
      });
      await touch('touchStart', box.x + box.width - 30);
      for (let k = 1; k <= 5; k += 1) await touch('touchMove', box.x + box.width - 30 - k * 40);
      await touch('touchEnd');
      await frame.waitForFunction(() => document.querySelector('.slide.is-current').id === 'bridge');
      assert.ok(frame.url().endsWith('#bridge'), frame.url());
      await page.screenshot({ path: join(artifacts, `story-host-${width}.png`), fullPage: true });
      // Back returns to the slide before.
      await page.evaluate(() => history.back());
      await frame.waitForFunction(() => document.querySelector('.slide.is-current').id === 'crews');
      // Links in the embedded story open in the top window.
      await frame.locator('.slide.is-current h2 a').click();
      await page.waitForURL(/\/events\/crews\/index\.html$/);
      assert.deepEqual(errors, [], `console errors at ${width}`);
      await context.close();
    }
    // The story page itself, light and dark, at a phone's and a desktop's width.
    for (const [width, scheme] of [[390, 'light'], [390, 'dark'], [1280, 'light'], [1280, 'dark']]) {
      const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, colorScheme: scheme });
      const page = await context.newPage();
      const errors = watch(page);
      await page.goto(`${site.url}story/index.html#bridge`);
      assert.equal(await page.$eval('.slide.is-current', (s) => s.id), 'bridge');
      await page.waitForFunction(() => document.querySelector('.slide.is-current img').complete);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scroll');
      await axe(page, `story ${width} ${scheme}`);
      await page.screenshot({ path: join(artifacts, `story-${width}-${scheme}.png`) });
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.$eval('.slide.is-current', (s) => s.id), 'ferry');
      assert.equal(await page.$eval('.slide.is-current .media-kind', (s) => s.textContent), 'Video · YouTube');
      assert.deepEqual(errors, [], `console errors: story ${width} ${scheme}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await host.close();
    await site.stop();
  }
});

test('hostile option values leave the default view, and file:// works', { timeout: 120000 }, async () => {
  const site = await serve(repo);
  const out = join(mkdtempSync(join(tmpdir(), 'annals-embed-out-')), 'public');
  execFileSync(annals, ['build', '--root', repo, '--output', out], { stdio: 'ignore' });
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 400, height: 800 } });
    const page = await context.newPage();
    const errors = watch(page);
    const hostile = [
      'start=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'tags=%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E',
      'actors=..%2F..%2Fetc',
      'places=military,,%22',
      'height=99999999999999999999',
      'height=-5',
      'theme=%3Cb%3Edark',
      'start=no-such-event&height=12',
      `start=${'a'.repeat(5000)}`,
    ];
    for (const q of hostile) {
      await page.goto(`${site.url}embed/index.html?${q}`);
      const seen = await page.evaluate(() => ({
        shown: document.querySelectorAll('.embed-event:not([hidden])').length,
        current: document.querySelectorAll('.is-current').length,
        theme: document.documentElement.dataset.theme || '',
        fixed: document.documentElement.classList.contains('fixed-height'),
        injected: document.documentElement.outerHTML.includes('alert(') || document.querySelectorAll('img, b').length > 0,
      }));
      assert.deepEqual(seen, { shown: 10, current: 0, theme: '', fixed: false, injected: false }, q);
    }
    await page.goto(`${site.url}story/index.html?start=%3Cscript%3E#%3Cimg%20src=x%20onerror=alert(3)%3E`);
    assert.equal(await page.$eval('.slide.is-current', (s) => s.id), 'story_title');
    assert.deepEqual(errors, [], 'console errors with hostile options');

    // From disk: the options and the slides' addresses still work.
    const file = (path) => pathToFileURL(join(out, path)).href;
    await page.goto(`${file('embed/index.html')}?start=fto-designation&theme=dark`);
    assert.equal(await page.$eval('.embed-event.is-current', (li) => li.id), 'e-fto-designation');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.goto(`${file('story/index.html')}#fto-designation`);
    assert.equal(await page.$eval('.slide.is-current', (s) => s.id), 'fto-designation');
    await page.keyboard.press('ArrowRight');
    assert.notEqual(await page.$eval('.slide.is-current', (s) => s.id), 'fto-designation');
    await context.close();
  } finally {
    await browser.close();
    await site.stop();
  }
});

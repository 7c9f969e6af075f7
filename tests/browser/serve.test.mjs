// The editor's loop in a real browser: an edit appears without reloading
// by hand, a broken date shows its location in the overlay, a fix clears it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copySite, serve, launch } from './helpers.mjs';

test('serve reloads the page on edits and shows located errors', async () => {
  const site = copySite('good');
  const server = await serve(site);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${server.url}events/refusal/`);
    assert.equal(await page.textContent('h1'), 'The refusal');

    const file = join(site, 'content', 'events', 'refusal.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('title: The refusal', 'title: The refusal, revised'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'The refusal, revised',
      null, { timeout: 5000 });

    writeFileSync(file, original.replace('2025-05-04', '2025-05-44'));
    const overlay = await page.waitForSelector('#annals-overlay', { timeout: 5000 });
    const text = await overlay.textContent();
    assert.match(text, /content\/events\/refusal\.yaml:2:15: error: invalid date `2025-05-44`/);
    assert.equal(await page.textContent('h1'), 'The refusal, revised', 'the last good page stays');

    writeFileSync(file, original);
    await page.waitForFunction(() => !document.querySelector('#annals-overlay')
      && document.querySelector('h1')?.textContent === 'The refusal', null, { timeout: 5000 });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

// Shared by the browser tests: start `annals serve` on a free 127.0.0.1
// port, and Debian's headless Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const annals = join(repo, 'target', 'debug', 'annals');

/** A copy of a fixture site in a temp folder. */
export function copySite(fixture) {
  const dir = join(mkdtempSync(join(tmpdir(), 'annals-browser-')), 'site');
  cpSync(join(repo, 'tests', 'fixtures', fixture), dir, { recursive: true });
  return dir;
}

/** Starts `annals serve --root root --port 0`; resolves with { url, stop }. */
export function serve(root) {
  const child = spawn(annals, ['serve', '--root', root, '--port', '0'], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 30000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          log: () => log,
          stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGINT'); }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${log}`)));
  });
}

/** Headless Chromium from Debian; never a downloaded browser. */
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// The scripts compute what the build computes. annals.js redraws the
// axis's ticks when it zooms (the tick choice and the calendar of
// src/axis.rs), and it holds the `fold` that the list filter and search.js
// share (the folding of src/search.rs's index). Rust's unit tests write
// what Rust computes to tests/browser/fixtures/*.json; here the scripts run
// in Node on the same cases and must give exactly the same. After a change
// on the Rust side, `ANNALS_BLESS=1 cargo test --lib` rewrites the tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { repo } from './helpers.mjs';

const fixture = (name) => JSON.parse(readFileSync(join(repo, 'tests', 'browser', 'fixtures', name), 'utf8'));

/**
 * annals.js then search.js run as classic scripts in one bare global
 * scope, as a page runs them (the page itself never starts); returns what
 * each exports to Node.
 */
function loadScripts() {
  const context = vm.createContext({ document: { readyState: 'loading', addEventListener() {} } });
  const run = (name) => {
    context.module = { exports: {} };
    vm.runInContext(readFileSync(join(repo, 'static', name), 'utf8'), context, { filename: name });
    return context.module.exports;
  };
  return { annals: run('annals.js'), search: run('search.js') };
}

const { annals, search } = loadScripts();
// Values made in the scripts' realm, as plain data of this one.
const plain = (value) => JSON.parse(JSON.stringify(value));

test('the calendar: day numbers to civil dates and back, years as labels', () => {
  const { days, years, names } = fixture('calendar.json');
  assert.ok(days.length > 50 && years.length > 10);
  for (const [day, y, m, d] of days) {
    assert.deepEqual(plain(annals.civil(day)), [y, m, d], `civil(${day})`);
    assert.equal(annals.daysOf(y, m, d), day, `daysOf(${y}, ${m}, ${d})`);
  }
  for (const { year, ...labels } of years) {
    for (const [lang, label] of Object.entries(labels)) {
      assert.equal(annals.yearLabel(year, names[lang]), label, `${lang}: ${year}`);
    }
  }
});

test('the ticks of any view are the ticks the build draws', () => {
  const { layout, names, cases } = fixture('ticks.json');
  assert.ok(cases.length > 50);
  for (const { lang, lo, hi, ticks } of cases) {
    const got = annals.tickMarks([lo, hi], layout, names[lang]).map((t) => [t.t, t.x, t.label, t.anchor]);
    assert.deepEqual(plain(got), ticks, `${lang} ${lo}..${hi}`);
  }
});

test('one fold for the filter and search, the index’s', () => {
  const { words } = fixture('fold.json');
  assert.ok(words.length > 30);
  for (const [text, folded, split] of words) {
    assert.equal(annals.fold(text), folded, text);
    assert.deepEqual(plain(search.words(text)), split, text);
  }
});

test('interface words: plural forms and placeholders', () => {
  const format = annals.formatter('en');
  assert.equal(format(annals.WORDS.showing, { shown: 3, total: 10 }, 10), 'Showing 3 of 10 events');
  assert.equal(format(annals.WORDS.total, { total: 1 }, 1), '1 event');
  assert.equal(format(search.WORDS.results, { n: 1, query: 'a b' }, 1), '1 result for “a b”.');
  assert.equal(format(search.WORDS.results, { n: 2, query: 'x' }, 2), '2 results for “x”.');
  assert.equal(format('{a} {b}', { a: '{b}', b: '$&' }), '{b} $&', 'values are not patterns');
});

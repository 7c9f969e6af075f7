// annals search: the search page's script. It loads the index that
// `annals build` writes to search/data/ with <script> elements (browsers
// allow those from file://, where they block fetch()), finds the documents
// that hold every word of the query, and lists them as links. No
// dependencies and no requests outside the site. Words are folded by
// `annals.fold` from annals.js, which every page loads (deferred, so this
// script starts once the page is parsed): the same folding as the list
// filter's and as src/search.rs's when it builds the index.
(() => {
  'use strict';

  /**
   * Every word this script shows. {name} is filled in; an object holds
   * plural forms, by CLDR category (one, other, …) or exact number, in
   * language `lang`. The build writes this table from the site language's
   * message file (`search-js-…` in src/i18n/LANG.ftl); the English one is
   * what it writes for `en`, and a test keeps the two the same.
   */
  const WORDS = {
    "lang": "en",
    "tooShort": "Type a longer word to search.",
    "noResults": "No results for “{query}”. Every word must appear in an event or source; try fewer words.",
    "results": {"one":"{n} result for “{query}”.","other":"{n} results for “{query}”."},
    "manyPrefixed": "Many words begin with “{word}”: only “{word}” itself is searched until you type more.",
    "notLoaded": "The search index could not be loaded ({error}). Rebuilding the site writes it again.",
    "event": "Event",
    "source": "Source",
  };

  const TITLE = 1;
  const META = 2;
  const BODY = 4;
  const PAGE_SIZE = 20;
  const MAX_PREFIX_SHARDS = 8;
  const MAX_WORD_CHARS = 64;
  const SNIPPET_BEFORE = 60;
  const SNIPPET_LENGTH = 220;

  // --------------------------------------------------------------- words

  const WORD = /[\p{Alphabetic}\p{N}]+/gu;

  /** The words of `text` as the index holds them (see `words` in src/search.rs). */
  function words(text) {
    return (annals.fold(text).match(WORD) || [])
      .filter((w) => !(w.length === 1 && w.charCodeAt(0) < 128))
      .map((w) => {
        const chars = Array.from(w);
        return chars.length > MAX_WORD_CHARS ? chars.slice(0, MAX_WORD_CHARS).join('') : w;
      });
  }

  // -------------------------------------------------------------- loading

  const waiting = {};
  const loading = {};

  /** Called by each data file with its own name and its contents. */
  function add(name, data) {
    const done = waiting[name];
    if (done) {
      delete waiting[name];
      done(data);
    }
  }

  /** Loads a data file (a name relative to this page) once. */
  function load(name) {
    loading[name] ??= new Promise((resolve, reject) => {
      const fail = () => {
        delete waiting[name];
        delete loading[name];
        reject(new Error(name));
      };
      waiting[name] = resolve;
      const script = document.createElement('script');
      script.src = name;
      script.onerror = fail;
      script.onload = () => { if (waiting[name]) fail(); };
      document.head.appendChild(script);
    });
    return loading[name];
  }

  /** Index of the last entry of the sorted `keys` that is <= `key` (0 if none). */
  function lastAtMost(keys, key) {
    let lo = 0;
    let hi = keys.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] <= key) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** The term shards that may hold `word` (and, as a prefix, the words it begins). */
  function shardsFor(manifest, word, prefix) {
    if (!manifest.terms.length) return [];
    const first = lastAtMost(manifest.terms, word);
    let last = first;
    if (prefix) {
      while (last + 1 < manifest.terms.length && manifest.terms[last + 1].startsWith(word)) last++;
    }
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  }

  // ------------------------------------------------------------ matching

  function weight(fields) {
    return fields & TITLE ? 16 : fields & META ? 4 : 1;
  }

  /** Adds the documents of one term's postings to `hits` (document → hit). */
  function decode(postings, events, exact, hits) {
    let doc = 0;
    for (let i = 0; i < postings.length;) {
      const v = postings[i++];
      doc += Math.floor(v / 8);
      const fields = v & 7;
      let paragraphs = null;
      if (doc >= events && (fields & BODY)) {
        const n = postings[i++];
        let p = 0;
        paragraphs = [];
        for (let k = 0; k < n; k++) {
          p += postings[i++];
          paragraphs.push(p);
        }
      }
      const score = weight(fields) * (exact ? 1 : 0.5);
      const hit = hits.get(doc);
      if (!hit) {
        hits.set(doc, { score, paragraphs: paragraphs || [] });
      } else {
        hit.score = Math.max(hit.score, score);
        if (paragraphs) hit.paragraphs = hit.paragraphs.concat(paragraphs);
      }
    }
  }

  /** The entries of a shard ([term, postings], sorted) for `word`. */
  function entriesFor(shard, word, prefix) {
    let lo = 0;
    let hi = shard.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (shard[mid][0] < word) lo = mid + 1; else hi = mid;
    }
    const out = [];
    for (let i = lo; i < shard.length; i++) {
      const term = shard[i][0];
      if (term !== word && !(prefix && term.startsWith(word))) break;
      out.push(shard[i]);
    }
    return out;
  }

  /**
   * What to look up for each word of `query`: its shards, and whether it
   * also matches the words it begins (the last word, while it is typed).
   */
  function plan(manifest, query) {
    const ws = Array.from(new Set(words(query)));
    const typing = !/\s$/.test(query);
    let note = '';
    const plans = ws.map((word, i) => {
      let prefix = typing && i === ws.length - 1;
      let shards = shardsFor(manifest, word, prefix);
      if (shards.length > MAX_PREFIX_SHARDS) {
        note = format(WORDS.manyPrefixed, { word });
        prefix = false;
        shards = shardsFor(manifest, word, false);
      }
      return { word, prefix, shards };
    });
    return { plans, note };
  }

  /** The documents holding all the words, each with its score and best paragraph. */
  function combine(perWord) {
    perWord.sort((a, b) => a.size - b.size);
    const results = [];
    if (!perWord.length) return results;
    perWord[0].forEach((first, doc) => {
      let score = first.score;
      const counts = new Map();
      for (let i = 0; i < perWord.length; i++) {
        const hit = i === 0 ? first : perWord[i].get(doc);
        if (!hit) return;
        if (i > 0) score += hit.score;
        new Set(hit.paragraphs).forEach((p) => counts.set(p, (counts.get(p) || 0) + 1));
      }
      // The paragraph that holds most of the words, the earliest of equals.
      let paragraph = null;
      let best = 0;
      counts.forEach((n, p) => {
        if (n > best || (n === best && p < paragraph)) {
          best = n;
          paragraph = p;
        }
      });
      results.push({ doc, score, paragraph });
    });
    return results;
  }

  /**
   * Every document holding all the words of `query`, best first: a word
   * in a title counts more than in the date, names or byline, which count
   * more than the text; the last word also matches the words it begins
   * while it is being typed. Ties keep timeline order.
   */
  async function find(manifestName, query) {
    const manifest = await load(manifestName);
    const { plans, note } = plan(manifest, query);
    const needed = new Set(plans.flatMap((p) => p.shards));
    const loaded = {};
    await Promise.all([...needed].map((s) => load(manifest.term_files[s]).then((data) => { loaded[s] = data; })));
    const perWord = plans.map((p) => {
      const hits = new Map();
      for (const s of p.shards) {
        for (const [term, postings] of entriesFor(loaded[s], p.word, p.prefix)) {
          decode(postings, manifest.events, term === p.word, hits);
        }
      }
      return hits;
    });
    const results = combine(perWord);
    results.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return { manifest, plans, results, note };
  }

  // ------------------------------------------------------------- showing

  /** Ranges [start, end) of the words of `text` that the query matches. */
  function matches(text, plans) {
    const out = [];
    for (const m of text.matchAll(new RegExp(WORD.source, 'gu'))) {
      const hit = words(m[0]).some((w) => plans.some((p) => w === p.word || (p.prefix && w.startsWith(p.word))));
      if (hit) out.push([m.index, m.index + m[0].length]);
    }
    return out;
  }

  /** Appends `text` to `el`, the ranges wrapped in <mark>; never as HTML. */
  function appendMarked(el, text, ranges, offset) {
    let at = 0;
    for (const [from, to] of ranges) {
      const start = from - offset;
      const end = to - offset;
      if (start < at || end > text.length) continue;
      el.appendChild(document.createTextNode(text.slice(at, start)));
      const mark = document.createElement('mark');
      mark.textContent = text.slice(start, end);
      el.appendChild(mark);
      at = end;
    }
    el.appendChild(document.createTextNode(text.slice(at)));
  }

  /** A stretch of `text` around its first match, cut at spaces. */
  function snippet(el, text, plans) {
    const ranges = matches(text, plans);
    let start = ranges.length ? Math.max(0, ranges[0][0] - SNIPPET_BEFORE) : 0;
    if (start > 0) {
      const space = text.indexOf(' ', start);
      start = space >= 0 && space < ranges[0][0] ? space + 1 : start;
    }
    let end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      const back = text.lastIndexOf(' ', end);
      if (back > start) end = back;
    }
    if (start > 0) el.appendChild(document.createTextNode('… '));
    appendMarked(el, text.slice(start, end), ranges.filter(([a, b]) => a >= start && b <= end), start);
    if (end < text.length) el.appendChild(document.createTextNode(' …'));
  }

  /** The records (see src/search.rs) of documents, by number. */
  async function records(manifest, docs) {
    const chunks = new Set(docs.map((d) => lastAtMost(manifest.docs, d)));
    const byChunk = {};
    await Promise.all([...chunks].map((c) => load(manifest.doc_files[c]).then((data) => { byChunk[c] = data; })));
    return docs.map((d) => {
      const c = lastAtMost(manifest.docs, d);
      return byChunk[c][d - manifest.docs[c]];
    });
  }

  function element(tag, className) {
    const node = document.createElement(tag);
    node.className = className;
    return node;
  }

  /** One result: title (a link), kind, date and byline, snippet. */
  function item(root, found, result, record) {
    const isEvent = result.doc < found.manifest.events;
    const [title, path, date] = record;
    let url = root + path;
    let text;
    if (isEvent) {
      text = record[3];
    } else {
      const p = record[4][result.paragraph === null ? 0 : result.paragraph];
      if (p && result.paragraph !== null) url += `#${p[0]}`;
      text = p ? p[1] : '';
    }
    const li = element('li', 'search-result');
    const heading = element('h2', 'search-result-title');
    const a = document.createElement('a');
    a.href = url;
    appendMarked(a, title, matches(title, found.plans), 0);
    heading.appendChild(a);
    li.appendChild(heading);
    const meta = element('p', 'search-result-meta');
    const kind = element('span', 'search-kind');
    kind.textContent = isEvent ? WORDS.event : WORDS.source;
    meta.appendChild(kind);
    const details = [date, ...(isEvent ? [] : [record[3]])].filter(Boolean).join(' · ');
    if (details) meta.appendChild(document.createTextNode(` · ${details}`));
    li.appendChild(meta);
    if (text) {
      const p = element('p', 'search-snippet');
      snippet(p, text, found.plans);
      li.appendChild(p);
    }
    return li;
  }

  // ------------------------------------------------------------ the page

  let format = null;

  /** Puts the query into the address, for sharing and going back. */
  function keepInUrl(query) {
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
    if (url.href === location.href) return;
    try {
      history.replaceState(history.state, '', url.href);
    } catch {
      // Some browsers refuse to change a file:// address; the box keeps the query.
    }
  }

  /** The status line for what `found` holds. */
  function summary(found, query) {
    const n = found.results.length;
    const main = n === 0
      ? format(WORDS.noResults, { query })
      : format(WORDS.results, { n, query }, n);
    return found.note ? `${main} ${found.note}` : main;
  }

  function start() {
    const form = document.getElementById('search-form');
    const input = document.getElementById('search-q');
    const status = document.getElementById('search-status');
    const list = document.getElementById('search-results');
    const more = document.getElementById('search-more');
    if (!form || !input || !status || !list || !more) return;
    const root = form.getAttribute('data-root') || '';
    const manifestName = form.getAttribute('data-manifest') || '';
    format = annals.formatter(WORDS.lang);
    window.annalsSearch = { add };

    let generation = 0;
    let current = null;
    let shown = 0;
    const say = (text) => { status.textContent = text; };

    const showMore = async () => {
      const mine = generation;
      const slice = current.results.slice(shown, shown + PAGE_SIZE);
      const recs = await records(current.manifest, slice.map((r) => r.doc));
      if (mine !== generation) return;
      const items = document.createDocumentFragment();
      slice.forEach((r, i) => items.appendChild(item(root, current, r, recs[i])));
      list.appendChild(items);
      shown += slice.length;
      more.hidden = shown >= current.results.length;
    };

    const run = async (query) => {
      const mine = ++generation;
      keepInUrl(query.trim() ? query : '');
      if (!words(query).length) {
        current = null;
        list.replaceChildren();
        more.hidden = true;
        say(query.trim() ? WORDS.tooShort : '');
        return;
      }
      try {
        const found = await find(manifestName, query);
        if (mine !== generation) return;
        current = found;
        shown = 0;
        list.replaceChildren();
        more.hidden = true;
        say(summary(found, query.trim()));
        if (found.results.length) await showMore();
      } catch (e) {
        if (mine !== generation) return;
        say(format(WORDS.notLoaded, { error: e.message }));
      }
    };

    let timer = 0;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => run(input.value), 120);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      run(input.value);
    });
    more.addEventListener('click', () => showMore());

    const initial = new URLSearchParams(location.search).get('q') || '';
    input.value = initial;
    if (initial) run(initial); else input.focus();
  }

  // For the tests that run this file in Node against tables Rust writes.
  if (typeof module !== 'undefined') module.exports = { words, WORDS };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

// annals search: the search page's script. It loads the index that
// `annals build` writes to search/data/ with <script> elements (browsers
// allow those from file://, where they block fetch()), finds the documents
// that hold every word of the query, and lists them as links. No
// dependencies and no requests outside the site. Words are folded exactly
// as src/search.rs folds them when it builds the index.
(function () {
  'use strict';

  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  if (!form || !input || !status || !list || !more) return;

  var root = form.getAttribute('data-root') || '';
  var manifestName = form.getAttribute('data-manifest') || '';

  var TITLE = 1, META = 2, BODY = 4;
  var PAGE_SIZE = 20;
  var MAX_PREFIX_SHARDS = 8;
  var MAX_WORD_CHARS = 64;
  var SNIPPET_BEFORE = 60, SNIPPET_LENGTH = 220;

  // --------------------------------------------------------------- words

  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var SPELT = /[ßæœþøđðłıς]/g;
  var SPELLING = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'þ': 'th', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'ł': 'l', 'ı': 'i', 'ς': 'σ' };
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  function fold(text) {
    return text.normalize('NFKD').toLowerCase().replace(MARKS, '')
      .replace(SPELT, function (c) { return SPELLING[c]; });
  }

  /** The words of `text` as the index holds them (see `words` in src/search.rs). */
  function words(text) {
    var out = [];
    var found = fold(text).match(WORD) || [];
    for (var i = 0; i < found.length; i++) {
      var w = found[i];
      if (w.length === 1 && w.charCodeAt(0) < 128) continue;
      var chars = Array.from(w);
      out.push(chars.length > MAX_WORD_CHARS ? chars.slice(0, MAX_WORD_CHARS).join('') : w);
    }
    return out;
  }

  // -------------------------------------------------------------- loading

  var waiting = {};
  var loading = {};

  // Each data file calls this with its own name and its contents.
  window.annalsSearch = {
    add: function (name, data) {
      var done = waiting[name];
      if (done) {
        delete waiting[name];
        done(data);
      }
    },
  };

  /** Loads a data file (a name relative to this page) once. */
  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var fail = function () {
          delete waiting[name];
          delete loading[name];
          reject(new Error(name));
        };
        waiting[name] = resolve;
        var script = document.createElement('script');
        script.src = name;
        script.onerror = fail;
        script.onload = function () { if (waiting[name]) fail(); };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  /** Index of the last entry of the sorted `keys` that is <= `key` (0 if none). */
  function lastAtMost(keys, key) {
    var lo = 0, hi = keys.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] <= key) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /** The term shards that may hold `word` (and, as a prefix, the words it begins). */
  function shardsFor(manifest, word, prefix) {
    if (!manifest.terms.length) return [];
    var first = lastAtMost(manifest.terms, word);
    var last = first;
    if (prefix) {
      while (last + 1 < manifest.terms.length && manifest.terms[last + 1].startsWith(word)) last++;
    }
    var out = [];
    for (var i = first; i <= last; i++) out.push(i);
    return out;
  }

  // ------------------------------------------------------------ matching

  function weight(fields) {
    return fields & TITLE ? 16 : fields & META ? 4 : 1;
  }

  /** Adds the documents of one term's postings to `hits` (document → hit). */
  function decode(postings, events, exact, hits) {
    var doc = 0;
    for (var i = 0; i < postings.length;) {
      var v = postings[i++];
      doc += Math.floor(v / 8);
      var fields = v & 7;
      var paragraphs = null;
      if (doc >= events && (fields & BODY)) {
        var n = postings[i++], p = 0;
        paragraphs = [];
        for (var k = 0; k < n; k++) { p += postings[i++]; paragraphs.push(p); }
      }
      var score = weight(fields) * (exact ? 1 : 0.5);
      var hit = hits.get(doc);
      if (!hit) {
        hits.set(doc, { score: score, paragraphs: paragraphs || [] });
      } else {
        hit.score = Math.max(hit.score, score);
        if (paragraphs) hit.paragraphs = hit.paragraphs.concat(paragraphs);
      }
    }
  }

  /** The entries of a shard ([term, postings], sorted) for `word`. */
  function entriesFor(shard, word, prefix) {
    var lo = 0, hi = shard.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (shard[mid][0] < word) lo = mid + 1; else hi = mid;
    }
    var out = [];
    for (var i = lo; i < shard.length; i++) {
      var term = shard[i][0];
      if (term === word || (prefix && term.startsWith(word))) out.push(shard[i]);
      else break;
    }
    return out;
  }

  /**
   * Every document holding all the words of `query`, best first: a word
   * in a title counts more than in the date, names or byline, which count
   * more than the text; the last word also matches the words it begins
   * while it is being typed. Ties keep timeline order.
   */
  async function find(query) {
    var manifest = await load(manifestName);
    var ws = Array.from(new Set(words(query)));
    var typing = !/\s$/.test(query);
    var note = '';
    var plans = ws.map(function (w, i) {
      var prefix = typing && i === ws.length - 1;
      var shards = shardsFor(manifest, w, prefix);
      if (shards.length > MAX_PREFIX_SHARDS) {
        note = 'Many words begin with “' + w + '”: only “' + w + '” itself is searched until you type more.';
        prefix = false;
        shards = shardsFor(manifest, w, false);
      }
      return { word: w, prefix: prefix, shards: shards };
    });
    var needed = new Set();
    plans.forEach(function (p) { p.shards.forEach(function (s) { needed.add(s); }); });
    var loaded = {};
    await Promise.all(Array.from(needed).map(function (s) {
      return load(manifest.term_files[s]).then(function (data) { loaded[s] = data; });
    }));
    var perWord = plans.map(function (p) {
      var hits = new Map();
      p.shards.forEach(function (s) {
        entriesFor(loaded[s], p.word, p.prefix).forEach(function (entry) {
          decode(entry[1], manifest.events, entry[0] === p.word, hits);
        });
      });
      return hits;
    });
    perWord.sort(function (a, b) { return a.size - b.size; });
    var results = [];
    if (perWord.length) {
      perWord[0].forEach(function (first, doc) {
        var score = first.score, counts = new Map();
        for (var i = 0; i < perWord.length; i++) {
          var hit = i === 0 ? first : perWord[i].get(doc);
          if (!hit) return;
          if (i > 0) score += hit.score;
          new Set(hit.paragraphs).forEach(function (p) { counts.set(p, (counts.get(p) || 0) + 1); });
        }
        // The paragraph that holds most of the words, the earliest of equals.
        var paragraph = null, best = 0;
        counts.forEach(function (n, p) {
          if (n > best || (n === best && p < paragraph)) { best = n; paragraph = p; }
        });
        results.push({ doc: doc, score: score, paragraph: paragraph });
      });
    }
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { manifest: manifest, plans: plans, results: results, note: note };
  }

  // ------------------------------------------------------------ showing

  /** Ranges [start, end) of the words of `text` that the query matches. */
  function matches(text, plans) {
    var out = [];
    var re = new RegExp(WORD.source, 'gu'), m;
    while ((m = re.exec(text))) {
      var hit = words(m[0]).some(function (w) {
        return plans.some(function (p) { return w === p.word || (p.prefix && w.startsWith(p.word)); });
      });
      if (hit) out.push([m.index, m.index + m[0].length]);
    }
    return out;
  }

  /** Appends `text` to `el`, the ranges wrapped in <mark>; never as HTML. */
  function appendMarked(el, text, ranges, offset) {
    var at = 0;
    ranges.forEach(function (r) {
      var start = r[0] - offset, end = r[1] - offset;
      if (start < at || end > text.length) return;
      el.appendChild(document.createTextNode(text.slice(at, start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(start, end);
      el.appendChild(mark);
      at = end;
    });
    el.appendChild(document.createTextNode(text.slice(at)));
  }

  /** A stretch of `text` around its first match, cut at spaces. */
  function snippet(el, text, plans) {
    var ranges = matches(text, plans);
    var start = ranges.length ? Math.max(0, ranges[0][0] - SNIPPET_BEFORE) : 0;
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space >= 0 && space < ranges[0][0] ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      var back = text.lastIndexOf(' ', end);
      if (back > start) end = back;
    }
    var shown = text.slice(start, end);
    if (start > 0) el.appendChild(document.createTextNode('… '));
    appendMarked(el, shown, ranges.filter(function (r) { return r[0] >= start && r[1] <= end; }), start);
    if (end < text.length) el.appendChild(document.createTextNode(' …'));
  }

  /** The records (see src/search.rs) of documents, by number. */
  async function records(manifest, docs) {
    var chunks = new Set(docs.map(function (d) { return lastAtMost(manifest.docs, d); }));
    var byChunk = {};
    await Promise.all(Array.from(chunks).map(function (c) {
      return load(manifest.doc_files[c]).then(function (data) { byChunk[c] = data; });
    }));
    return docs.map(function (d) {
      var c = lastAtMost(manifest.docs, d);
      return byChunk[c][d - manifest.docs[c]];
    });
  }

  function item(found, result, record) {
    var isEvent = result.doc < found.manifest.events;
    var title = record[0], url = root + record[1], date = record[2], text;
    if (isEvent) {
      text = record[3];
    } else {
      var paragraphs = record[4];
      var p = paragraphs[result.paragraph === null ? 0 : result.paragraph];
      if (p && result.paragraph !== null) url += '#' + p[0];
      text = p ? p[1] : '';
    }
    var li = document.createElement('li');
    li.className = 'search-result';
    var heading = document.createElement('h2');
    heading.className = 'search-result-title';
    var a = document.createElement('a');
    a.href = url;
    appendMarked(a, title, matches(title, found.plans), 0);
    heading.appendChild(a);
    li.appendChild(heading);
    var meta = document.createElement('p');
    meta.className = 'search-result-meta';
    var kind = document.createElement('span');
    kind.className = 'search-kind';
    kind.textContent = isEvent ? 'Event' : 'Source';
    meta.appendChild(kind);
    var details = [date].concat(isEvent ? [] : [record[3]]).filter(Boolean).join(' · ');
    if (details) meta.appendChild(document.createTextNode(' · ' + details));
    li.appendChild(meta);
    if (text) {
      var p2 = document.createElement('p');
      p2.className = 'search-snippet';
      snippet(p2, text, found.plans);
      li.appendChild(p2);
    }
    return li;
  }

  // ------------------------------------------------------------- the page

  var generation = 0;
  var current = null;
  var shown = 0;

  function say(text) { status.textContent = text; }

  function keepInUrl(query) {
    var url = new URL(location.href);
    if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
    if (url.href === location.href) return;
    try {
      history.replaceState(history.state, '', url.href);
    } catch (e) {
      // Some browsers refuse to change a file:// address; the box keeps the query.
    }
  }

  async function showMore() {
    var mine = generation;
    var slice = current.results.slice(shown, shown + PAGE_SIZE);
    var recs = await records(current.manifest, slice.map(function (r) { return r.doc; }));
    if (mine !== generation) return;
    var items = document.createDocumentFragment();
    slice.forEach(function (r, i) { items.appendChild(item(current, r, recs[i])); });
    list.appendChild(items);
    shown += slice.length;
    more.hidden = shown >= current.results.length;
  }

  async function run(query) {
    var mine = ++generation;
    keepInUrl(query.trim() ? query : '');
    if (!words(query).length) {
      current = null;
      list.replaceChildren();
      more.hidden = true;
      say(query.trim() ? 'Type a longer word to search.' : '');
      return;
    }
    try {
      var found = await find(query);
      if (mine !== generation) return;
      current = found;
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      var n = found.results.length;
      var quoted = '“' + query.trim() + '”';
      say((n === 0
        ? 'No results for ' + quoted + '. Every word must appear in an event or source; try fewer words.'
        : n + (n === 1 ? ' result' : ' results') + ' for ' + quoted + '.') + (found.note ? ' ' + found.note : ''));
      if (n) await showMore();
    } catch (e) {
      if (mine !== generation) return;
      say('The search index could not be loaded (' + e.message + '). Rebuilding the site writes it again.');
    }
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 120);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  more.addEventListener('click', function () { showMore(); });

  var initial = new URLSearchParams(location.search).get('q') || '';
  input.value = initial;
  if (initial) run(initial); else input.focus();
})();

// annals — progressive enhancement of the built pages. Every page works
// without this file; with it, lists gain filters (their state kept in the
// address, so a filtered view can be shared), the axis gains zoom and pan,
// and the keyboard moves between events (j / k). No dependencies, no
// requests: it only rearranges what the page already holds.
//
// It also holds what search.js shares with it (`annals.fold`,
// `annals.formatter`), so the list filter and search match words alike.
// What the build knows comes from the page: the axis's span, month names,
// BC pattern, thousands separator and tick spacing are attributes of its
// SVG. The tick choice and the calendar are the build's (src/axis.rs),
// written once more here because a zoom needs ticks the build did not
// draw; tests/browser/parity.test.mjs checks them against tables that
// Rust writes.
(() => {
  'use strict';

  /**
   * Every word this script shows. {name} is filled in; an object holds
   * plural forms, by CLDR category (one, other, …) or exact number, in
   * language `lang`. The build writes this table from the site language's
   * message file (`annals-js-…` in src/i18n/LANG.ftl); the English one is
   * what it writes for `en`, and a test keeps the two the same.
   */
  const WORDS = {
    "lang": "en",
    "filterForm": "Filter the events",
    "filterLabel": "Filter",
    "filterPlaceholder": "Title, summary or terms",
    "filterPlaceholderTitles": "Title or terms",
    "tagsLabel": "Topic",
    "tagsAll": "All topics",
    "actorsLabel": "Person or organisation",
    "actorsAll": "All people and organisations",
    "placesLabel": "Place",
    "placesAll": "All places",
    "termOption": "{term} ({count})",
    "clear": "Clear",
    "keys": "Keys: j and k move to the next and previous event.",
    "keysPaged": "Filters the events of this page. Keys: j and k move to the next and previous event.",
    "showing": {"one":"Showing {shown} of {total} event","other":"Showing {shown} of {total} events"},
    "total": {"one":"{total} event","other":"{total} events"},
    "allOfTerm": "All events: {term} →",
    "searchPages": "Search every page for “{words}” →",
    "filterToggle": "Filter",
    "noMatch": "No events match.",
    "clearFilters": "Clear the filters",
    "axisControls": "Zoom and pan the axis",
    "zoomIn": "Zoom in",
    "zoomOut": "Zoom out",
    "earlier": "Earlier",
    "later": "Later",
    "reset": "Reset",
    "resetTitle": "Show the whole timeline",
  };

  /** Each taxonomy's words in the list filter. */
  const TAXONOMY_WORDS = {
    tags: { label: WORDS.tagsLabel, all: WORDS.tagsAll },
    actors: { label: WORDS.actorsLabel, all: WORDS.actorsAll },
    places: { label: WORDS.placesLabel, all: WORDS.placesAll },
  };

  // ------------------------------------------------------------- text

  // Combining marks that `fold` drops (`is_diacritic` in src/search.rs).
  const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  // Letters without a decomposition, spelt out as src/search.rs does.
  const SPELLING = { ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', ς: 'σ' };
  const SPELT = new RegExp(`[${Object.keys(SPELLING).join('')}]`, 'g');

  /**
   * Text folded for matching, exactly as `fold` in src/search.rs folds the
   * search index: compatibility decomposition, lower case, diacritics
   * dropped, a few letters spelt out ("Straße" → "strasse").
   */
  function fold(text) {
    return text.normalize('NFKD').toLowerCase().replace(MARKS, '')
      .replace(SPELT, (c) => SPELLING[c]);
  }

  /**
   * A function that fills a text of a words table: each {name} from
   * `values` (numbers written as language `lang` writes them), and of a
   * text with plural forms the one that `count` takes in `lang`.
   */
  function formatter(lang) {
    const plurals = new Intl.PluralRules(lang);
    const numbers = new Intl.NumberFormat(lang);
    const shown = (v) => (typeof v === 'number' ? numbers.format(v) : `${v}`);
    return (text, values = {}, count = 0) => {
      const pattern = typeof text === 'string' ? text : text[count] ?? text[plurals.select(count)] ?? text.other;
      return pattern.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? shown(values[name]) : whole));
    };
  }

  const format = formatter(WORDS.lang);

  /** Characters (code points, as Rust counts them) of `text`. */
  const length = (text) => [...text].length;

  // ---------------------------------------------------------- elements

  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  }

  function eventIdOf(href) {
    const m = /(?:^|\/)events\/([^/]+)\/(?:index\.html)?$/.exec(href || '');
    return m ? m[1] : null;
  }

  // ----------------------------------------------------------- filters

  const TAXONOMIES = ['tags', 'actors', 'places'];

  /**
   * Counts one card's term in `terms` (taxonomy → slug → entry); its key
   * "taxonomy/slug", or null for a taxonomy the filters do not offer.
   */
  function countOne(terms, taxonomy, slug, name, href) {
    if (!slug || !Object.hasOwn(terms, taxonomy)) return null;
    const entry = terms[taxonomy][slug] ??= { name, count: 0, href };
    entry.count += 1;
    return `${taxonomy}/${slug}`;
  }

  /** Counts the term a card's link leads to. */
  function countTerm(terms, a) {
    const key = termOf(a);
    return key && countOne(terms, key[0], key[1], a.textContent, a.getAttribute('href'));
  }

  /** [taxonomy, slug] of a term link (`…/TAXONOMY/SLUG/index.html`). */
  function termOf(a) {
    const m = /([a-z]+)\/([^/]+)\/(?:index\.html)?$/.exec(a.getAttribute('href') || '');
    return m ? [m[1], m[2]] : null;
  }

  /**
   * The names of the terms a list's cards carry in `data-terms`, written
   * once a page (`{"taxonomy/slug": name}`), and the way to their pages.
   */
  function listTermNames() {
    const script = document.querySelector('script.list-terms');
    if (!script) return { names: Object.create(null), root: '' };
    try {
      return { names: JSON.parse(script.textContent), root: script.dataset.root || '' };
    } catch {
      return { names: Object.create(null), root: '' };
    }
  }

  /** Counts a term given as "taxonomy/slug" and named in `names`. */
  function countKey(terms, key, { names, root }) {
    if (!Object.hasOwn(names, key)) return null;
    const [taxonomy, slug] = key.split('/');
    return countOne(terms, taxonomy, slug, names[key], `${root}${key}/index.html`);
  }

  /**
   * The events of a list, and their terms: a card names them in
   * `data-terms`, or (a template of the site's own) links to them.
   */
  function readList(cards) {
    const terms = Object.fromEntries(TAXONOMIES.map((name) => [name, Object.create(null)]));
    const named = listTermNames();
    const items = cards.map((card) => {
      const own = card.dataset.terms
        ? card.dataset.terms.split(' ').map((key) => countKey(terms, key, named)).filter(Boolean)
        : [...card.querySelectorAll('.terms a.term')].map((a) => countTerm(terms, a)).filter(Boolean);
      // Words are looked for in the card and in its terms' names.
      const names = card.dataset.terms ? own.map((key) => named.names[key]).join(' ') : '';
      return {
        li: card.closest('li') || card,
        id: card.id.replace(/^e-/, ''),
        terms: own,
        text: fold(`${card.textContent} ${names}`),
      };
    });
    return { items, terms };
  }

  /** A select of one taxonomy's terms, by name, with their counts. */
  function termSelect(name, entries, wanted) {
    const slugs = Object.keys(entries).sort((a, b) => entries[a].name.localeCompare(entries[b].name));
    const select = el('select', { id: `filter-${name}`, name }, [
      el('option', { value: '', text: TAXONOMY_WORDS[name].all }),
      ...slugs.map((slug) => el('option', {
        value: slug,
        text: format(WORDS.termOption, { term: entries[slug].name, count: entries[slug].count }),
      })),
    ]);
    if (wanted && entries[wanted]) select.value = wanted;
    return select;
  }

  /** The filter form: a text box, a select per taxonomy, a status line. */
  function filterForm(terms, params, paged, summaries) {
    const form = el('form', { class: 'filters', role: 'search', 'aria-label': WORDS.filterForm });
    form.addEventListener('submit', (e) => e.preventDefault());
    const q = el('input', {
      type: 'search', id: 'filter-q', name: 'q', autocomplete: 'off',
      placeholder: summaries ? WORDS.filterPlaceholder : WORDS.filterPlaceholderTitles,
    });
    q.value = params.get('q') || '';
    form.append(el('div', { class: 'filter-field filter-text' }, [
      el('label', { for: 'filter-q', text: WORDS.filterLabel }), q]));
    const selects = {};
    for (const name of TAXONOMIES) {
      if (!Object.keys(terms[name]).length) continue;
      selects[name] = termSelect(name, terms[name], params.get(name));
      form.append(el('div', { class: 'filter-field' }, [
        el('label', { for: `filter-${name}`, text: TAXONOMY_WORDS[name].label }), selects[name]]));
    }
    const clear = el('button', { type: 'button', class: 'filter-clear', text: WORDS.clear });
    const status = el('p', { class: 'filter-status', role: 'status', 'aria-live': 'polite' });
    // A list cut into pages filters the page on screen; for one term, the
    // term's own page holds all of its events.
    const more = el('p', { class: 'filter-more' });
    more.hidden = true;
    form.append(clear, status, more, el('p', { class: 'filter-keys', text: paged ? WORDS.keysPaged : WORDS.keys }));
    return { form, q, selects, clear, status, more };
  }

  /** The terms chosen in the selects, as "taxonomy/slug". */
  function chosenTerms(selects) {
    return Object.keys(selects).filter((name) => selects[name].value)
      .map((name) => `${name}/${selects[name].value}`);
  }

  /** True when `href` (a term's page) is not the page on screen or above it. */
  function elsewhere(href) {
    const base = new URL(href, location.href).pathname.replace(/index\.html$/, '');
    return !location.pathname.startsWith(base);
  }

  /** Puts the text box and the selects into the address, for sharing. */
  function keepInAddress(q, selects) {
    const next = new URLSearchParams(location.search);
    if (q.value.trim()) next.set('q', q.value.trim()); else next.delete('q');
    for (const [name, select] of Object.entries(selects)) {
      if (select.value) next.set(name, select.value); else next.delete(name);
    }
    const search = next.toString();
    history.replaceState(null, '', location.pathname + (search ? `?${search}` : '') + location.hash);
  }

  function setupFilters(list) {
    const cards = [...list.querySelectorAll('.event-card')];
    if (cards.length < 2) return;
    const { items, terms } = readList(cards);
    const paged = document.querySelector('.list-pager');
    const { form, q, selects, clear, status, more } = filterForm(
      terms, new URLSearchParams(location.search), paged, !!list.querySelector('.event-summary'));
    // The list and its filters side by side where the page is wide; on a
    // phone the filters fold away behind one button above the list.
    const layout = el('div', { class: 'list-layout' });
    const box = el('details', { class: 'filters-box' }, [el('summary', { text: WORDS.filterToggle }), form]);
    const wide = window.matchMedia('(min-width: 64rem)');
    const unfold = () => { if (wide.matches) box.open = true; };
    unfold();
    wide.addEventListener('change', unfold);
    // Nothing matching: say so in the list's place, with the way back.
    const empty = el('div', { class: 'filter-empty', role: 'status' }, [
      el('p', { text: WORDS.noMatch }),
      el('button', { type: 'button', class: 'filter-empty-clear', text: WORDS.clearFilters }),
    ]);
    empty.hidden = true;
    list.parentNode.insertBefore(layout, list);
    layout.append(box, empty, list);
    const marks = [...document.querySelectorAll('svg.axis a.mark')];

    const apply = (updateUrl) => {
      const words = fold(q.value).split(/\s+/).filter(Boolean);
      const wanted = chosenTerms(selects);
      const shown = new Set();
      let count = 0;
      for (const it of items) {
        const ok = wanted.every((w) => it.terms.includes(w)) && words.every((w) => it.text.includes(w));
        it.li.hidden = !ok;
        if (ok) {
          shown.add(it.id);
          count += 1;
        }
      }
      list.querySelectorAll('section.month, section.year').forEach((section) => {
        section.hidden = !section.querySelector('li:not([hidden]) .event-card');
      });
      const active = words.length > 0 || wanted.length > 0;
      for (const m of marks) m.classList.toggle('dimmed', active && !shown.has(eventIdOf(m.getAttribute('href'))));
      const total = items.length;
      status.textContent = active
        ? format(WORDS.showing, { shown: count, total }, total)
        : format(WORDS.total, { total }, total);
      clear.hidden = !active;
      empty.hidden = !(active && count === 0);
      if (active && box.open === false && count === 0) box.open = true;
      // One term and no words: its own page holds all of its events (not
      // shown on that page, where it would lead back to it).
      const [taxonomy, slug] = wanted.length === 1 && !words.length ? wanted[0].split('/') : [];
      const entry = taxonomy && terms[taxonomy][slug];
      more.replaceChildren();
      more.hidden = !(paged && entry && entry.href && elsewhere(entry.href));
      if (!more.hidden) more.append(el('a', { href: entry.href, text: format(WORDS.allOfTerm, { term: entry.name }) }));
      // Words alone, on one page of several: the search page looks in them all.
      const search = document.querySelector('.site-search');
      if (more.hidden && paged && words.length && !wanted.length && search) {
        const query = q.value.trim();
        more.hidden = false;
        more.append(el('a', {
          href: `${search.getAttribute('action')}?q=${encodeURIComponent(query)}`,
          text: format(WORDS.searchPages, { words: query }),
        }));
      }
      if (updateUrl) keepInAddress(q, selects);
    };
    q.addEventListener('input', () => apply(true));
    for (const select of Object.values(selects)) select.addEventListener('change', () => apply(true));
    const clearAll = () => {
      q.value = '';
      for (const select of Object.values(selects)) select.value = '';
      apply(true);
      q.focus();
    };
    clear.addEventListener('click', clearAll);
    empty.querySelector('button').addEventListener('click', clearAll);
    apply(false);
  }

  // ---------------------------------------------------------- calendar

  const DAY = 86400;

  /** Civil date [year, month, day] (proleptic Gregorian, astronomical years) of a day from 1970-01-01. */
  function civil(days) {
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
  }

  /** The day from 1970-01-01 of a civil date (inverse of `civil`). */
  function daysOf(year, m, d) {
    const y = m <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const mp = (m + 9) % 12;
    const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  const secondsOf = (y, m, d) => daysOf(y, m, d) * DAY;

  /** A year as readers write it ("44 BC" for -43), with the page's BC pattern and thousands separator. */
  function yearLabel(y, names) {
    const digits = String(y <= 0 ? 1 - y : y);
    const grouped = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, names.sep) : digits;
    return y <= 0 ? names.bc.replace('{year}', () => grouped) : grouped;
  }

  // ------------------------------------------------------------- ticks
  // Step by step as `choose_step`, `ticks`, `spaced` and `tick_anchor` in
  // src/axis.rs.

  /** Tick spacing for a span of seconds, about `target` ticks: { days: n } or { months: n }. */
  function chooseStep(span, target = 8) {
    const days = span / DAY;
    const d = [1, 2, 7, 14].find((n) => days / n <= target);
    if (d) return { days: d };
    const months = days / 30.44;
    const m = [1, 2, 3, 6].find((n) => months / n <= target);
    if (m) return { months: m };
    const years = days / 365.2425;
    for (let unit = 1; ; unit *= 10) {
      const y = [1, 2, 5].map((k) => unit * k).find((n) => years / n <= target);
      if (y) return { months: y * 12 };
    }
  }

  function dayTicks(lo, hi, step, names) {
    const out = [];
    for (let day = Math.floor(lo / DAY); day * DAY <= hi; day += step) {
      if (day * DAY < lo) continue;
      const [y, m, d] = civil(day);
      out.push([day * DAY, `${d} ${names.months[m - 1]} ${yearLabel(y, names)}`]);
    }
    return out;
  }

  // Deep time, as src/date/display.rs names it: years before 1950
  // ("present" in geology and radiocarbon dating), three significant
  // digits, from 10,001 BC back.
  const PRESENT = 1950;
  const DEEP_TIME = -10000;

  /** Years ago of a deep-time year, rounded to three significant digits; null for a calendar year. */
  function yearsAgo(y) {
    if (y > DEEP_TIME) return null;
    const ago = PRESENT - y;
    const digits = String(ago).length;
    if (digits <= 3) return ago;
    const unit = 10 ** (digits - 3);
    return Math.floor((ago + unit / 2) / unit) * unit;
  }

  /** `n` (up to two decimals) with the page's decimal and group separators. */
  function decimal(n, names) {
    const [whole, fraction] = String(Math.round(n * 100) / 100).split('.');
    const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, names.sep) : whole;
    return fraction ? `${grouped}${names.deep.dec}${fraction}` : grouped;
  }

  /** A year as the list's headings name it: deep time in years ago ("13.8 billion years ago"), else yearLabel. */
  function yearHeading(y, names) {
    const ago = names.deep ? yearsAgo(y) : null;
    if (ago === null) return yearLabel(y, names);
    const [unit, key] = ago >= 1e9 ? [1e9, 'b'] : ago >= 1e6 ? [1e6, 'm'] : [1, 'y'];
    const n = unit === 1 ? ago : Math.floor(ago / (unit / 100)) / 100;
    const forms = names.deep[key];
    const category = new Intl.PluralRules(names.lang).select(n);
    const words = (forms[category] ?? forms.other).replace('{n}', () => decimal(n, names));
    return names.deep.ago.replace('{years}', () => words);
  }

  /** Round years as readers count them: 1000 BC, AD 1, 1000, 2000; deep time in years ago where that tells the ticks apart. */
  function roundYearTicks(lo, hi, step, names) {
    const first = civil(Math.floor(lo / DAY))[0];
    const last = civil(Math.floor(hi / DAY))[0];
    let years = [];
    for (let k = Math.floor((1 - first) / step); k >= 1 && 1 - k * step <= last; k--) years.push(1 - k * step);
    years.push(1);
    for (let k = Math.max(Math.floor(first / step), 1); k * step <= last; k++) years.push(k * step);
    years = years.filter((y) => secondsOf(y, 1, 1) >= lo && secondsOf(y, 1, 1) <= hi);
    let labels = years.map((y) => yearHeading(y, names));
    if (labels.some((label, i) => i > 0 && label === labels[i - 1])) labels = years.map((y) => yearLabel(y, names));
    return years.map((y, i) => [secondsOf(y, 1, 1), labels[i]]);
  }

  function monthTicks(lo, hi, step, names) {
    const [y, m] = civil(Math.floor(lo / DAY));
    const out = [];
    let index = y * 12 + m - 1;
    index -= ((index % step) + step) % step;
    for (; ; index += step) {
      const ty = Math.floor(index / 12);
      const tm = index - ty * 12 + 1;
      const t = secondsOf(ty, tm, 1);
      if (t > hi) break;
      if (t < lo) continue;
      out.push([t, step % 12 === 0 ? yearLabel(ty, names) : `${names.months[tm - 1]} ${yearLabel(ty, names)}`]);
    }
    return out;
  }

  /** Tick times (seconds) and labels between `lo` and `hi`, about `target` of them. */
  function ticks(lo, hi, names, target = 8) {
    const step = chooseStep(hi - lo, target);
    if (step.days) return dayTicks(lo, hi, step.days, names);
    if (step.months % 12 === 0 && step.months > 12) return roundYearTicks(lo, hi, step.months / 12, names);
    return monthTicks(lo, hi, step.months, names);
  }

  /** Where time `t` is drawn (viewBox units) when `view` fills the axis. */
  function xOf(t, view, layout) {
    return layout.margin + (t - view[0]) * ((layout.width - 2 * layout.margin) / (view[1] - view[0]));
  }

  /** Every other tick dropped until no two labels overlap. */
  function spaced(list, x, layout) {
    const width = (label) => length(label) * layout.tickChar;
    const crowded = (ts) => ts.some(([t, label], i) => i > 0
      && x(t) - x(ts[i - 1][0]) < (width(ts[i - 1][1]) + width(label)) / 2 + layout.tickGap);
    let out = list;
    while (out.length > 2 && crowded(out)) out = out.filter((_, i) => i % 2 === 0);
    return out;
  }

  /** The side a label is anchored on: a label centred near an edge would be cut off. */
  function tickAnchor(x, label, layout) {
    const half = (length(label) * layout.tickChar) / 2;
    return x - half < 0 ? 'start' : x + half > layout.width ? 'end' : '';
  }

  /** The ticks drawn for `view`: [{ t, x, label, anchor }], as the build draws them. */
  function tickMarks(view, layout, names) {
    const x = (t) => xOf(t, view, layout);
    return spaced(ticks(view[0], view[1], names), x, layout)
      .map(([t, label]) => ({ t, x: x(t), label, anchor: tickAnchor(x(t), label, layout) }));
  }

  // ---------------------------------------------------------- the axis

  const SVG = 'http://www.w3.org/2000/svg';
  /** The most events a zoom draws one by one in place of the columns. */
  const OPEN_LIMIT = 60;

  /** Where a shape or label of the axis sits at full scale, so a zoom moves it with its time. */
  function partOf(a, node) {
    const tag = node.tagName.toLowerCase();
    const t1 = a.getAttribute('data-t1');
    const x = Number(node.getAttribute(tag === 'circle' ? 'cx' : 'x'));
    // A label keeps the distance from its shape's start that the build gave it.
    const shape = tag === 'text' ? a.querySelector('rect, circle') : null;
    const shapeX = shape ? Number(shape.getAttribute(shape.tagName.toLowerCase() === 'circle' ? 'cx' : 'x')) : x;
    return {
      node,
      tag,
      t0: Number(a.getAttribute('data-t0')),
      t1: t1 === '' ? null : Number(t1),
      x,
      w: node.hasAttribute('width') ? Number(node.getAttribute('width')) : 0,
      pad: x - shapeX,
      cluster: a.classList.contains('cluster'),
      era: a.classList.contains('era'),
    };
  }

  class Axis {
    constructor(svg) {
      this.svg = svg;
      this.lo = Number(svg.getAttribute('data-lo'));
      this.hi = Number(svg.getAttribute('data-hi'));
      this.view = [this.lo, this.hi];
      this.names = {
        months: (svg.getAttribute('data-months') || '').split(','),
        bc: svg.getAttribute('data-bc') || '{year} BC',
        sep: svg.getAttribute('data-sep') || ',',
        deep: JSON.parse(svg.getAttribute('data-deep') || 'null'),
        lang: document.documentElement.lang || 'en',
      };
      const line = svg.querySelector('.axis-line');
      this.layout = {
        width: svg.viewBox.baseVal.width,
        // The axis line runs from one margin to the other.
        margin: line ? Number(line.getAttribute('x1')) : 0,
        tickChar: Number(svg.getAttribute('data-tick-char')),
        tickGap: Number(svg.getAttribute('data-tick-gap')),
      };
      this.width = this.layout.width;
      this.margin = this.layout.margin;
      this.ticks = svg.querySelector('.axis-ticks');
      const tick = this.ticks && this.ticks.querySelector('.tick');
      this.tickLine = tick ? tick.querySelector('line') : null;
      this.tickText = tick ? tick.querySelector('text') : null;
      // A broken scale (long stretches with no event cut out): the build's
      // pieces, each `t0,t1,f0,f1,gap` (src/outputs/html/axis/scale.rs).
      this.pieces = (svg.getAttribute('data-pieces') || '').split(';').filter(Boolean).map((p) => {
        const [t0, t1, f0, f1, gap] = p.split(',').map(Number);
        return { t0, t1, f0, f1, gap: gap === 1 };
      });
      this.breaks = [...svg.querySelectorAll('g.axis-break')].map((g) => {
        const rect = g.querySelector('rect');
        return {
          g, rect, path: g.querySelector('path'),
          t0: Number(g.getAttribute('data-t0')), t1: Number(g.getAttribute('data-t1')),
          y: Number(rect.getAttribute('y')) + 8,
        };
      });
      // A clustered axis opens its columns when a zoom narrows the view to
      // a few of the events this page lists: their cards hold their spans.
      this.clustered = svg.classList.contains('clustered') && svg.hasAttribute('data-top');
      if (this.clustered) {
        this.top = Number(svg.getAttribute('data-top'));
        this.lane = Number(svg.getAttribute('data-lane'));
        this.laneCount = Number(svg.getAttribute('data-lanes'));
        this.events = [...document.querySelectorAll('.event-card[data-t0]')].map((card) => ({
          id: card.id,
          t0: Number(card.dataset.t0),
          t1: card.dataset.t1 ? Number(card.dataset.t1) : null,
          importance: Number((card.className.match(/importance-(\d)/) || [0, 3])[1]),
          name: `${card.querySelector('.event-title').textContent.trim()} (${card.querySelector('.event-date').textContent.trim()})`,
        }));
        this.opened = document.createElementNS(SVG, 'g');
        this.opened.setAttribute('class', 'opened-marks');
        svg.append(this.opened);
      }
      this.parts = [...svg.querySelectorAll('a.mark, a.cluster, g.era')].flatMap((a) =>
        [...a.children].filter((node) => node.tagName.toLowerCase() !== 'title').map((node) => partOf(a, node)));
    }

    /** Where time `t` stands on the whole axis, 0 to 1 (the build's `at`). */
    u(t) {
      const c = Math.min(Math.max(t, this.lo), this.hi);
      if (!this.pieces.length) return (c - this.lo) / (this.hi - this.lo);
      const p = this.pieces.find((q) => q.t1 >= c) || this.pieces.at(-1);
      return p.t1 <= p.t0 ? p.f0 : p.f0 + ((c - p.t0) / (p.t1 - p.t0)) * (p.f1 - p.f0);
    }

    /** The time at `u` (0 to 1) on the whole axis. */
    timeOfU(u) {
      if (!this.pieces.length) return this.lo + u * (this.hi - this.lo);
      const p = this.pieces.find((q) => q.f1 >= u) || this.pieces.at(-1);
      const along = p.f1 > p.f0 ? (u - p.f0) / (p.f1 - p.f0) : 0;
      return Math.round(p.t0 + Math.min(Math.max(along, 0), 1) * (p.t1 - p.t0));
    }

    x(t, view = this.view) {
      if (!this.pieces.length) return xOf(t, view, this.layout);
      const [a, b] = [this.u(view[0]), this.u(view[1])];
      return this.margin + ((this.u(t) - a) / (b - a)) * (this.width - 2 * this.margin);
    }

    /** Time at x (viewBox units) in the full-scale drawing. */
    fullTime(x) {
      if (this.pieces.length) return this.timeOfU((x - this.margin) / (this.width - 2 * this.margin));
      return this.lo + (x - this.margin) / (this.width - 2 * this.margin) * (this.hi - this.lo);
    }

    /** The ticks of the view: on a broken scale, each stretch's own. */
    tickList() {
      if (!this.pieces.length) return tickMarks(this.view, this.layout, this.names);
      const x = (t) => this.x(t);
      const room = this.width - 2 * this.margin;
      const width = (label) => length(label) * this.layout.tickChar;
      const out = [];
      for (const p of this.pieces) {
        const [a, b] = [Math.max(p.t0, this.view[0]), Math.min(p.t1, this.view[1])];
        if (b <= a) continue;
        const share = (x(b) - x(a)) / room;
        // A break has ticks only when a zoom has made it wide.
        if (p.gap && share < 0.25) continue;
        for (const [t, label] of spaced(ticks(a, b, this.names, Math.max(2, 8 * share)), x, this.layout)) {
          const last = out.at(-1);
          if (!last || x(t) - x(last[0]) >= (width(last[1]) + width(label)) / 2 + this.layout.tickGap) out.push([t, label]);
        }
      }
      return out.map(([t, label]) => ({ t, x: x(t), label, anchor: tickAnchor(x(t), label, this.layout) }));
    }

    /**
     * Zoomed in to at most OPEN_LIMIT of the page's events, the columns
     * open: those events are drawn one by one in the lanes of the marks,
     * each leading to its card; zoomed out, the columns come back.
     */
    openColumns() {
      const zoomed = this.view[0] !== this.lo || this.view[1] !== this.hi;
      const inView = zoomed ? this.events.filter((e) => e.t0 >= this.view[0] && e.t0 <= this.view[1]) : [];
      const open = inView.length > 0 && inView.length <= OPEN_LIMIT;
      this.svg.classList.toggle('opened', open);
      this.opened.replaceChildren();
      if (!open) return;
      const edge = this.width - this.margin;
      const ends = [];
      for (const e of inView.sort((a, b) => a.t0 - b.t0)) {
        const r = 3 + e.importance;
        const x0 = this.x(e.t0);
        const x1 = e.t1 === null ? edge : Math.min(Math.max(this.x(e.t1), x0), edge);
        let lane = ends.findIndex((end) => end + 3 < x0 - r);
        if (lane < 0 && ends.length < this.laneCount) lane = ends.push(-Infinity) - 1;
        if (lane < 0) lane = ends.indexOf(Math.min(...ends));
        ends[lane] = Math.max(x1, x0 + r);
        const cy = this.top + lane * this.lane;
        const a = document.createElementNS(SVG, 'a');
        a.setAttribute('href', `#${e.id}`);
        a.setAttribute('class', `mark importance-${e.importance} opened-mark`);
        a.setAttribute('tabindex', '-1');
        a.setAttribute('data-t0', String(e.t0));
        const title = document.createElementNS(SVG, 'title');
        title.textContent = e.name;
        const bar = x1 - x0 >= 2 * r;
        const shape = document.createElementNS(SVG, bar ? 'rect' : 'circle');
        const attrs = bar
          ? { class: 'bar', x: x0, y: cy - r, width: x1 - x0, height: 2 * r, rx: 4 }
          : { class: 'point', cx: x0, cy, r };
        for (const [k, v] of Object.entries(attrs)) shape.setAttribute(k, typeof v === 'number' ? v.toFixed(1) : v);
        a.append(title, shape);
        this.opened.append(a);
      }
    }

    /** A break keeps its place; one outside the view is hidden. */
    drawBreak(b) {
      const [x0, x1] = [this.x(b.t0), this.x(b.t1)];
      const out = x1 < this.margin || x0 > this.width - this.margin;
      b.g.style.display = out ? 'none' : '';
      if (out) return;
      b.rect.setAttribute('x', x0.toFixed(1));
      b.rect.setAttribute('width', Math.max(x1 - x0, 0).toFixed(1));
      const y = b.y;
      b.path.setAttribute('d', `M${(x0 + 1).toFixed(1)} ${y + 7}L${(x0 + 6).toFixed(1)} ${y - 7}M${(x1 - 6).toFixed(1)} ${y + 7}L${(x1 - 1).toFixed(1)} ${y - 7}`);
    }

    clamp(x) {
      return Math.max(this.margin, Math.min(this.width - this.margin, x));
    }

    /** A column keeps its place in time: both its edges move with it. */
    drawCluster(p) {
      const a = this.x(this.fullTime(p.x));
      p.node.setAttribute('x', a.toFixed(1));
      if (p.tag === 'rect') {
        p.node.setAttribute('width', Math.max(this.x(this.fullTime(p.x + p.w)) - a, 1).toFixed(1));
      }
    }

    /** A band spans its era; its name stays at the visible start. */
    drawEra(p, x0, x1) {
      const [a, b] = [this.clamp(x0), this.clamp(x1)];
      if (p.tag === 'rect') {
        p.node.setAttribute('x', a.toFixed(1));
        p.node.setAttribute('width', Math.max(b - a, 0).toFixed(1));
      } else {
        p.node.setAttribute('x', (a + p.pad).toFixed(1));
        p.node.style.visibility = b - a < p.node.getComputedTextLength() + 2 * p.pad ? 'hidden' : '';
      }
    }

    drawMark(p, x0, x1) {
      const node = p.node;
      if (p.tag === 'circle') {
        node.setAttribute('cx', x0.toFixed(1));
      } else if (p.tag === 'rect') {
        node.setAttribute('x', this.clamp(x0).toFixed(1));
        node.setAttribute('width', Math.max(this.clamp(x1) - this.clamp(x0), 1).toFixed(1));
      } else {
        // A label moves with the edge of the mark it was drawn against.
        const full = [this.lo, this.hi];
        const old0 = this.x(p.t0, full);
        const old1 = p.t1 === null ? this.width - this.margin : this.x(p.t1, full);
        const inside = node.classList.contains('inside');
        const after = !inside && !node.classList.contains('before');
        let x = p.x + (after ? x1 - old1 : x0 - old0);
        if (inside) x = Math.max(x, this.margin + p.pad);
        node.setAttribute('x', x.toFixed(1));
        // A label that a zoom or pan has pushed past the chart's edge (or
        // whose bar no longer holds it) is hidden, not cut.
        if (p.len === undefined) p.len = node.getComputedTextLength();
        const left = node.classList.contains('before') ? x - p.len : x;
        const past = left < 0 || left + p.len > this.width;
        const squeezed = inside && x + p.len > x1 - p.pad / 2;
        node.style.visibility = past || squeezed ? 'hidden' : '';
      }
    }

    tickNode({ x, label, anchor }) {
      const at = x.toFixed(1);
      const g = document.createElementNS(SVG, 'g');
      g.setAttribute('class', 'tick');
      g.setAttribute('role', 'listitem');
      const line = this.tickLine.cloneNode(false);
      line.setAttribute('x1', at);
      line.setAttribute('x2', at);
      const text = this.tickText.cloneNode(false);
      text.setAttribute('x', at);
      text.setAttribute('class', anchor ? `axis-label ${anchor}` : 'axis-label');
      text.textContent = label;
      g.append(line, text);
      return g;
    }

    draw() {
      const edge = this.width - this.margin;
      for (const p of this.parts) {
        if (p.cluster) {
          this.drawCluster(p);
          continue;
        }
        const x0 = this.x(p.t0);
        const x1 = p.t1 === null ? edge : this.x(p.t1);
        if (p.era) this.drawEra(p, x0, x1);
        else this.drawMark(p, x0, x1);
      }
      for (const b of this.breaks) this.drawBreak(b);
      if (this.clustered) this.openColumns();
      if (this.ticks && this.tickLine) {
        this.ticks.replaceChildren(...this.tickList().map((t) => this.tickNode(t)));
      }
      this.svg.classList.toggle('zoomed', this.view[0] !== this.lo || this.view[1] !== this.hi);
      if (this.onchange) this.onchange();
    }

    /** Zooms by `factor` (< 1 narrows the view) around time `at`. */
    zoom(factor, at = (this.view[0] + this.view[1]) / 2) {
      if (this.pieces.length) {
        // A broken scale zooms in its own measure: shares of the width.
        const [a, b] = [this.u(this.view[0]), this.u(this.view[1])];
        const next = Math.min(1, Math.max((b - a) * factor, 1e-7));
        const ua = this.u(at);
        const lo = Math.max(0, Math.min(1 - next, ua - ((ua - a) / (b - a)) * next));
        this.view = [this.timeOfU(lo), this.timeOfU(lo + next)];
        this.draw();
        return;
      }
      const span = this.view[1] - this.view[0];
      const full = this.hi - this.lo;
      const next = Math.min(full, Math.max(span * factor, Math.min(full, DAY / 4)));
      const lo = at - ((at - this.view[0]) / span) * next;
      this.view = this.bounded(lo, lo + next);
      this.draw();
    }

    /** Moves the view by `fraction` of its width. */
    pan(fraction) {
      if (this.pieces.length) {
        const [a, b] = [this.u(this.view[0]), this.u(this.view[1])];
        const lo = Math.max(0, Math.min(1 - (b - a), a + (b - a) * fraction));
        this.view = [this.timeOfU(lo), this.timeOfU(lo + (b - a))];
        this.draw();
        return;
      }
      const span = this.view[1] - this.view[0];
      this.view = this.bounded(this.view[0] + span * fraction, this.view[1] + span * fraction);
      this.draw();
    }

    bounded(from, to) {
      let [lo, hi] = [from, to];
      const span = hi - lo;
      if (lo < this.lo) [lo, hi] = [this.lo, this.lo + span];
      if (hi > this.hi) [lo, hi] = [this.hi - span, this.hi];
      return [Math.max(lo, this.lo), Math.min(hi, this.hi)];
    }

    reset() {
      this.view = [this.lo, this.hi];
      this.draw();
    }

    /** Time under a pointer's clientX. */
    timeAt(clientX) {
      const box = this.svg.getBoundingClientRect();
      const x = ((clientX - box.left) / box.width) * this.width;
      if (this.pieces.length) {
        const [a, b] = [this.u(this.view[0]), this.u(this.view[1])];
        return this.timeOfU(a + ((x - this.margin) / (this.width - 2 * this.margin)) * (b - a));
      }
      return this.view[0] + (x - this.margin) / (this.width - 2 * this.margin) * (this.view[1] - this.view[0]);
    }
  }

  /** A button; symbols get a name, a word names itself. */
  function button(text, label, action) {
    const attrs = label ? { type: 'button', 'aria-label': label, title: label, text } : { type: 'button', text };
    const b = el('button', attrs);
    b.addEventListener('click', action);
    return b;
  }

  function axisControls(axis) {
    const reset = button(WORDS.reset, null, () => axis.reset());
    reset.title = WORDS.resetTitle;
    const zoomIn = button('+', WORDS.zoomIn, () => axis.zoom(0.5));
    const zoomOut = button('\u2212', WORDS.zoomOut, () => axis.zoom(2));
    const earlier = button('\u2190', WORDS.earlier, () => axis.pan(-0.4));
    const later = button('\u2192', WORDS.later, () => axis.pan(0.4));
    const controls = el('div', { class: 'axis-controls', role: 'group', 'aria-label': WORDS.axisControls },
      [zoomIn, zoomOut, earlier, later, reset]);
    // A button that can do nothing is disabled: no zooming out of the
    // whole, no panning past an end, no zooming in past a quarter day.
    axis.onchange = () => {
      const [lo, hi] = axis.view;
      const zoomed = axis.svg.classList.contains('zoomed');
      reset.disabled = !zoomed;
      zoomOut.disabled = !zoomed;
      earlier.disabled = lo <= axis.lo;
      later.disabled = hi >= axis.hi;
      zoomIn.disabled = hi - lo <= DAY / 4;
    };
    axis.onchange();
    return controls;
  }

  /**
   * The links of a chart are one stop in the Tab order (a roving
   * tabindex): arrow keys move between them in time order, Home and End
   * to the first and last.
   */
  function rovingFocus(svg) {
    const links = [...svg.querySelectorAll('a')];
    if (!links.length) return;
    const at = (a) => Number(a.getAttribute('data-t0')) || 0;
    links.sort((a, b) => at(a) - at(b));
    const current = (a) => {
      for (const l of links) l.setAttribute('tabindex', l === a ? '0' : '-1');
    };
    current(links[0]);
    svg.addEventListener('focusin', (e) => { if (links.includes(e.target)) current(e.target); });
    svg.addEventListener('keydown', (e) => {
      const i = links.indexOf(document.activeElement);
      if (i < 0) return;
      const to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: links.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      const next = links[Math.max(0, Math.min(links.length - 1, to))];
      current(next);
      next.focus();
    });
  }

  /** The axis marks of the event whose card holds the focus are highlighted. */
  function markFocusedEvent() {
    let lit = [];
    document.addEventListener('focusin', (e) => {
      const card = e.target.closest && e.target.closest('.event-card');
      if (!card && e.target.closest && e.target.closest('svg')) return;
      for (const m of lit) m.classList.remove('current');
      lit = card ? [...document.querySelectorAll(`svg a.mark[href$="#${card.id}"], svg a.mark[href$="/${card.id.slice(2)}/index.html"]`)] : [];
      for (const m of lit) m.classList.add('current');
    });
  }

  /** Ctrl + wheel or a pinch zooms; a sideways wheel or a drag pans a zoomed axis. */
  function pointerControls(axis) {
    const svg = axis.svg;
    const zoomed = () => svg.classList.contains('zoomed');
    svg.addEventListener('wheel', (e) => {
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        axis.zoom(e.deltaY > 0 ? 1.25 : 0.8, axis.timeAt(e.clientX));
      } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY) && zoomed()) {
        e.preventDefault();
        axis.pan(e.deltaX / 600);
      }
    }, { passive: false });
    let drag = null;
    // Two fingers: the pinch zooms about the point between them.
    const fingers = new Map();
    let pinch = null;
    const spread = () => {
      const [a, b] = [...fingers.values()];
      return { d: Math.abs(a - b), mid: (a + b) / 2 };
    };
    svg.addEventListener('pointerdown', (e) => {
      if (e.pointerType === 'touch') fingers.set(e.pointerId, e.clientX);
      if (fingers.size === 2) {
        pinch = spread();
        drag = { x: e.clientX, moved: true };
        return;
      }
      if (zoomed() && e.button === 0) drag = { x: e.clientX, moved: false };
    });
    svg.addEventListener('pointermove', (e) => {
      if (pinch && fingers.has(e.pointerId)) {
        fingers.set(e.pointerId, e.clientX);
        const now = spread();
        if (now.d > 8 && pinch.d > 8 && Math.abs(now.d - pinch.d) > 2) {
          axis.zoom(pinch.d / now.d, axis.timeAt(now.mid));
          pinch = now;
        }
        return;
      }
      if (!drag) return;
      const dx = e.clientX - drag.x;
      if (Math.abs(dx) <= 3) return;
      drag.moved = true;
      svg.setPointerCapture(e.pointerId);
      axis.pan((-dx / svg.getBoundingClientRect().width) * axis.width / (axis.width - 2 * axis.margin));
      drag.x = e.clientX;
    });
    const end = (e) => {
      fingers.delete(e.pointerId);
      if (fingers.size < 2) pinch = null;
      setTimeout(() => { drag = null; }, 0);
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    // A drag is not a click on the mark under the pointer.
    svg.addEventListener('click', (e) => { if (drag && drag.moved) e.preventDefault(); }, true);
  }

  function setupAxis(svg) {
    const axis = new Axis(svg);
    if (!(axis.hi > axis.lo)) return;
    const figure = svg.closest('figure') || svg.parentNode;
    figure.insertBefore(axisControls(axis), figure.firstChild);
    pointerControls(axis);
    const keys = {
      '+': () => axis.zoom(0.5),
      '=': () => axis.zoom(0.5),
      '-': () => axis.zoom(2),
      0: () => axis.reset(),
    };
    // +, - and 0 work from anywhere on the page, but in a text box.
    document.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target) || !Object.hasOwn(keys, e.key)) return;
      e.preventDefault();
      keys[e.key]();
    });
  }

  // ---------------------------------------------------------- keyboard

  function typing(target) {
    const tag = target && target.tagName ? target.tagName.toLowerCase() : '';
    return tag === 'input' || tag === 'select' || tag === 'textarea' || Boolean(target && target.isContentEditable);
  }

  /** The event link j (forward) or k moves the focus to, from the focused one or the window's top. */
  function nextLink(links, forward) {
    const at = links.indexOf(document.activeElement);
    if (at >= 0) return links[Math.max(0, Math.min(links.length - 1, at + (forward ? 1 : -1)))];
    // The first event below the top of the window (j) or the last above it (k).
    const below = links.filter((a) => a.getBoundingClientRect().top >= 0);
    return forward ? (below[0] || links.at(-1)) : (links[links.indexOf(below[0]) - 1] || links[0]);
  }

  function setupKeys() {
    document.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
      if (e.key !== 'j' && e.key !== 'k') return;
      const forward = e.key === 'j';
      const links = [...document.querySelectorAll('.event-card .event-title a')].filter((a) => a.offsetParent !== null);
      if (!links.length) {
        // An event page: j and k lead to the next and previous event.
        const step = document.querySelector(forward ? '.pager a[rel="next"]' : '.pager a[rel="prev"]');
        if (step) {
          e.preventDefault();
          step.focus();
          location.href = step.href;
        }
        return;
      }
      e.preventDefault();
      const next = nextLink(links, forward);
      next.focus();
      next.closest('.event-card').scrollIntoView({ block: 'nearest' });
    });
  }

  // ---------------------------------------------------------- embed code

  /**
   * "Embed this timeline": when the build did not know the site's address,
   * the snippet's addresses are made whole from this page's; the Copy
   * button copies it.
   */
  function setupEmbedCode(box) {
    const area = box.querySelector('textarea');
    const button = box.querySelector('.embed-copy');
    if (!area) return;
    for (const key of ['relativeSrc', 'relativeScript']) {
      const rel = area.dataset[key];
      if (rel) area.value = area.value.split(`"${rel}"`).join(`"${new URL(rel, location.href).href}"`);
    }
    if (!button) return;
    button.hidden = false;
    const label = button.textContent;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(area.value);
      } catch {
        area.select();
        document.execCommand('copy');
      }
      button.textContent = button.dataset.copied;
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }

  function start() {
    document.documentElement.classList.add('js');
    document.querySelectorAll('.embed-code').forEach(setupEmbedCode);
    const list = document.querySelector('.timeline-list');
    if (list) setupFilters(list);
    document.querySelectorAll('svg.axis').forEach(setupAxis);
    document.querySelectorAll('svg.axis, svg.axis-strip, svg.axis-overview').forEach(rovingFocus);
    markFocusedEvent();
    setupKeys();
  }

  // For search.js, which runs after this file.
  globalThis.annals = Object.freeze({ fold, formatter });
  // For the tests that run this file in Node against tables Rust writes.
  if (typeof module !== 'undefined') module.exports = { fold, formatter, civil, daysOf, yearLabel, tickMarks, WORDS };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

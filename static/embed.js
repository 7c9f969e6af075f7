// annals — the embed (/embed/ and TAXONOMY/TERM/embed/): the timeline in
// someone else's page. It reads the reader's options from the address,
// looks each value up among what the page already holds (a value is
// compared, never written into the page), shows a window of the list
// that the reader widens on demand, and tells the host page its height
// through Pym.js's protocol (a height, nothing else). It sends nothing
// anywhere else and loads nothing.
//
// Options: ?start=ID (open at that event), ?tags=ID, ?actors=ID,
// ?places=ID (that term's events only; several with commas), ?theme=light
// or dark, ?height=N (a fixed height, for a host that cannot resize).
// Pym's own parameters (initialWidth, childId…) are ignored. A value that
// names nothing leaves the default view.
(() => {
  'use strict';

  /** How many events the list shows at first, and adds per click. */
  const STEP = 8;
  const TAXONOMIES = ['tags', 'actors', 'places'];

  /** The options in `search`, each checked against what it may be. */
  function options(search) {
    const q = new URLSearchParams(search);
    const theme = q.get('theme');
    const h = q.get('height') || '';
    const height = /^[0-9]{3,4}$/.test(h) ? Number(h) : 0;
    return {
      start: q.get('start') || '',
      terms: TAXONOMIES.flatMap((t) =>
        (q.get(t) || '').split(',').filter(Boolean).map((v) => `${t}/${v}`)),
      theme: theme === 'light' || theme === 'dark' ? theme : '',
      height: height >= 150 && height <= 4000 ? height : 0,
    };
  }

  /** The event id a mark of the axis leads to. */
  function markId(a) {
    const href = a.getAttribute('href') || '';
    const at = href.indexOf('#e-');
    return at < 0 ? '' : decodeURIComponent(href.slice(at + 3));
  }

  function start() {
    const root = document.documentElement;
    const opts = options(location.search);
    if (opts.theme) root.dataset.theme = opts.theme;
    const pym = globalThis.pym;
    const child = pym && window.parent !== window ? new pym.Child({ polling: 0 }) : null;
    const send = () => { if (child) child.sendHeight(); };

    const all = [...document.querySelectorAll('.embed-event')];
    let events = all;
    if (opts.terms.length) {
      const chosen = all.filter((li) => li.dataset.terms.split(' ').some((t) => opts.terms.includes(t)));
      if (chosen.length) {
        events = chosen;
        const kept = new Set(chosen.map((li) => li.id));
        for (const li of all) if (!kept.has(li.id)) li.remove();
        for (const a of document.querySelectorAll('.embed-axis a.mark')) {
          if (!kept.has(`e-${markId(a)}`)) a.remove();
        }
        const count = document.querySelector('.embed-count');
        if (count) count.hidden = true;
      }
    }
    const byId = new Map(events.map((li, i) => [li.id.slice(2), i]));
    const first = byId.has(opts.start) ? byId.get(opts.start) : -1;

    const earlier = document.querySelector('.embed-earlier');
    const later = document.querySelector('.embed-later');
    let lo = 0;
    let hi = events.length;
    if (opts.height) {
      root.classList.add('fixed-height');
      root.style.setProperty('--embed-height', `${opts.height}px`);
    } else if (events.length > STEP + STEP / 2) {
      lo = Math.max(0, first);
      hi = Math.min(events.length, lo + STEP);
    }

    function showWindow() {
      events.forEach((li, i) => { li.hidden = i < lo || i >= hi; });
      earlier.hidden = lo === 0;
      later.hidden = hi === events.length;
      send();
    }

    function mark(i) {
      for (const li of document.querySelectorAll('.embed-event.is-current')) li.classList.remove('is-current');
      for (const a of document.querySelectorAll('.embed-axis a.mark.current')) a.classList.remove('current');
      const li = events[i];
      if (!li) return;
      li.classList.add('is-current');
      const id = li.id.slice(2);
      for (const a of document.querySelectorAll('.embed-axis a.mark')) {
        if (markId(a) === id) a.classList.add('current');
      }
    }

    earlier.addEventListener('click', () => { lo = Math.max(0, lo - STEP); showWindow(); });
    later.addEventListener('click', () => { hi = Math.min(events.length, hi + STEP); showWindow(); });
    // A mark of the axis opens its event in the list, here.
    document.querySelector('.embed-axis')?.addEventListener('click', (e) => {
      const a = e.target.closest('a');
      if (!a) return;
      e.preventDefault();
      const i = byId.get(markId(a));
      if (i === undefined) return;
      lo = Math.min(lo, i);
      hi = Math.max(hi, i + 1);
      showWindow();
      mark(i);
      events[i].scrollIntoView({ block: 'nearest' });
    });

    showWindow();
    if (first >= 0) {
      mark(first);
      if (opts.height) events[first].scrollIntoView({ block: 'start' });
    }
    if (child && 'ResizeObserver' in globalThis) new ResizeObserver(send).observe(document.body);
  }

  if (typeof module !== 'undefined') module.exports = { options };
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

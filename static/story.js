// annals — the story (/story/ and /embed/story/): one slide at a time.
// Without this file the slides are a readable sequence of sections, each
// addressed by #ID. With it: previous/next buttons, ← and → keys, a swipe
// on touch screens, the axis's marks, an address per slide that the back
// button honours, and (embedded) the host page told the height through
// Pym.js. Values from the address are looked up, never written into the
// page.
(() => {
  'use strict';

  /** A swipe: at least this many pixels, mostly sideways. */
  const SWIPE = 50;

  function typing(target) {
    const tag = target && target.tagName ? target.tagName.toLowerCase() : '';
    return tag === 'input' || tag === 'select' || tag === 'textarea' || Boolean(target && target.isContentEditable);
  }

  function start() {
    const root = document.documentElement;
    const slides = [...document.querySelectorAll('.slide')];
    const prev = document.querySelector('.story-prev');
    const next = document.querySelector('.story-next');
    const at = document.querySelector('.story-at');
    if (!slides.length || !prev || !next) return;
    const theme = new URLSearchParams(location.search).get('theme');
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
    const pym = globalThis.pym;
    const embedded = root.classList.contains('embed');
    const child = embedded && pym && window.parent !== window ? new pym.Child({ polling: 0 }) : null;
    const send = () => { if (child) child.sendHeight(); };
    const marks = [...document.querySelectorAll('.story-axis a.mark')];
    const idOfMark = (a) => decodeURIComponent((a.getAttribute('href') || '').split('#')[1] || '');

    const byId = new Map(slides.map((s, i) => [s.id, i]));
    const indexOf = (hash) => {
      const id = decodeURIComponent(hash.replace(/^#/, ''));
      return byId.has(id) ? byId.get(id) : 0;
    };
    let current = -1;

    function show(i, how) {
      i = Math.max(0, Math.min(slides.length - 1, i));
      if (i === current) return;
      current = i;
      slides.forEach((s, k) => s.classList.toggle('is-current', k === i));
      prev.disabled = i === 0;
      next.disabled = i === slides.length - 1;
      const position = slides[i].querySelector('.story-position');
      at.textContent = position ? position.textContent : '';
      const id = slides[i].id;
      for (const a of marks) a.classList.toggle('current', idOfMark(a) === id);
      const url = i === 0 ? location.pathname + location.search : `#${id}`;
      if (how === 'push') history.pushState(null, '', url);
      else if (how === 'replace') history.replaceState(null, '', url);
      send();
    }

    root.classList.add('story-js');
    prev.hidden = false;
    next.hidden = false;
    prev.addEventListener('click', () => show(current - 1, 'push'));
    next.addEventListener('click', () => show(current + 1, 'push'));
    document.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || typing(e.target)) return;
      if (e.key === 'ArrowRight') show(current + 1, 'push');
      else if (e.key === 'ArrowLeft') show(current - 1, 'push');
      else return;
      e.preventDefault();
    });
    // Links to a slide of this page (the axis, Start) move to it.
    document.addEventListener('click', (e) => {
      const a = e.target.closest('.story-axis a, a.story-start');
      if (!a) return;
      const id = idOfMark(a);
      if (!byId.has(id)) return;
      e.preventDefault();
      show(byId.get(id), 'push');
    });
    const stage = document.querySelector('.story');
    let touch = null;
    stage.addEventListener('pointerdown', (e) => {
      if (e.pointerType !== 'mouse') touch = { x: e.clientX, y: e.clientY };
    });
    stage.addEventListener('pointercancel', () => { touch = null; });
    stage.addEventListener('pointerup', (e) => {
      if (!touch) return;
      const dx = e.clientX - touch.x;
      const dy = e.clientY - touch.y;
      touch = null;
      if (Math.abs(dx) < SWIPE || Math.abs(dx) < 1.5 * Math.abs(dy)) return;
      show(current + (dx < 0 ? 1 : -1), 'push');
    });
    window.addEventListener('popstate', () => show(indexOf(location.hash), 'none'));
    window.addEventListener('hashchange', () => show(indexOf(location.hash), 'none'));
    const start = new URLSearchParams(location.search).get('start');
    if (!location.hash && start && byId.has(start)) show(byId.get(start), 'replace');
    else show(indexOf(location.hash), 'none');
    // The browser scrolled to the slide's anchor; the bar and the axis
    // belong on screen with it.
    if (!embedded) window.scrollTo(0, 0);
    if (child && 'ResizeObserver' in globalThis) new ResizeObserver(send).observe(document.body);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

// annals — progressive enhancement of the built pages. Every page works
// without this file; with it, lists gain filters (their state kept in the
// address, so a filtered view can be shared), the axis gains zoom and pan,
// and the keyboard moves between events (j / k). No dependencies, no
// requests: it only rearranges what the page already holds.
(function () {
  'use strict';

  var TAXONOMIES = [
    ['tags', 'Topic', 'All topics'],
    ['actors', 'Person or organisation', 'All people and organisations'],
    ['places', 'Place', 'All places'],
  ];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  /** Lower case without accents, for matching typed text. */
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function eventIdOf(href) {
    var m = /(?:^|\/)events\/([^/]+)\/(?:index\.html)?$/.exec(href || '');
    return m ? m[1] : null;
  }

  // ---------------------------------------------------------------- filters

  function setupFilters(list) {
    var cards = Array.prototype.slice.call(list.querySelectorAll('.event-card'));
    if (cards.length < 2) return null;
    var terms = {};
    TAXONOMIES.forEach(function (t) { terms[t[0]] = {}; });
    var items = cards.map(function (card) {
      var own = (card.getAttribute('data-terms') || '').split(' ').filter(Boolean);
      card.querySelectorAll('.terms a.term').forEach(function (a) {
        var m = /([a-z]+)\/([^/]+)\/(?:index\.html)?$/.exec(a.getAttribute('href'));
        if (m && terms[m[1]]) {
          var entry = terms[m[1]][m[2]] ||
            (terms[m[1]][m[2]] = { name: a.textContent, count: 0, href: a.getAttribute('href') });
          entry.count += 1;
        }
      });
      return {
        card: card,
        li: card.closest('li') || card,
        id: card.id.replace(/^e-/, ''),
        terms: own,
        text: fold(card.textContent),
      };
    });

    var params = new URLSearchParams(location.search);
    var form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the events' });
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    var qId = 'filter-q';
    var q = el('input', { type: 'search', id: qId, name: 'q', autocomplete: 'off', placeholder: 'Words in the title, summary or terms' });
    q.value = params.get('q') || '';
    form.appendChild(el('div', { class: 'filter-field filter-text' }, [
      el('label', { for: qId, text: 'Filter' }), q]));
    var selects = {};
    TAXONOMIES.forEach(function (t) {
      var names = Object.keys(terms[t[0]]);
      if (!names.length) return;
      names.sort(function (a, b) {
        return terms[t[0]][a].name.localeCompare(terms[t[0]][b].name);
      });
      var id = 'filter-' + t[0];
      var select = el('select', { id: id, name: t[0] }, [el('option', { value: '', text: t[2] })]);
      names.forEach(function (slug) {
        var entry = terms[t[0]][slug];
        select.appendChild(el('option', { value: slug, text: entry.name + ' (' + entry.count + ')' }));
      });
      var wanted = params.get(t[0]);
      if (wanted && terms[t[0]][wanted]) select.value = wanted;
      selects[t[0]] = select;
      form.appendChild(el('div', { class: 'filter-field' }, [el('label', { for: id, text: t[1] }), select]));
    });
    var clear = el('button', { type: 'button', class: 'filter-clear', text: 'Clear' });
    form.appendChild(clear);
    var status = el('p', { class: 'filter-status', role: 'status', 'aria-live': 'polite' });
    form.appendChild(status);
    var paged = document.querySelector('.list-pager');
    // A list cut into pages filters the page on screen; for one term, the
    // term's own page holds all of its events.
    var more = el('p', { class: 'filter-more' });
    more.hidden = true;
    form.appendChild(more);
    form.appendChild(el('p', {
      class: 'filter-keys',
      text: (paged ? 'Filters the events of this page. ' : '') + 'Keys: j and k move to the next and previous event.',
    }));
    // The list and its filters side by side where the page is wide.
    var layout = el('div', { class: 'list-layout' });
    list.parentNode.insertBefore(layout, list);
    layout.appendChild(form);
    layout.appendChild(list);

    var marks = Array.prototype.slice.call(document.querySelectorAll('svg.axis a.mark'));

    function apply(updateUrl) {
      var words = fold(q.value).split(/\s+/).filter(Boolean);
      var wanted = [];
      Object.keys(selects).forEach(function (name) {
        if (selects[name].value) wanted.push(name + '/' + selects[name].value);
      });
      var shown = {};
      var count = 0;
      items.forEach(function (it) {
        var ok = wanted.every(function (w) { return it.terms.indexOf(w) >= 0; }) &&
          words.every(function (w) { return it.text.indexOf(w) >= 0; });
        it.li.hidden = !ok;
        if (ok) { shown[it.id] = true; count += 1; }
      });
      list.querySelectorAll('section.month, section.year').forEach(function (section) {
        section.hidden = !section.querySelector('li:not([hidden]) .event-card');
      });
      var active = words.length > 0 || wanted.length > 0;
      marks.forEach(function (m) {
        var id = eventIdOf(m.getAttribute('href'));
        m.classList.toggle('dimmed', active && !shown[id]);
      });
      status.textContent = active
        ? 'Showing ' + count + ' of ' + items.length + ' events'
        : items.length + ' events';
      clear.hidden = !active;
      var only = wanted.length === 1 && !words.length ? wanted[0].split('/') : null;
      var entry = only && terms[only[0]][only[1]];
      // Not on the term's own pages, where it would lead back to them.
      var elsewhere = false;
      if (entry && entry.href) {
        var base = new URL(entry.href, location.href).pathname.replace(/index\.html$/, '');
        elsewhere = location.pathname.indexOf(base) !== 0;
      }
      more.textContent = '';
      more.hidden = !(paged && elsewhere);
      if (!more.hidden) {
        more.appendChild(el('a', { href: entry.href, text: 'All events: ' + entry.name + ' →' }));
      }
      if (updateUrl) {
        var next = new URLSearchParams(location.search);
        if (q.value.trim()) next.set('q', q.value.trim()); else next.delete('q');
        Object.keys(selects).forEach(function (name) {
          if (selects[name].value) next.set(name, selects[name].value); else next.delete(name);
        });
        var search = next.toString();
        history.replaceState(null, '', location.pathname + (search ? '?' + search : '') + location.hash);
      }
    }
    q.addEventListener('input', function () { apply(true); });
    Object.keys(selects).forEach(function (name) {
      selects[name].addEventListener('change', function () { apply(true); });
    });
    clear.addEventListener('click', function () {
      q.value = '';
      Object.keys(selects).forEach(function (name) { selects[name].value = ''; });
      apply(true);
      q.focus();
    });
    apply(false);
    return q;
  }

  // ------------------------------------------------------------- the axis

  var DAY = 86400;

  /** Civil date (proleptic Gregorian, astronomical years) of a day number. */
  function civil(days) {
    var z = days + 719468;
    var era = Math.floor(z / 146097);
    var doe = z - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153);
    var d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    var m = mp < 10 ? mp + 3 : mp - 9;
    return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
  }

  function daysOf(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400);
    var yoe = y - era * 400;
    var mp = (m + 9) % 12;
    var doy = Math.floor((153 * mp + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  function secondsOf(y, m, d) { return daysOf(y, m, d) * DAY; }

  function Axis(svg) {
    this.svg = svg;
    this.lo = Number(svg.getAttribute('data-lo'));
    this.hi = Number(svg.getAttribute('data-hi'));
    this.view = [this.lo, this.hi];
    this.months = (svg.getAttribute('data-months') || '').split(',');
    this.bc = svg.getAttribute('data-bc') || '{year} BC';
    this.sep = svg.getAttribute('data-sep') || ',';
    var vb = svg.viewBox.baseVal;
    this.width = vb.width;
    this.margin = 24;
    this.ticks = svg.querySelector('.axis-ticks');
    var tick = this.ticks && this.ticks.querySelector('.tick');
    this.tickLine = tick ? tick.querySelector('line') : null;
    this.tickText = tick ? tick.querySelector('text') : null;
    var self = this;
    // Where each shape and label sits at full scale, so a zoom moves it by
    // as much as the time it stands for moves.
    this.parts = [];
    svg.querySelectorAll('a.mark, a.cluster, g.era').forEach(function (a) {
      var t0 = Number(a.getAttribute('data-t0'));
      var t1s = a.getAttribute('data-t1');
      var t1 = t1s === '' ? null : Number(t1s);
      Array.prototype.forEach.call(a.children, function (node) {
        var tag = node.tagName.toLowerCase();
        if (tag === 'title') return;
        var x = Number(node.getAttribute(tag === 'circle' ? 'cx' : 'x'));
        var w = node.hasAttribute('width') ? Number(node.getAttribute('width')) : 0;
        self.parts.push({
          a: a, node: node, tag: tag, t0: t0, t1: t1, x: x, w: w,
          cluster: a.classList.contains('cluster'), era: a.classList.contains('era'),
        });
      });
    });
  }

  Axis.prototype.x = function (t, view) {
    view = view || this.view;
    return this.margin + (t - view[0]) * (this.width - 2 * this.margin) / (view[1] - view[0]);
  };

  Axis.prototype.yearLabel = function (y) {
    var n = y <= 0 ? 1 - y : y;
    var digits = String(n);
    if (digits.length > 4) digits = digits.replace(/\B(?=(\d{3})+(?!\d))/g, this.sep);
    return y <= 0 ? this.bc.replace('{year}', digits) : digits;
  };

  /** Ticks for the current view: the same steps the build uses. */
  Axis.prototype.tickList = function () {
    var lo = this.view[0], hi = this.view[1];
    var days = (hi - lo) / DAY, target = 8, out = [], self = this;
    var start = civil(Math.floor(lo / DAY));
    var i, steps = [1, 2, 7, 14];
    for (i = 0; i < steps.length; i++) {
      if (days / steps[i] <= target) {
        for (var day = Math.floor(lo / DAY); day * DAY <= hi; day += steps[i]) {
          if (day * DAY >= lo) {
            var c = civil(day);
            out.push([day * DAY, c[2] + ' ' + this.months[c[1] - 1] + ' ' + this.yearLabel(c[0])]);
          }
        }
        return out;
      }
    }
    var months = days / 30.44, n = 0;
    [1, 2, 3, 6].some(function (m) { if (months / m <= target) { n = m; return true; } return false; });
    if (!n) {
      var years = days / 365.2425, unit = 1;
      while (!n) {
        [1, 2, 5].some(function (k) { if (years / (unit * k) <= target) { n = unit * k * 12; return true; } return false; });
        unit *= 10;
      }
    }
    if (n % 12 === 0 && n > 12) {
      var step = n / 12, first = start[0], last = civil(Math.floor(hi / DAY))[0], ys = [];
      for (var k = Math.floor((1 - first) / step); k >= 1 && 1 - k * step <= last; k--) ys.push(1 - k * step);
      ys.push(1);
      for (var j = Math.max(Math.floor(first / step), 1); j * step <= last; j++) ys.push(j * step);
      ys.forEach(function (y) {
        var t = secondsOf(y, 1, 1);
        if (t >= lo && t <= hi) out.push([t, self.yearLabel(y)]);
      });
      return out;
    }
    var index = start[0] * 12 + start[1] - 1;
    index -= ((index % n) + n) % n;
    for (; ; index += n) {
      var ty = Math.floor(index / 12), tm = index - ty * 12 + 1, t = secondsOf(ty, tm, 1);
      if (t > hi) break;
      if (t >= lo) out.push([t, n % 12 === 0 ? this.yearLabel(ty) : this.months[tm - 1] + ' ' + this.yearLabel(ty)]);
    }
    return out;
  };

  /** Time at x (viewBox units) in the full-scale drawing. */
  Axis.prototype.fullTime = function (x) {
    return this.lo + (x - this.margin) / (this.width - 2 * this.margin) * (this.hi - this.lo);
  };

  Axis.prototype.draw = function () {
    var self = this, full = [this.lo, this.hi];
    var edge = this.width - this.margin;
    var clamp = function (x) { return Math.max(self.margin, Math.min(edge, x)); };
    this.parts.forEach(function (p) {
      var node = p.node;
      if (p.cluster) {
        // A column keeps its place in time: both its edges move with it.
        var a = self.x(self.fullTime(p.x));
        if (p.tag === 'rect') {
          node.setAttribute('x', a.toFixed(1));
          node.setAttribute('width', Math.max(self.x(self.fullTime(p.x + p.w)) - a, 1).toFixed(1));
        } else {
          node.setAttribute('x', a.toFixed(1));
        }
        return;
      }
      var x0 = self.x(p.t0), x1 = p.t1 === null ? edge : self.x(p.t1);
      if (p.era) {
        // A band spans its era; its name stays at the visible start.
        if (p.tag === 'rect') {
          node.setAttribute('x', clamp(x0).toFixed(1));
          node.setAttribute('width', Math.max(clamp(x1) - clamp(x0), 0).toFixed(1));
        } else {
          node.setAttribute('x', (clamp(x0) + 4).toFixed(1));
          node.style.visibility = clamp(x1) - clamp(x0) < p.node.getComputedTextLength() + 8 ? 'hidden' : '';
        }
        return;
      }
      if (p.tag === 'circle') {
        node.setAttribute('cx', x0.toFixed(1));
      } else if (p.tag === 'rect') {
        node.setAttribute('x', clamp(x0).toFixed(1));
        node.setAttribute('width', Math.max(clamp(x1) - clamp(x0), 1).toFixed(1));
      } else {
        // A label moves with the edge of the mark it was drawn against.
        var old0 = self.x(p.t0, full), old1 = p.t1 === null ? edge : self.x(p.t1, full);
        var after = !node.classList.contains('inside') && !node.classList.contains('before');
        var x = p.x + (after ? x1 - old1 : x0 - old0);
        if (node.classList.contains('inside')) x = Math.max(x, self.margin + 6);
        node.setAttribute('x', x.toFixed(1));
      }
    });
    if (this.ticks && this.tickLine) {
      while (this.ticks.firstChild) this.ticks.removeChild(this.ticks.firstChild);
      var ticks = this.tickList();
      var width = function (label) { return label.length * 6.8; };
      var crowded = function () {
        for (var i = 1; i < ticks.length; i++) {
          if (self.x(ticks[i][0]) - self.x(ticks[i - 1][0]) < (width(ticks[i][1]) + width(ticks[i - 1][1])) / 2 + 8) return true;
        }
        return false;
      };
      // As the build does: every other tick dropped until labels fit.
      while (ticks.length > 2 && crowded()) ticks = ticks.filter(function (_, i) { return i % 2 === 0; });
      ticks.forEach(function (t) {
        var x = self.x(t[0]).toFixed(1);
        var g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
        g.setAttribute('class', 'tick');
        var line = self.tickLine.cloneNode(false);
        line.setAttribute('x1', x); line.setAttribute('x2', x);
        var text = self.tickText.cloneNode(false);
        text.setAttribute('x', x);
        text.textContent = t[1];
        // As the build does: a label centred near an edge would be cut off.
        var half = t[1].length * 6.8 / 2;
        text.setAttribute('class', 'axis-label' + (x - half < 0 ? ' start' : Number(x) + half > self.width ? ' end' : ''));
        g.appendChild(line); g.appendChild(text);
        self.ticks.appendChild(g);
      });
    }
    this.svg.classList.toggle('zoomed', this.view[0] !== this.lo || this.view[1] !== this.hi);
    if (this.onchange) this.onchange();
  };

  /** Zooms by `factor` (< 1 narrows the view) around time `at`. */
  Axis.prototype.zoom = function (factor, at) {
    var span = this.view[1] - this.view[0];
    var full = this.hi - this.lo;
    var next = Math.min(full, Math.max(span * factor, Math.min(full, DAY / 4)));
    if (at === undefined) at = (this.view[0] + this.view[1]) / 2;
    var ratio = (at - this.view[0]) / span;
    var lo = at - ratio * next;
    this.view = this.bounded(lo, lo + next);
    this.draw();
  };

  /** Moves the view by `fraction` of its width. */
  Axis.prototype.pan = function (fraction) {
    var span = this.view[1] - this.view[0];
    this.view = this.bounded(this.view[0] + span * fraction, this.view[1] + span * fraction);
    this.draw();
  };

  Axis.prototype.bounded = function (lo, hi) {
    var span = hi - lo;
    if (lo < this.lo) { lo = this.lo; hi = lo + span; }
    if (hi > this.hi) { hi = this.hi; lo = hi - span; }
    return [Math.max(lo, this.lo), Math.min(hi, this.hi)];
  };

  Axis.prototype.reset = function () { this.view = [this.lo, this.hi]; this.draw(); };

  /** Time under a pointer's clientX. */
  Axis.prototype.timeAt = function (clientX) {
    var box = this.svg.getBoundingClientRect();
    var x = (clientX - box.left) / box.width * this.width;
    return this.view[0] + (x - this.margin) / (this.width - 2 * this.margin) * (this.view[1] - this.view[0]);
  };

  function setupAxis(svg) {
    var axis = new Axis(svg);
    if (!(axis.hi > axis.lo)) return;
    var figure = svg.closest('figure') || svg.parentNode;
    var button = function (text, label, action) {
      // Symbols get a name; a word names itself.
      var b = el('button', label ? { type: 'button', 'aria-label': label, title: label, text: text } : { type: 'button', text: text });
      b.addEventListener('click', action);
      return b;
    };
    var reset = button('Reset', null, function () { axis.reset(); });
    reset.title = 'Show the whole timeline';
    var controls = el('div', { class: 'axis-controls', role: 'group', 'aria-label': 'Zoom and pan the axis' }, [
      button('+', 'Zoom in', function () { axis.zoom(0.5); }),
      button('\u2212', 'Zoom out', function () { axis.zoom(2); }),
      button('\u2190', 'Earlier', function () { axis.pan(-0.4); }),
      button('\u2192', 'Later', function () { axis.pan(0.4); }),
      reset,
    ]);
    figure.insertBefore(controls, figure.firstChild);
    axis.onchange = function () { reset.disabled = !svg.classList.contains('zoomed'); };
    axis.onchange();

    svg.addEventListener('wheel', function (e) {
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        axis.zoom(e.deltaY > 0 ? 1.25 : 0.8, axis.timeAt(e.clientX));
      } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY) && svg.classList.contains('zoomed')) {
        e.preventDefault();
        axis.pan(e.deltaX / 600);
      }
    }, { passive: false });
    var drag = null;
    svg.addEventListener('pointerdown', function (e) {
      if (!svg.classList.contains('zoomed') || e.button !== 0) return;
      drag = { x: e.clientX, moved: false };
    });
    svg.addEventListener('pointermove', function (e) {
      if (!drag) return;
      var box = svg.getBoundingClientRect();
      var dx = e.clientX - drag.x;
      if (Math.abs(dx) > 3) {
        drag.moved = true;
        svg.setPointerCapture(e.pointerId);
        axis.pan(-dx / box.width * axis.width / (axis.width - 2 * axis.margin));
        drag.x = e.clientX;
      }
    });
    var end = function () { setTimeout(function () { drag = null; }, 0); };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    // A drag is not a click on the mark under the pointer.
    svg.addEventListener('click', function (e) { if (drag && drag.moved) e.preventDefault(); }, true);
    figure.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var keys = { '+': function () { axis.zoom(0.5); }, '=': function () { axis.zoom(0.5); }, '-': function () { axis.zoom(2); },
        '0': function () { axis.reset(); } };
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
    });
  }

  // ------------------------------------------------------------- keyboard

  function typing(target) {
    var tag = target && target.tagName ? target.tagName.toLowerCase() : '';
    return tag === 'input' || tag === 'select' || tag === 'textarea' || (target && target.isContentEditable);
  }

  function setupKeys() {
    document.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
      if (e.key !== 'j' && e.key !== 'k') return;
      var forward = e.key === 'j';
      var links = Array.prototype.slice.call(document.querySelectorAll('.event-card .event-title a'))
        .filter(function (a) { return a.offsetParent !== null; });
      if (!links.length) {
        // An event page: j and k lead to the next and previous event.
        var step = document.querySelector(forward ? '.pager a[rel="next"]' : '.pager a[rel="prev"]');
        if (step) { e.preventDefault(); step.focus(); location.href = step.href; }
        return;
      }
      e.preventDefault();
      var at = links.indexOf(document.activeElement);
      var next;
      if (at >= 0) {
        next = links[Math.max(0, Math.min(links.length - 1, at + (forward ? 1 : -1)))];
      } else {
        // From wherever the reader is: the first event below the top of the
        // window (j) or the last above it (k).
        var below = links.filter(function (a) { return a.getBoundingClientRect().top >= 0; });
        next = forward ? (below[0] || links[links.length - 1]) : (links[links.indexOf(below[0]) - 1] || links[0]);
      }
      next.focus();
      next.closest('.event-card').scrollIntoView({ block: 'nearest' });
    });
  }

  function start() {
    document.documentElement.classList.add('js');
    var list = document.querySelector('.timeline-list');
    if (list) setupFilters(list);
    document.querySelectorAll('svg.axis').forEach(setupAxis);
    setupKeys();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

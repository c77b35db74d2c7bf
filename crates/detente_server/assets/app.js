/*
 * detente dashboard script (served at /assets/app.js, embedded in the binary).
 *
 * Plain ES2017, no dependencies, no build step. It talks only to the
 * same-origin JSON API:
 *   GET  /v1/dyads/top?limit=20            -> dyad picker and "most active" table
 *   GET  /v1/dyads/{a}/{b}/series?by=...   -> stacked quad-class chart, Goldstein line, alerts
 *   GET  /v1/events?ids=...                -> events of a clicked period
 *   GET  /v1/articles/{id}                 -> article text with evidence spans marked
 *   POST /v1/code                          -> "code this text" box
 *   GET  /v1/alerts                        -> list of all alerts
 * The chart is drawn by hand as inline SVG. The current view is mirrored in the
 * URL hash (#dyad=ISR-SYR&by=month) so it can be bookmarked.
 */
(function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  // Quad classes 1..4, Okabe-Ito colour-blind-safe palette (matches style.css).
  var QUADS = [
    { key: 'verbal_coop', label: 'Verbal cooperation', cls: 'q1' },
    { key: 'material_coop', label: 'Material cooperation', cls: 'q2' },
    { key: 'verbal_conflict', label: 'Verbal conflict', cls: 'q3' },
    { key: 'material_conflict', label: 'Material conflict', cls: 'q4' }
  ];

  var state = {
    dyad: null,        // "ISR-SYR"
    by: 'month',
    series: null,      // last series response
    period: null,      // selected period label
    eventId: null,     // selected event id (string)
    seq: { series: 0, events: 0, article: 0, code: 0 }
  };

  // ---------------------------------------------------------------- helpers

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    });
  }

  function append(node, children) {
    if (children === null || children === undefined) return;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' || typeof c === 'number'
        ? document.createTextNode(String(c)) : c);
    });
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function fmt(x, digits) {
    if (x === null || x === undefined || x === '' || isNaN(Number(x))) return '–';
    return Number(x).toFixed(digits === undefined ? 2 : digits);
  }

  function status(msg, isError) {
    var s = $('status');
    s.textContent = msg || '';
    s.classList.toggle('error', !!isError);
  }

  function message(node, text, isError) {
    clear(node);
    node.appendChild(el('p', { 'class': isError ? 'message error' : 'empty', text: text }));
  }

  /** Fetch JSON from the API; throws an Error carrying the API's error message. */
  async function api(path, options) {
    var res;
    try {
      res = await fetch(path, Object.assign({ headers: { 'Accept': 'application/json' } }, options || {}));
    } catch (e) {
      throw new Error('Cannot reach the server (' + e.message + ')');
    }
    var body = null;
    var text = await res.text();
    if (text) {
      try { body = JSON.parse(text); } catch (e) { body = null; }
    }
    if (!res.ok) {
      var detail = body && (body.error && (body.error.message || body.error) || body.message);
      if (detail && typeof detail !== 'string') detail = JSON.stringify(detail);
      var err = new Error((detail || res.statusText || 'Request failed') + ' (HTTP ' + res.status + ')');
      err.status = res.status;
      throw err;
    }
    if (body === null) throw new Error('The server returned an invalid response');
    return body;
  }

  /** Parse "ISR-SYR", "isr syr", "ISR/SYR" into ["ISR","SYR"], or null. */
  function parseDyad(text) {
    var m = String(text || '').trim().toUpperCase().match(/^([A-Z0-9]+)\s*[-\/ ,]\s*([A-Z0-9]+)$/);
    return m ? [m[1], m[2]] : null;
  }

  function quadCounts(p) {
    if (Array.isArray(p.quad)) return [0, 1, 2, 3].map(function (i) { return Number(p.quad[i]) || 0; });
    return QUADS.map(function (q) { return Number(p[q.key]) || 0; });
  }

  function numOrNull(x) {
    return x === null || x === undefined || isNaN(Number(x)) ? null : Number(x);
  }

  function onActivate(node, fn) {
    node.addEventListener('click', fn);
    node.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fn(e); }
    });
  }

  // ------------------------------------------------------------ URL hash

  function readHash() {
    var out = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) out[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
    });
    return out;
  }

  function writeHash() {
    if (!state.dyad) return;
    var h = '#dyad=' + encodeURIComponent(state.dyad) + '&by=' + encodeURIComponent(state.by);
    if (location.hash !== h && history.replaceState) history.replaceState(null, '', h);
  }

  // ------------------------------------------------------------ top dyads

  async function loadTopDyads() {
    var select = $('dyad-select');
    var tbody = $('top-dyads').tBodies[0];
    var dyads = [];
    try {
      var data = await api('/v1/dyads/top?limit=20');
      dyads = Array.isArray(data.dyads) ? data.dyads : [];
    } catch (e) {
      clear(select);
      select.appendChild(el('option', { value: '', text: 'Unavailable' }));
      clear(tbody);
      tbody.appendChild(el('tr', null, el('td', { colspan: 3, 'class': 'message error', text: 'Could not load dyads: ' + e.message })));
      status('Could not load the list of dyads: ' + e.message, true);
      return [];
    }

    clear(select);
    select.appendChild(el('option', { value: '', text: dyads.length ? '— choose a dyad —' : 'No dyads in the database' }));
    dyads.forEach(function (d) {
      select.appendChild(el('option', { value: d.dyad, text: d.dyad + ' (' + d.events + ')' }));
    });

    clear(tbody);
    if (!dyads.length) {
      tbody.appendChild(el('tr', null, el('td', { colspan: 3, 'class': 'empty', text: 'No events stored yet. Ingest some articles first.' })));
    }
    dyads.forEach(function (d) {
      var gm = numOrNull(d.goldstein_mean);
      var row = el('tr', {
        'class': 'dyad-row', tabindex: 0, 'data-dyad': d.dyad,
        'aria-label': 'Show ' + d.dyad + ', ' + d.events + ' events'
      }, [
        el('th', { scope: 'row', text: d.dyad }),
        el('td', { 'class': 'num', text: d.events }),
        el('td', { 'class': 'num ' + (gm === null ? '' : gm < 0 ? 'neg' : 'pos'), text: fmt(gm) })
      ]);
      onActivate(row, function () { selectDyad(d.dyad); });
      tbody.appendChild(row);
    });
    return dyads;
  }

  async function loadAllAlerts() {
    var list = $('all-alerts');
    try {
      var data = await api('/v1/alerts');
      var alerts = Array.isArray(data.alerts) ? data.alerts : [];
      clear(list);
      if (!alerts.length) { list.appendChild(el('li', { 'class': 'empty', text: 'No alerts.' })); return; }
      alerts.forEach(function (a) {
        var btn = el('button', { type: 'button', 'class': 'link-button' }, alertLabel(a, true));
        btn.addEventListener('click', function () { selectDyad(a.dyad, a.period); });
        list.appendChild(el('li', { 'class': 'all-alert ' + dirClass(a.direction) }, btn));
      });
    } catch (e) {
      message(list, 'Could not load alerts: ' + e.message, true);
    }
  }

  function dirClass(direction) { return direction === 'escalation' ? 'esc' : 'deesc'; }
  function dirSymbol(direction) { return direction === 'escalation' ? '▲' : '▼'; }

  function alertLabel(a, withDyad) {
    return [
      el('span', { 'class': 'marker-sample ' + dirClass(a.direction), 'aria-hidden': 'true', text: dirSymbol(a.direction) }),
      ' ' + (withDyad ? a.dyad + ': ' : '') + a.direction + ' in ' + a.period +
        ' (strength ' + fmt(a.strength) + ')'
    ];
  }

  // -------------------------------------------------------------- series

  /** Select a dyad (from the picker, the table, the text box or an alert). */
  function selectDyad(dyad, period) {
    var pair = parseDyad(dyad);
    if (!pair) { status('Enter a dyad as two actor codes, e.g. ISR-SYR.', true); return; }
    state.dyad = pair[0] + '-' + pair[1];
    var select = $('dyad-select');
    var has = Array.prototype.some.call(select.options, function (o) { return o.value === state.dyad; });
    select.value = has ? state.dyad : '';
    $('dyad-input').value = state.dyad;
    Array.prototype.forEach.call(document.querySelectorAll('#top-dyads .dyad-row'), function (r) {
      r.classList.toggle('selected', r.getAttribute('data-dyad') === state.dyad);
      r.setAttribute('aria-current', r.getAttribute('data-dyad') === state.dyad ? 'true' : 'false');
    });
    loadSeries(period);
  }

  async function loadSeries(focusPeriod) {
    if (!state.dyad) return;
    var pair = parseDyad(state.dyad);
    var seq = ++state.seq.series;
    writeHash();
    state.period = null;
    $('chart-title').textContent = 'Conflict and cooperation over time: ' + state.dyad + ' by ' + state.by;
    status('Loading ' + state.dyad + '…');
    var data;
    try {
      data = await api('/v1/dyads/' + encodeURIComponent(pair[0]) + '/' + encodeURIComponent(pair[1]) +
        '/series?by=' + encodeURIComponent(state.by));
    } catch (e) {
      if (seq !== state.seq.series) return;
      state.series = null;
      drawChart(null, 'Could not load the series for ' + state.dyad + ': ' + e.message, true);
      renderAlerts([]);
      status('Error: ' + e.message, true);
      return;
    }
    if (seq !== state.seq.series) return; // a newer request superseded this one
    state.series = data;
    var periods = Array.isArray(data.periods) ? data.periods : (Array.isArray(data.rows) ? data.rows : []);
    data.periods = periods;
    var total = periods.reduce(function (s, p) { return s + (Number(p.events) || 0); }, 0);
    drawChart(data, total ? null : 'No events for ' + state.dyad + '.', false);
    renderAlerts(Array.isArray(data.alerts) ? data.alerts : []);
    var loose = (Number(data.skipped_imprecise) || 0) + (Number(data.skipped_undated) || 0);
    status(state.dyad + ': ' + total + ' event' + (total === 1 ? '' : 's') + ' in ' + periods.length + ' ' + state.by +
      (periods.length === 1 ? '' : 's') + (loose ? ', and ' + loose + ' dated too loosely to chart' : '') +
      '. Repeated mentions of an event count once.');
    clear($('events'));
    $('events-period').textContent = '';
    message($('events'), 'Click a period in the chart to list its events.');
    if (focusPeriod) selectPeriod(focusPeriod);
  }

  /** Draw the stacked bars, the Goldstein line and the alert markers. */
  function drawChart(data, note, isError) {
    var chart = $('chart');
    var msg = $('chart-message');
    clear(chart);
    if (note) { msg.textContent = note; msg.hidden = false; msg.classList.toggle('error', !!isError); }
    else { msg.hidden = true; }
    var periods = data && data.periods ? data.periods : [];
    if (!periods.length) {
      chart.setAttribute('viewBox', '0 0 900 120');
      chart.style.minWidth = '';
      chart.appendChild(svg('desc', { id: 'chart-desc', text: note || 'No data.' }));
      chart.appendChild(svg('text', { x: 450, y: 60, 'text-anchor': 'middle', 'class': 'chart-empty', text: note || 'No data.' }));
      return;
    }

    var n = periods.length;
    var W = Math.max(900, n * 14), H = 340;
    var m = { top: 34, right: 52, bottom: 56, left: 48 };
    var pw = W - m.left - m.right, ph = H - m.top - m.bottom;
    chart.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    chart.style.minWidth = W > 900 ? (W * 0.8) + 'px' : '';

    var counts = periods.map(quadCounts);
    var maxCount = Math.max(1, Math.max.apply(null, counts.map(function (c) { return c[0] + c[1] + c[2] + c[3]; })),
      Math.max.apply(null, periods.map(function (p) { return Number(p.events) || 0; })));
    var yStep = niceStep(maxCount);
    var yMax = Math.ceil(maxCount / yStep) * yStep;
    var band = pw / n;
    var barW = Math.max(2, Math.min(48, band * 0.7));
    function x(i) { return m.left + band * i + band / 2; }
    function yc(v) { return m.top + ph - (v / yMax) * ph; }
    function yg(g) { return m.top + ph / 2 - (g / 10) * (ph / 2); } // Goldstein -10..10

    chart.appendChild(svg('desc', { id: 'chart-desc',
      text: 'Events per ' + state.by + ' for ' + state.dyad + ', stacked by quad class, with the mean Goldstein score as a line.' }));

    // Grid and left axis (counts).
    var axes = svg('g', { 'class': 'axes', 'aria-hidden': 'true' });
    for (var v = 0; v <= yMax; v += yStep) {
      axes.appendChild(svg('line', { x1: m.left, x2: W - m.right, y1: yc(v), y2: yc(v), 'class': 'grid' }));
      axes.appendChild(svg('text', { x: m.left - 6, y: yc(v) + 4, 'text-anchor': 'end', 'class': 'tick', text: v }));
    }
    axes.appendChild(svg('text', { x: 12, y: m.top + ph / 2, 'class': 'axis-title', 'text-anchor': 'middle',
      transform: 'rotate(-90 12 ' + (m.top + ph / 2) + ')', text: 'Events' }));
    // Right axis (Goldstein).
    [-10, -5, 0, 5, 10].forEach(function (g) {
      axes.appendChild(svg('text', { x: W - m.right + 6, y: yg(g) + 4, 'class': 'tick', text: g > 0 ? '+' + g : g }));
    });
    axes.appendChild(svg('line', { x1: m.left, x2: W - m.right, y1: yg(0), y2: yg(0), 'class': 'zero' }));
    axes.appendChild(svg('text', { x: W - 10, y: m.top + ph / 2, 'class': 'axis-title', 'text-anchor': 'middle',
      transform: 'rotate(90 ' + (W - 10) + ' ' + (m.top + ph / 2) + ')', text: 'Goldstein mean' }));
    // X labels, thinned to about 14.
    var every = Math.max(1, Math.ceil(n / 14));
    periods.forEach(function (p, i) {
      if (i % every !== 0 && i !== n - 1) return;
      var lx = x(i), ly = m.top + ph + 14;
      axes.appendChild(svg('text', { x: lx, y: ly, 'class': 'tick', 'text-anchor': 'end',
        transform: 'rotate(-35 ' + lx + ' ' + ly + ')', text: p.period }));
    });
    chart.appendChild(axes);

    // Bars: one focusable group per period, with a full-height hit area.
    var bars = svg('g', { 'class': 'bars' });
    periods.forEach(function (p, i) {
      var c = counts[i];
      var total = Number(p.events) || (c[0] + c[1] + c[2] + c[3]);
      var label = p.period + ': ' + total + ' event' + (total === 1 ? '' : 's') +
        QUADS.map(function (q, k) { return c[k] ? ', ' + c[k] + ' ' + q.label.toLowerCase() : ''; }).join('') +
        ', Goldstein mean ' + fmt(numOrNull(p.goldstein_mean));
      var g = svg('g', { 'class': 'period-bar', 'data-period': p.period, tabindex: 0, role: 'button',
        'aria-label': label, 'aria-pressed': 'false' });
      g.appendChild(svg('title', { text: label }));
      g.appendChild(svg('rect', { 'class': 'hit', x: m.left + band * i, y: m.top, width: band, height: ph }));
      var acc = 0;
      for (var k = 0; k < 4; k++) {
        if (!c[k]) continue;
        g.appendChild(svg('rect', { 'class': 'seg ' + QUADS[k].cls, x: x(i) - barW / 2, y: yc(acc + c[k]),
          width: barW, height: Math.max(0, yc(acc) - yc(acc + c[k])) }));
        acc += c[k];
      }
      onActivate(g, function () { selectPeriod(p.period); });
      bars.appendChild(g);
    });
    chart.appendChild(bars);

    // Goldstein line, broken where a period has no events.
    var d = '', pen = false;
    var dots = svg('g', { 'class': 'gold-dots', 'aria-hidden': 'true' });
    periods.forEach(function (p, i) {
      var gm = numOrNull(p.goldstein_mean);
      if (gm === null || !(Number(p.events) > 0 || p.events === undefined)) { pen = false; return; }
      d += (pen ? 'L' : 'M') + x(i).toFixed(1) + ' ' + yg(gm).toFixed(1) + ' ';
      pen = true;
      dots.appendChild(svg('circle', { cx: x(i), cy: yg(gm), r: 3.5, 'class': 'gold-dot' }));
    });
    if (d) chart.appendChild(svg('path', { d: d, 'class': 'gold-line', 'aria-hidden': 'true' }));
    chart.appendChild(dots);

    // Alert markers above the bars.
    var alerts = Array.isArray(data.alerts) ? data.alerts : [];
    var index = {};
    periods.forEach(function (p, i) { index[p.period] = i; });
    var marks = svg('g', { 'class': 'alerts-layer' });
    alerts.forEach(function (a) {
      var i = index[a.period];
      if (i === undefined) return;
      var cls = dirClass(a.direction);
      var tip = a.direction + ' in ' + a.period + ' (strength ' + fmt(a.strength) + ')';
      marks.appendChild(svg('line', { x1: x(i), x2: x(i), y1: m.top - 6, y2: m.top + ph, 'class': 'alert-rule ' + cls, 'aria-hidden': 'true' }));
      var t = svg('text', { x: x(i), y: m.top - 10, 'text-anchor': 'middle', 'class': 'alert-marker ' + cls,
        'data-period': a.period, role: 'img', 'aria-label': tip }, svg('title', { text: tip }));
      t.appendChild(document.createTextNode(dirSymbol(a.direction)));
      t.addEventListener('click', function () { selectPeriod(a.period); });
      marks.appendChild(t);
    });
    chart.appendChild(marks);
  }

  function niceStep(max) {
    var raw = max / 5;
    var pow = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * pow >= raw) return Math.max(1, steps[i] * pow);
    return Math.max(1, 10 * pow);
  }

  function renderAlerts(alerts) {
    var list = $('alerts');
    clear(list);
    if (!alerts.length) {
      list.appendChild(el('li', { 'class': 'empty', text: state.dyad ? 'No alerts for ' + state.dyad + '.' : 'No dyad selected.' }));
      return;
    }
    alerts.forEach(function (a) {
      var btn = el('button', { type: 'button', 'class': 'link-button' }, alertLabel(a, false));
      btn.addEventListener('click', function () { selectPeriod(a.period); });
      list.appendChild(el('li', { 'class': 'alert-item ' + dirClass(a.direction), 'data-period': a.period }, btn));
    });
  }

  // -------------------------------------------------------------- events

  async function selectPeriod(period) {
    if (!state.series) return;
    var p = state.series.periods.filter(function (q) { return q.period === period; })[0];
    if (!p) return;
    state.period = period;
    Array.prototype.forEach.call(document.querySelectorAll('#chart .period-bar'), function (g) {
      var on = g.getAttribute('data-period') === period;
      g.classList.toggle('selected', on);
      g.setAttribute('aria-pressed', on ? 'true' : 'false');
    });
    $('events-period').textContent = state.dyad + ', ' + period;
    var box = $('events');
    var ids = Array.isArray(p.event_ids) ? p.event_ids : [];
    if (!ids.length) { message(box, 'No events in ' + period + '.'); return; }
    var seq = ++state.seq.events;
    message(box, 'Loading ' + ids.length + ' event' + (ids.length === 1 ? '' : 's') + '…');
    var events;
    try {
      var data = await api('/v1/events?ids=' + ids.map(encodeURIComponent).join(','));
      events = Array.isArray(data.events) ? data.events : [];
    } catch (e) {
      if (seq === state.seq.events) message(box, 'Could not load the events: ' + e.message, true);
      return;
    }
    if (seq !== state.seq.events) return;
    renderEvents(box, events);
  }

  function renderEvents(box, events) {
    clear(box);
    if (!events.length) { message(box, 'No events found.'); return; }
    events.sort(function (a, b) {
      return String(a.date || '').localeCompare(String(b.date || '')) || (Number(a.id) - Number(b.id));
    });
    var list = el('ul', { 'class': 'event-list' });
    events.forEach(function (ev) {
      var q = Number(ev.quad_class);
      var row = el('button', { type: 'button', 'class': 'event-row', 'data-event-id': ev.id,
        'aria-label': 'Event ' + ev.id + ': ' + (ev.source_text || ev.source) + ' ' + (ev.cameo || '') +
          ' ' + (ev.target_text || ev.target || '') + '. Open the article.' }, [
        el('span', { 'class': 'ev-head' }, [
          el('span', { 'class': 'quad-chip ' + (q >= 1 && q <= 4 ? QUADS[q - 1].cls : ''), title: q >= 1 && q <= 4 ? QUADS[q - 1].label : 'Unclassified', 'aria-hidden': 'true' }),
          el('span', { 'class': 'ev-date', text: ev.date || '' }),
          el('span', { 'class': 'ev-actors', text: actorLabel(ev.source, ev.source_text) + ' → ' + actorLabel(ev.target, ev.target_text) }),
          el('span', { 'class': 'ev-code', text: 'CAMEO ' + (ev.cameo || '?') + (ev.plover ? ' · ' + ev.plover : '') }),
          el('span', { 'class': 'ev-gold ' + (Number(ev.goldstein) < 0 ? 'neg' : 'pos'), text: 'G ' + fmt(ev.goldstein, 1) }),
          ev.mode && ev.mode !== 'asserted' ? el('span', { 'class': 'ev-mode', text: ev.mode }) : null
        ]),
        ev.evidence ? el('span', { 'class': 'ev-evidence', text: '“' + ev.evidence + '”' }) : null
      ]);
      row.addEventListener('click', function () { openArticle(ev.article_id, ev.id); });
      list.appendChild(el('li', null, row));
    });
    box.appendChild(list);
  }

  function actorLabel(code, text) {
    if (!code && !text) return '—';
    if (text && code && text !== code) return text + ' (' + code + ')';
    return text || code;
  }

  // ------------------------------------------------------------- article

  async function openArticle(articleId, eventId) {
    var box = $('article');
    state.eventId = String(eventId);
    Array.prototype.forEach.call(document.querySelectorAll('#events .event-row'), function (r) {
      var on = r.getAttribute('data-event-id') === state.eventId;
      r.classList.toggle('selected', on);
      if (on) r.setAttribute('aria-current', 'true'); else r.removeAttribute('aria-current');
    });
    if (articleId === null || articleId === undefined || articleId === '') {
      message(box, 'This event has no article.', true);
      return;
    }
    var seq = ++state.seq.article;
    message(box, 'Loading the article…');
    var art;
    try {
      art = await api('/v1/articles/' + encodeURIComponent(articleId));
    } catch (e) {
      if (seq === state.seq.article) message(box, 'Could not load the article: ' + e.message, true);
      return;
    }
    if (seq !== state.seq.article) return;
    renderArticle(box, art, state.eventId);
  }

  function renderArticle(box, art, currentId) {
    clear(box);
    var meta = [art.date, art.source].filter(Boolean).join(' · ');
    box.appendChild(el('h3', { 'class': 'article-title', text: art.title || String(art.id) }));
    var metaP = el('p', { 'class': 'article-meta' }, meta);
    if (art.url && /^https?:\/\//i.test(art.url)) {
      metaP.appendChild(document.createTextNode(meta ? ' · ' : ''));
      metaP.appendChild(el('a', { href: art.url, rel: 'noopener noreferrer', target: '_blank', text: 'original' }));
    }
    box.appendChild(metaP);

    var chars = Array.from(art.text || '');
    var events = Array.isArray(art.events) ? art.events : [];
    // Choose non-overlapping spans, the clicked event's first.
    var spans = events.filter(function (e) {
      return Number.isFinite(Number(e.evidence_start)) && Number.isFinite(Number(e.evidence_end)) &&
        Number(e.evidence_end) > Number(e.evidence_start);
    }).map(function (e) {
      return { start: Math.max(0, Number(e.evidence_start)), end: Math.min(chars.length, Number(e.evidence_end)), ev: e,
        current: String(e.id) === currentId };
    });
    spans.sort(function (a, b) { return (b.current - a.current) || (a.start - b.start) || (b.end - a.end); });
    var chosen = [];
    spans.forEach(function (s) {
      if (s.end <= s.start) return;
      var overlap = chosen.some(function (c) { return s.start < c.end && c.start < s.end; });
      if (!overlap) chosen.push(s);
      else {
        // Record the overlapping event on the span it shares, for the tooltip.
        chosen.forEach(function (c) { if (s.start < c.end && c.start < s.end) (c.extra = c.extra || []).push(s.ev); });
      }
    });
    chosen.sort(function (a, b) { return a.start - b.start; });

    var body = el('div', { 'class': 'article-text' });
    var cursor = 0, currentMark = null;
    chosen.forEach(function (s) {
      if (s.start > cursor) body.appendChild(document.createTextNode(chars.slice(cursor, s.start).join('')));
      var evs = [s.ev].concat(s.extra || []);
      var tip = evs.map(function (e) {
        return 'Event ' + e.id + ': ' + (e.source || '?') + ' → ' + (e.target || '—') + ', CAMEO ' + (e.cameo || '?') +
          (e.mode ? ' (' + e.mode + ')' : '');
      }).join('\n');
      var mk = el('mark', { 'class': 'evidence' + (s.current ? ' current' : ''), 'data-event-id': s.ev.id, title: tip,
        text: chars.slice(s.start, s.end).join('') });
      if (s.current) { currentMark = mk; mk.setAttribute('tabindex', '-1'); }
      body.appendChild(mk);
      cursor = s.end;
    });
    if (cursor < chars.length) body.appendChild(document.createTextNode(chars.slice(cursor).join('')));
    box.appendChild(body);
    if (!chars.length) box.appendChild(el('p', { 'class': 'empty', text: 'The article has no stored text.' }));
    else if (!currentMark) box.appendChild(el('p', { 'class': 'hint', text: 'The selected event has no evidence span in this text.' }));

    if (currentMark) {
      try { currentMark.scrollIntoView({ block: 'center', behavior: 'smooth' }); }
      catch (e) { currentMark.scrollIntoView(); }
    }
  }

  // -------------------------------------------------------- code this text

  async function codeText(ev) {
    ev.preventDefault();
    var out = $('code-result');
    var text = $('code-text').value;
    var date = $('code-date').value;
    if (!text.trim()) { message(out, 'Paste some news text first.', true); $('code-text').focus(); return; }
    var payload = { text: text };
    if (date) payload.date = date;
    var button = $('code-button');
    var seq = ++state.seq.code;
    button.disabled = true;
    message(out, 'Coding…');
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    var token = $('code-token').value.trim();
    if (token) headers['Authorization'] = 'Bearer ' + token;
    var data;
    try {
      data = await api('/v1/code', { method: 'POST', headers: headers, body: JSON.stringify(payload) });
    } catch (e) {
      if (seq !== state.seq.code) return;
      if (e.status === 401) {
        // Beyond loopback the server wants its token for POST requests: ask for it.
        $('code-token-field').hidden = false;
        message(out, token ? 'The server refused this token. Check it and press Code again.'
          : 'This server needs its access token to code text. Enter it and press Code again.', true);
        $('code-token').focus();
      } else {
        message(out, 'Could not code the text: ' + e.message, true);
      }
      return;
    } finally {
      if (seq === state.seq.code) button.disabled = false;
    }
    if (seq !== state.seq.code) return;
    var events = Array.isArray(data.events) ? data.events : [];
    clear(out);
    if (!events.length) { message(out, 'No events found in this text.'); return; }
    out.appendChild(el('p', { 'class': 'hint', text: events.length + ' event' + (events.length === 1 ? '' : 's') + ' coded.' }));
    var tbody = el('tbody');
    events.forEach(function (e) {
      var src = e.source || {}, tgt = e.target || null;
      var ev = e.evidence && typeof e.evidence === 'object' ? e.evidence.text : e.evidence;
      tbody.appendChild(el('tr', { 'class': 'code-event' }, [
        el('td', { text: typeof src === 'string' ? src : actorLabel(src.code, src.text) }),
        el('td', { text: tgt === null ? '—' : (typeof tgt === 'string' ? tgt : actorLabel(tgt.code, tgt.text)) }),
        el('td', { text: (e.cameo || '?') + (e.plover ? ' · ' + e.plover : '') }),
        el('td', { 'class': 'num ' + (Number(e.goldstein) < 0 ? 'neg' : 'pos'), text: fmt(e.goldstein, 1) }),
        el('td', { text: e.mode || '' }),
        el('td', { 'class': 'ev-evidence', text: ev || '' })
      ]));
    });
    out.appendChild(el('div', { 'class': 'table-scroll' }, el('table', { 'class': 'data-table' }, [
      el('caption', { 'class': 'visually-hidden', text: 'Coded events' }),
      el('thead', null, el('tr', null, ['Source', 'Target', 'CAMEO', 'Goldstein', 'Mode', 'Evidence'].map(function (h) {
        return el('th', { scope: 'col', 'class': h === 'Goldstein' ? 'num' : null, text: h });
      }))),
      tbody
    ])));
  }

  // ---------------------------------------------------------------- wiring

  async function init() {
    var hash = readHash();
    if (hash.by && /^(day|week|month)$/.test(hash.by)) state.by = hash.by;
    $('period-select').value = state.by;
    $('code-date').value = new Date().toISOString().slice(0, 10);

    $('dyad-select').addEventListener('change', function (e) {
      if (e.target.value) selectDyad(e.target.value);
    });
    $('dyad-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var v = $('dyad-input').value;
      if (!parseDyad(v)) { status('Enter a dyad as two actor codes, e.g. ISR-SYR.', true); $('dyad-input').focus(); return; }
      selectDyad(v);
    });
    $('period-select').addEventListener('change', function (e) {
      state.by = e.target.value;
      if (state.dyad) loadSeries();
    });
    $('code-form').addEventListener('submit', codeText);

    loadAllAlerts();
    var dyads = await loadTopDyads();
    if (state.dyad) return; // the user already picked one while loading
    var initial = parseDyad(hash.dyad) ? hash.dyad : (dyads[0] && dyads[0].dyad);
    if (initial) selectDyad(initial);
    else if (!dyads.length) { drawChart(null, 'No dyad to show.', false); renderAlerts([]); }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();

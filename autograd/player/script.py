"""How a walkthrough looks and plays: the CSS of its picture and controls, and the one small player
script that the standalone page and the Jupyter widget both run (no library, no network)."""

from __future__ import annotations

from ..draw.style import FONT_SIZE  # edge labels as large as the graph's own text

FOCUS_COLOUR = "#D55E00"  # Okabe-Ito vermillion: the node and edges of the current step

# Styles of the picture itself; exported frames carry them inside the SVG.
SVG_STYLE = f"""
.wt-pending {{ opacity: 0.22; }}
.node.wt-focus > polygon, .node.wt-focus > path, .node.wt-focus > ellipse,
.node.wt-focus > g > a > :first-child {{
  stroke: {FOCUS_COLOUR}; stroke-width: 3.5; }}
.edge.wt-focus > path {{ stroke: {FOCUS_COLOUR}; stroke-width: 2.5; }}
.edge.wt-focus > polygon {{ stroke: {FOCUS_COLOUR}; fill: {FOCUS_COLOUR}; }}
.wt-partial text[data-wt-slot$=".grad"] {{ font-style: italic; fill: #B07800; }}
.wt-updated text[data-wt-slot$=".data"] {{ fill: #0072B2; text-decoration: underline; }}
.node.active > polygon, .node.active > path, .node.active > g > a > :first-child {{ stroke-width: 5; }}
.wt-edge-label, .wt-edge-halo {{ font-family: Helvetica,Arial,sans-serif; font-size: {FONT_SIZE}px;
  font-weight: bold; fill: #A63A00; }}
.wt-edge-halo {{ fill: white; stroke: white; stroke-width: 5px; stroke-linejoin: round; }}
.wt-caption {{ font-family: Helvetica,Arial,sans-serif; font-size: 14px; fill: #222222;
  white-space: pre; }}
"""

# Styles of the controls and the caption around the picture (page and Jupyter player). The picture
# area fills what the controls and caption leave: the whole window on the page and in full screen
# (F), a fixed share of the window in a notebook.
PLAYER_STYLE = """
.wt-player { font-family: Helvetica, Arial, sans-serif; color: #222; outline: none; background: white;
  display: flex; flex-direction: column; height: 72vh; min-height: 360px; }
.wt-player.wt-fill, .wt-player:fullscreen { height: 100vh; box-sizing: border-box; padding: 6px 12px; }
.wt-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 2px 0; font-size: 16px; }
.wt-controls button, .wt-controls select { font-size: 16px; padding: 2px 10px; cursor: pointer; }
.wt-controls input[type=range] { flex: 1 1 200px; min-width: 120px; }
.wt-counter { font-variant-numeric: tabular-nums; min-width: 8em; }
.wt-title { color: #555; }
.wt-phase { display: inline-block; font-weight: bold; border-radius: 4px; padding: 0 8px;
  color: white; background: #555; font-size: 20px; }
.wt-phase.forward { background: #0072B2; } .wt-phase.seed, .wt-phase.backward { background: #A63A00; }
.wt-phase.update { background: #007A5A; }
/* the head: controls, then (a quiz's panel, if any, and) the phase beside the caption */
.wt-head { display: grid; grid-template-columns: auto 1fr; align-items: baseline; column-gap: 8px; }
.wt-head > * { grid-column: 1 / -1; }
.wt-head > .wt-phase { grid-column: 1; grid-row: 3; } .wt-head > .wt-text { grid-column: 2; grid-row: 3; }
.wt-text { font-size: 24px; line-height: 1.25; margin: 2px 0 4px; }
.wt-more { white-space: pre-wrap; color: #333; }
.wt-more.wt-columns { columns: 760px; column-gap: 32px; }
.wt-more:empty { display: none; }
.wt-graph { flex: 1 1 auto; min-height: 0; overflow: hidden; position: relative; }
.wt-graph svg { display: block; width: 100%; height: 100%; }
"""

# The presenter view: the picture is shown through the SVG's viewBox, so zooming and panning are one
# rectangle in the picture's own units (points). 'follow' keeps the node in focus and the step's edge
# labels on screen at a readable size (zooming in where the whole graph cannot be that large);
# 'whole' fits the graph in both directions. Moves are animated.
VIEW_JS = r"""
function chalkgradView(area, svg) {
  const vb = svg.viewBox.baseVal, full = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
  const READABLE = 4 / 3, MOST = 3;  // px per point: 100% (14 pt text is 18.7 px), at most 225%
  svg.removeAttribute('width'); svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  let box = Object.assign({}, full), frame = null;
  function put(b) { box = b; svg.setAttribute('viewBox', [b.x, b.y, b.w, b.h].join(' ')); }
  function extent(el) {  // an element's bounding box in the picture's units, whatever the view
    const b = el.getBBox(), m = svg.getScreenCTM().inverse().multiply(el.getScreenCTM());
    const xs = [], ys = [];
    for (const [x, y] of [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]) {
      xs.push(m.a * x + m.c * y + m.e); ys.push(m.b * x + m.d * y + m.f);
    }
    return { x: Math.min(...xs), y: Math.min(...ys), r: Math.max(...xs), b: Math.max(...ys) };
  }
  function union(els) {
    const boxes = els.filter((el) => el && el.getBBox).map(extent).filter((e) => e.r > e.x || e.b > e.y);
    if (!boxes.length) return null;
    return { x: Math.min(...boxes.map((e) => e.x)), y: Math.min(...boxes.map((e) => e.y)),
             r: Math.max(...boxes.map((e) => e.r)), b: Math.max(...boxes.map((e) => e.b)) };
  }
  function along(room, centre, fullStart, fullSize) {
    // centre the focus, but show no empty space beyond the picture where the picture is larger
    if (room >= fullSize) return fullStart + (fullSize - room) / 2;
    return Math.min(Math.max(centre - room / 2, fullStart), fullStart + fullSize - room);
  }
  // mode: 'follow', 'whole' or a zoom factor (1 = the picture's own size); must: elements that have
  // to be on screen (the node in focus, this step's labels); nice: the rest of the step, if it fits
  function target(mode, must, nice) {
    const W = area.clientWidth, H = area.clientHeight;
    if (!W || !H) return null;
    const fit = Math.min(W / full.w, H / full.h);
    let zoom = mode === 'whole' ? Math.min(fit, MOST) : mode === 'follow'
      ? Math.min(MOST, Math.max(fit, READABLE)) : READABLE * Number(mode);
    let focus = union(must.concat(nice));
    const fits = (f) => (f.r - f.x) * zoom <= 0.96 * W && (f.b - f.y) * zoom <= 0.96 * H;
    if (focus && !fits(focus)) focus = union(must);
    if (focus && !fits(focus) && mode === 'follow') {  // a large step: zoom out just enough
      zoom = Math.max(fit, Math.min(0.96 * W / (focus.r - focus.x), 0.96 * H / (focus.b - focus.y)));
    }
    const w = W / zoom, h = H / zoom;
    const cx = focus ? (focus.x + focus.r) / 2 : full.x + full.w / 2;
    const cy = focus ? (focus.y + focus.b) / 2 : full.y + full.h / 2;
    return { x: along(w, cx, full.x, full.w), y: along(h, cy, full.y, full.h), w: w, h: h };
  }
  function move(mode, must, nice, animate) {
    const goal = target(mode, must, nice);
    if (!goal) return;
    if (frame !== null) cancelAnimationFrame(frame);
    const from = Object.assign({}, box), start = performance.now(), ms = animate ? 450 : 0;
    function tick(now) {
      const t = ms ? Math.min(1, (now - start) / ms) : 1, e = t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) * (1 - t);
      put({ x: from.x + (goal.x - from.x) * e, y: from.y + (goal.y - from.y) * e,
            w: from.w + (goal.w - from.w) * e, h: from.h + (goal.h - from.h) * e });
      frame = t < 1 ? requestAnimationFrame(tick) : null;
      if (frame === null) {  // arrived: the zoom (100% = the picture's own size), and no move under way
        area.setAttribute('data-zoom', (100 * area.clientWidth / box.w / READABLE).toFixed(0));
        area.removeAttribute('data-moving');
      }
    }
    area.setAttribute('data-moving', 'true');
    if (ms) frame = requestAnimationFrame(tick); else tick(start);
  }
  return { move: move, moving: () => frame !== null };
}
"""

# The player: builds the controls around the SVG, and shows step k by replaying the changes of
# steps 0..k on the starting state (the same rule as Scene.state in scene.py). Every move to a step
# goes through go(k), the one place where something could happen before a step is revealed.
PLAYER_JS = VIEW_JS + r"""
function chalkgradPlayer(host, spec, onStep) {
  const n = spec.steps.length;
  host.innerHTML =
    '<div class="wt-player' + (spec.fill ? ' wt-fill' : '') + '" tabindex="0"><div class="wt-head">' +
    '<div class="wt-controls">' +
    '<button class="wt-prev" title="previous step (left arrow)">&#9664; previous</button>' +
    '<button class="wt-play" title="play / pause (space)">&#9654; play</button>' +
    '<button class="wt-next" title="next step (right arrow)">next &#9654;</button>' +
    '<input class="wt-slider" type="range" min="0" max="' + (n - 1) + '" value="0" aria-label="step">' +
    '<span class="wt-counter"></span>' +
    '<label>speed <select class="wt-speed">' +
    '<option value="2400">0.5&#215;</option><option value="1200">1&#215;</option>' +
    '<option value="600">2&#215;</option><option value="300">4&#215;</option></select></label>' +
    '<label title="follow: the step in focus, large enough to read from the back of the room">' +
    'zoom <select class="wt-zoom"><option value="follow">follow</option><option value="whole">whole graph' +
    '</option><option value="1">100%</option><option value="1.5">150%</option><option value="2">200%</option>' +
    '</select></label><button class="wt-full" title="full screen (F)">full screen</button>' +
    '<span class="wt-title"></span></div>' +
    '<span class="wt-phase"></span><div class="wt-text"><div class="wt-line"></div>' +
    '<div class="wt-more"></div></div></div><div class="wt-graph">' + spec.svg + '</div></div>';
  const $ = (s) => host.querySelector(s);
  const slots = {}, labels = {}, classed = {}, base = {};
  host.querySelectorAll('[data-wt-slot]').forEach((el) => { slots[el.getAttribute('data-wt-slot')] = el; });
  host.querySelectorAll('[data-wt-label]').forEach((el) => {
    const key = el.getAttribute('data-wt-label');
    (labels[key] = labels[key] || []).push(el);
  });
  const derivatives = [...host.querySelectorAll('[data-wt-derivative]')].map(
    (el) => [el, el.getAttribute('data-wt-derivative'), el.textContent]);
  host.querySelectorAll('[data-wt]').forEach((el) => {
    const key = el.getAttribute('data-wt');
    classed[key] = el;
    base[key] = el.getAttribute('class').trim();
  });
  const scene = spec.scene, slider = $('.wt-slider'), speed = $('.wt-speed'), zoomMode = $('.wt-zoom');
  speed.value = String(spec.interval || 1200);
  if (!speed.value) speed.value = '1200';
  let current = -1, timer = null;
  const player = $('.wt-player'), graph = $('.wt-graph');
  const view = chalkgradView(graph, graph.querySelector('svg'));

  function follow(change, animate) {
    // on screen for sure: the node in focus (and its op) and this step's edge labels; if they fit
    // too, the rest of the step (its inputs, its edges)
    const active = change.active;
    const must = [classed[active], classed[active + 'op']];
    for (const key in change.labels) (labels[key] || []).forEach((el) => must.push(el));
    const nice = change.focus.map((k) => classed[k]);
    view.move(zoomMode.value, must, nice, animate);
  }
  function show(k, animate) {
    k = Math.max(0, Math.min(n - 1, k | 0));
    if (spec.gate) k = spec.gate(k);  // a quiz holds the player before a step it asks about first
    const text = Object.assign({}, scene.initialText), state = Object.assign({}, scene.initialState);
    const value = {};
    for (let i = 0; i <= k; i++) {
      Object.assign(text, scene.changes[i].text);
      Object.assign(state, scene.changes[i].state);
      Object.assign(value, scene.changes[i].values);
    }
    const change = scene.changes[k], focus = new Set(change.focus);
    for (const slot in slots) {
      if (slots[slot].textContent !== text[slot]) slots[slot].textContent = text[slot];
      if (slot in value) slots[slot].setAttribute('data-value', value[slot]);
      else slots[slot].removeAttribute('data-value');
    }
    for (const key in classed) {
      const cls = [base[key], state[key] || '', focus.has(key) ? 'wt-focus' : '',
                   key === change.active ? 'active' : ''].join(' ').replace(/ +/g, ' ').trim();
      if (classed[key].getAttribute('class') !== cls) classed[key].setAttribute('class', cls);
    }
    for (const key in labels) {
      const lines = change.labels[key];
      labels[key].forEach((el) => { el.textContent = lines ? lines[Number(el.getAttribute('data-wt-line'))] : ''; });
    }
    // a '∂ = local' shows once its value is computed, and steps aside while its product is written over it
    derivatives.forEach(([el, key, text]) => {
      el.textContent = state[key] !== 'wt-pending' && !change.labels[key] ? text : '';
    });
    const step = spec.steps[k], cut = step.text.indexOf('\n');
    $('.wt-counter').textContent = 'step ' + (k + 1) + ' of ' + n;
    $('.wt-phase').textContent = step.phase;
    $('.wt-phase').className = 'wt-phase ' + step.phase;
    $('.wt-title').textContent = spec.title || '';
    $('.wt-line').textContent = cut < 0 ? step.text : step.text.slice(0, cut);
    const more = cut < 0 ? '' : step.text.slice(cut + 1);
    $('.wt-more').textContent = more;
    // short lines side by side in columns (fewer rows above the picture); a long line would wrap there
    $('.wt-more').classList.toggle('wt-columns', Math.max(0, ...more.split('\n').map((l) => l.length)) <= 64);
    slider.value = String(k);
    const moved = current !== k;
    current = k;
    follow(change, animate !== false && moved);
    if (onStep) onStep(k);
  }
  function go(k) { show(k, true); }
  function pause() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    $('.wt-play').innerHTML = '&#9654; play';
  }
  function play() {
    pause();
    if (current >= n - 1) go(0);
    $('.wt-play').innerHTML = '&#10074;&#10074; pause';
    timer = setInterval(() => { if (current >= n - 1) pause(); else go(current + 1); },
                        Number(speed.value));
  }
  function fullScreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (player.requestFullscreen) player.requestFullscreen().catch(() => {});
  }
  $('.wt-prev').addEventListener('click', () => { pause(); go(current - 1); });
  $('.wt-next').addEventListener('click', () => { pause(); go(current + 1); });
  $('.wt-play').addEventListener('click', () => { if (timer === null) play(); else pause(); });
  $('.wt-full').addEventListener('click', fullScreen);
  slider.addEventListener('input', () => { pause(); go(Number(slider.value)); });
  speed.addEventListener('change', () => { if (timer !== null) play(); });
  zoomMode.addEventListener('change', () => follow(scene.changes[current], true));
  // a new size (window, full screen, a notebook's column) refits the view at once
  if (window.ResizeObserver) new ResizeObserver(() => follow(scene.changes[current], false)).observe(graph);
  function key(event) {
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key in moves) { pause(); go(current + moves[event.key]); }
    else if (event.key === 'Home') { pause(); go(0); }
    else if (event.key === 'End') { pause(); go(n - 1); }
    else if (event.key === ' ') { if (timer === null) play(); else pause(); }
    else if (event.key === 'f' || event.key === 'F') fullScreen();
    else return;
    event.preventDefault();
    event.stopPropagation();  // in a notebook, the keys stay with the player that has focus
  }
  player.addEventListener('keydown', key);
  show(spec.start || 0, false);
  return { show: go, pause: pause, play: play, key: key, current: () => current, count: n,
           moving: view.moving };
}
"""

"""How a walkthrough looks and plays: the CSS of its picture and controls, and the one small player
script that the standalone page and the Jupyter widget both run (no library, no network)."""

from __future__ import annotations

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
.wt-edge-label, .wt-edge-halo {{ font-family: Helvetica,Arial,sans-serif; font-size: 12px;
  font-weight: bold; fill: #A63A00; }}
.wt-edge-halo {{ fill: white; stroke: white; stroke-width: 5px; stroke-linejoin: round; }}
.wt-caption {{ font-family: Helvetica,Arial,sans-serif; font-size: 14px; fill: #222222;
  white-space: pre; }}
"""

# Styles of the controls and the caption around the picture (page and Jupyter player).
PLAYER_STYLE = """
.wt-player { font-family: Helvetica, Arial, sans-serif; color: #222; outline: none; }
.wt-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 4px 0; }
.wt-controls button { font-size: 14px; padding: 3px 10px; cursor: pointer; }
.wt-controls input[type=range] { flex: 1 1 200px; min-width: 120px; }
.wt-counter { font-variant-numeric: tabular-nums; min-width: 9em; }
.wt-phase { display: inline-block; font-weight: bold; border-radius: 4px; padding: 1px 8px;
  margin-right: 6px; color: white; background: #555; }
.wt-phase.forward { background: #0072B2; } .wt-phase.seed, .wt-phase.backward { background: #A63A00; }
.wt-phase.update { background: #007A5A; }
.wt-text { font-family: Menlo, Consolas, monospace; font-size: 13px; white-space: pre-wrap;
  margin: 4px 0 8px; min-height: 3.6em; }
.wt-graph { overflow: auto; }
.wt-graph svg { height: auto; }
"""

# The player: builds the controls around the SVG, and shows step k by replaying the changes of
# steps 0..k on the starting state (the same rule as Scene.state in scene.py).
PLAYER_JS = r"""
function chalkgradPlayer(host, spec, onStep) {
  const n = spec.steps.length;
  host.innerHTML =
    '<div class="wt-player" tabindex="0"><div class="wt-head">' +
    '<div class="wt-controls">' +
    '<button class="wt-prev" title="previous step (left arrow)">&#9664; previous</button>' +
    '<button class="wt-play" title="play / pause (space)">&#9654; play</button>' +
    '<button class="wt-next" title="next step (right arrow)">next &#9654;</button>' +
    '<input class="wt-slider" type="range" min="0" max="' + (n - 1) + '" value="0" aria-label="step">' +
    '<span class="wt-counter"></span>' +
    '<label>speed <select class="wt-speed">' +
    '<option value="2400">0.5&#215;</option><option value="1200">1&#215;</option>' +
    '<option value="600">2&#215;</option><option value="300">4&#215;</option></select></label>' +
    '<label title="auto: fit the width, but never below 60% (then the picture follows the step)">' +
    'zoom <select class="wt-zoom"><option value="auto">auto</option><option value="fit">whole graph' +
    '</option><option value="1">100%</option></select></label>' +
    '</div><div><span class="wt-phase"></span><span class="wt-title"></span></div>' +
    '<div class="wt-text"></div></div><div class="wt-graph">' + spec.svg + '</div></div>';
  const $ = (s) => host.querySelector(s);
  const slots = {}, labels = {}, classed = {}, base = {};
  host.querySelectorAll('[data-wt-slot]').forEach((el) => { slots[el.getAttribute('data-wt-slot')] = el; });
  host.querySelectorAll('[data-wt-label]').forEach((el) => {
    const key = el.getAttribute('data-wt-label');
    (labels[key] = labels[key] || []).push(el);
  });
  // an edge's '∂ = local' steps aside while its product is written over it
  const derivatives = [...host.querySelectorAll('[data-wt-derivative]')].map(
    (el) => [el, el.getAttribute('data-wt-derivative'), el.textContent]);
  host.querySelectorAll('[data-wt]').forEach((el) => {
    const key = el.getAttribute('data-wt');
    classed[key] = el;
    base[key] = el.getAttribute('class').trim();
  });
  const scene = spec.scene, slider = $('.wt-slider'), speed = $('.wt-speed');
  speed.value = String(spec.interval || 1200);
  if (!speed.value) speed.value = '1200';
  let current = -1, timer = null;
  const graph = $('.wt-graph'), svg = graph.querySelector('svg');
  const natural = svg.viewBox.baseVal.width * 4 / 3;  // Graphviz sizes in points; 1pt = 4/3 px

  function zoom() {
    // auto: as wide as the space, but never smaller than 60% so the numbers stay readable
    const room = graph.clientWidth, mode = $('.wt-zoom').value;
    if (!room || !natural) return;
    const fit = Math.min(1, room / natural);
    const scale = mode === 'fit' ? fit : mode === 'auto' ? Math.max(fit, 0.6) : Number(mode);
    svg.style.width = (natural * scale) + 'px';
  }
  function follow(change) {
    // when the picture is wider than the space, bring the node in focus to the middle
    const key = change.focus.find((k) => classed[k]);
    if (!key) return;
    if (graph.scrollWidth > graph.clientWidth) {
      const box = classed[key].getBoundingClientRect(), view = graph.getBoundingClientRect();
      graph.scrollLeft += (box.left + box.width / 2) - (view.left + view.width / 2);
    }
    // a standalone page also scrolls a tall picture, below its header (controls and step text)
    if (!spec.scrollPage) return;
    const box = classed[key].getBoundingClientRect(), top = $('.wt-head').getBoundingClientRect().bottom;
    if (box.top < top || box.bottom > window.innerHeight) {
      window.scrollBy(0, (box.top + box.bottom) / 2 - (top + window.innerHeight) / 2);
    }
  }

  function show(k) {
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
      const cls = [base[key], state[key] || '', focus.has(key) ? 'wt-focus' : ''].join(' ').trim();
      if (classed[key].getAttribute('class') !== cls) classed[key].setAttribute('class', cls);
    }
    follow(change);
    for (const key in labels) {
      const lines = change.labels[key];
      labels[key].forEach((el) => { el.textContent = lines ? lines[Number(el.getAttribute('data-wt-line'))] : ''; });
    }
    derivatives.forEach(([el, key, text]) => { el.textContent = change.labels[key] ? '' : text; });
    const step = spec.steps[k];
    $('.wt-counter').textContent = 'step ' + (k + 1) + ' of ' + n;
    $('.wt-phase').textContent = step.phase;
    $('.wt-phase').className = 'wt-phase ' + step.phase;
    $('.wt-title').textContent = spec.title || '';
    $('.wt-text').textContent = step.text;
    slider.value = String(k);
    current = k;
    if (onStep) onStep(k);
  }
  function pause() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    $('.wt-play').innerHTML = '&#9654; play';
  }
  function play() {
    pause();
    if (current >= n - 1) show(0);
    $('.wt-play').innerHTML = '&#10074;&#10074; pause';
    timer = setInterval(() => { if (current >= n - 1) pause(); else show(current + 1); },
                        Number(speed.value));
  }
  $('.wt-prev').addEventListener('click', () => { pause(); show(current - 1); });
  $('.wt-next').addEventListener('click', () => { pause(); show(current + 1); });
  $('.wt-play').addEventListener('click', () => { if (timer === null) play(); else pause(); });
  slider.addEventListener('input', () => { pause(); show(Number(slider.value)); });
  speed.addEventListener('change', () => { if (timer !== null) play(); });
  $('.wt-zoom').addEventListener('change', () => { zoom(); show(current); });
  if (window.ResizeObserver) new ResizeObserver(zoom).observe(graph);  // also when a notebook shows it
  zoom();
  function key(event) {
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key in moves) { pause(); show(current + moves[event.key]); }
    else if (event.key === 'Home') { pause(); show(0); }
    else if (event.key === 'End') { pause(); show(n - 1); }
    else if (event.key === ' ') { if (timer === null) play(); else pause(); }
    else return;
    event.preventDefault();
    event.stopPropagation();  // in a notebook, the keys stay with the player that has focus
  }
  $('.wt-player').addEventListener('keydown', key);
  show(spec.start || 0);
  return { show: show, pause: pause, play: play, key: key, current: () => current, count: n };
}
"""

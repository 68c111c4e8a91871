// The playground widget: controls around the plot and the network; every change goes to the kernel
// as a message ({cmd: ...}) and comes back as the new `view` and `maps`. Play asks for one tick at a
// time (the kernel trains for a moment, then answers), so requests never pile up.
const PG_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const PG_PENALTIES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
const PG_BATCHES = [1, 2, 5, 10, 20, 30, 50, 100, 200];

function pgOptions(values, current, label) {
  return values.map((v) => '<option value="' + v + '"' + (String(v) === String(current) ? ' selected' : '') + '>' +
    (label ? label(v) : v) + '</option>').join('');
}

function pgFresh(host, key) {
  // true when what `host` shows must be built again: a redraw during play leaves an open
  // drop-down (or a button being clicked) alone unless its contents changed
  if (host.dataset.key === key) return false;
  host.dataset.key = key;
  return true;
}

function pgSelect(select, values, current, label) {
  const all = values.map(String).includes(String(current)) ? values : values.concat([current]);
  if (pgFresh(select, JSON.stringify([all, label ? 1 : 0]))) select.innerHTML = pgOptions(all, current, label);
  if (document.activeElement !== select) select.value = String(current);
}

let pgCount = 0;  // several playgrounds on one page keep their own radio buttons

function render({ model, el }) {
  const group = 'pgclass' + (pgCount++);
  el.innerHTML =
    '<div class="pg"><div class="pg-bar">' +
    '<button class="pg-reset" title="back to epoch 0">&#8634; reset</button>' +
    '<button class="pg-play" title="train until paused">&#9654; play</button>' +
    '<button class="pg-step" title="one epoch">step &#9654;|</button>' +
    '<span class="pg-epoch">epoch 0</span>' +
    '<label>learning rate <select class="pg-lr"></select></label>' +
    '<label>optimiser <select class="pg-optimizer"></select></label>' +
    '<label>L1 <select class="pg-l1"></select></label><label>L2 <select class="pg-l2"></select></label>' +
    '<label>batch <select class="pg-batch"></select></label></div>' +
    '<div class="pg-main"><div class="pg-col pg-data-col"><div class="pg-title">data</div>' +
    '<div class="pg-datasets"></div>' +
    '<label>noise <input class="pg-noise" type="range" min="0" max="0.5" step="0.05"></label>' +
    '<label>test points <select class="pg-test"></select></label>' +
    '<div class="pg-title">a click adds</div><div class="pg-add-class">' +
    '<label><input type="radio" name="' + group + '" value="0"> orange</label>' +
    '<label><input type="radio" name="' + group + '" value="1" checked> blue</label></div>' +
    '<div class="pg-hint">click: add a point, or pick one; shift-click: delete the nearest</div></div>' +
    '<div class="pg-col pg-net-col"><div class="pg-title">network <button class="pg-add-layer">+ layer</button>' +
    '<button class="pg-remove-layer">&#8722; layer</button> <span class="pg-model"></span></div>' +
    '<div class="pg-layer-controls"></div><div class="pg-net"></div><div class="pg-tip" hidden></div></div>' +
    '<div class="pg-col pg-out-col"><div class="pg-title">output</div>' +
    '<div class="pg-losses"></div><svg class="pg-curves" viewBox="0 0 300 70" preserveAspectRatio="none"></svg>' +
    '<canvas class="pg-plot" width="320" height="320"></canvas>' +
    '<div class="pg-picked"></div><button class="pg-copy">copy the Python</button>' +
    '<pre class="pg-code" hidden></pre></div></div>' +
    '<div class="pg-status"></div>' +
    '<div class="pg-detail" hidden><button class="pg-back">&#9664; back to the playground</button>' +
    '<div class="pg-detail-title"></div><div class="pg-detail-body"></div></div></div>';
  const $ = (s) => el.querySelector(s);
  const send = (cmd, args) => model.send(Object.assign({ cmd: cmd }, args || {}));
  let playing = false, waiting = false;

  function setPlaying(on) {
    playing = on;
    $('.pg-play').innerHTML = on ? '&#10074;&#10074; pause' : '&#9654; play';
    if (on && !waiting) tick();
  }
  function tick() { waiting = true; send('tick'); }
  const handlers = {
    feature: (name) => {
      const view = model.get('view'), chosen = view.features.slice();
      const at = chosen.indexOf(name);
      if (at >= 0) chosen.splice(at, 1); else chosen.push(name);
      send('network', { action: 'features', value: chosen });
    },
    hover: (edge) => {
      const tip = $('.pg-tip');
      if (!edge) { tip.hidden = true; return; }
      const g = edge.dataset.grad === 'null' ? 'none yet' : Number(edge.dataset.grad).toPrecision(4);
      tip.textContent = 'weight ' + Number(edge.dataset.weight).toPrecision(4) + ', gradient ' + g;
      const box = edge.getBoundingClientRect(), host = $('.pg-net-col').getBoundingClientRect();
      tip.style.left = (box.left - host.left + box.width / 2) + 'px';
      tip.style.top = (box.top - host.top + box.height / 2) + 'px';
      tip.hidden = false;
    },
  };

  function draw() {
    const view = model.get('view'), maps = model.get('maps');
    if (!view || !view.points) return;
    $('.pg-epoch').textContent = 'epoch ' + view.epoch;
    pgSelect($('.pg-lr'), PG_RATES, view.lr);
    pgSelect($('.pg-optimizer'), view.optimizers, view.optimizer);
    pgSelect($('.pg-l1'), PG_PENALTIES, view.l1);
    pgSelect($('.pg-l2'), PG_PENALTIES, view.l2);
    pgSelect($('.pg-batch'), PG_BATCHES, view.batch_size);
    pgSelect($('.pg-test'), [0, 0.1, 0.2, 0.3, 0.5], view.test_fraction, (v) => Math.round(v * 100) + '%');
    $('.pg-noise').value = view.noise;
    $('.pg-add-class').hidden = view.task !== 'classification';  // regression: the click's height is the target
    if (pgFresh($('.pg-datasets'), view.data)) $('.pg-datasets').innerHTML = view.datasets.map((d) => '<button data-data="' + d + '" class="' +
      (d === view.data ? 'pg-chosen' : '') + '">' + d + '</button>').join('');
    const fmt = (v) => v === null ? '–' : v.toFixed(3);
    $('.pg-losses').innerHTML = '<span class="pg-train-loss">training loss ' + fmt(view.train_loss) + '</span> ' +
      '<span class="pg-test-loss">test loss ' + fmt(view.test_loss) + '</span>' +
      (view.accuracy !== null ? ' <span class="pg-accuracy">accuracy ' + Math.round(view.accuracy * 100) + '%</span>' : '');
    pgLossCurves($('.pg-curves'), view.curves);
    pgPlot($('.pg-plot'), view, maps);
    pgNetwork($('.pg-net'), view, maps, handlers);
    drawLayerControls(view);
    drawPicked(view);
    $('.pg-code').textContent = view.code;
    $('.pg-model').textContent = view.editable ? '' : view.model;
    el.querySelectorAll('.pg-add-layer, .pg-remove-layer, .pg-feature').forEach((b) => { b.disabled = !view.editable; });
    el.querySelectorAll('.pg-add-layer, .pg-remove-layer, .pg-copy').forEach((b) => { b.disabled = !view.editable; });
    el.classList.toggle('pg-fixed', !view.editable);
  }

  function drawLayerControls(view) {
    const host = $('.pg-layer-controls');
    if (!pgFresh(host, JSON.stringify([view.layers, view.activations]))) return;
    host.innerHTML = (view.layers || []).map((layer, l) => '<div class="pg-layer" style="left:' + ((l + 1) * 110 + 20) + 'px">' +
      '<button data-layer="' + l + '" data-action="add_neuron">+</button><button data-layer="' + l + '" data-action="remove_neuron">&#8722;</button>' +
      '<select data-layer="' + l + '" class="pg-activation">' + pgOptions(view.activations, layer.activation) + '</select>' +
      '<div>' + layer.size + ' neuron' + (layer.size > 1 ? 's' : '') + '</div></div>').join('');
    host.querySelectorAll('button').forEach((b) => b.addEventListener('click', () =>
      send('network', { action: b.dataset.action, layer: Number(b.dataset.layer) })));
    host.querySelectorAll('select').forEach((s) => s.addEventListener('change', () =>
      send('network', { action: 'activation', layer: Number(s.dataset.layer), value: s.value })));
  }

  function drawPicked(view) {
    const p = view.picked, host = $('.pg-picked');
    if (!p) { host.innerHTML = '<span class="pg-hint">click a point to follow it through the network</span>'; return; }
    host.innerHTML = '<span class="pg-picked-text">point ' + p.index + (p.test ? ' (test)' : '') + ': output ' +
      p.output.toFixed(3) + ', target ' + p.target + ', loss ' + p.loss.toFixed(4) + '</span> ' +
      '<button class="pg-graph">its graph</button><button class="pg-walk">its backprop</button>';
    host.querySelector('.pg-graph').addEventListener('click', () => { setPlaying(false); send('detail', { kind: 'graph' }); });
    host.querySelector('.pg-walk').addEventListener('click', () => { setPlaying(false); send('detail', { kind: 'walkthrough' }); });
  }

  function showDetail() {
    const d = model.get('detail') || {}, panel = $('.pg-detail'), body = $('.pg-detail-body');
    panel.hidden = !d.kind;
    $('.pg-main').hidden = !!d.kind;
    if (!d.kind) { body.innerHTML = ''; return; }
    $('.pg-detail-title').textContent = d.title || '';
    if (d.kind === 'graph') body.innerHTML = '<div class="pg-graph-svg">' + d.svg + '</div>';
    else {
      body.innerHTML = '<iframe class="pg-walkthrough" title="backprop walkthrough"></iframe>';
      body.querySelector('iframe').srcdoc = d.html;
    }
  }

  $('.pg-datasets').addEventListener('click', (event) => {
    if (event.target.dataset.data) send('data', { name: event.target.dataset.data });
  });
  $('.pg-play').addEventListener('click', () => setPlaying(!playing));
  $('.pg-step').addEventListener('click', () => { setPlaying(false); send('step'); });
  $('.pg-reset').addEventListener('click', () => { setPlaying(false); send('reset'); });
  $('.pg-back').addEventListener('click', () => send('detail', { kind: null }));
  $('.pg-add-layer').addEventListener('click', () => send('network', { action: 'add_layer' }));
  $('.pg-remove-layer').addEventListener('click', () => send('network', { action: 'remove_layer' }));
  [['.pg-lr', 'lr', Number], ['.pg-optimizer', 'optimizer', String], ['.pg-l1', 'l1', Number],
   ['.pg-l2', 'l2', Number], ['.pg-batch', 'batch_size', Number]].forEach(([sel, key, as]) =>
    $(sel).addEventListener('change', () => send('training', { [key]: as($(sel).value) })));
  $('.pg-noise').addEventListener('change', () => send('data', { noise: Number($('.pg-noise').value) }));
  $('.pg-test').addEventListener('change', () => send('data', { test_fraction: Number($('.pg-test').value) }));
  $('.pg-copy').addEventListener('click', () => {
    const code = model.get('view').code, pre = $('.pg-code');
    pre.hidden = false;  // shown too, to copy by hand where the clipboard is not allowed
    if (navigator.clipboard) navigator.clipboard.writeText(code).then(() => { $('.pg-copy').textContent = 'copied'; }, () => {});
  });
  $('.pg-plot').addEventListener('click', (event) => {
    const view = model.get('view'), canvas = $('.pg-plot'), box = canvas.getBoundingClientRect();
    const x = (event.clientX - box.left) * canvas.width / box.width, y = (event.clientY - box.top) * canvas.height / box.height;
    const [x0, x1, y0, y1] = view.extent, at = [x0 + x / canvas.width * (x1 - x0), y1 - y / canvas.height * (y1 - y0)];
    let near = -1, best = 8 * 8;
    view.points.forEach((p, i) => {
      const [px, py] = pgPixel(view, p, canvas.width, canvas.height), d = (px - x) ** 2 + (py - y) ** 2;
      if (d < best) { best = d; near = i; }
    });
    const point = view.dims === 2 ? at : [at[0]], target = view.dims === 2 ? null : at[1];
    if (event.shiftKey) send('delete', { point: point, target: target });
    else if (near >= 0) send('pick', { index: near });
    else send('add', { point: point, target: view.dims === 2 ? Number(el.querySelector('input[name=' + group + ']:checked').value) : target });
  });
  const onView = () => {
    draw();
    $('.pg-status').textContent = model.get('status') || '';
    if (waiting) { waiting = false; if (playing) setTimeout(tick, 0); }
  };
  model.on('change:view', onView);
  model.on('change:maps', draw);
  model.on('change:detail', showDetail);
  model.on('change:status', () => { waiting = false; $('.pg-status').textContent = model.get('status') || ''; if (model.get('status')) setPlaying(false); });
  draw();
  showDetail();
  return () => { playing = false; };
}
export default { render };

// The playground's pictures: heat maps on canvases, the loss curves and the network diagram.
// Map values arrive as integers from -100 (class 0, orange) to +100 (class 1, blue).
const PG_BLUE = [0, 114, 178], PG_ORANGE = [230, 159, 0];

function pgColour(q) {
  // white at 0, towards blue for positive values and orange for negative ones
  const t = Math.min(1, Math.abs(q) / 100), c = q >= 0 ? PG_BLUE : PG_ORANGE;
  return [255 + (c[0] - 255) * t, 255 + (c[1] - 255) * t, 255 + (c[2] - 255) * t];
}

function pgHeat(canvas, q, width) {
  // a width x width map (row 0 at the top) stretched over the canvas
  const height = q.length / width, small = document.createElement('canvas');
  small.width = width; small.height = height;
  const sctx = small.getContext('2d'), img = sctx.createImageData(width, height);
  for (let i = 0; i < q.length; i++) {
    const [r, g, b] = pgColour(q[i]);
    img.data[4 * i] = r; img.data[4 * i + 1] = g; img.data[4 * i + 2] = b; img.data[4 * i + 3] = 255;
  }
  sctx.putImageData(img, 0, 0);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
}

function pgCurve(canvas, values, lo, hi, colour) {
  // a 1-D map: a line over x from left to right, y from lo (bottom) to hi (top)
  const ctx = canvas.getContext('2d'), w = canvas.width, h = canvas.height;
  ctx.strokeStyle = colour; ctx.lineWidth = 2; ctx.beginPath();
  values.forEach((v, i) => {
    const x = (i + 0.5) / values.length * w, y = h - (v - lo) / (hi - lo || 1) * h;
    if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
  });
  ctx.stroke();
}

function pgThumb(canvas, map, dims) {
  if (!map) return;
  if (dims === 2) { pgHeat(canvas, map.q, Math.round(Math.sqrt(map.q.length))); return; }
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'white'; ctx.fillRect(0, 0, canvas.width, canvas.height);
  pgCurve(canvas, map.q, -100, 100, '#444');
}

// The main plot: the output map (or the regression curve) and the points over it.
function pgPlot(canvas, view, maps) {
  canvas.dataset.points = view.points.length;
  const ctx = canvas.getContext('2d'), [, , y0, y1] = view.extent, w = canvas.width, h = canvas.height;
  if (view.dims === 2 && maps && maps.output.q) pgHeat(canvas, maps.output.q, maps.resolution);
  else { ctx.fillStyle = 'white'; ctx.fillRect(0, 0, w, h); }
  if (view.dims === 1 && maps && maps.output.values) pgCurve(canvas, maps.output.values, y0, y1, '#0072B2');
  view.points.forEach((p, i) => {
    const [x, y] = pgPixel(view, p, w, h), test = p[p.length - 1] === 1;
    const colour = view.task === 'classification' ? (p[p.length - 2] > 0.5 ? PG_BLUE : PG_ORANGE) : [60, 60, 60];
    ctx.beginPath(); ctx.arc(x, y, view.picked && view.picked.index === i ? 7 : 4, 0, 2 * Math.PI);
    ctx.fillStyle = 'rgb(' + colour.join(',') + ')'; ctx.fill();
    ctx.lineWidth = view.picked && view.picked.index === i ? 3 : 1;
    ctx.strokeStyle = test ? 'black' : 'white'; ctx.stroke();
  });
}

function pgPixel(view, p, w, h) {
  // a point's place on the plot: p is [x1, x2, label, test] in 2-D, [x, target, test] in 1-D
  const [x0, x1, y0, y1] = view.extent;
  return [(p[0] - x0) / (x1 - x0) * w, h - (p[1] - y0) / (y1 - y0) * h];
}

function pgLossCurves(svg, curves) {
  const w = 300, h = 70, all = curves.train.concat(curves.test).filter((v) => v !== null);
  const top = Math.max(1e-9, ...all), n = Math.max(2, curves.train.length);
  const line = (values) => values.map((v, i) => (i / (n - 1) * w).toFixed(1) + ',' +
    (h - (v === null ? 0 : v) / top * (h - 4)).toFixed(1)).join(' ');
  svg.innerHTML = '<polyline class="pg-train-curve" points="' + line(curves.train) + '"/>' +
    '<polyline class="pg-test-curve" points="' + line(curves.test) + '"/>';
}

// The network: a column per layer (features first), a small map per neuron, edges as weights.
function pgNetwork(host, view, maps, handlers) {
  const columns = [view.feature_options.map(([name, label]) => ({ label: label, name: name, on: view.features.includes(name) }))];
  if (view.weights) view.weights.forEach((layer, l) => columns.push(layer.map((_, j) => ({ label: l === view.weights.length - 1 ? 'output' : '' }))));
  const colW = 110, rowH = 52, size = 40, top = 34;
  const height = top + rowH * Math.max(...columns.map((c) => c.length)) + 10;
  host.style.height = height + 'px'; host.style.width = (colW * columns.length) + 'px';
  const pos = (c, k) => [c * colW + 30, top + k * rowH];
  const inputs = columns[0].filter((f) => f.on);
  let edges = '';
  const picked = view.picked && view.picked.neurons ? view.picked : null;
  (view.weights || []).forEach((layer, l) => {
    const sources = l === 0 ? columns[0].map((f, k) => [f, k]).filter(([f]) => f.on).map(([, k]) => k)
      : layer.length ? view.weights[l - 1].map((_, k) => k) : [];
    const incoming = l === 0 ? (picked ? picked.inputs : null) : (picked ? picked.neurons[l - 1] : null);
    layer.forEach((neuron, j) => {
      neuron.w.forEach(([w, g], i) => {
        const [ax, ay] = pos(l, sources[i]), [bx, by] = pos(l + 1, j);
        const width = 0.5 + Math.min(5, Math.abs(w) * 2);
        const flow = incoming ? Math.min(1, Math.abs(w * incoming[i])) : null;
        edges += '<path class="pg-edge' + (flow !== null ? ' pg-flow' : '') + '" d="M' + (ax + size) + ',' + (ay + size / 2) +
          ' C' + (ax + size + 30) + ',' + (ay + size / 2) + ' ' + (bx - 30) + ',' + (by + size / 2) + ' ' + bx + ',' + (by + size / 2) +
          '" stroke="' + (w >= 0 ? '#0072B2' : '#E69F00') + '" stroke-width="' + width.toFixed(2) + '"' +
          (flow !== null ? ' stroke-opacity="' + (0.15 + 0.85 * flow).toFixed(2) + '"' : '') +
          ' data-layer="' + l + '" data-from="' + i + '" data-to="' + j + '" data-weight="' + w + '" data-grad="' + g + '"/>';
      });
    });
  });
  let html = '<svg class="pg-edges" width="' + (colW * columns.length) + '" height="' + height + '">' + edges + '</svg>';
  columns.forEach((col, c) => col.forEach((node, k) => {
    const [x, y] = pos(c, k), value = picked ? (c === 0 ? (node.on ? picked.inputs[inputs.indexOf(node)] : null) : picked.neurons[c - 1][k]) : null;
    html += '<div class="pg-node' + (c === 0 ? ' pg-feature' + (node.on ? ' pg-on' : '') : '') + '" style="left:' + x + 'px;top:' + y + 'px"' +
      ' data-column="' + c + '" data-row="' + k + '"' + (node.name ? ' data-feature="' + node.name + '"' : '') + '>' +
      '<canvas width="' + size + '" height="' + size + '"></canvas>' +
      (c === 0 ? '<span class="pg-node-label">' + node.label + '</span>' : '') +
      (value !== null && value !== undefined ? '<span class="pg-node-value">' + value.toFixed(2) + '</span>' : '') + '</div>';
  }));
  host.innerHTML = html;
  host.querySelectorAll('.pg-node').forEach((el) => {
    const c = Number(el.dataset.column), k = Number(el.dataset.row);
    if (!maps) return;
    const map = c === 0 ? maps.inputs[inputs.indexOf(columns[0][k])] : (maps.layers ? maps.layers[c - 1][k] : null);
    if (c > 0 || columns[0][k].on) pgThumb(el.querySelector('canvas'), map, maps.dims);
  });
  host.querySelectorAll('.pg-feature').forEach((el) => el.addEventListener('click', () => handlers.feature(el.dataset.feature)));
  host.querySelectorAll('.pg-edge').forEach((el) => {
    el.addEventListener('mouseenter', (event) => handlers.hover(el, event));
    el.addEventListener('mouseleave', () => handlers.hover(null));
  });
  return { colW: colW, pos: pos };
}

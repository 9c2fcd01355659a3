// attention4j attention explorer: one offline page, no libraries. Canvas drawing only, and only
// of what is visible, so that 1024+ tokens stay responsive. Public test API: window.attnExplorer.
(function () {
  'use strict';

  // ------------------------------------------------------------------ data
  // The embedded data is one view, or {examples: [view, ...], labels?, initial?, live?}: several
  // examples share the page (an example selector), and a live page (attn serve-viz) loads new ones.
  const RAW = JSON.parse(document.getElementById('attn-data').textContent);
  let EXAMPLES = RAW.examples || [RAW], LABELS = RAW.labels || [], EXAMPLE = 0;
  // the example shown, and what is derived from it (set by useData)
  let DATA, SRC, TGT, SRC_OK, TGT_OK, FINAL, SNAPS, KINDS, LAYERS, HEADS;
  const HEAD_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  // viridis control colours (t = 0, 1/9, ..., 1); interpolated below
  const VIRIDIS = [0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725];
  const FONTS = getComputedStyle(document.documentElement).getPropertyValue('--fonts').trim() || 'sans-serif';
  const ROW_H = 18, TOKEN_W = 150, LINE_MIN = 0.002;

  const HALF = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 31, f = h & 1023;
    HALF[h] = e === 0 ? s * f * Math.pow(2, -24) : e === 31 ? (f ? NaN : s * Infinity) : s * (1 + f / 1024) * Math.pow(2, e - 15);
  }

  const LUT = (function () {
    const lut = new Uint8ClampedArray(256 * 3);
    for (let i = 0; i < 256; i++) {
      const x = i / 255 * 9, k = Math.min(8, Math.floor(x)), f = x - k;
      for (let c = 0; c < 3; c++) {
        const sh = 16 - 8 * c, a = (VIRIDIS[k] >> sh) & 255, b = (VIRIDIS[k + 1] >> sh) & 255;
        lut[i * 3 + c] = Math.round(a + f * (b - a));
      }
    }
    return lut;
  })();

  function keyOf(kind, layer, head) { return kind + '/' + layer + '/' + head; }

  function index(list) {
    const m = new Map();
    for (const e of list) m.set(keyOf(e.kind, e.layer, e.head), { rows: e.rows, cols: e.cols, w: e.w, data: null });
    return m;
  }

  function decode(entry) {
    if (entry.data) return entry.data;
    const n = entry.rows * entry.cols, out = new Float32Array(n);
    if (typeof entry.w === 'string') {
      const bin = atob(entry.w);
      for (let i = 0; i < n; i++) out[i] = HALF[bin.charCodeAt(2 * i) | (bin.charCodeAt(2 * i + 1) << 8)];
    } else {
      for (let r = 0; r < entry.rows; r++) for (let c = 0; c < entry.cols; c++) out[r * entry.cols + c] = entry.w[r][c];
    }
    entry.w = null;
    entry.data = out;
    return out;
  }

  const ORDER = ['cross', 'encoder', 'decoder'];
  /** Makes `d` (one view) the data shown: tokens, matrices, snapshots, and the kinds, layers and heads present. */
  function useData(d) {
    DATA = d;
    SRC = d.source; TGT = d.target;
    SRC_OK = d.sourceValid || null; TGT_OK = d.targetValid || null;
    FINAL = index(d.matrices);
    SNAPS = (d.snapshots || []).map(s => ({ step: s.step, label: s.label, mats: index(s.matrices) }));
    KINDS = []; LAYERS = {}; HEADS = {};
    for (const e of d.matrices) {
      if (!KINDS.includes(e.kind)) KINDS.push(e.kind);
      (LAYERS[e.kind] = LAYERS[e.kind] || new Set()).add(e.layer);
      (HEADS[e.kind + '/' + e.layer] = HEADS[e.kind + '/' + e.layer] || new Set()).add(e.head);
    }
    KINDS.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  }
  useData(EXAMPLES[0]);
  const layersOf = kind => Array.from(LAYERS[kind] || []).sort((a, b) => a - b);
  const headsOf = (kind, layer) => Array.from(HEADS[kind + '/' + layer] || []).sort((a, b) => a - b);
  const queryTokens = kind => (kind === 'encoder' ? SRC : TGT);
  const keyTokens = kind => (kind === 'decoder' ? TGT : SRC);
  const queryOk = kind => (kind === 'encoder' ? SRC_OK : TGT_OK);
  const keyOk = kind => (kind === 'decoder' ? TGT_OK : SRC_OK);

  // ------------------------------------------------------------------ state
  const S = {
    kind: KINDS[0], layer: 0, heads: [0], view: 'head',
    snap: SNAPS.length, // SNAPS.length = the final weights
    hover: null, // {side: 'query'|'key', index}
    cell: null, // {row, col} under the mouse in the matrix view
    gold: true,
    scale: '1', // '1': colours span 0..1; 'max': 0..the largest weight of the matrix
  };
  S.layer = layersOf(S.kind)[0];
  S.heads = [headsOf(S.kind, S.layer)[0]];
  /** Keeps the kind, layer and heads shown if the data has them, else falls back to the first ones. */
  function keepSelection(kind, layer, heads) {
    S.kind = KINDS.includes(kind) ? kind : KINDS[0];
    S.layer = layersOf(S.kind).includes(layer) ? layer : layersOf(S.kind)[0];
    const hs = (heads || []).filter(h => headsOf(S.kind, S.layer).includes(h));
    S.heads = hs.length ? hs : [headsOf(S.kind, S.layer)[0]];
  }
  if (RAW.initial) keepSelection(RAW.initial.kind, RAW.initial.layer, RAW.initial.heads);
  const errors = [];
  let lastHighlight = null, frames = 0;

  /** The matrix shown for (kind, layer, head) at the current snapshot, or null if not recorded. */
  function matrix(kind, layer, head) {
    const src = S.snap < SNAPS.length ? SNAPS[S.snap].mats : FINAL;
    const e = src.get(keyOf(kind, layer, head));
    return e ? { rows: e.rows, cols: e.cols, data: decode(e) } : null;
  }

  // ------------------------------------------------------------------ drawing scheduler
  const dirty = new Set();
  let rafId = 0;
  const waiters = [];
  function invalidate(...what) {
    for (const w of what) dirty.add(w);
    if (!rafId) rafId = requestAnimationFrame(flush);
  }
  function flush() {
    rafId = 0;
    try {
      if (dirty.has('head') && S.view === 'head') drawHeadView();
      if (dirty.has('matrix') && S.view === 'head') drawMatrix();
      if (dirty.has('model') && S.view === 'model') drawModel();
    } catch (e) {
      errors.push(String(e && e.stack || e));
      throw e;
    } finally {
      dirty.clear();
      frames++;
      while (waiters.length) waiters.shift()();
    }
  }

  const $ = id => document.getElementById(id);
  function fitCanvas(canvas, w, h) {
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      canvas.style.width = w + 'px';
      canvas.style.height = h + 'px';
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }
  function short(t, n) { return t.length > n ? t.slice(0, n - 1) + '…' : t; }
  function hexA(hex, a) {
    const v = parseInt(hex.slice(1), 16);
    return 'rgba(' + (v >> 16) + ',' + ((v >> 8) & 255) + ',' + (v & 255) + ',' + a.toFixed(3) + ')';
  }
  function colour(t) {
    const i = Math.max(0, Math.min(255, Math.round(t * 255))) * 3;
    return 'rgb(' + LUT[i] + ',' + LUT[i + 1] + ',' + LUT[i + 2] + ')';
  }

  // ------------------------------------------------------------------ head view
  const hvScroll = $('hv-scroll'), hvSpacer = $('hv-spacer'), hvCanvas = $('hv-canvas');
  const HV_W = 2 * TOKEN_W + 160;
  function hvHeight() { return Math.min(600, Math.max(120, Math.max(queryTokens(S.kind).length, keyTokens(S.kind).length) * ROW_H + 8)); }

  /** The row (query) or column (key) of one head that the hover highlights, as a Float32Array. */
  function highlightVector(m, side, i) {
    if (side === 'query') return m.data.subarray(i * m.cols, i * m.cols + m.cols);
    const v = new Float32Array(m.rows);
    for (let r = 0; r < m.rows; r++) v[r] = m.data[r * m.cols + i];
    return v;
  }

  function drawHeadView() {
    const q = queryTokens(S.kind), k = keyTokens(S.kind), qOk = queryOk(S.kind), kOk = keyOk(S.kind);
    const H = hvHeight();
    hvScroll.style.height = H + 'px';
    hvScroll.style.width = HV_W + 'px';
    hvSpacer.style.height = (Math.max(q.length, k.length) * ROW_H + 8) + 'px';
    const ctx = fitCanvas(hvCanvas, HV_W, H);
    ctx.clearRect(0, 0, HV_W, H);
    const top = hvScroll.scrollTop, first = Math.max(0, Math.floor(top / ROW_H) - 1), last = Math.ceil((top + H) / ROW_H) + 1;
    const y = i => i * ROW_H + ROW_H / 2 + 4 - top;
    const xl = TOKEN_W, xr = HV_W - TOKEN_W; // line ends: right edge of queries, left edge of keys
    const mats = S.heads.map(h => ({ head: h, m: matrix(S.kind, S.layer, h) })).filter(e => e.m);
    const nh = Math.max(1, mats.length);

    // backgrounds: shading of the side opposite the hovered token, one band per head
    lastHighlight = null;
    if (S.hover && mats.length) {
      const { side, index } = S.hover;
      const hl = { side, index, kind: S.kind, layer: S.layer, snapshot: S.snap < SNAPS.length ? SNAPS[S.snap].step : null, heads: {} };
      let max = 0;
      const vecs = mats.map(e => { const v = highlightVector(e.m, side, index); for (const x of v) max = Math.max(max, x); return v; });
      max = max || 1;
      mats.forEach((e, hi) => {
        const v = vecs[hi], col = HEAD_COLOURS[e.head % HEAD_COLOURS.length];
        hl.heads[e.head] = Array.from(v);
        const bandW = (TOKEN_W - 8) / nh, bx = side === 'query' ? xr + 4 + hi * bandW : 4 + hi * bandW;
        const lo = Math.max(0, first), hi2 = Math.min(v.length - 1, last);
        for (let j = lo; j <= hi2; j++) {
          if (v[j] <= 0) continue;
          ctx.fillStyle = hexA(col, Math.min(1, v[j] / max) * 0.85);
          ctx.fillRect(bx, y(j) - ROW_H / 2 + 1, bandW, ROW_H - 2);
        }
        // lines from the hovered token to every token of the other side (off-screen ends clip)
        ctx.lineWidth = 1.5;
        for (let j = 0; j < v.length; j++) {
          const a = v[j] / max;
          if (a < LINE_MIN) continue;
          const yj = y(j), yi = y(index);
          if ((yj < -H && yi < -H) || (yj > 2 * H && yi > 2 * H)) continue;
          ctx.strokeStyle = hexA(col, Math.min(1, a));
          ctx.beginPath();
          if (side === 'query') { ctx.moveTo(xl, yi); ctx.lineTo(xr, yj); } else { ctx.moveTo(xl, yj); ctx.lineTo(xr, yi); }
          ctx.stroke();
        }
      });
      lastHighlight = hl;
      const hy = y(index);
      ctx.fillStyle = 'rgba(0,0,0,.12)';
      ctx.fillRect(side === 'query' ? 0 : xr, hy - ROW_H / 2, TOKEN_W, ROW_H);
    } else {
      // no hover: every visible query's lines, opacity = weight
      ctx.lineWidth = 1;
      for (const e of mats) {
        const col = HEAD_COLOURS[e.head % HEAD_COLOURS.length], m = e.m;
        for (let i = first; i <= Math.min(last, m.rows - 1); i++) {
          for (let j = 0; j < m.cols; j++) {
            const w = m.data[i * m.cols + j];
            if (w < 0.02) continue;
            ctx.strokeStyle = hexA(col, Math.min(1, w / nh));
            ctx.beginPath(); ctx.moveTo(xl, y(i)); ctx.lineTo(xr, y(j)); ctx.stroke();
          }
        }
      }
    }
    // gold links as dashed grey lines (cross-attention only)
    if (S.gold && DATA.gold && S.kind === 'cross') {
      ctx.setLineDash([4, 3]);
      ctx.strokeStyle = 'rgba(220,30,30,.8)';
      ctx.lineWidth = 1;
      for (const [s, t] of DATA.gold.sure.concat(DATA.gold.possible)) {
        if ((t < first || t > last) && (s < first || s > last)) continue;
        ctx.beginPath(); ctx.moveTo(xl, y(t)); ctx.lineTo(xr, y(s)); ctx.stroke();
      }
      ctx.setLineDash([]);
    }
    // tokens
    ctx.font = '12px ' + FONTS;
    ctx.textBaseline = 'middle';
    const label = (toks, ok, i) => (toks.length > 60 ? i + ' ' : '') + short(toks[i], 18);
    ctx.textAlign = 'right';
    for (let i = first; i <= Math.min(last, q.length - 1); i++) {
      ctx.fillStyle = qOk && !qOk[i] ? '#aaa' : '#222';
      ctx.fillText(label(q, qOk, i), xl - 6, y(i));
    }
    ctx.textAlign = 'left';
    for (let j = first; j <= Math.min(last, k.length - 1); j++) {
      ctx.fillStyle = kOk && !kOk[j] ? '#aaa' : '#222';
      ctx.fillText(label(k, kOk, j), xr + 6, y(j));
    }
    $('head-caption').textContent = 'head view · ' + S.kind + ' layer ' + (S.layer + 1) + ' · heads ' + S.heads.map(h => h + 1).join(', ')
      + ' · left: queries (' + (S.kind === 'encoder' ? 'source' : 'target') + '), right: keys (' + (S.kind === 'decoder' ? 'target' : 'source') + ')'
      + (mats.length < S.heads.length ? ' · not recorded at this step' : '');
  }

  function hvTokenAt(ev) {
    const r = hvScroll.getBoundingClientRect();
    const x = ev.clientX - r.left, yy = ev.clientY - r.top + hvScroll.scrollTop - 4;
    const i = Math.floor(yy / ROW_H);
    const side = x < TOKEN_W ? 'query' : x > HV_W - TOKEN_W ? 'key' : null;
    if (!side) return null;
    const n = side === 'query' ? queryTokens(S.kind).length : keyTokens(S.kind).length;
    return i >= 0 && i < n ? { side, index: i } : null;
  }

  // ------------------------------------------------------------------ matrix view
  const mxCanvas = $('mx-canvas'), MX = 512;
  let mxImage = null, mxKey = '';
  /** Pools a matrix to at most MX x MX cells by block maximum (same rule as the PNG heatmaps). */
  function pooled(m) { return poolBy(m, Math.max(1, Math.ceil(Math.max(m.rows, m.cols) / MX))); }
  function vmaxOf(p) {
    if (S.scale !== 'max') return 1;
    let m = 0;
    for (const x of p.v) if (x > m) m = x;
    return m || 1;
  }
  function imageOf(p, vmax) {
    const img = new ImageData(p.cols, p.rows);
    for (let i = 0; i < p.v.length; i++) {
      const t = Math.max(0, Math.min(255, Math.round(p.v[i] / vmax * 255))) * 3;
      img.data[4 * i] = LUT[t]; img.data[4 * i + 1] = LUT[t + 1]; img.data[4 * i + 2] = LUT[t + 2]; img.data[4 * i + 3] = 255;
    }
    const c = document.createElement('canvas');
    c.width = p.cols; c.height = p.rows;
    c.getContext('2d').putImageData(img, 0, 0);
    return c;
  }
  /** Cells fill MX px; matrices small enough for 14 px cells also get token labels (and values from 30 px). */
  function mxGeometry(m) {
    const p = pooled(m), n = Math.max(p.rows, p.cols);
    const labels = p.k === 1 && MX / n >= 14, offX = labels ? 110 : 0, offY = labels ? 90 : 0;
    const cell = Math.max(1, Math.floor((MX - Math.max(offX, offY)) / n));
    return { p, cell, labels, offX, offY, w: p.cols * cell, h: p.rows * cell };
  }
  function drawMatrix() {
    const head = S.heads[0], m = matrix(S.kind, S.layer, head);
    if (!m) {
      fitCanvas(mxCanvas, MX, MX).clearRect(0, 0, MX, MX);
      $('matrix-caption').textContent = 'not recorded at this training step';
      return;
    }
    const key = keyOf(S.kind, S.layer, head) + '@' + S.snap + '@' + S.scale;
    if (key !== mxKey) {
      mxImage = { g: mxGeometry(m) };
      mxImage.vmax = vmaxOf(mxImage.g.p);
      mxImage.canvas = imageOf(mxImage.g.p, mxImage.vmax);
      mxKey = key;
      drawLegend(mxImage.vmax);
    }
    const g = mxImage.g;
    const ctx = fitCanvas(mxCanvas, g.offX + g.w + 2, g.offY + g.h + 2);
    ctx.clearRect(0, 0, g.offX + g.w + 2, g.offY + g.h + 2);
    if (g.labels) {
      const q = queryTokens(S.kind), k = keyTokens(S.kind);
      ctx.font = '12px ' + FONTS; ctx.fillStyle = '#222'; ctx.textBaseline = 'middle';
      ctx.textAlign = 'right';
      for (let r = 0; r < m.rows; r++) ctx.fillText(short(q[r], 14), g.offX - 5, g.offY + r * g.cell + g.cell / 2);
      ctx.textAlign = 'left';
      for (let c = 0; c < m.cols; c++) {
        ctx.save(); ctx.translate(g.offX + c * g.cell + g.cell / 2, g.offY - 5); ctx.rotate(-Math.PI / 2);
        ctx.fillText(short(k[c], 12), 0, 0); ctx.restore();
      }
    }
    ctx.translate(g.offX, g.offY);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(mxImage.canvas, 0, 0, g.w, g.h);
    if (g.labels && g.cell >= 30) {
      ctx.font = Math.min(12, Math.floor(g.cell / 3)) + 'px ' + FONTS; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) {
        const v = m.data[r * m.cols + c], t = Math.max(0, Math.min(255, Math.round(v / mxImage.vmax * 255)));
        ctx.fillStyle = t > 150 ? '#000' : '#fff';
        ctx.fillText(v.toFixed(2), c * g.cell + g.cell / 2, r * g.cell + g.cell / 2);
      }
    }
    if (S.gold && DATA.gold && S.kind === 'cross') {
      ctx.lineWidth = Math.max(1, Math.min(2, g.cell / 8));
      const box = (links, dash) => {
        ctx.setLineDash(dash); ctx.strokeStyle = '#ff2d2d';
        for (const [s, t] of links) ctx.strokeRect(Math.floor(s / g.p.k) * g.cell + .5, Math.floor(t / g.p.k) * g.cell + .5, Math.max(1, g.cell - 1), Math.max(1, g.cell - 1));
      };
      box(DATA.gold.sure, []); box(DATA.gold.possible, [2, 2]);
      ctx.setLineDash([]);
    }
    if (S.hover) {
      ctx.strokeStyle = '#fff'; ctx.lineWidth = 1;
      if (S.hover.side === 'query') ctx.strokeRect(0.5, Math.floor(S.hover.index / g.p.k) * g.cell + .5, g.w - 1, Math.max(1, g.cell - 1));
      else ctx.strokeRect(Math.floor(S.hover.index / g.p.k) * g.cell + .5, .5, Math.max(1, g.cell - 1), g.h - 1);
    }
    $('matrix-caption').textContent = 'matrix · head ' + (head + 1) + ' · rows: queries, columns: keys'
      + (g.p.k > 1 ? ' · each cell = ' + g.p.k + 'x' + g.p.k + ' tokens (block maximum)' : '');
  }
  function mxCellAt(ev) {
    const m = matrix(S.kind, S.layer, S.heads[0]);
    if (!m || !mxImage) return null;
    const r = mxCanvas.getBoundingClientRect(), g = mxImage.g;
    const cx = Math.floor((ev.clientX - r.left - g.offX) / g.cell), cy = Math.floor((ev.clientY - r.top - g.offY) / g.cell);
    if (cx < 0 || cy < 0 || cx >= g.p.cols || cy >= g.p.rows) return null;
    return { row: cy * g.p.k, col: cx * g.p.k, k: g.p.k, value: g.p.v[cy * g.p.cols + cx], m };
  }
  function drawLegend(vmax) {
    const c = $('legend'), ctx = c.getContext('2d');
    ctx.clearRect(0, 0, c.width, c.height);
    for (let x = 0; x < 240; x++) { ctx.fillStyle = colour(x / 239); ctx.fillRect(10 + x, 2, 1, 14); }
    ctx.fillStyle = '#333'; ctx.font = '11px ' + FONTS; ctx.textBaseline = 'top';
    for (const t of [0, 0.25, 0.5, 0.75, 1]) { ctx.textAlign = t === 0 ? 'left' : t === 1 ? 'right' : 'center'; ctx.fillText((t * vmax).toPrecision(2), 10 + t * 239, 20); }
  }

  // ------------------------------------------------------------------ model view
  const THUMB = 96;
  const thumbCache = new Map();
  function drawModel() {
    const box = $('thumbs');
    const layers = layersOf(S.kind);
    let maxHeads = 0;
    for (const l of layers) maxHeads = Math.max(maxHeads, headsOf(S.kind, l).length);
    box.style.gridTemplateColumns = 'max-content repeat(' + maxHeads + ', ' + (THUMB + 8) + 'px)';
    box.textContent = '';
    for (const l of layers) {
      const lab = document.createElement('div');
      lab.className = 'rowlabel';
      lab.textContent = 'layer ' + (l + 1);
      box.appendChild(lab);
      for (const h of headsOf(S.kind, l)) {
        const cell = document.createElement('div');
        cell.className = 'thumb' + (l === S.layer && S.heads.includes(h) ? ' on' : '');
        cell.dataset.layer = l; cell.dataset.head = h;
        const m = matrix(S.kind, l, h);
        const key = keyOf(S.kind, l, h) + '@' + S.snap + '@' + S.scale;
        const cv = document.createElement('canvas');
        cv.width = THUMB; cv.height = THUMB;
        if (m) {
          let src = thumbCache.get(key);
          if (!src) {
            const k = Math.max(1, Math.ceil(Math.max(m.rows, m.cols) / THUMB));
            const p = poolBy(m, k);
            src = imageOf(p, vmaxOf(p));
            thumbCache.set(key, src);
          }
          const g = cv.getContext('2d');
          g.imageSmoothingEnabled = false;
          const sc = THUMB / Math.max(src.width, src.height);
          g.drawImage(src, 0, 0, src.width * sc, src.height * sc);
        }
        cell.appendChild(cv);
        const t = document.createElement('div');
        t.textContent = 'L' + (l + 1) + ' H' + (h + 1) + (m ? '' : ' (none)');
        cell.appendChild(t);
        cell.addEventListener('click', () => { api.select(l, h); api.showHeadView(); });
        box.appendChild(cell);
      }
    }
  }
  function poolBy(m, k) {
    const rows = Math.ceil(m.rows / k), cols = Math.ceil(m.cols / k), v = new Float32Array(rows * cols);
    for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) {
      const p = Math.floor(r / k) * cols + Math.floor(c / k), x = m.data[r * m.cols + c];
      if (x > v[p]) v[p] = x;
    }
    return { k, rows, cols, v };
  }

  // ------------------------------------------------------------------ tooltip
  const tip = $('tooltip');
  function showTip(ev, text) {
    tip.textContent = text;
    tip.hidden = false;
    const x = Math.min(ev.clientX + 14, window.innerWidth - 370), y = Math.min(ev.clientY + 14, window.innerHeight - 160);
    tip.style.left = x + 'px'; tip.style.top = y + 'px';
  }
  function hideTip() { tip.hidden = true; }
  function tokenTip(h) {
    const q = queryTokens(S.kind), k = keyTokens(S.kind);
    const own = h.side === 'query' ? q : k, other = h.side === 'query' ? k : q;
    const lines = [(h.side === 'query' ? 'query ' : 'key ') + h.index + ' "' + own[h.index] + '" ' + (h.side === 'query' ? 'attends to:' : 'is attended by:')];
    for (const head of S.heads) {
      const m = matrix(S.kind, S.layer, head);
      if (!m) continue;
      const v = highlightVector(m, h.side, h.index);
      const top = Array.from(v.keys()).sort((a, b) => v[b] - v[a]).slice(0, 5);
      lines.push('head ' + (head + 1) + ': ' + top.map(j => '"' + short(other[j], 12) + '"(' + j + ') ' + v[j].toFixed(4)).join(', '));
    }
    return lines.join('\n');
  }

  // ------------------------------------------------------------------ controls
  function fillSelect(sel, values, label, current) {
    sel.textContent = '';
    for (const v of values) {
      const o = document.createElement('option');
      o.value = v; o.textContent = label(v); o.selected = v === current;
      sel.appendChild(o);
    }
  }
  function exampleLabel(i) {
    if (LABELS[i]) return LABELS[i];
    const e = EXAMPLES[i], id = e.metadata && e.metadata.sentence;
    return (i + 1) + ': ' + (id || short(e.source.join(' '), 60));
  }
  function buildControls() {
    $('example-box').hidden = EXAMPLES.length < 2;
    if (EXAMPLES.length > 1) fillSelect($('example'), EXAMPLES.map((_, i) => i), exampleLabel, EXAMPLE);
    fillSelect($('kind'), KINDS, k => ({ cross: 'cross (encoder-decoder)', encoder: 'encoder self', decoder: 'decoder self' })[k] || k, S.kind);
    fillSelect($('layer'), layersOf(S.kind), l => String(l + 1), S.layer);
    const box = $('heads');
    box.textContent = '';
    for (const h of headsOf(S.kind, S.layer)) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'chip' + (S.heads.includes(h) ? ' on' : '');
      b.style.setProperty('--c', HEAD_COLOURS[h % HEAD_COLOURS.length]);
      b.textContent = 'head ' + (h + 1);
      b.title = 'click: only this head; shift-click: add or remove it';
      b.addEventListener('click', ev => {
        if (ev.shiftKey) {
          const set = new Set(S.heads);
          if (set.has(h) && set.size > 1) set.delete(h); else set.add(h);
          api.select(S.layer, Array.from(set).sort((a, b) => a - b));
        } else api.select(S.layer, h);
      });
      box.appendChild(b);
    }
    $('tab-head').classList.toggle('on', S.view === 'head');
    $('tab-model').classList.toggle('on', S.view === 'model');
    $('head-view').hidden = S.view !== 'head';
    $('model-view').hidden = S.view !== 'model';
    $('gold-box').hidden = !DATA.gold;
    $('snap-box').hidden = SNAPS.length === 0;
    if (SNAPS.length) {
      $('snap').max = SNAPS.length; $('snap').value = S.snap;
      $('snap-label').textContent = S.snap < SNAPS.length ? (SNAPS[S.snap].label || 'step ' + SNAPS[S.snap].step)
        : 'final' + (DATA.metadata && DATA.metadata.weights ? ' · ' + DATA.metadata.weights : '');
    }
  }

  function refresh() {
    buildControls();
    invalidate('head', 'matrix', 'model');
  }

  // ------------------------------------------------------------------ public API (tests, scripts)
  const api = {
    /** A snapshot of what is shown. */
    state() {
      return {
        kind: S.kind, layer: S.layer, heads: S.heads.slice(), view: S.view, hover: S.hover && { ...S.hover },
        snapshot: S.snap < SNAPS.length ? SNAPS[S.snap].step : null, snapshots: SNAPS.map(s => s.step),
        kinds: KINDS.slice(), layers: layersOf(S.kind), headsInLayer: headsOf(S.kind, S.layer),
        queries: queryTokens(S.kind).length, keys: keyTokens(S.kind).length, gold: S.gold && !!DATA.gold, scale: S.scale,
        example: EXAMPLE, examples: EXAMPLES.length, frames, errors: errors.slice(), live: RAW.live ? { ...live } : null,
      };
    },
    /**
     * Shows example `i` (0-based) of a page with several; keeps the kind, layer, heads and the
     * training-step position where the example has them.
     */
    setExample(i) {
      if (!(Number.isInteger(i) && i >= 0 && i < EXAMPLES.length)) throw new Error('attnExplorer.setExample: ' + i + ' outside 0..' + (EXAMPLES.length - 1));
      const keep = { kind: S.kind, layer: S.layer, heads: S.heads, snapLast: S.snap >= SNAPS.length, snap: S.snap };
      EXAMPLE = i;
      useData(EXAMPLES[i]);
      keepSelection(keep.kind, keep.layer, keep.heads);
      S.snap = keep.snapLast ? SNAPS.length : Math.min(keep.snap, SNAPS.length);
      S.hover = null; lastHighlight = null; mxKey = ''; mxImage = null; thumbCache.clear();
      showMeta();
      refresh();
      return api.state();
    },
    /** Replaces the page's data with `data` (one view, or {examples: [...], labels?}) and shows its first example. */
    load(data) {
      if (!data || !(data.examples || data.matrices)) throw new Error('attnExplorer.load: expected a view or {examples: [...]}');
      const list = data.examples || [data];
      for (const v of list) if (!v.matrices || !v.matrices.length) throw new Error('attnExplorer.load: an example has no attention matrices');
      EXAMPLES = list; LABELS = data.labels || [];
      return api.setExample(0);
    },
    /**
     * Live pages only (attn serve-viz): sends `source` (and an optional reference `target`) to the
     * server, shows the answer, and resolves to the state after it is drawn; rejects with the
     * server's error message.
     */
    async translate(source, target) {
      if (!RAW.live) throw new Error('attnExplorer.translate: this page is not served live (attn serve-viz)');
      live.busy = true; live.error = null; showLive('translating…');
      try {
        const res = await fetch(RAW.live.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(target ? { source, target } : { source }) });
        const body = await res.json().catch(() => ({ error: 'the server sent no JSON (HTTP ' + res.status + ')' }));
        if (!res.ok || body.error) throw new Error(body.error || 'HTTP ' + res.status);
        live.translation = body.translation; live.decoded = body.decoded; live.requests++;
        api.load(body.view);
        showLive((body.decoded ? 'translation (greedy): ' : 'reference (teacher-forced): ') + body.translation);
        await api.whenDrawn();
        return api.state();
      } catch (e) {
        live.error = String(e.message || e);
        showLive('error: ' + live.error, true);
        throw e;
      } finally {
        live.busy = false;
      }
    },
    /** Shows layer `layer` (0-based) with one head, or an array of heads; `kind` optional. */
    select(layer, head, kind) {
      if (kind !== undefined) {
        if (!KINDS.includes(kind)) throw new Error('attnExplorer.select: no ' + kind + ' attention; kinds: ' + KINDS.join(', '));
        S.kind = kind;
      }
      if (!layersOf(S.kind).includes(layer)) throw new Error('attnExplorer.select: no ' + S.kind + ' layer ' + layer + '; layers: ' + layersOf(S.kind).join(', '));
      const heads = Array.isArray(head) ? head : [head === undefined ? headsOf(S.kind, layer)[0] : head];
      for (const h of heads) if (!headsOf(S.kind, layer).includes(h)) throw new Error('attnExplorer.select: no head ' + h + ' in ' + S.kind + ' layer ' + layer);
      S.layer = layer; S.heads = heads.slice();
      const q = queryTokens(S.kind).length, k = keyTokens(S.kind).length;
      if (S.hover && S.hover.index >= (S.hover.side === 'query' ? q : k)) S.hover = null;
      refresh();
      return api.state();
    },
    selectAllHeads() { return api.select(S.layer, headsOf(S.kind, S.layer)); },
    /** Hovers token `index` of side 'query' (what it attends to) or 'key' (what attends to it); scrolls it into view. */
    hoverToken(side, idx) {
      if (side !== 'query' && side !== 'key') throw new Error("attnExplorer.hoverToken: side must be 'query' or 'key', got " + side);
      const n = side === 'query' ? queryTokens(S.kind).length : keyTokens(S.kind).length;
      if (!(idx >= 0 && idx < n)) throw new Error('attnExplorer.hoverToken: index ' + idx + ' outside 0..' + (n - 1));
      S.hover = { side, index: idx };
      const y = idx * ROW_H, H = hvHeight();
      if (y < hvScroll.scrollTop || y > hvScroll.scrollTop + H - ROW_H) hvScroll.scrollTop = Math.max(0, y - H / 2);
      invalidate('head', 'matrix');
      return api.state();
    },
    clearHover() { S.hover = null; invalidate('head', 'matrix'); },
    /** The weights drawn for the hovered token at the last frame: {side, index, kind, layer, snapshot, heads: {h: [...]}}. */
    highlightedWeights() { return lastHighlight && JSON.parse(JSON.stringify(lastHighlight)); },
    /** Training snapshot by position (0 = first step; snapshots.length = final weights). */
    setSnapshot(i) {
      if (!(i >= 0 && i <= SNAPS.length)) throw new Error('attnExplorer.setSnapshot: ' + i + ' outside 0..' + SNAPS.length);
      S.snap = i; refresh(); return api.state();
    },
    /** Colour scale: '1' (0..1) or 'max' (0..the largest weight of each matrix). */
    setScale(scale) {
      if (scale !== '1' && scale !== 'max') throw new Error("attnExplorer.setScale: '1' or 'max', got " + scale);
      S.scale = scale; $('scale').value = scale; invalidate('matrix', 'model'); return api.state();
    },
    setGold(on) { S.gold = !!on; $('gold').checked = S.gold; invalidate('head', 'matrix'); },
    showHeadView() { S.view = 'head'; refresh(); return api.state(); },
    showModelView() { S.view = 'model'; refresh(); return api.state(); },
    /** Weights of one row of a matrix as the page decoded them. */
    row(kind, layer, head, r) { const m = matrix(kind, layer, head); return m ? Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)) : null; },
    /** A promise resolved after the next frame is drawn. */
    whenDrawn() { return new Promise(res => { waiters.push(res); if (!rafId) rafId = requestAnimationFrame(flush); }); },
  };
  window.attnExplorer = api;

  // ------------------------------------------------------------------ events
  $('kind').addEventListener('change', ev => { S.kind = ev.target.value; S.hover = null; api.select(layersOf(S.kind)[0]); });
  $('layer').addEventListener('change', ev => {
    const l = Number(ev.target.value), keep = S.heads.filter(h => headsOf(S.kind, l).includes(h));
    api.select(l, keep.length ? keep : undefined);
  });
  $('all-heads').addEventListener('click', () => api.selectAllHeads());
  $('tab-head').addEventListener('click', () => api.showHeadView());
  $('tab-model').addEventListener('click', () => api.showModelView());
  $('scale').addEventListener('change', ev => api.setScale(ev.target.value));
  $('gold').addEventListener('change', ev => api.setGold(ev.target.checked));
  $('snap').addEventListener('input', ev => api.setSnapshot(Number(ev.target.value)));
  hvScroll.addEventListener('scroll', () => invalidate('head'), { passive: true });
  let pendingMove = null;
  hvScroll.addEventListener('mousemove', ev => {
    const first = !pendingMove;
    pendingMove = ev;
    if (!first) return;
    requestAnimationFrame(() => {
      const e = pendingMove; pendingMove = null;
      if (!e) return;
      const t = hvTokenAt(e);
      const same = (t && S.hover && t.side === S.hover.side && t.index === S.hover.index) || (!t && !S.hover);
      if (!same) { S.hover = t; invalidate('head', 'matrix'); }
      if (t) showTip(e, tokenTip(t)); else hideTip();
    });
  });
  hvScroll.addEventListener('mouseleave', () => { hideTip(); });
  let mxPending = null;
  mxCanvas.addEventListener('mousemove', ev => {
    const first = !mxPending;
    mxPending = ev;
    if (!first) return;
    requestAnimationFrame(() => {
      const e = mxPending; mxPending = null;
      const c = mxCellAt(e);
      if (!c) { hideTip(); return; }
      const q = queryTokens(S.kind), k = keyTokens(S.kind);
      const text = c.k === 1
        ? 'query ' + c.row + ' "' + q[c.row] + '" → key ' + c.col + ' "' + k[c.col] + '"\nweight ' + c.m.data[c.row * c.m.cols + c.col].toFixed(4)
        : 'queries ' + c.row + '–' + Math.min(q.length - 1, c.row + c.k - 1) + ' → keys ' + c.col + '–' + Math.min(k.length - 1, c.col + c.k - 1) + '\nlargest weight ' + c.value.toFixed(4);
      showTip(e, text);
    });
  });
  mxCanvas.addEventListener('mouseleave', hideTip);
  window.addEventListener('error', ev => errors.push(String(ev.message)));

  $('example').addEventListener('change', ev => api.setExample(Number(ev.target.value)));

  // ------------------------------------------------------------------ live page (attn serve-viz)
  const live = { busy: false, error: null, translation: null, decoded: null, requests: 0 };
  function showLive(text, isError) {
    const out = $('live-output');
    out.textContent = text;
    out.classList.toggle('error', !!isError);
  }
  if (RAW.live) {
    $('live').hidden = false;
    if (RAW.live.source) $('live-source').value = RAW.live.source;
    if (RAW.live.translation) showLive((RAW.live.decoded ? 'translation (greedy): ' : 'reference (teacher-forced): ') + RAW.live.translation);
    $('live').addEventListener('submit', ev => {
      ev.preventDefault();
      api.translate($('live-source').value, $('live-target').value.trim()).catch(() => {}); // shown in #live-output
    });
  }

  // ------------------------------------------------------------------ start
  function showMeta() {
    const parts = [];
    for (const [k, v] of Object.entries(DATA.metadata || {})) parts.push(k + ': ' + v);
    parts.push(SRC.length + ' source tokens' + (TGT.length ? ', ' + TGT.length + ' target tokens' : ''));
    $('meta').textContent = parts.join(' · ');
  }
  showMeta();
  drawLegend(1);
  refresh();
})();

// SVG charts drawn at the width of their container (so text stays legible from 390 px phones
// to 1920 px screens): fan chart, tornado, interval bars, exceedance curve, maps of areas and of practices.

import { ticks, MINUS } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const FONT = 12;
export const COLOURS = { main: '#0072B2', accent: '#D55E00', light: '#9ecae1', mid: '#4a90c4', grey: '#777', line: '#222' };

export function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

let measureContext = null;
export function textWidth(text, size = FONT, bold = false) {
  if (!measureContext) measureContext = document.createElement('canvas').getContext('2d');
  // The family the SVG text inherits, so the measure is the drawn width.
  measureContext.font = `${bold ? 'bold ' : ''}${size}px ${getComputedStyle(document.body).fontFamily}`;
  return measureContext.measureText(String(text)).width;
}

// Fits `text` into `width` pixels, cutting it with an ellipsis when it does not fit.
function fit(text, width, size = FONT, bold = false) {
  if (textWidth(text, size, bold) <= width) return text;
  let t = String(text);
  while (t.length > 1 && textWidth(t + '…', size, bold) > width) t = t.slice(0, -1);
  return t + '…';
}

// A fresh SVG inside `host` as wide as the host, under an HTML title that wraps on narrow
// screens; returns it with its width.
export function canvas(host, height, label, title) {
  host.replaceChildren();
  if (title) {
    const p = document.createElement('p');
    p.className = 'chart-title';
    p.textContent = title;
    host.appendChild(p);
  }
  const width = Math.max(280, Math.floor(host.clientWidth || 600));
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
  host.appendChild(svg);
  return { svg, width, height };
}

function linear(d0, d1, r0, r1) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

function yAxis(svg, y, values, format, x0, x1) {
  for (const v of values) {
    svg.appendChild(el('line', { x1: x0, x2: x1, y1: y(v), y2: y(v), stroke: '#e3e3e3' }));
    svg.appendChild(el('text', { x: x0 - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': FONT }, format(v)));
  }
}

// Fan chart of a quantity by year: bands p5–p95 and p25–p75, the median line, and an optional
// reference line (the budget, or zero). years: [{ year, q05, q25, q50, q75, q95, reference }].
export function fanChart(host, { years, format, title, referenceLabel, unitNote }) {
  const H = 270;
  const { svg, width } = canvas(host, H, title, title);
  const values = years.flatMap((y) => [y.q05, y.q95, y.reference].filter((v) => v !== undefined && v !== null));
  let lo = Math.min(...values), hi = Math.max(...values);
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.05 || 1;
  lo -= pad;
  hi += pad;
  const tickValues = ticks(lo, hi, 6);
  const left = 12 + Math.max(...tickValues.map((v) => textWidth(format(v))));
  const right = width - 16, top = 14, bottom = H - 40;
  const x = years.length > 1 ? linear(years[0].year, years[years.length - 1].year, left + 20, right - 10) : () => (left + right) / 2;
  const y = linear(lo, hi, bottom, top);
  yAxis(svg, y, tickValues, format, left, right);
  for (const d of years) {
    svg.appendChild(el('text', { x: x(d.year), y: bottom + 18, 'text-anchor': 'middle', 'font-size': FONT }, `Year ${d.year}`));
  }
  const band = (a, b) => years.map((d) => `${x(d.year)},${y(d[a])}`).concat(years.slice().reverse().map((d) => `${x(d.year)},${y(d[b])}`)).join(' ');
  svg.appendChild(el('polygon', { class: 'band-outer', points: band('q95', 'q05'), fill: COLOURS.light, 'fill-opacity': 0.55 }));
  svg.appendChild(el('polygon', { class: 'band-inner', points: band('q75', 'q25'), fill: COLOURS.mid, 'fill-opacity': 0.6 }));
  if (years.every((d) => d.reference !== undefined && d.reference !== null)) {
    svg.appendChild(el('polyline', {
      class: 'reference', points: years.map((d) => `${x(d.year)},${y(d.reference)}`).join(' '),
      fill: 'none', stroke: COLOURS.accent, 'stroke-width': 2, 'stroke-dasharray': '6 4',
    }));
  }
  svg.appendChild(el('polyline', {
    class: 'median', points: years.map((d) => `${x(d.year)},${y(d.q50)}`).join(' '),
    fill: 'none', stroke: COLOURS.line, 'stroke-width': 2,
  }));
  for (const d of years) {
    const c = el('circle', { class: 'median-point', cx: x(d.year), cy: y(d.q50), r: 3.5, fill: COLOURS.line, 'data-year': d.year, 'data-value': d.q50 });
    c.appendChild(el('title', {}, `Year ${d.year}: median ${format(d.q50)}; middle half ${format(d.q25)} to ${format(d.q75)}; 90% ${format(d.q05)} to ${format(d.q95)}`));
    svg.appendChild(c);
  }
  // Legend under the axis, wrapping to a second line on narrow screens.
  const items = [['swatch', COLOURS.light, '5th–95th percentile'], ['swatch', COLOURS.mid, '25th–75th'], ['line', COLOURS.line, 'median']];
  if (referenceLabel) items.push(['dash', COLOURS.accent, referenceLabel]);
  let lx = left, ly = H - 8;
  const legend = el('g', { class: 'legend' });
  for (const [kind, colour, label] of items) {
    const w = 22 + textWidth(label) + 14;
    if (lx + w > width && lx > left) { lx = left; ly += 16; }
    if (kind === 'swatch') legend.appendChild(el('rect', { x: lx, y: ly - 9, width: 16, height: 10, fill: colour, 'fill-opacity': 0.7 }));
    else legend.appendChild(el('line', { x1: lx, x2: lx + 16, y1: ly - 4, y2: ly - 4, stroke: colour, 'stroke-width': 2, 'stroke-dasharray': kind === 'dash' ? '5 3' : null }));
    legend.appendChild(el('text', { x: lx + 20, y: ly, 'font-size': FONT }, label));
    lx += w;
  }
  svg.appendChild(legend);
  if (ly > H - 8) {
    svg.setAttribute('height', ly + 8);
    svg.setAttribute('viewBox', `0 0 ${width} ${ly + 8}`);
  }
  if (unitNote) svg.appendChild(el('title', {}, unitNote));
  return svg;
}

// Horizontal interval bars with a label line above each: rows [{ label, from, to, value,
// whisker: [lo, hi], highlight, note }], a zero (or base) line at `base`. With `split` (a
// tornado) each row is two bars out from the base: to `from` (light) and to `to` (dark).
export function intervalBars(host, { rows, format, title, base = 0, baseLabel, split = false }) {
  const rowHeight = 40;
  const height = 30 + rows.length * rowHeight + 24;
  const { svg, width } = canvas(host, height, title, title);
  const values = rows.flatMap((r) => [r.from, r.to, ...(r.whisker || [])]).concat([base]);
  let lo = Math.min(...values), hi = Math.max(...values);
  const pad = (hi - lo) * 0.06 || 1;
  lo -= pad;
  hi += pad;
  const left = 10, right = width - 10, top = 22, bottom = height - 24;
  const x = linear(lo, hi, left, right);
  for (const v of ticks(lo, hi, Math.max(2, Math.floor(width / 110)))) {
    svg.appendChild(el('line', { x1: x(v), x2: x(v), y1: top, y2: bottom, stroke: '#ececec' }));
    svg.appendChild(el('text', { x: x(v), y: bottom + 16, 'text-anchor': 'middle', 'font-size': FONT - 1, fill: '#555' }, format(v)));
  }
  svg.appendChild(el('line', { class: 'base', x1: x(base), x2: x(base), y1: top - 14, y2: bottom, stroke: COLOURS.line, 'stroke-width': 1.5 }));
  if (baseLabel) {
    const w = textWidth(baseLabel, FONT - 1);
    const bx = x(base) + 4 + w > right ? x(base) - 4 - w : x(base) + 4;
    svg.appendChild(el('text', { x: bx, y: top - 4, 'font-size': FONT - 1 }, baseLabel));
  }
  rows.forEach((r, i) => {
    const y0 = top + i * rowHeight;
    const g = el('g', { class: 'bar-row', 'data-label': r.key ?? r.label, 'data-highlight': r.highlight ? 'true' : 'false' });
    g.appendChild(el('text', { x: left, y: y0 + 13, 'font-size': FONT, 'font-weight': r.highlight ? 'bold' : null, fill: r.highlight ? COLOURS.accent : COLOURS.line }, fit(r.label, right - left, FONT, r.highlight)));
    const segment = (u, v, cls, fill) => {
      const a = Math.min(u, v), b = Math.max(u, v);
      const bar = el('rect', {
        class: cls, x: x(a), y: y0 + 18, width: Math.max(1.5, x(b) - x(a)), height: 14, fill,
        stroke: split && r.highlight ? COLOURS.accent : null, 'stroke-width': split && r.highlight ? 2 : null,
        'data-from': r.from, 'data-to': r.to,
      });
      bar.appendChild(el('title', {}, r.note || `${r.label}: ${format(r.from)} to ${format(r.to)}`));
      g.appendChild(bar);
    };
    if (split) {
      segment(base, r.from, 'bar low', COLOURS.light);
      segment(base, r.to, 'bar high', COLOURS.main);
    } else {
      segment(r.from, r.to, 'bar', r.highlight ? COLOURS.accent : COLOURS.main);
    }
    if (r.whisker) {
      const [w0, w1] = r.whisker;
      g.appendChild(el('line', { class: 'whisker', x1: x(w0), x2: x(w1), y1: y0 + 25, y2: y0 + 25, stroke: COLOURS.line, 'stroke-width': 1.5 }));
      for (const w of r.whisker) g.appendChild(el('line', { x1: x(w), x2: x(w), y1: y0 + 19, y2: y0 + 31, stroke: COLOURS.line, 'stroke-width': 1.5 }));
    }
    svg.appendChild(g);
  });
  return svg;
}

// P(annual cost > x) against x as a share of the budget, from stored CDF points.
export function exceedance(host, { cdf, budget, format }) {
  const { svg, width } = canvas(host, 230, 'Probability that the annual cost exceeds a share of the budget');
  const pts = cdf.map(([cost, p]) => [100 * cost / budget, 100 * (1 - p)]);
  const xs = pts.map((p) => p[0]);
  let lo = Math.min(...xs, 100), hi = Math.max(...xs, 100);
  const pad = (hi - lo) * 0.03;
  lo -= pad;
  hi += pad;
  const left = 44, right = width - 12, top = 26, bottom = 230 - 40;
  const x = linear(lo, hi, left, right);
  const y = linear(0, 100, bottom, top);
  svg.appendChild(el('text', { x: left, y: 14, 'font-size': FONT }, 'Chance the year costs more than x% of the budget'));
  yAxis(svg, y, [0, 25, 50, 75, 100], (v) => `${v}%`, left, right);
  for (const v of ticks(lo, hi, Math.max(2, Math.floor(width / 90)))) {
    svg.appendChild(el('text', { x: x(v), y: bottom + 16, 'text-anchor': 'middle', 'font-size': FONT - 1, fill: '#555' }, `${Number(v.toFixed(1))}%`));
  }
  svg.appendChild(el('text', { x: (left + right) / 2, y: bottom + 32, 'text-anchor': 'middle', 'font-size': FONT - 1 }, `x: cost as % of the budget (${format(budget)})`));
  svg.appendChild(el('line', { x1: x(100), x2: x(100), y1: top, y2: bottom, stroke: COLOURS.accent, 'stroke-dasharray': '4 3' }));
  svg.appendChild(el('text', { x: x(100) + 4, y: top + 10, 'font-size': FONT - 1, fill: COLOURS.accent }, 'budget'));
  svg.appendChild(el('path', { class: 'curve', d: pts.map((p, i) => `${i ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' '), fill: 'none', stroke: COLOURS.main, 'stroke-width': 2 }));
  return svg;
}

// Colour scales for the map: a sequential one, and a diverging one centred on `centre`.
const SEQUENTIAL = ['#fff5eb', '#fdd0a2', '#fdae6b', '#fd8d3c', '#e6550d', '#a63603', '#7f2704'];
const DIVERGING = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];

// `minSpan` keeps differences too small to matter pale: the scale spans at least that much
// (a need index of 0.99999 to 1.00001 is not coloured as if it ran from poor to rich);
// `floor` fixes the low end (0 for probabilities).
export function colourScale(values, { diverging = false, centre = 0, minSpan = 0, floor = null } = {}) {
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = floor ?? Math.min(...finite), hi = Math.max(...finite);
  if (diverging) {
    const m = Math.max(Math.abs(lo - centre), Math.abs(hi - centre), minSpan / 2) || 1;
    lo = centre - m;
    hi = centre + m;
  } else if (hi - lo < minSpan) {
    hi = lo + minSpan;
  }
  if (!(hi > lo)) hi = lo + 1;
  const palette = diverging ? DIVERGING : SEQUENTIAL;
  const colour = (v) => {
    if (!Number.isFinite(v)) return '#cccccc';
    const t = Math.min(0.9999, Math.max(0, (v - lo) / (hi - lo)));
    return palette[Math.floor(t * palette.length)];
  };
  return { colour, lo, hi, palette };
}

// An SVG for a map of the given longitudes and latitudes at the host's width (equirectangular,
// scaled by cos(latitude) so shapes keep their proportions), room for a legend below; px and py
// turn longitude and latitude into pixels.
function mapCanvas(host, lons, lats, label) {
  const latLo = Math.min(...lats), latHi = Math.max(...lats);
  const lonLo = Math.min(...lons), lonHi = Math.max(...lons);
  const k = Math.cos(((latLo + latHi) / 2) * Math.PI / 180);
  const spanX = Math.max((lonHi - lonLo) * k, 1e-6), spanY = Math.max(latHi - latLo, 1e-6);
  const innerW = Math.max(280, Math.floor(host.clientWidth || 560)) - 20;
  const innerH = Math.min(640, innerW * spanY / spanX);
  const s = Math.min(innerW / spanX, innerH / spanY);
  const legendHeight = 46;
  const { svg, width } = canvas(host, innerH + 20 + legendHeight, label);
  const px = (lon) => 10 + (lon - lonLo) * k * s + (innerW - spanX * s) / 2;
  const py = (lat) => 10 + innerH - (lat - latLo) * s;
  return { svg, width, innerH, px, py };
}

// Practices as dots coloured by their organisation's value; the selected organisation's
// practices outlined. practices: [{ lat, lon, organisation, list_size, code, name }].
export function practiceMap(host, { practices, valueOf, scale, selected, onSelect, label, format, boundaries }) {
  const located = practices.filter((p) => p.lat !== null && p.lon !== null && p.organisation);
  const { svg, width, innerH, px, py } = mapCanvas(host, located.map((p) => p.lon), located.map((p) => p.lat), label);
  for (const b of boundaries || []) {
    for (const ring of b.rings || []) {
      svg.appendChild(el('polygon', { class: 'boundary', points: ring.map(([lon, lat]) => `${px(lon)},${py(lat)}`).join(' '), fill: 'none', stroke: '#bbb' }));
    }
  }
  const dots = el('g', { class: 'practices' });
  const top = el('g', { class: 'selected-practices' });
  for (const p of located) {
    const isSelected = p.organisation === selected;
    const c = el('circle', {
      cx: px(p.lon).toFixed(1), cy: py(p.lat).toFixed(1),
      r: ((isSelected ? 1 : 0) + 1.6 + Math.min(2.4, Math.sqrt(p.list_size / 8000) * 1.6)).toFixed(1),
      fill: scale.colour(valueOf(p.organisation)),
      stroke: isSelected ? '#000' : '#666', 'stroke-width': isSelected ? 1.6 : 0.25,
      'fill-opacity': selected && !isSelected ? 0.6 : 0.95,
      'data-org': p.organisation,
    });
    c.appendChild(el('title', {}, `${p.code} ${p.name || ''}: ${p.list_size.toLocaleString('en-GB')} patients, ${p.organisation}`));
    c.addEventListener('click', () => onSelect(p.organisation));
    (isSelected ? top : dots).appendChild(c);
  }
  svg.append(dots, top);
  mapLegend(svg, scale, format, innerH + 30, width);
  return { svg, located: located.length };
}

// Legend under a map: the palette's bins with the scale's ends and middle.
function mapLegend(svg, scale, format, ly, width) {
  const lw = Math.min(320, width - 20);
  const step = lw / scale.palette.length;
  scale.palette.forEach((c, i) => svg.appendChild(el('rect', { x: 10 + i * step, y: ly, width: step, height: 10, fill: c, stroke: '#999', 'stroke-width': 0.3 })));
  const mid = (scale.lo + scale.hi) / 2;
  for (const [v, anchor, xx] of [[scale.lo, 'start', 10], [mid, 'middle', 10 + lw / 2], [scale.hi, 'end', 10 + lw]]) {
    svg.appendChild(el('text', { x: xx, y: ly + 24, 'text-anchor': anchor, 'font-size': FONT - 1 }, format(v)));
  }
}

// Organisations as filled areas (GET /api/runs/{id}/areas: polygons of [lon, lat] rings, the
// first ring outer, the rest holes) coloured by their value, on the land; the selected one
// outlined and drawn last. Clicking an area selects its organisation.
export function areaMap(host, { areas, land, valueOf, scale, selected, onSelect, label, format, nameOf }) {
  const points = [];
  for (const polygon of land.length ? land : areas.flatMap((a) => a.polygons)) for (const [lon, lat] of polygon[0]) points.push([lon, lat]);
  const { svg, width, innerH, px, py } = mapCanvas(host, points.map((p) => p[0]), points.map((p) => p[1]), label);
  const path = (polygons) => polygons.map((rings) => rings.map((ring) => 'M' + ring.map(([lon, lat]) =>
    `${px(lon).toFixed(1)},${py(lat).toFixed(1)}`).join('L') + 'Z').join('')).join('');
  if (land.length) svg.appendChild(el('path', { class: 'land', d: path(land), fill: '#eee', stroke: '#bbb', 'fill-rule': 'evenodd' }));
  const shapes = el('g', { class: 'areas' });
  let top = null;
  for (const a of areas) {
    const isSelected = a.code === selected;
    const shape = el('path', {
      d: path(a.polygons), 'fill-rule': 'evenodd', 'data-code': a.code,
      fill: scale.colour(valueOf(a.code)), stroke: isSelected ? '#000' : '#fff',
      'stroke-width': isSelected ? 2 : 0.5, 'fill-opacity': selected && !isSelected ? 0.75 : 1,
    });
    const v = valueOf(a.code);
    shape.appendChild(el('title', {}, `${nameOf(a.code)}: ${Number.isFinite(v) ? format(v) : 'no data'}`));
    shape.addEventListener('click', () => onSelect(a.code));
    if (isSelected) top = shape; else shapes.appendChild(shape);
  }
  if (top) shapes.appendChild(top);
  svg.appendChild(shapes);
  mapLegend(svg, scale, format, innerH + 30, width);
  return { svg };
}

export { MINUS };

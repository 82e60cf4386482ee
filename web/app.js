// pco dashboard: reads the read-only JSON API of `pco serve` (docs/api.md) and draws the map,
// the organisation table and detail, and a comparison of two runs. No framework, no build step.
'use strict';

const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00',
                 '#F0E442', '#000000', '#8C564B', '#7F7F7F', '#BCBD22', '#17BECF'];
const state = { run: null, level: null, orgs: [], practices: [], allocations: new Map(), risk: new Map(), selected: null };
const $ = (id) => document.getElementById(id);
const fmtInt = (v) => Number(v).toLocaleString('en-GB');
const fmtPct = (v) => Number(v).toFixed(1);

async function api(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function option(select, value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  select.appendChild(o);
}

function svgEl(name, attrs) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function drawMap() {
  const svg = $('map');
  svg.replaceChildren();
  const located = state.practices.filter((p) => p.lat !== null && p.organisation);
  $('map-note').textContent = `${located.length} of ${state.practices.length} practices have a location.`;
  if (!located.length) return;
  const lats = located.map((p) => p.lat), lons = located.map((p) => p.lon);
  const latLo = Math.min(...lats), latHi = Math.max(...lats);
  const lonLo = Math.min(...lons), lonHi = Math.max(...lons);
  const k = Math.cos(((latLo + latHi) / 2) * Math.PI / 180);
  const scale = 520 / Math.max((lonHi - lonLo) * k, latHi - latLo, 1e-6);
  const index = new Map(state.orgs.map((o, i) => [o.code, i]));
  for (const p of located) {
    const selected = p.organisation === state.selected;
    const c = svgEl('circle', {
      cx: 20 + (p.lon - lonLo) * k * scale,
      cy: 540 - (p.lat - latLo) * scale,
      r: (selected ? 3.5 : 2) * Math.min(2, Math.sqrt(p.list_size / 8000)) + 1,
      fill: palette[(index.get(p.organisation) ?? 0) % palette.length],
      'fill-opacity': state.selected && !selected ? 0.25 : 0.85,
      'data-org': p.organisation,
    });
    const t = svgEl('title', {});
    t.textContent = `${p.code} ${p.name}: list ${fmtInt(p.list_size)} (${p.organisation})`;
    c.appendChild(t);
    c.addEventListener('click', () => selectOrg(p.organisation));
    svg.appendChild(c);
  }
}

function drawSizes() {
  const svg = $('size-chart');
  svg.replaceChildren();
  const sizes = state.orgs.map((o) => o.population).sort((a, b) => b - a);
  if (!sizes.length) return;
  const w = 500 / sizes.length, max = sizes[0];
  sizes.forEach((v, i) => {
    const h = (v / max) * 180;
    svg.appendChild(svgEl('rect', { x: 10 + i * w, y: 200 - h, width: Math.max(w - 1, 1), height: h, fill: '#0072B2' }));
  });
  const label = svgEl('text', { x: 10, y: 215, 'font-size': 11 });
  label.textContent = `${sizes.length} organisations, largest ${fmtInt(max)}, smallest ${fmtInt(sizes[sizes.length - 1])} registered patients`;
  svg.appendChild(label);
}

function drawTable() {
  const body = $('org-table').querySelector('tbody');
  body.replaceChildren();
  for (const o of state.orgs) {
    const tr = document.createElement('tr');
    tr.dataset.code = o.code;
    if (o.code === state.selected) tr.className = 'selected';
    for (const [v, numeric] of [[o.code], [o.name], [fmtInt(o.practices), 1], [fmtInt(o.population), 1], [fmtPct(o.pct_65_plus), 1]]) {
      const td = document.createElement('td');
      td.textContent = v;
      if (numeric) td.className = 'n';
      tr.appendChild(td);
    }
    tr.addEventListener('click', () => selectOrg(o.code));
    body.appendChild(tr);
  }
}

function showDetail() {
  const o = { ...(state.orgs.find((x) => x.code === state.selected) || {}),
              ...(state.allocations.get(state.selected) || {}),
              ...(state.risk.get(state.selected) || {}) };
  for (const td of document.querySelectorAll('#org-detail td')) {
    const f = td.dataset.field;
    const v = o[f];
    if (v === undefined) td.textContent = '';
    else if (f.endsWith('_pence')) td.textContent = (v / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    else if (f === 'need_index') td.textContent = Number(v).toFixed(3);
    else if (f === 'mean' || f === 'reserve99') td.textContent = Math.round(v).toLocaleString('en-GB');
    else if (f === 'p_overspend_5pct') td.textContent = Number(v).toExponential(2);
    else if (f === 'distance_from_target_pct') td.textContent = Number(v).toFixed(2);
    else if (f.startsWith('pct')) td.textContent = fmtPct(v);
    else if (typeof v === 'number') td.textContent = fmtInt(v);
    else td.textContent = v;
  }
}

function drawExceedance() {
  const svg = $('exceedance');
  svg.replaceChildren();
  const r = state.risk.get(state.selected);
  if (!r || !r.cdf.length || !r.budget_pence) {
    const t = svgEl('text', { x: 10, y: 20, 'font-size': 12 });
    t.textContent = 'No risk results for this organisation in this run.';
    svg.appendChild(t);
    return;
  }
  const budget = r.budget_pence / 100;
  const pts = r.cdf.map(([cost, p]) => [100 * cost / budget, 100 * (1 - p)]);
  const xs = pts.map((p) => p[0]);
  const lo = Math.min(...xs), hi = Math.max(...xs, lo + 1e-9);
  const x = (v) => 40 + ((v - lo) / (hi - lo)) * 460, y = (v) => 170 - v * 1.5;
  svg.appendChild(svgEl('path', { d: pts.map((p, i) => `${i ? 'L' : 'M'}${x(p[0])},${y(p[1])}`).join(' '), fill: 'none', stroke: '#0072B2', 'stroke-width': 2 }));
  for (const [v, label] of [[lo, lo.toFixed(1) + '%'], [hi, hi.toFixed(1) + '%']]) {
    const t = svgEl('text', { x: x(v), y: 190, 'font-size': 11, 'text-anchor': 'middle' });
    t.textContent = label;
    svg.appendChild(t);
  }
  const t = svgEl('text', { x: 40, y: 14, 'font-size': 11 });
  t.textContent = 'P(annual cost > x% of budget), % (x from smallest to largest stored point)';
  svg.appendChild(t);
}

function selectOrg(code) {
  state.selected = code;
  $('org-select').value = code;
  showDetail();
  drawExceedance();
  drawTable();
  drawMap();
  if (typeof showProviders === 'function') showProviders(state.run, code).catch((e) => console.error(e));
}

async function compare() {
  const other = $('compare-select').value;
  const div = $('compare');
  div.replaceChildren();
  if (!other) return;
  const rows = [];
  for (const id of [state.run, other]) {
    try {
      const data = await api(`/api/runs/${id}/organisations?level=${encodeURIComponent(state.level)}`);
      const pops = data.organisations.map((o) => o.population).sort((a, b) => a - b);
      rows.push([id, pops.length, fmtInt(pops[Math.floor(pops.length / 2)] || 0), fmtInt(pops[0] || 0), fmtInt(pops[pops.length - 1] || 0)]);
    } catch (e) {
      rows.push([id, e.message, '', '', '']);
    }
  }
  const table = document.createElement('table');
  table.innerHTML = '<thead><tr><th>Run</th><th>Organisations</th><th>Median population</th><th>Smallest</th><th>Largest</th></tr></thead>';
  const body = document.createElement('tbody');
  for (const r of rows) {
    const tr = document.createElement('tr');
    for (const v of r) { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); }
    body.appendChild(tr);
  }
  table.appendChild(body);
  const h = document.createElement('h2');
  h.textContent = `Runs side by side (${state.level})`;
  div.append(h, table);
}

async function loadLevel() {
  state.level = $('level-select').value;
  const q = `?level=${encodeURIComponent(state.level)}`;
  const [orgs, practices, allocations, risk] = await Promise.all([
    api(`/api/runs/${state.run}/organisations${q}`), api(`/api/runs/${state.run}/practices${q}`),
    api(`/api/runs/${state.run}/allocations${q}`), api(`/api/runs/${state.run}/risk${q}`)]);
  state.risk = new Map(risk.risk.map((r) => [r.code, r]));
  state.orgs = orgs.organisations;
  state.practices = practices.practices;
  state.allocations = new Map(allocations.allocations.map((a) => [a.code, a]));
  const select = $('org-select');
  select.replaceChildren();
  for (const o of state.orgs) option(select, o.code, `${o.code} ${o.name}`);
  selectOrg(state.orgs.length ? state.orgs[0].code : null);
  drawSizes();
  await compare();
}

async function loadRun() {
  state.run = $('run-select').value;
  const run = await api(`/api/runs/${state.run}`);
  const select = $('level-select');
  select.replaceChildren();
  for (const l of run.levels) option(select, l, l);
  select.value = run.lead_level;
  await loadLevel();
}

async function start() {
  const { runs } = await api('/api/runs');
  for (const r of runs) {
    option($('run-select'), r.run_id, `${r.run_id}: ${r.scenario_name} (${r.started_at})`);
    option($('compare-select'), r.run_id, `${r.run_id}: ${r.scenario_name}`);
  }
  if (!runs.length) return;
  $('run-select').value = runs[runs.length - 1].run_id;
  $('run-select').addEventListener('change', loadRun);
  $('level-select').addEventListener('change', loadLevel);
  $('org-select').addEventListener('change', (e) => selectOrg(e.target.value));
  $('compare-select').addEventListener('change', compare);
  await loadRun();
  document.body.dataset.ready = 'true';
}

start().catch((e) => { document.body.dataset.error = e.message; console.error(e); });

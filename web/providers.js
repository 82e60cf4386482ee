// pco dashboard, providers view: the money flowing from commissioners to providers as a Sankey
// diagram, and who bears the risk (docs/commissioning.md). Reads /api/runs/{id}/contracts.
'use strict';

const providerKinds = ['acute', 'community', 'mental_health', 'primary_care', 'independent', 'ambulance', 'other'];
const providerColours = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#7F7F7F'];

function providersSvg(name, attrs) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

// The largest `n - 1` keys by value, the rest grouped under `other`.
function topKeys(totals, n) {
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  return ranked.length > n ? ranked.slice(0, n - 1).map(([k]) => k) : ranked.map(([k]) => k);
}

function drawSankey(svg, data, selected) {
  svg.replaceChildren();
  const byHolder = new Map(), byProvider = new Map();
  for (const f of data.money_flows) {
    byHolder.set(f.commissioner, (byHolder.get(f.commissioner) || 0) + f.expected);
    byProvider.set(f.provider, (byProvider.get(f.provider) || 0) + f.expected);
  }
  const left = topKeys(byHolder, 12), right = topKeys(byProvider, 20);
  if (selected && byHolder.has(selected) && !left.includes(selected)) left[left.length - 1] = selected;
  const otherLeft = left.length < byHolder.size, otherRight = right.length < byProvider.size;
  const leftIndex = new Map(left.map((k, i) => [k, i])), rightIndex = new Map(right.map((k, i) => [k, i]));
  const nl = left.length + (otherLeft ? 1 : 0), nr = right.length + (otherRight ? 1 : 0);
  const links = new Map();
  for (const f of data.money_flows) {
    const l = leftIndex.has(f.commissioner) ? leftIndex.get(f.commissioner) : left.length;
    const r = rightIndex.has(f.provider) ? rightIndex.get(f.provider) : right.length;
    links.set(`${l}|${r}`, (links.get(`${l}|${r}`) || 0) + f.expected);
  }
  const kindOf = new Map(data.providers.map((p) => [p.code, p.kind]));
  const width = 900, top = 30, gap = 6, nodeW = 14, labelW = 200;
  const height = Math.max(300, 18 * Math.max(nl, nr)) + top + 10;
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  const lTot = new Array(nl).fill(0), rTot = new Array(nr).fill(0);
  for (const [key, v] of links) { const [l, r] = key.split('|').map(Number); lTot[l] += v; rTot[r] += v; }
  const total = lTot.reduce((a, b) => a + b, 0);
  const per = total > 0 ? (height - top - 10 - gap * Math.max(nl, nr)) / total : 0;
  const ly = [], ry = [];
  let y = top;
  for (let i = 0; i < nl; ++i) { ly.push(y); y += lTot[i] * per + gap; }
  y = top;
  for (let i = 0; i < nr; ++i) { ry.push(y); y += rTot[i] * per + gap; }
  const lAt = [...ly], rAt = [...ry];
  const x0 = labelW + nodeW, x1 = width - labelW, mid = (x0 + x1) / 2;
  const colourOf = (r) => (r < right.length ? providerColours[Math.max(0, providerKinds.indexOf(kindOf.get(right[r])))] : providerColours[7]);
  const leftLabel = (l) => (l < left.length ? left[l] : 'other commissioners');
  const rightLabel = (r) => (r < right.length ? right[r] : 'other providers');
  for (const [key, v] of [...links.entries()].sort()) {
    const [l, r] = key.split('|').map(Number);
    const h = Math.max(0.5, v * per);
    const ya = lAt[l] + h / 2, yb = rAt[r] + h / 2;
    lAt[l] += v * per;
    rAt[r] += v * per;
    const highlight = selected && leftLabel(l) === selected;
    const path = providersSvg('path', { d: `M${x0},${ya} C${mid},${ya} ${mid},${yb} ${x1},${yb}`, fill: 'none',
      stroke: colourOf(r), 'stroke-opacity': selected ? (highlight ? 0.75 : 0.12) : 0.45, 'stroke-width': h, class: 'flow' });
    const t = providersSvg('title', {});
    t.textContent = `${leftLabel(l)} → ${rightLabel(r)}: £${(v / 1e6).toFixed(1)}m a year`;
    path.appendChild(t);
    svg.appendChild(path);
  }
  const node = (x, yTop, value, label, colour, anchorLeft) => {
    const h = Math.max(1, value * per);
    svg.appendChild(providersSvg('rect', { x, y: yTop, width: nodeW, height: h, fill: colour }));
    const t = providersSvg('text', { x: anchorLeft ? x - 4 : x + nodeW + 4, y: yTop + h / 2, 'font-size': 11,
      'text-anchor': anchorLeft ? 'end' : 'start', 'dominant-baseline': 'middle' });
    t.textContent = `${label} (£${(value / 1e6).toFixed(1)}m)`;
    svg.appendChild(t);
  };
  for (let l = 0; l < nl; ++l) node(labelW, ly[l], lTot[l], leftLabel(l), '#555555', true);
  for (let r = 0; r < nr; ++r) node(x1, ry[r], rTot[r], rightLabel(r), colourOf(r), false);
  const title = providersSvg('text', { x: width / 2, y: 16, 'font-size': 13, 'text-anchor': 'middle' });
  title.textContent = 'Expected money a year from commissioners to providers (£m)';
  svg.appendChild(title);
}

function providersTable(table, rows, columns) {
  const head = document.createElement('thead'), body = document.createElement('tbody');
  const tr = document.createElement('tr');
  for (const [label] of columns) { const th = document.createElement('th'); th.textContent = label; tr.appendChild(th); }
  head.appendChild(tr);
  for (const row of rows) {
    const r = document.createElement('tr');
    for (const [, value, numeric] of columns) {
      const td = document.createElement('td');
      td.textContent = value(row);
      if (numeric) td.className = 'n';
      r.appendChild(td);
    }
    body.appendChild(r);
  }
  table.replaceChildren(head, body);
}

const money = (v) => Math.round(v).toLocaleString('en-GB');
const percent = (v) => (100 * v).toFixed(1);

// Called by app.js when a run is loaded and when an organisation is selected.
async function showProviders(run, selected) {
  const panel = document.getElementById('providers-panel');
  const note = document.getElementById('providers-note');
  let data;
  try {
    const response = await fetch(`/api/runs/${run}/contracts`);
    data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
  } catch (e) {
    panel.dataset.state = 'none';
    note.textContent = `No providers or contracts in this run (${e.message}).`;
    document.getElementById('sankey').replaceChildren();
    document.getElementById('provider-table').replaceChildren();
    document.getElementById('contract-table').replaceChildren();
    return;
  }
  panel.dataset.state = 'loaded';
  const commissioner = data.commissioners.some((c) => c.code === selected) ? selected : null;
  note.textContent = `Commissioning at level ${data.level}: ${data.contracts.length} contracts, ${data.providers.length} providers with income. ` +
    'Commissioner share: the share of the variance of the cost of care the commissioner bears.';
  drawSankey(document.getElementById('sankey'), data, commissioner);
  providersTable(document.getElementById('provider-table'), data.providers.slice(0, 25), [
    ['Provider', (p) => p.code], ['Name', (p) => p.name], ['Kind', (p) => p.kind],
    ['Contracts', (p) => p.contracts, 1], ['Income £', (p) => money(p.expected_income), 1],
    ['Margin sd £', (p) => money(p.sd_margin), 1], ['P(loss) %', (p) => percent(p.p_loss), 1]]);
  const contracts = data.contracts.filter((c) => !commissioner || c.commissioner === commissioner)
    .sort((a, b) => b.expected_payment - a.expected_payment).slice(0, 25);
  document.getElementById('contract-heading').textContent =
    commissioner ? `Contracts of ${commissioner}` : 'Largest contracts';
  providersTable(document.getElementById('contract-table'), contracts, [
    ['Commissioner', (c) => c.commissioner], ['Provider', (c) => c.provider], ['Payment', (c) => c.payment],
    ['Services', (c) => c.services.replaceAll(';', ', ')], ['Payment £', (c) => money(c.expected_payment), 1],
    ['sd £', (c) => money(c.sd_payment), 1], ['Provider margin sd £', (c) => money(c.sd_provider_margin), 1],
    ['P(provider loss) %', (c) => percent(c.p_provider_loss), 1],
    ['Commissioner share %', (c) => percent(c.commissioner_variance_share), 1]]);
}

// Providers and money flows (docs/commissioning.md): the expected money from commissioners to
// providers as a Sankey diagram, every provider's income and margin risk, and the contracts
// with who bears their risk. Reads /api/runs/{id}/contracts.

import { state, api, mapSelection, actions } from './state.js';
import * as f from './format.js';
import { tableIn } from './table.js';
import { canvas, el, textWidth } from './charts.js';

const $ = (id) => document.getElementById(id);
const KINDS = ['acute', 'community', 'mental_health', 'primary_care', 'independent', 'ambulance', 'other'];
const KIND_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];
const OTHER_COLOUR = '#7F7F7F';
let commissioningLevel = null;  // the level whose budget holders commission in the shown run

// `text` cut with an ellipsis to fit `width` pixels at the labels' size (narrow screens).
function fitted(text, width) {
  let t = String(text);
  if (textWidth(t, 11) <= width) return t;
  while (t.length > 1 && textWidth(`${t}…`, 11) > width) t = t.slice(0, -1);
  return `${t}…`;
}

// The largest `n - 1` keys by value when there are more than n, else all of them.
function topKeys(totals, n) {
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  return (ranked.length > n ? ranked.slice(0, n - 1) : ranked).map(([k]) => k);
}

// Commissioners on the left, providers on the right, band widths proportional to the expected
// money; the smaller ones grouped as "other" so the diagram stays legible.
function sankey(host, data, selected) {
  const byHolder = new Map(), byProvider = new Map();
  for (const m of data.money_flows) {
    byHolder.set(m.commissioner, (byHolder.get(m.commissioner) || 0) + m.expected);
    byProvider.set(m.provider, (byProvider.get(m.provider) || 0) + m.expected);
  }
  const left = topKeys(byHolder, 12), right = topKeys(byProvider, 20);
  if (selected && byHolder.has(selected) && !left.includes(selected)) left[left.length - 1] = selected;
  const leftIndex = new Map(left.map((k, i) => [k, i])), rightIndex = new Map(right.map((k, i) => [k, i]));
  const nl = left.length + (left.length < byHolder.size ? 1 : 0);
  const nr = right.length + (right.length < byProvider.size ? 1 : 0);
  const links = new Map();
  for (const m of data.money_flows) {
    const l = leftIndex.has(m.commissioner) ? leftIndex.get(m.commissioner) : left.length;
    const r = rightIndex.has(m.provider) ? rightIndex.get(m.provider) : right.length;
    links.set(`${l}|${r}`, (links.get(`${l}|${r}`) || 0) + m.expected);
  }
  const top = 8, gap = 6, nodeW = 12;
  const height = Math.max(260, 20 * Math.max(nl, nr)) + top + 8;
  const { svg, width } = canvas(host, height, 'Expected money a year from commissioners to providers',
    'Expected money a year from commissioners (left) to providers (right)');
  const labelW = Math.min(190, Math.floor(width * 0.27));
  const lTot = new Array(nl).fill(0), rTot = new Array(nr).fill(0);
  for (const [key, v] of links) { const [l, r] = key.split('|').map(Number); lTot[l] += v; rTot[r] += v; }
  const total = lTot.reduce((a, b) => a + b, 0);
  const per = total > 0 ? (height - top - 8 - gap * Math.max(nl, nr)) / total : 0;
  const stack = (totals) => { const ys = []; let y = top; for (const t of totals) { ys.push(y); y += t * per + gap; } return ys; };
  const ly = stack(lTot), ry = stack(rTot), lAt = [...ly], rAt = [...ry];
  const x0 = labelW + nodeW, x1 = width - labelW - nodeW, mid = (x0 + x1) / 2;
  const kindOf = new Map(data.providers.map((p) => [p.code, p.kind]));
  const colourOf = (r) => (r < right.length ? KIND_COLOURS[Math.max(0, KINDS.indexOf(kindOf.get(right[r])))] : OTHER_COLOUR);
  const leftLabel = (l) => (l < left.length ? left[l] : 'other commissioners');
  const rightLabel = (r) => (r < right.length ? right[r] : 'other providers');
  for (const [key, v] of [...links.entries()].sort()) {
    const [l, r] = key.split('|').map(Number);
    const h = Math.max(0.5, v * per);
    const ya = lAt[l] + h / 2, yb = rAt[r] + h / 2;
    lAt[l] += v * per;
    rAt[r] += v * per;
    const on = selected && leftLabel(l) === selected;
    const path = el('path', { d: `M${x0},${ya} C${mid},${ya} ${mid},${yb} ${x1},${yb}`, fill: 'none', class: 'flow',
      stroke: colourOf(r), 'stroke-opacity': selected ? (on ? 0.75 : 0.12) : 0.45, 'stroke-width': h });
    path.appendChild(el('title', {}, `${leftLabel(l)} → ${rightLabel(r)}: ${f.money(v)} a year`));
    svg.appendChild(path);
  }
  const node = (x, y, value, label, colour, labelLeft) => {
    const h = Math.max(1, value * per);
    const rect = el('rect', { x, y, width: nodeW, height: h, fill: colour });
    rect.appendChild(el('title', {}, `${label}: ${f.money(value)} a year`));
    svg.appendChild(rect);
    svg.appendChild(el('text', { x: labelLeft ? x - 4 : x + nodeW + 4, y: y + h / 2, 'font-size': 11,
      'text-anchor': labelLeft ? 'end' : 'start', 'dominant-baseline': 'middle' }, fitted(`${label} ${f.money(value)}`, labelW - 6)));
  };
  for (let l = 0; l < nl; ++l) node(labelW, ly[l], lTot[l], leftLabel(l), '#555', true);
  for (let r = 0; r < nr; ++r) node(x1, ry[r], rTot[r], rightLabel(r), colourOf(r), false);
}

const pounds = (key, label) => ({ key, label, numeric: true, format: (v) => f.money(v), title: (r) => f.poundsExact(r[key]) });
const chance = (key, label) => ({ key, label, numeric: true, format: (v) => f.probability(v, { exact: true }) });

export async function renderProviders() {
  const note = $('providers-note');
  let data;
  try {
    data = await api(`/api/runs/${state.run}/contracts`);
  } catch (e) {
    $('providers-content').hidden = true;
    note.textContent = e.status === 404
      ? `Run ${state.run} has no providers or contracts. Add [commissioning], [[provider]], [[contract]] or [[pathway_shift]] to the scenario (docs/commissioning.md) and run it again.`
      : `The providers could not be read: ${e.message}`;
    return;
  }
  $('providers-content').hidden = false;
  commissioningLevel = data.level;
  const mapped = state.levels.includes(data.level) ? mapSelection(state.level, state.selected, data.level) : null;
  const commissioner = data.commissioners.some((c) => c.code === mapped) ? mapped : null;
  note.textContent = `Commissioning by each ${data.level}: ${f.integer(data.contracts.length)} contracts, ` +
    `${f.integer(data.providers.length)} providers with income. Money is expected £ a year at the scenario's prices; ` +
    'sd is the year-to-year standard deviation from the exact distribution of activity; ' +
    '"commissioner share" is the share of the variance of the cost of care the commissioner bears under the contract ' +
    `(the provider bears the rest). ${data.level === state.level || !commissioner ? '' : `Showing the ${data.level} of the selected ${state.level}: ${commissioner}.`}`;
  sankey($('sankey'), data, commissioner);
  $('sankey').dataset.selected = commissioner || '';

  tableIn($('provider-table-host'), {
    identity: `${state.run}`, id: 'providers', caption: 'Providers: income and margin risk over all their contracts',
    rows: data.providers,
    columns: [
      { key: 'code', label: 'Code', header: true },
      { key: 'name', label: 'Name' },
      { key: 'kind', label: 'Kind', format: (v) => f.humanise(v) },
      { key: 'contracts', label: 'Contracts', numeric: true, format: f.integer },
      pounds('expected_income', 'Expected income'), pounds('sd_income', 'Income sd'),
      pounds('expected_margin', 'Expected margin'), pounds('sd_margin', 'Margin sd'),
      chance('p_loss', 'P(loss)'),
    ],
    csvName: () => `pco-run${state.run}-providers.csv`,
  });

  const contracts = commissioner ? data.contracts.filter((c) => c.commissioner === commissioner) : data.contracts;
  tableIn($('contract-table-host'), {
    identity: `${state.run}/${commissioner || ''}`, id: 'contracts',
    caption: commissioner ? `Contracts of ${commissioner}` : 'Every contract',
    rows: contracts, key: (c) => String(c.ordinal), searchKeys: ['commissioner', 'provider', 'services', 'payment'],
    filterLabel: 'commissioner, provider, service or payment',
    sort: { key: 'expected_payment', direction: -1 },
    columns: [
      { key: 'commissioner', label: 'Commissioner', header: true },
      { key: 'provider', label: 'Provider' },
      { key: 'payment', label: 'Payment', format: (v) => f.humanise(v) },
      { key: 'services', label: 'Services', format: (v) => v.split(';').map((x) => x.replace(/_/g, ' ')).join(', ') },
      pounds('expected_payment', 'Expected payment'), pounds('sd_payment', 'Payment sd'),
      pounds('sd_provider_cost', 'Provider cost sd'), pounds('sd_provider_margin', 'Provider margin sd'),
      chance('p_provider_loss', 'P(provider loss)'),
      { key: 'commissioner_variance_share', label: 'Commissioner share', numeric: true, format: (v) => f.fractionPercent(v) },
    ],
    csvName: () => `pco-run${state.run}-contracts${commissioner ? `-${commissioner}` : ''}.csv`,
    onSelect: (c) => { if (state.levels.includes(commissioningLevel)) actions.choose(commissioningLevel, c.commissioner); },
  });
}

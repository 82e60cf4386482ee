// Two runs side by side at the chosen level: for every organisation the change in each measure
// from this run to the other, totals, and the selected organisation's values in both.

import { state, api, actions } from './state.js';
import * as f from './format.js';
import { DataTable, tableIn } from './table.js';

const $ = (id) => document.getElementById(id);

// How a measure's values and changes read, by the unit the API gives.
const FORMATS = {
  people: [f.integer, (v) => f.integer(v, { sign: true })],
  count: [f.integer, (v) => f.integer(v, { sign: true })],
  index: [(v) => f.decimal(v, 3), (v) => f.decimal(v, 3, { sign: true })],
  pence: [(v) => f.moneyFromPence(v), (v) => f.moneyFromPence(v, { sign: true })],
  pounds: [(v) => f.money(v), (v) => f.money(v, { sign: true })],
  percent: [(v) => f.percent(v, { digits: 2, sign: true }), (v) => (v === null ? f.DASH : `${f.decimal(v, 2, { sign: true })} pp`)],
  probability: [f.probability, f.probabilityChange],
};
const formats = (m) => FORMATS[m.unit] || [String, String];

function describe(run) {
  return `run ${run.run_id} (${run.scenario_name}, seed ${run.seed})`;
}

function totals(c) {
  const rows = c.measures.filter((m) => m.additive && c.totals.base[m.key] !== null && c.totals.base[m.key] !== undefined);
  tableIn($('compare-totals-host'), {
    identity: `${c.run_id}/${c.with}/${c.level}`, id: 'compare-totals', caption: `Totals over every ${c.level}`, filter: false, sortable: false, rows, key: (m) => m.key,
    columns: [
      { key: 'measure', label: 'Measure', header: true, value: (m) => m.label, csv: false },
      { key: 'key', label: 'key', display: false, value: (m) => m.key },
      { key: 'base', label: `Run ${c.run_id}`, numeric: true, value: (m) => c.totals.base[m.key], format: (v, m) => formats(m)[0](v) },
      { key: 'other', label: `Run ${c.with}`, numeric: true, value: (m) => c.totals.other[m.key], format: (v, m) => formats(m)[0](v) },
      { key: 'change', label: 'Change', numeric: true, value: (m) => c.totals.change[m.key], format: (v, m) => formats(m)[1](v) },
    ],
    csvName: () => `pco-run${c.run_id}-vs-run${c.with}-${c.level}-totals.csv`,
  });
}

function selectedDetail(c) {
  const host = $('compare-selected');
  host.replaceChildren();
  const row = c.organisations.find((o) => o.code === state.selected);
  if (!row) return;
  const h = document.createElement('h3');
  h.textContent = `${row.code} ${row.name}` + (row.in_base && row.in_other ? '' : row.in_base ? ` (only in run ${c.run_id})` : ` (only in run ${c.with})`);
  const div = document.createElement('div');
  div.id = 'compare-detail-host';
  host.append(h, div);
  new DataTable(div, {
    id: 'compare-detail', filter: false, sortable: false, rows: c.measures, key: (m) => m.key,
    columns: [
      { key: 'measure', label: 'Measure', header: true, value: (m) => m.label, csv: false },
      { key: 'key', label: 'key', display: false, value: (m) => m.key },
      { key: 'base', label: `Run ${c.run_id}`, numeric: true, value: (m) => row.base[m.key], format: (v, m) => formats(m)[0](v) },
      { key: 'other', label: `Run ${c.with}`, numeric: true, value: (m) => row.other[m.key], format: (v, m) => formats(m)[0](v) },
      { key: 'change', label: 'Change', numeric: true, value: (m) => row.change[m.key], format: (v, m) => formats(m)[1](v) },
    ],
    csvName: () => `pco-run${c.run_id}-vs-run${c.with}-${row.code}.csv`,
  });
}

function table(c) {
  // Only measures that change somewhere, or exist in either run, get a column.
  const present = c.measures.filter((m) => c.organisations.some((o) => o.base[m.key] !== null || o.other[m.key] !== null));
  const columns = [
    { key: 'code', label: 'Code', header: true },
    { key: 'name', label: 'Name' },
    { key: 'present', label: 'In runs', value: (o) => (o.in_base && o.in_other ? 'both' : o.in_base ? String(c.run_id) : String(c.with)) },
  ];
  for (const m of present) {
    const [show, change] = formats(m);
    columns.push({
      key: `${m.key}_change`, label: `Δ ${m.label}`, numeric: true, value: (o) => o.change[m.key], format: (v) => change(v),
      title: (o) => `${m.label}: ${show(o.base[m.key])} in run ${c.run_id}, ${show(o.other[m.key])} in run ${c.with}`,
    });
    columns.push({ key: `${m.key}_base`, label: '', display: false, value: (o) => o.base[m.key] });
    columns.push({ key: `${m.key}_other`, label: '', display: false, value: (o) => o.other[m.key] });
  }
  const t = tableIn($('compare-table-host'), {
    identity: `${c.run_id}/${c.with}/${c.level}`, id: 'compare-table', caption: `Change in every ${c.level} from run ${c.run_id} to run ${c.with} (hover a cell for both values)`,
    columns, rows: c.organisations, rowClass: (o) => (o.in_base && o.in_other ? null : 'only-one'),
    csvName: () => `pco-run${c.run_id}-vs-run${c.with}-${c.level}.csv`,
    onSelect: (o) => actions.choose(state.level, o.code),
  });
  t.setSelected(state.selected);
}

export async function renderCompare() {
  const select = $('compare-select');
  const others = state.runs.filter((r) => String(r.run_id) !== String(state.run));
  if (select.dataset.run !== String(state.run) || select.options.length !== others.length + 1) {
    select.replaceChildren(new Option('(choose a run)', ''), ...others.map((r) => new Option(`${r.run_id}: ${r.scenario_name} (${r.started_at})`, r.run_id)));
    select.dataset.run = String(state.run);
  }
  select.value = state.compareWith && others.some((r) => String(r.run_id) === String(state.compareWith)) ? state.compareWith : '';
  const note = $('compare-note');
  const content = $('compare-content');
  if (!others.length) {
    note.textContent = 'This store holds one run. Run pco again with the same --out directory (e.g. a changed scenario) to compare runs.';
    content.hidden = true;
    return;
  }
  if (!select.value) {
    note.textContent = `Choose a run to compare run ${state.run} with.`;
    content.hidden = true;
    return;
  }
  let c;
  try {
    c = await api(`/api/runs/${state.run}/compare?with=${encodeURIComponent(select.value)}&level=${encodeURIComponent(state.level)}`);
  } catch (e) {
    note.textContent = `These runs cannot be compared at the ${state.level} level: ${e.message}`;
    content.hidden = true;
    return;
  }
  content.hidden = false;
  const both = c.organisations.filter((o) => o.in_base && o.in_other).length;
  note.textContent = `Changes from ${describe(c.base)} to ${describe(c.other)} at the ${c.level} level: ` +
    `${both} organisations in both, ${c.organisations.length - both} in one only. ` +
    (c.same_scenario ? 'Both runs read the same scenario text.' : 'The runs read different scenarios.') +
    (c.base.budget_source !== c.other.budget_source ? ` Budgets differ in basis: run ${c.run_id}: ${c.base.budget_source}; run ${c.with}: ${c.other.budget_source}.` : '');
  totals(c);
  table(c);
  selectedDetail(c);
}

export function setupCompare() {
  $('compare-select').addEventListener('change', (e) => {
    state.compareWith = e.target.value || null;
    actions.render();
  });
}

// The appraisal: configurations side by side, NPV with its range over the parameter ranges,
// the tornado of one alternative, every organisation of a configuration, and where the
// selected organisation sits in each configuration.

import { state, api, mapSelection, actions } from './state.js';
import * as f from './format.js';
import { tableIn } from './table.js';
import { intervalBars } from './charts.js';

const $ = (id) => document.getElementById(id);

const per = (digits) => (v) => f.decimal(v, digits);
// The appraisal's parameters (docs/appraisal.md) in words; any other name is humanised.
const PARAMETERS = {
  discount_rate: 'Discount rate',
  fixed_cost: 'Fixed cost of an organisation (£/yr)',
  cost_per_head: 'Management cost per head (£)',
  small_scale_cost_per_head: 'Extra cost per head below the scale limit (£)',
  scale_limit: 'Size at which economies of scale end',
  share_management: 'Share of fixed cost saved by sharing management',
  share_commissioning: 'Share saved by sharing commissioning',
  share_public_health: 'Share saved by sharing public health',
  share_back_office: 'Share saved by sharing back office',
  federation_cost: 'Running cost of a federation (£/yr)',
  transition_cost_per_head: 'Transition cost per patient moved (£)',
  transition_cost_per_organisation: 'Transition cost per organisation merged (£)',
  federation_setup_cost: 'Setting up a federation, per member (£)',
  dip_depth: 'Performance dip (share of spend)',
  recovery_years: 'Years to recover from the dip',
  savings_lag_years: 'Years before savings are realised',
};
const parameter = (name) => PARAMETERS[name] || f.humanise(name);
// A parameter's value as given, with thousands separators (800,000 rather than 800000).
const value = (v) => (Math.abs(v) >= 1000 ? Number(v).toLocaleString('en-GB') : String(v));
// The side-by-side rows: [key, label, value(configuration), format, help].
const METRICS = [
  ['level', 'Level', (c) => c.level, (v) => v],
  ['organisations', 'Organisations', (c) => c.metrics.organisations, f.integer],
  ['federations', 'Federations', (c) => c.metrics.federations, f.integer],
  ['population', 'Population', (c) => c.metrics.population, f.integer],
  ['mean_population', 'Mean population per organisation', (c) => c.metrics.mean_population, f.integer],
  ['practices_per_organisation', 'Practices per organisation', (c) => c.metrics.practices_per_organisation, per(1)],
  ['networks_per_organisation', 'Networks per organisation', (c) => c.metrics.networks_per_organisation, per(1)],
  ['p_overspend_5pct', 'P(overspend ≥ 5%), population-weighted', (c) => c.metrics.p_overspend_5pct, f.probability],
  ['cv', 'Variation of annual cost (CV), population-weighted', (c) => c.metrics.cv, (v) => f.fractionPercent(v, { digits: 2 })],
  ['reserve99_gbp', '99% reserves, all organisations', (c) => c.metrics.reserve99_gbp, (v) => f.money(v)],
  ['management_cost_gbp', 'Management cost a year', (c) => c.metrics.management_cost_gbp, (v) => f.money(v)],
  ['management_cost_per_head_gbp', 'Management cost per head', (c) => c.metrics.management_cost_per_head_gbp, (v) => (v === null ? f.DASH : `£${Number(v).toFixed(2)}`)],
  ['engagement_proxy', 'Engagement proxy (0–1; size only, not measured)', (c) => c.metrics.engagement_proxy, per(3)],
  ['share_population_best_buy_in', 'Population in organisations at or below the best buy-in size', (c) => c.metrics.share_population_best_buy_in, (v) => f.fractionPercent(v)],
  ['share_population_remote', 'Population in organisations above the remote size', (c) => c.metrics.share_population_remote, (v) => f.fractionPercent(v)],
  ['max_provider_share', "Largest share of a provider's income", (c) => c.metrics.max_provider_share, (v) => f.fractionPercent(v)],
  ['mean_abs_distance_from_target_pct', 'Mean distance from target (either way)', (c) => c.metrics.mean_abs_distance_from_target_pct, (v) => f.percent(v, { digits: 2 })],
  ['practices_moved', 'Practices moved (changing organisation)', (c) => c.metrics.practices_moved, f.integer],
  ['people_moved', 'Patients moved', (c) => c.metrics.people_moved, f.integer],
  ['people_reorganised', 'Patients in reorganised organisations', (c) => c.metrics.people_reorganised, f.integer],
  ['organisations_merged', 'Organisations merged or changed', (c) => c.metrics.organisations_merged, f.integer],
  ['running_saving_gbp', 'Running-cost saving a year, once realised', (c) => c.metrics.running_saving_gbp, (v) => f.money(v, { sign: true })],
  ['reserve_change_gbp', 'Change in 99% reserves', (c) => c.metrics.reserve_change_gbp, (v) => f.money(v, { sign: true })],
  ['transition_cost_gbp', 'Transition cost (one-off)', (c) => c.metrics.transition_cost_gbp, (v) => f.money(v)],
  ['dip_loss_gbp', 'Performance dip (undiscounted)', (c) => c.metrics.dip_loss_gbp, (v) => f.money(v)],
  ['npv', 'Net present value against the status quo', (c) => c.npv, (v) => f.money(v, { sign: true })],
  ['break_even_year', 'Break-even year', (c) => (c.status_quo ? null : c.break_even_year ?? 'never'), (v) => (v === null ? f.DASH : String(v))],
  ['npv_mean', 'NPV, mean over parameter ranges (± standard error)', (c) => (c.npv_uncertainty.draws ? c.npv_uncertainty.mean : null),
    (v, c) => (v === null ? f.DASH : `${f.money(v, { sign: true })} ± ${f.money(c.npv_uncertainty.standard_error)}`)],
  ['npv_p05', 'NPV, 5th percentile over parameter ranges', (c) => (c.npv_uncertainty.draws ? c.npv_uncertainty.p05 : null), (v) => f.money(v, { sign: true })],
  ['npv_p95', 'NPV, 95th percentile over parameter ranges', (c) => (c.npv_uncertainty.draws ? c.npv_uncertainty.p95 : null), (v) => f.money(v, { sign: true })],
  ['p_npv_positive', 'P(NPV > 0) over parameter ranges', (c) => (c.status_quo || !c.npv_uncertainty.draws ? null : c.npv_uncertainty.probability_positive),
    (v) => f.probability(v, { exact: true })],
];

function sideBySide(a) {
  const configs = a.configurations;
  const rows = METRICS.map(([key, label, value, format]) => ({ key, label, values: configs.map(value), format }));
  const columns = [{ key: 'metric', label: 'Measure', header: true, value: (r) => r.label, csv: false },
    { key: 'key', label: 'key', display: false, value: (r) => r.key }];
  configs.forEach((c, i) => columns.push({
    key: c.name, label: c.status_quo ? `${c.name} (status quo)` : c.name, numeric: true,
    value: (r) => r.values[i], format: (v, r) => r.format(v, c),
  }));
  tableIn($('appraisal-table-host'), {
    identity: `${state.run}`, id: 'appraisal-table', caption: 'Configurations side by side', columns, rows, sortable: false, filter: false,
    key: (r) => r.key, csvName: () => `pco-run${state.run}-appraisal.csv`,
    rowClass: (r) => (r.key === 'npv' ? 'emphasis' : null),
  });
}

function npvChart(a) {
  const rows = a.configurations.filter((c) => !c.status_quo).map((c) => ({
    key: c.name,
    label: `${c.name}: ${f.money(c.npv, { sign: true })}` + (c.npv_uncertainty.draws ? `; P(NPV > 0) ${f.probability(c.npv_uncertainty.probability_positive, { exact: true })}` : ''),
    from: 0, to: c.npv, highlight: c.name === a.best,
    whisker: c.npv_uncertainty.draws ? [c.npv_uncertainty.p05, c.npv_uncertainty.p95] : null,
    note: `${c.name}: NPV ${f.money(c.npv, { sign: true })}` + (c.npv_uncertainty.draws
      ? `; 90% of ${c.npv_uncertainty.draws} draws over the parameter ranges between ${f.money(c.npv_uncertainty.p05, { sign: true })} and ${f.money(c.npv_uncertainty.p95, { sign: true })}` : ''),
  }));
  if (!rows.length) { $('npv-chart').textContent = 'No alternative to the status quo.'; return; }
  intervalBars($('npv-chart'), { rows, format: (v) => f.money(v, { sign: true }), title: 'NPV against the status quo', baseLabel: 'status quo' });
}

function tornado(a) {
  const select = $('tornado-select');
  const alternatives = a.configurations.filter((c) => !c.status_quo);
  if (!select.options.length || select.dataset.run !== String(state.run)) {
    select.replaceChildren(...alternatives.map((c) => new Option(c.name, c.name)));
    select.dataset.run = String(state.run);
    const best = alternatives.find((c) => c.name === a.best);
    if (best) select.value = best.name;
  }
  const config = alternatives.find((c) => c.name === select.value);
  if (!config) { $('tornado-chart').textContent = 'No alternative to the status quo.'; return; }
  const entries = a.tornado.filter((e) => e.configuration === config.name);
  const shown = entries.slice(0, 10);
  intervalBars($('tornado-chart'), {
    rows: shown.map((e) => ({
      key: e.parameter,
      label: `${parameter(e.parameter)}: ${value(e.low)} to ${value(e.high)}${e.flips ? ' — changes the best choice' : ''}`,
      from: e.npv_low, to: e.npv_high, highlight: e.flips,
      note: `${parameter(e.parameter)} at ${value(e.low)}: NPV ${f.money(e.npv_low, { sign: true })} (best: ${e.best_at_low}); at ${value(e.high)}: ${f.money(e.npv_high, { sign: true })} (best: ${e.best_at_high})`,
    })),
    base: config.npv, baseLabel: `base ${f.money(config.npv, { sign: true })}`, split: true,
    format: (v) => f.money(v, { sign: true }),
    title: `${config.name}: NPV with one parameter at its low or high value`,
  });
  $('tornado-note').textContent = entries.length > shown.length
    ? `The ${shown.length} widest of ${entries.length} parameters; all are in the table below.` : '';
  tableIn($('tornado-table-host'), {
    identity: `${state.run}/${config.name}`, id: 'tornado-table', caption: `Every parameter, ${config.name}`, searchKeys: ['parameter'], filterLabel: 'parameter',
    columns: [
      { key: 'parameter', label: 'Parameter', header: true, format: parameter },
      { key: 'low', label: 'Low', numeric: true, format: value },
      { key: 'high', label: 'High', numeric: true, format: value },
      { key: 'npv_low', label: 'NPV at low', numeric: true, format: (v) => f.money(v, { sign: true }) },
      { key: 'npv_high', label: 'NPV at high', numeric: true, format: (v) => f.money(v, { sign: true }) },
      { key: 'swing', label: 'Swing', numeric: true, value: (e) => Math.abs(e.npv_high - e.npv_low), format: (v) => f.money(v) },
      { key: 'flips', label: 'Changes the best choice', value: (e) => e.flips, format: (v) => (v ? 'yes' : 'no') },
    ],
    rows: entries, key: (e) => e.parameter, csvName: () => `pco-run${state.run}-tornado.csv`,
  });
}

// The selected organisation in each configuration: the organisation of the same code at the
// configuration's level (its ancestor or itself), when the configuration keeps that code.
function focus(a) {
  const host = $('appraisal-focus');
  host.replaceChildren();
  if (!state.selected) return;
  const items = [];
  for (const c of a.configurations) {
    const code = state.levels.includes(c.level) ? mapSelection(state.level, state.selected, c.level) : null;
    const o = code ? c.organisations.find((x) => x.code === code) : null;
    const li = document.createElement('li');
    li.textContent = o
      ? `${c.name}: ${o.code} ${o.name}, ${f.integer(o.population)} patients; P(overspend ≥ 5%) ${f.probability(o.p_overspend_5pct)}; ` +
        `99% reserve ${f.money(o.reserve99_gbp)}; management cost ${f.money(o.management_cost_gbp)} a year` +
        (o.federation ? `; in federation ${o.federation}` : '')
      : `${c.name}: no organisation with the code of the selected ${state.level}'s counterpart (merged or renamed); see the table below.`;
    items.push(li);
  }
  const h = document.createElement('h3');
  h.textContent = `${state.selected} in each configuration`;
  const ul = document.createElement('ul');
  ul.append(...items);
  host.append(h, ul);
}

function organisations(a) {
  const select = $('appraisal-config-select');
  if (!select.options.length || select.dataset.run !== String(state.run)) {
    select.replaceChildren(...a.configurations.map((c) => new Option(c.name, c.name)));
    select.dataset.run = String(state.run);
  }
  const config = a.configurations.find((c) => c.name === select.value) || a.configurations[0];
  const rows = config.organisations;
  const any = (k) => rows.some((r) => r[k]);
  const columns = [
    { key: 'code', label: 'Code', header: true },
    { key: 'name', label: 'Name' },
    ...(any('federation') ? [{ key: 'federation', label: 'Federation' }] : []),
    ...(rows.some((r) => r.risk_pool && r.risk_pool !== r.code) ? [{ key: 'risk_pool', label: 'Risk pool' }] : []),
    { key: 'population', label: 'Population', numeric: true, format: f.integer },
    { key: 'practices', label: 'Practices', numeric: true, format: f.integer },
    { key: 'expected_cost_gbp', label: 'Expected cost', numeric: true, format: (v) => f.money(v), title: (r) => f.poundsExact(r.expected_cost_gbp) },
    { key: 'p_overspend_5pct', label: 'P(overspend ≥ 5%)', numeric: true, format: f.probability },
    { key: 'cv', label: 'CV of cost', numeric: true, format: (v) => f.fractionPercent(v, { digits: 2 }) },
    { key: 'reserve99_gbp', label: '99% reserve', numeric: true, format: (v) => f.money(v) },
    { key: 'management_cost_gbp', label: 'Management cost', numeric: true, format: (v) => f.money(v) },
    { key: 'engagement_proxy', label: 'Engagement proxy', numeric: true, format: (v) => f.decimal(v, 2) },
    ...(rows.some((r) => r.distance_from_target_pct !== null && r.distance_from_target_pct !== undefined)
      ? [{ key: 'distance_from_target_pct', label: 'From target', numeric: true, format: (v) => f.percent(v, { sign: true }) }] : []),
  ];
  const t = tableIn($('appraisal-orgs-host'), {
    identity: `${state.run}/${config.name}`, id: 'appraisal-orgs', caption: `${config.status_quo ? 'Status quo' : config.name}: every organisation`, columns, rows,
    csvName: () => `pco-run${state.run}-appraisal-${config.name.replace(/[^A-Za-z0-9]+/g, '-')}.csv`,
    onSelect: (r) => { if (state.levels.includes(config.level)) actions.choose(config.level, r.code); },
  });
  if (state.levels.includes(config.level)) t.setSelected(mapSelection(state.level, state.selected, config.level));
}

export async function renderAppraisal() {
  const note = $('appraisal-note');
  let a;
  try {
    a = await api(`/api/runs/${state.run}/appraisal`);
  } catch (e) {
    $('appraisal-content').hidden = true;
    note.textContent = e.status === 404
      ? `Run ${state.run} has no appraisal. Add an [appraisal] section with alternatives to the scenario (docs/appraisal.md) and run it again.`
      : `The appraisal could not be read: ${e.message}`;
    return;
  }
  $('appraisal-content').hidden = false;
  const rate = a.parameters?.discount_rate?.value;
  note.textContent = `Each configuration against the status quo over ${a.years} years` +
    (rate !== undefined ? ` at a ${f.fractionPercent(rate)} discount rate` : '') +
    `; best at the base parameters: ${a.best}. Ranges are over ${a.configurations[1]?.npv_uncertainty.draws ?? 0} draws of the parameters within their stated ranges; ` +
    'the engagement figure is a proxy from organisation size, not a measurement. Formulas, defaults and sources: docs/appraisal.md.' +
    (a.notes || []).map((n) => ` ${n.charAt(0).toUpperCase()}${n.slice(1)}${/[.!?]$/.test(n) ? '' : '.'}`).join('');
  focus(a);
  sideBySide(a);
  npvChart(a);
  tornado(a);
  organisations(a);
}

export function setupAppraisal() {
  $('tornado-select').addEventListener('change', () => actions.render());
  $('appraisal-config-select').addEventListener('change', () => actions.render());
}

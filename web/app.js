// pco dashboard: reads the read-only JSON API of `pco serve` (docs/api.md). Five views share
// one selection (run, level, organisation), kept in the address so a view can be linked to:
// organisations (map, answer, table), appraisal, simulation, providers, and run comparison. No framework,
// no build step: ES modules served from the program itself.

import { state, api, readAddress, writeAddress, mapSelection, remember, searchOrganisations, actions } from './state.js';
import { renderOrganisations, setupOrganisations } from './organisations_view.js';
import { renderAppraisal, setupAppraisal } from './appraisal_view.js';
import { renderSimulation, setupSimulation } from './simulation_view.js';
import { renderCompare, setupCompare } from './compare_view.js';
import { renderProviders } from './providers_view.js';

const $ = (id) => document.getElementById(id);
const VIEWS = {
  organisations: renderOrganisations,
  appraisal: renderAppraisal,
  simulation: renderSimulation,
  providers: renderProviders,
  compare: renderCompare,
};
let renderToken = 0;

function showError(message) {
  const status = $('status');
  status.hidden = !message;
  status.textContent = message || '';
}

async function render() {
  const token = ++renderToken;
  writeAddress();
  $('level-select').value = state.level;
  for (const b of document.querySelectorAll('[role="tab"]')) {
    const on = b.dataset.view === state.view;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.tabIndex = on ? 0 : -1;
    $(`view-${b.dataset.view}`).hidden = !on;
  }
  const panel = $(`view-${state.view}`);
  panel.dataset.state = 'loading';
  try {
    await VIEWS[state.view]();
    showError(null);
  } catch (e) {
    console.error(e);
    showError(`Could not show this view: ${e.message}`);
  }
  if (token === renderToken) panel.dataset.state = 'ready';
}

async function loadLevel(level, code) {
  const previous = state.level, previousCode = state.selected;
  const q = `?level=${encodeURIComponent(level)}`;
  const [practices, allocations, risk] = await Promise.all([
    api(`/api/runs/${state.run}/practices${q}`), api(`/api/runs/${state.run}/allocations${q}`),
    api(`/api/runs/${state.run}/risk${q}`)]);
  state.level = level;
  state.practices = practices.practices;
  state.allocations = new Map(allocations.allocations.map((a) => [a.code, a]));
  state.risk = new Map(risk.risk.map((r) => [r.code, r]));
  state.riskInfo = { model_source: risk.model_source, budget_source: risk.budget_source, sources: risk.sources };
  const orgs = state.orgsByLevel.get(level) || [];
  const has = (c) => c && orgs.some((o) => o.code === c);
  // The selection follows the organisation across levels: its ancestor going up, the child
  // chosen before (or the largest) going down.
  let chosen = has(code) ? code : null;
  if (!chosen && previous && previousCode) chosen = mapSelection(previous, previousCode, level);
  if (!has(chosen)) chosen = has(state.picked.get(level)) ? state.picked.get(level) : orgs[0]?.code ?? null;
  state.selected = chosen;
  if (chosen) remember(level, chosen);
}

async function loadRun(runId, { level, org } = {}) {
  state.run = String(runId);
  state.runInfo = await api(`/api/runs/${state.run}`);
  state.levels = state.runInfo.levels;
  const lists = await Promise.all(state.levels.map((l) => api(`/api/runs/${state.run}/organisations?level=${encodeURIComponent(l)}`)));
  state.orgsByLevel = new Map(state.levels.map((l, i) => [l, lists[i].organisations]));
  // Outlines from the scenario's [report] boundaries, drawn under the map (often none).
  state.boundaries = (await api(`/api/runs/${state.run}/boundaries`)).boundaries;
  state.orgIndex = new Map();
  for (const [l, orgs] of state.orgsByLevel) for (const o of orgs) state.orgIndex.set(`${l}/${o.code}`, o);
  const select = $('level-select');
  select.replaceChildren(...state.levels.map((l) => new Option(l, l)));
  const keep = state.level && state.levels.includes(state.level) ? state.level : null;
  const target = level && state.levels.includes(level) ? level : keep || state.runInfo.lead_level;
  // Moving to another run keeps the organisation when it exists there.
  // A first view opens on the organisation the run's report answers first, if it has one.
  await loadLevel(target, org || state.selected || state.runInfo.focus || null);
  $('run-select').value = state.run;
  $('run-note').textContent = `Run ${state.run}: ${state.runInfo.scenario_name}, finished ${state.runInfo.finished_at}, ` +
    `${state.runInfo.practices.toLocaleString('en-GB')} practices, lead level ${state.runInfo.lead_level}.`;
}

async function choose(level, code) {
  if (level !== state.level) {
    await loadLevel(level, code);
    await render();
  } else {
    state.selected = code;
    remember(level, code);
    await render();
  }
}
actions.choose = choose;
actions.render = () => render();

// The search box: organisations at every level by code or name; Enter takes the first.
function setupSearch() {
  const input = $('search'), list = $('search-results');
  let active = -1, results = [];
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; };
  const pick = async (i) => {
    const r = results[i];
    if (!r) return;
    input.value = '';
    close();
    await choose(r.level, r.o.code);
  };
  const draw = () => {
    list.replaceChildren();
    results.forEach((r, i) => {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.id = `search-option-${i}`;
      li.dataset.code = r.o.code;
      li.dataset.level = r.level;
      li.setAttribute('aria-selected', i === active ? 'true' : 'false');
      li.textContent = `${r.o.code} ${r.o.name || ''}`;
      const small = document.createElement('span');
      small.className = 'level';
      small.textContent = r.level;
      li.appendChild(small);
      li.addEventListener('mousedown', (e) => { e.preventDefault(); pick(i); });
      list.appendChild(li);
    });
    if (!results.length && input.value.trim()) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = 'No organisation has that code or name';
      list.appendChild(li);
    }
    list.hidden = !input.value.trim();
    input.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-option-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  input.addEventListener('input', () => { results = searchOrganisations(input.value); active = -1; draw(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && results.length) { active = (active + 1) % results.length; draw(); e.preventDefault(); }
    else if (e.key === 'ArrowUp' && results.length) { active = (active - 1 + results.length) % results.length; draw(); e.preventDefault(); }
    else if (e.key === 'Enter') { e.preventDefault(); pick(active >= 0 ? active : 0); }
    else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', close);
}

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  for (const b of tabs) {
    b.addEventListener('click', () => { state.view = b.dataset.view; render(); });
    b.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(b);
      const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : null;
      if (next) { next.focus(); next.click(); }
    });
  }
}

async function start() {
  const { runs } = await api('/api/runs');
  state.runs = runs;
  if (!runs.length) {
    showError('This results store holds no finished run yet.');
    document.body.dataset.ready = 'true';
    return;
  }
  $('run-select').replaceChildren(...runs.map((r) => new Option(`${r.run_id}: ${r.scenario_name} (${r.started_at})`, r.run_id)));
  const address = readAddress();
  if (VIEWS[address.view]) state.view = address.view;
  if (address.with) state.compareWith = address.with;
  const run = runs.some((r) => String(r.run_id) === address.run) ? address.run : runs[runs.length - 1].run_id;
  setupTabs();
  setupSearch();
  setupOrganisations();
  setupAppraisal();
  setupSimulation();
  setupCompare();
  $('run-select').addEventListener('change', async (e) => { await loadRun(e.target.value); await render(); });
  $('level-select').addEventListener('change', async (e) => { await loadLevel(e.target.value); await render(); });
  let width = window.innerWidth, timer = null;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { if (window.innerWidth !== width) { width = window.innerWidth; render(); } }, 150);
  });
  await loadRun(run, { level: address.level, org: address.org });
  await render();
  document.body.dataset.ready = 'true';
}

start().catch((e) => { document.body.dataset.error = e.message; showError(`The dashboard could not start: ${e.message}`); console.error(e); });

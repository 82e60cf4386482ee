// The dashboard's state, its API access, the address (#view=…&run=…&level=…&org=…&with=…)
// and how a selection carries from one level to another.

export const state = {
  runs: [],
  run: null,            // run id
  runInfo: null,        // GET /api/runs/{id}
  levels: [],           // bottom-up
  level: null,
  orgsByLevel: new Map(),  // level → [organisation]
  orgIndex: new Map(),     // "level/code" → organisation
  practices: [],
  allocations: new Map(),  // code → allocation at the current level
  risk: new Map(),         // code → risk at the current level
  riskInfo: null,          // { model_source, budget_source, sources }
  boundaries: [],          // [{ code, name, rings: [[[lon, lat], …], …] }]
  selected: null,          // code at the current level
  picked: new Map(),       // level → the code last chosen there
  view: 'organisations',
  compareWith: null,
  cache: new Map(),        // API path → promise of its JSON
};

// GET and parse; a non-2xx answer throws its message (with .status).
export function api(path) {
  if (!state.cache.has(path)) {
    state.cache.set(path, (async () => {
      const response = await fetch(path);
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        const error = new Error(body.error || response.statusText);
        error.status = response.status;
        throw error;
      }
      return body;
    })());
    // A failed request is asked again next time rather than remembered.
    state.cache.get(path).catch(() => state.cache.delete(path));
  }
  return state.cache.get(path);
}

export function readAddress() {
  const out = {};
  for (const part of window.location.hash.replace(/^#/, '').split('&')) {
    const [k, v] = part.split('=');
    if (k) out[decodeURIComponent(k)] = decodeURIComponent(v || '');
  }
  return out;
}

export function writeAddress() {
  const parts = { view: state.view, run: state.run, level: state.level, org: state.selected, with: state.compareWith };
  const hash = Object.entries(parts).filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  history.replaceState(null, '', `#${hash}`);
}

export const organisation = (level, code) => state.orgIndex.get(`${level}/${code}`) || null;
const levelIndex = (level) => state.levels.indexOf(level);

// The organisation at `to` that corresponds to `code` at `from`: its ancestor when going up
// (organisations nest, each naming its parent); going down, at each level the child chosen
// there before if there is one, else the child with the most patients.
export function mapSelection(from, code, to) {
  if (!code || from === to) return code;
  const a = levelIndex(from), b = levelIndex(to);
  if (a < 0 || b < 0) return null;
  let current = code;
  if (b > a) {
    for (let l = a; l < b; l++) {
      const o = organisation(state.levels[l], current);
      if (!o || !o.parent) return null;
      current = o.parent;
    }
    return current;
  }
  for (let l = a - 1; l >= b; l--) {
    const level = state.levels[l];
    const children = (state.orgsByLevel.get(level) || []).filter((o) => o.parent === current);
    if (!children.length) return null;
    const remembered = state.picked.get(level);
    const chosen = children.find((o) => o.code === remembered) ||
      children.reduce((best, o) => (o.population > best.population ? o : best));
    current = chosen.code;
  }
  return current;
}

// Remembers a choice at `level` and the ancestors it implies, so coming back down returns to it.
export function remember(level, code) {
  let current = code;
  for (let l = levelIndex(level); l >= 0 && l < state.levels.length && current; l++) {
    state.picked.set(state.levels[l], current);
    const o = organisation(state.levels[l], current);
    current = o ? o.parent : null;
  }
}

// Organisations at any level whose code or name contains the text, the current level first.
export function searchOrganisations(text, limit = 12) {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const out = [];
  for (const level of state.levels) {
    for (const o of state.orgsByLevel.get(level) || []) {
      const code = o.code.toLowerCase(), name = (o.name || '').toLowerCase();
      if (!code.includes(q) && !name.includes(q)) continue;
      const rank = (code === q ? 0 : code.startsWith(q) ? 1 : name.startsWith(q) ? 2 : 3) + (level === state.level ? 0 : 4);
      out.push({ rank, level, o });
    }
  }
  out.sort((x, y) => x.rank - y.rank || levelIndex(x.level) - levelIndex(y.level) || x.o.code.localeCompare(y.o.code));
  return out.slice(0, limit);
}

// Hooks the app sets so that views can change the selection without importing the app.
export const actions = {
  choose: async () => {},  // (level, code)
  render: () => {},
};

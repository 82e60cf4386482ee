-- The results store (results.db): every table, created by each run that opens the store
-- (src/store/results_store.cpp runs this whole file; compiled in by cmake/embed_text.cmake).
-- Columns and meanings: docs/results-schema.md.
--
-- Versioning: meta.schema_version is kResultsSchemaVersion (src/store/results_store.hpp).
-- A change an older pco could not read (a renamed or retyped column, a new NOT NULL column in
-- an existing table) raises the version. A new table is only added here, with IF NOT EXISTS:
-- an older store gains it on its next run and reads as "no such results" for older runs. A
-- store of an older version is migrated in results_store.cpp (kMigrateV1: version 1 to 2).
-- Every table of per-run rows needs a run_id column; that is all the clean-up of a killed run
-- needs to find it (ResultsStore::discard_unfinished_runs).

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  run_id INTEGER PRIMARY KEY,
  pco_version TEXT NOT NULL,
  scenario_name TEXT NOT NULL,
  scenario_text TEXT NOT NULL,
  scenario_hash TEXT NOT NULL,
  seed INTEGER NOT NULL,
  lead_level TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
-- The organisation a run's report answers first (`pco run --focus`, else the scenario's
-- [report] focus), when it has one: `pco report` and the dashboard open on it. A table of its
-- own (not a column of runs), so that stores of this version written before it read the same.
CREATE TABLE IF NOT EXISTS run_focus (
  run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
  code TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS levels (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level_index INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (run_id, level_index)
);
CREATE TABLE IF NOT EXISTS practices (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  list_size INTEGER NOT NULL,
  pct_65_plus REAL NOT NULL,
  lat REAL,
  lon REAL,
  location_approximate INTEGER NOT NULL,
  imputed_structure INTEGER NOT NULL,
  PRIMARY KEY (run_id, code)
);
CREATE TABLE IF NOT EXISTS memberships (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  practice TEXT NOT NULL,
  level TEXT NOT NULL,
  organisation TEXT NOT NULL,
  PRIMARY KEY (run_id, practice, level)
);
CREATE TABLE IF NOT EXISTS organisations (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_code TEXT NOT NULL,
  practices INTEGER NOT NULL,
  population INTEGER NOT NULL,
  pct_65_plus REAL NOT NULL,
  pct_85_plus REAL NOT NULL,
  min_list INTEGER NOT NULL,
  max_list INTEGER NOT NULL,
  PRIMARY KEY (run_id, level, code)
);
CREATE TABLE IF NOT EXISTS allocations (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  population INTEGER NOT NULL,
  weighted_population REAL NOT NULL,
  need_index REAL NOT NULL,
  target_pence INTEGER NOT NULL,
  allocation_pence INTEGER NOT NULL,
  pooled_pence INTEGER NOT NULL,
  distance_from_target_pct REAL NOT NULL,
  PRIMARY KEY (run_id, level, code)
);
CREATE TABLE IF NOT EXISTS allocation_components (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  component TEXT NOT NULL,
  ring_fenced INTEGER NOT NULL,
  target_pence INTEGER NOT NULL,
  allocation_pence INTEGER NOT NULL,
  PRIMARY KEY (run_id, level, code, component)
);
CREATE TABLE IF NOT EXISTS practice_budgets (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  practice TEXT NOT NULL,
  weighted_population REAL NOT NULL,
  indicative_budget_pence INTEGER NOT NULL,
  PRIMARY KEY (run_id, level, practice)
);
CREATE TABLE IF NOT EXISTS boundaries (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  rings_json TEXT NOT NULL,
  PRIMARY KEY (run_id, code)
);
CREATE TABLE IF NOT EXISTS report_tables (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  ordinal INTEGER NOT NULL,
  section TEXT NOT NULL,
  title TEXT NOT NULL,
  table_json TEXT NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);
CREATE TABLE IF NOT EXISTS risk_measures (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  population INTEGER NOT NULL,
  services TEXT NOT NULL,
  expected_cost REAL NOT NULL,
  budget_pence INTEGER NOT NULL,
  mean REAL NOT NULL,
  sd REAL NOT NULL,
  cv REAL NOT NULL,
  p_overspend REAL NOT NULL,
  p_overspend_5pct REAL NOT NULL,
  p_overspend_10pct REAL NOT NULL,
  var95 REAL NOT NULL,
  var99 REAL NOT NULL,
  tvar95 REAL NOT NULL,
  tvar99 REAL NOT NULL,
  reserve95 REAL NOT NULL,
  reserve99 REAL NOT NULL,
  variance_error_bound REAL NOT NULL,
  grid_tail_mass REAL NOT NULL,
  sd_chance REAL NOT NULL,
  sd_formula REAL NOT NULL,
  sd_shock REAL NOT NULL,
  exact_sd REAL NOT NULL,
  variance_deficit REAL NOT NULL,
  PRIMARY KEY (run_id, level, code)
);
CREATE TABLE IF NOT EXISTS distributions (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  point INTEGER NOT NULL,
  cost REAL NOT NULL,
  cdf REAL NOT NULL,
  PRIMARY KEY (run_id, level, code, point)
);
CREATE TABLE IF NOT EXISTS size_curve (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  population REAL NOT NULL,
  expected_cost REAL NOT NULL,
  cv REAL NOT NULL,
  p_overspend_5pct REAL NOT NULL,
  p_overspend_10pct REAL NOT NULL,
  reserve99_pct REAL NOT NULL,
  rare_costly_cv REAL NOT NULL,
  cv_chance REAL NOT NULL,
  cv_formula REAL NOT NULL,
  cv_shock REAL NOT NULL,
  PRIMARY KEY (run_id, population)
);
CREATE TABLE IF NOT EXISTS risk_settings (
  run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
  model_source TEXT NOT NULL,
  budget_source TEXT NOT NULL,
  sources TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS report_sections (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  ordinal INTEGER NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  html TEXT NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);

-- Added after version 1 (older stores gain them on their next run).

-- The appraisal: the whole `pco appraise --format json` document (store/appraisal_tables.hpp).
CREATE TABLE IF NOT EXISTS appraisal (
  run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
  years INTEGER NOT NULL,
  best TEXT NOT NULL,
  results_json TEXT NOT NULL
);

-- The multi-year simulation (store/simulation_tables.hpp): one row per estimate, so a new
-- estimate needs no new column.
CREATE TABLE IF NOT EXISTS simulation_settings (
  run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
  level TEXT NOT NULL,
  replications INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  years INTEGER NOT NULL,
  budget_growth REAL NOT NULL,
  demand_growth REAL NOT NULL,
  overspend_repay_cap REAL NOT NULL,
  underspend_keep_cap REAL NOT NULL,
  shock_cv REAL NOT NULL,
  regional_shock_cv REAL NOT NULL,
  region_level TEXT NOT NULL,
  arrangement TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS simulation_holders (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  ordinal INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  population INTEGER NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);
CREATE TABLE IF NOT EXISTS simulation_years (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  code TEXT NOT NULL,
  year INTEGER NOT NULL,
  budget REAL NOT NULL,
  PRIMARY KEY (run_id, code, year)
);
CREATE TABLE IF NOT EXISTS simulation_estimates (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  code TEXT NOT NULL,
  year INTEGER NOT NULL,
  estimate TEXT NOT NULL,
  value REAL NOT NULL,
  se REAL NOT NULL,
  PRIMARY KEY (run_id, code, year, estimate)
);

-- The budget basis of a run's risk (store/risk_tables.hpp, issue 17): where the holders'
-- budgets came from and how they reconcile with the services' expected cost.
CREATE TABLE IF NOT EXISTS budget_basis (
  run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
  from_allocation INTEGER NOT NULL,
  allocation_pence INTEGER NOT NULL,
  quantum_pence INTEGER NOT NULL,
  margin REAL NOT NULL,
  expected_cost REAL NOT NULL,
  gap REAL NOT NULL,
  gap_pct REAL NOT NULL,
  components TEXT NOT NULL,
  services_json TEXT NOT NULL,
  explanation TEXT NOT NULL,
  warning TEXT
);

-- Providers, contracts and the money between commissioners and providers (issue 20;
-- store/commissioning_tables.hpp): one row per provider, contract, commissioner, money flow and
-- pathway shift of a run that commissions care (docs/results-schema.md, "Commissioning").
CREATE TABLE IF NOT EXISTS contract_settings (
  run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
  level TEXT NOT NULL,
  budget_source TEXT NOT NULL,
  notes_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS providers (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  nhs INTEGER NOT NULL,
  lat REAL,
  lon REAL,
  cost_ratio REAL NOT NULL,
  contracts INTEGER NOT NULL,
  expected_income REAL NOT NULL,
  sd_income REAL NOT NULL,
  tariff_income REAL NOT NULL,
  expected_cost REAL NOT NULL,
  expected_margin REAL NOT NULL,
  sd_margin REAL NOT NULL,
  margin_q05 REAL NOT NULL,
  p_loss REAL NOT NULL,
  PRIMARY KEY (run_id, code)
);
CREATE TABLE IF NOT EXISTS contracts (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  rule TEXT NOT NULL,
  commissioner TEXT NOT NULL,
  commissioner_level TEXT NOT NULL,
  provider TEXT NOT NULL,
  services TEXT NOT NULL,
  payment TEXT NOT NULL,
  variable_rate REAL NOT NULL,
  fixed REAL NOT NULL,
  cap REAL,
  floor REAL,
  expected_activity REAL NOT NULL,
  sd_activity REAL NOT NULL,
  expected_payment REAL NOT NULL,
  sd_payment REAL NOT NULL,
  expected_provider_cost REAL NOT NULL,
  sd_provider_cost REAL NOT NULL,
  expected_provider_margin REAL NOT NULL,
  sd_provider_margin REAL NOT NULL,
  p_provider_loss REAL NOT NULL,
  commissioner_variance_share REAL NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);
CREATE TABLE IF NOT EXISTS contract_commissioners (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  code TEXT NOT NULL,
  population INTEGER NOT NULL,
  contracts INTEGER NOT NULL,
  budget REAL NOT NULL,
  expected_at_tariff REAL NOT NULL,
  sd_at_tariff REAL NOT NULL,
  p_overspend_5pct_at_tariff REAL NOT NULL,
  reserve99_at_tariff REAL NOT NULL,
  expected_with_contracts REAL NOT NULL,
  sd_with_contracts REAL NOT NULL,
  p_overspend_5pct_with_contracts REAL NOT NULL,
  reserve99_with_contracts REAL NOT NULL,
  PRIMARY KEY (run_id, code)
);
CREATE TABLE IF NOT EXISTS money_flows (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  commissioner TEXT NOT NULL,
  provider TEXT NOT NULL,
  expected REAL NOT NULL,
  PRIMARY KEY (run_id, commissioner, provider)
);
CREATE TABLE IF NOT EXISTS pathway_shifts (
  run_id INTEGER NOT NULL REFERENCES runs(run_id),
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  commissioner TEXT NOT NULL,
  service TEXT NOT NULL,
  from_kind TEXT NOT NULL,
  to_kind TEXT NOT NULL,
  share REAL NOT NULL,
  events_moved REAL NOT NULL,
  money_moved REAL NOT NULL,
  cost_at_new_setting REAL NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);

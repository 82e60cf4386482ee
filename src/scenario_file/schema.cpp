#include "scenario_file/schema.hpp"

#include "allocation/formula_schema.hpp"
#include "appraisal/appraisal_schema.hpp"
#include "commissioning/commissioning_scenario.hpp"
#include "demand/demand_schema.hpp"
#include "governance/governance_schema.hpp"
#include "report/report_schema.hpp"
#include "sim/simulation_schema.hpp"

namespace pco {

namespace {

const std::vector<KeySpec> kPopulation = {
    {"files", TomlKind::string_array}, {"file", TomlKind::string},
    {"ods", TomlKind::string},         {"postcode_districts", TomlKind::string},
    {"locations", TomlKind::string},   {"weighted_populations", TomlKind::string},
};

const std::vector<KeySpec> kSynthetic = {
    {"seed", TomlKind::integer},
    {"practices", TomlKind::integer},
};

const std::vector<KeySpec> kMerge = {
    {"level", TomlKind::string, true}, {"codes", TomlKind::string_array, true},
    {"code", TomlKind::string, true},  {"name", TomlKind::string},
    {"effective", TomlKind::string},
};

const std::vector<KeySpec> kMove = {
    {"practice", TomlKind::string, true},
    {"level", TomlKind::string, true},
    {"to", TomlKind::string, true},
    {"effective", TomlKind::string},
};

const std::vector<KeySpec> kTransfer = {
    {"level", TomlKind::string, true}, {"from", TomlKind::string, true},
    {"to", TomlKind::string, true},    {"to_name", TomlKind::string},
    {"areas", TomlKind::string_array}, {"areas_file", TomlKind::string},
    {"effective", TomlKind::string},
};

const std::vector<KeySpec> kMapSeries = {
    {"from", TomlKind::string, true},
    {"file", TomlKind::string, true},
};

const std::vector<KeySpec> kFederation = {
    {"code", TomlKind::string, true},
    {"name", TomlKind::string},
    {"level", TomlKind::string, true},
    {"members", TomlKind::string_array, true},
    {"shared_functions", TomlKind::string_array},
    {"shared_risk_pool", TomlKind::boolean},
    {"effective", TomlKind::string},
};

const std::vector<KeySpec> kConfiguration = {
    {"source", TomlKind::string},
    {"map", TomlKind::string},
    {"levels", TomlKind::string_array},
    {"level", TomlKind::string},
    {"merge", TomlKind::table_array, false, &kMerge},
    {"move", TomlKind::table_array, false, &kMove},
    {"transfer", TomlKind::table_array, false, &kTransfer},
    {"as_of", TomlKind::string},
    {"map_series", TomlKind::table_array, false, &kMapSeries},
    {"federation", TomlKind::table_array, false, &kFederation},
};

const std::vector<KeySpec> kTop = {
    {"schema_version", TomlKind::integer, true},
    {"name", TomlKind::string},
    {"description", TomlKind::string},
    {"seed", TomlKind::integer},
    {"population", TomlKind::table, false, &kPopulation},
    {"synthetic", TomlKind::table, false, &kSynthetic},
    {"configuration", TomlKind::table, false, &kConfiguration},
    {"governance", TomlKind::table, false, &governance_schema()},
    {"report", TomlKind::table, false, &report_schema()},
    {"formula", TomlKind::table, false, &formula_schema()},
    {"pace", TomlKind::table, false, &pace_schema()},
    {"pool", TomlKind::table_array, false, &pool_schema()},
    {"service", TomlKind::table_array, false, &service_schema()},
    {"risk", TomlKind::table, false, &risk_schema()},
    {"arrangement", TomlKind::table_array, false, &arrangement_schema()},
    {"appraisal", TomlKind::table, false, &appraisal_schema()},
    {"simulation", TomlKind::table, false, &simulation_schema()},
    {"commissioning", TomlKind::table, false, &commissioning_schema()},
    {"provider", TomlKind::table_array, false, &provider_schema()},
    {"contract", TomlKind::table_array, false, &contract_schema()},
    {"pathway_shift", TomlKind::table_array, false, &pathway_shift_schema()},
};

}  // namespace

const std::vector<KeySpec>& scenario_schema() {
  return kTop;
}

}  // namespace pco

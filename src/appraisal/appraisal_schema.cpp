#include "appraisal/appraisal_schema.hpp"

#include "appraisal/parameters.hpp"
#include "commissioning/commissioning_scenario.hpp"

namespace pco {

namespace {

const std::vector<KeySpec> kMerge = {
    {"codes", TomlKind::string_array, true},
    {"code", TomlKind::string, true},
    {"name", TomlKind::string},
};

const std::vector<KeySpec> kMove = {
    {"practice", TomlKind::string, true},
    {"to", TomlKind::string, true},
};

const std::vector<KeySpec> kFederation = {
    {"code", TomlKind::string, true},          {"name", TomlKind::string},
    {"members", TomlKind::string_array, true}, {"shared_functions", TomlKind::string_array},
    {"shared_risk_pool", TomlKind::boolean},
};

const std::vector<KeySpec> kAlternative = {
    {"name", TomlKind::string, true},
    {"description", TomlKind::string},
    {"level", TomlKind::string},
    {"membership", TomlKind::string},
    {"as_of", TomlKind::string},
    {"merge", TomlKind::table_array, false, &kMerge},
    {"move", TomlKind::table_array, false, &kMove},
    {"federation", TomlKind::table_array, false, &kFederation},
    {"federate_within", TomlKind::string},
    {"shared_functions", TomlKind::string_array},
    {"shared_risk_pool", TomlKind::boolean},
    {"contract", TomlKind::table_array, false, &contract_schema()},
    {"pathway_shift", TomlKind::table_array, false, &pathway_shift_schema()},
    {"default_payment", TomlKind::string},
    {"level4", TomlKind::boolean},
    {"level4_cost_ratio", TomlKind::number},
    {"level4_transition_cost", TomlKind::number},
};

std::vector<KeySpec> build_ranges() {
  std::vector<KeySpec> specs;
  for (const auto name : appraisal_parameter_names())
    specs.push_back({name, TomlKind::number_array});
  return specs;
}

const std::vector<KeySpec>& ranges() {
  static const std::vector<KeySpec> specs = build_ranges();
  return specs;
}

std::vector<KeySpec> build_appraisal() {
  std::vector<KeySpec> specs = {
      {"status_quo", TomlKind::string},
      {"level", TomlKind::string},
      {"years", TomlKind::integer},
      {"draws", TomlKind::integer},
      {"range", TomlKind::table, false, &ranges()},
      {"alternative", TomlKind::table_array, false, &kAlternative},
  };
  for (const auto name : appraisal_parameter_names())
    specs.push_back({name, TomlKind::number});
  return specs;
}

}  // namespace

const std::vector<KeySpec>& appraisal_schema() {
  static const std::vector<KeySpec> specs = build_appraisal();
  return specs;
}

}  // namespace pco

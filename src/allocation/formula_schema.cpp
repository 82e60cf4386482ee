#include "allocation/formula_schema.hpp"

namespace pco {

namespace {

const std::vector<KeySpec> kComponent = {
    {"name", TomlKind::string, true},     {"share", TomlKind::number},
    {"quantum_pence", TomlKind::integer}, {"weights", TomlKind::string},
    {"weights_file", TomlKind::string},   {"need_file", TomlKind::string},
    {"mff_file", TomlKind::string},       {"ring_fenced", TomlKind::boolean},
    {"stream", TomlKind::string},         {"weighted_population", TomlKind::string},
    {"eaca_file", TomlKind::string},      {"eaca_share", TomlKind::number},
};

const std::vector<KeySpec> kStream = {
    {"name", TomlKind::string, true},
    {"quantum_pence", TomlKind::integer},
    {"per_head_pence", TomlKind::integer},
};

const std::vector<KeySpec> kFormula = {
    {"quantum_pence", TomlKind::integer},
    {"need_file", TomlKind::string},
    {"mff_file", TomlKind::string},
    {"structure", TomlKind::string},
    {"cost_adjustment", TomlKind::string},
    {"stream", TomlKind::table_array, false, &kStream},
    {"component", TomlKind::table_array, false, &kComponent},
};

const std::vector<KeySpec> kPace = {
    {"baseline_file", TomlKind::string, true},
    {"growth", TomlKind::number},
    {"growth_by_year", TomlKind::number_array},
    {"converge", TomlKind::boolean},
    {"stream", TomlKind::string},
    {"years", TomlKind::integer, true},
    {"floor", TomlKind::number},
    {"extra", TomlKind::number},
    {"cap", TomlKind::number},
    {"max_below_target", TomlKind::number},
};

const std::vector<KeySpec> kPartner = {
    {"name", TomlKind::string, true},
    {"contribution_pence", TomlKind::integer, true},
    {"share", TomlKind::number},
};

const std::vector<KeySpec> kPool = {
    {"name", TomlKind::string, true},
    {"partner", TomlKind::table_array, true, &kPartner},
};

}  // namespace

const std::vector<KeySpec>& formula_schema() {
  return kFormula;
}
const std::vector<KeySpec>& pace_schema() {
  return kPace;
}
const std::vector<KeySpec>& pool_schema() {
  return kPool;
}

}  // namespace pco

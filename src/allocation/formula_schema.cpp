#include "allocation/formula_schema.hpp"

namespace pco {

namespace {

const std::vector<KeySpec> kComponent = {
    {"name", TomlKind::string, true},     {"share", TomlKind::number},
    {"quantum_pence", TomlKind::integer}, {"weights", TomlKind::string},
    {"weights_file", TomlKind::string},   {"need_file", TomlKind::string},
    {"mff_file", TomlKind::string},       {"ring_fenced", TomlKind::boolean},
};

const std::vector<KeySpec> kFormula = {
    {"quantum_pence", TomlKind::integer},
    {"need_file", TomlKind::string},
    {"mff_file", TomlKind::string},
    {"component", TomlKind::table_array, false, &kComponent},
};

const std::vector<KeySpec> kPace = {
    {"baseline_file", TomlKind::string, true},
    {"growth", TomlKind::number, true},
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

#include "governance/governance_schema.hpp"

namespace pco {

namespace {

const std::vector<KeySpec> kMember = {
    {"name", TomlKind::string, true},  {"role", TomlKind::string, true},
    {"profession", TomlKind::string},  {"from", TomlKind::string},
    {"leads", TomlKind::string_array}, {"appointment", TomlKind::string},
};

const std::vector<KeySpec> kBoard = {
    {"organisation", TomlKind::string, true},
    {"autonomy_level", TomlKind::integer},
    {"member", TomlKind::table_array, false, &kMember},
};

const std::vector<KeySpec> kGovernance = {
    {"level", TomlKind::string},
    {"rules", TomlKind::string},
    {"default_autonomy", TomlKind::integer},
    {"members", TomlKind::string},
    {"autonomy", TomlKind::string},
    {"typology", TomlKind::string},
    {"survey", TomlKind::string},
    {"survey_scheme", TomlKind::string},
    {"indicators", TomlKind::string},
    {"indicator_values", TomlKind::string},
    {"board", TomlKind::table_array, false, &kBoard},
};

}  // namespace

const std::vector<KeySpec>& governance_schema() {
  return kGovernance;
}

}  // namespace pco

#include "demand/demand_schema.hpp"

namespace pco {

namespace {

const std::vector<KeySpec> kProvider = {
    {"name", TomlKind::string, true},
    {"share", TomlKind::number, true},
};
const std::vector<KeySpec> kService = {
    {"name", TomlKind::string, true},
    {"level", TomlKind::string},  // required, checked with a clearer message
    {"rates", TomlKind::number_array},
    {"rate_per_head", TomlKind::number},
    {"age_slope", TomlKind::number},
    {"age_curvature", TomlKind::number},
    {"infant", TomlKind::number},
    {"floor", TomlKind::number},
    {"female_ratio", TomlKind::number},
    {"need_scaled", TomlKind::boolean},
    {"phi", TomlKind::number},
    {"cost", TomlKind::string},
    {"tariff", TomlKind::string},
    {"provider", TomlKind::table_array, false, &kProvider},
};
const std::vector<KeySpec> kArrangement = {
    {"name", TomlKind::string, true},     {"type", TomlKind::string, true},
    {"level", TomlKind::string},          {"threshold", TomlKind::number},
    {"share", TomlKind::number},          {"band", TomlKind::number},
    {"services", TomlKind::string_array}, {"members", TomlKind::string_array},
};
const std::vector<KeySpec> kRisk = {
    {"margin", TomlKind::number},          {"default_services", TomlKind::boolean},
    {"sources", TomlKind::string_array},   {"formula_practice_sd", TomlKind::number},
    {"formula_area_sd", TomlKind::number}, {"shock_sd", TomlKind::number},
    {"effective_list", TomlKind::number},
};

}  // namespace

const std::vector<KeySpec>& service_schema() {
  return kService;
}
const std::vector<KeySpec>& arrangement_schema() {
  return kArrangement;
}
const std::vector<KeySpec>& risk_schema() {
  return kRisk;
}

}  // namespace pco

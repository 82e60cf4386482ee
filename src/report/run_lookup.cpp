#include "report/run_lookup.hpp"

namespace pco {

const StoredOrganisation* find_organisation(const StoredRun& run, std::size_t level,
                                            const std::string& code) {
  if (level >= run.organisations.size()) return nullptr;
  for (const auto& o : run.organisations[level])
    if (o.code == code) return &o;
  return nullptr;
}

const StoredAllocation* find_allocation(const StoredRun& run, std::size_t level,
                                        const std::string& code) {
  if (level >= run.allocations.size()) return nullptr;
  for (const auto& a : run.allocations[level])
    if (a.code == code) return &a;
  return nullptr;
}

const HolderRisk* find_holder(const StoredRun& run, const std::string& level,
                              const std::string& code) {
  for (const auto& h : run.risk.holders)
    if (h.level == level && h.code == code) return &h;
  return nullptr;
}

std::vector<const HolderYear*> simulated_years(const StoredRun& run, const std::string& level,
                                               const std::string& code) {
  std::vector<const HolderYear*> out;
  if (!run.simulation || run.simulation->level != level) return out;
  for (const auto& row : run.simulation->rows)
    if (row.code == code) out.push_back(&row);
  return out;
}

std::vector<AlternativeView> appraisal_views(const StoredRun& run, const std::string& code) {
  std::vector<AlternativeView> out;
  for (const auto& c : run.appraisal)
    for (const auto& v : c.views)
      if (v.code == code) out.push_back({&c, &v});
  return out;
}

std::string organisation_label(const StoredRun& run, std::size_t level, const std::string& code) {
  const auto* o = find_organisation(run, level, code);
  if (o == nullptr || o->name.empty() || o->name == code) return code;
  // A name that already starts with its code ("SO001 and SO002 merged") is not repeated.
  if (o->name.rfind(code + " ", 0) == 0) return o->name;
  return code + " " + o->name;
}

}  // namespace pco

#include "allocation/pools.hpp"

#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

std::vector<Pool> read_pools(const toml::table& document, const std::string& scenario_file,
                             DiagnosticList& problems) {
  std::vector<Pool> pools;
  const auto* list = document.get_as<toml::array>("pool");
  if (list == nullptr) return pools;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto* t = (*list)[i].as_table();
    if (t == nullptr) continue;
    Pool pool;
    if (const auto* n = t->get_as<std::string>("name")) pool.name = n->get();
    const auto* partners = t->get_as<toml::array>("partner");
    if (partners == nullptr) continue;  // the schema check reports it
    std::size_t with_share = 0;
    double share_sum = 0;
    for (std::size_t k = 0; k < partners->size(); ++k) {
      const auto* p = (*partners)[k].as_table();
      if (p == nullptr) continue;
      const auto key = [&](std::string_view name) {
        return fmt::format("pool[{}].partner[{}].{}", i, k, name);
      };
      PoolPartner partner;
      if (const auto* n = p->get_as<std::string>("name")) partner.name = n->get();
      if (const auto* c = p->get("contribution_pence"); c && c->is_integer()) {
        partner.contribution_pence = c->as_integer()->get();
        if (partner.contribution_pence < 0) {
          problems.add(toml_diagnostic(*c, scenario_file, key("contribution_pence"),
                                       toml_value_text(*c), "a whole number of pence, 0 or more"));
        }
      }
      if (const auto* s = p->get("share"); s && (s->is_integer() || s->is_floating_point())) {
        partner.share = s->value<double>().value_or(0.0);
        ++with_share;
        share_sum += partner.share;
        if (!(partner.share >= 0 && partner.share <= 1)) {
          problems.add(toml_diagnostic(*s, scenario_file, key("share"), toml_value_text(*s),
                                       "a share from 0 to 1"));
        }
      }
      pool.total_pence += partner.contribution_pence;
      pool.partners.push_back(std::move(partner));
    }
    if (with_share != 0 && with_share != pool.partners.size()) {
      problems.add(toml_diagnostic(*t, scenario_file, fmt::format("pool[{}].partner.share", i), "",
                                   "a share for every partner or for none"));
    } else if (with_share != 0 && std::abs(share_sum - 1.0) > 1e-9) {
      problems.add(toml_diagnostic(*t, scenario_file, fmt::format("pool[{}].partner.share", i),
                                   fmt::format("{:.10g}", share_sum), "shares summing to 1"));
    } else if (with_share == 0 && pool.total_pence > 0) {
      for (auto& p : pool.partners) {
        p.share = static_cast<double>(p.contribution_pence) / static_cast<double>(pool.total_pence);
      }
    }
    pools.push_back(std::move(pool));
  }
  return pools;
}

void apply_pools(std::vector<Pool>& pools, LevelAllocation& allocation,
                 const std::vector<bool>& ring_fenced) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < allocation.organisations.size(); ++i)
    index.emplace(allocation.organisations[i].code, i);
  for (auto& org : allocation.organisations)
    org.pooled_pence = 0;
  for (auto& pool : pools) {
    for (auto& partner : pool.partners) {
      const auto it = index.find(partner.name);
      if (it == index.end()) continue;  // an outside body, e.g. social services
      partner.organisation = static_cast<int>(it->second);
      allocation.organisations[it->second].pooled_pence += partner.contribution_pence;
    }
  }
  DiagnosticList problems;
  for (const auto& org : allocation.organisations) {
    std::int64_t transferable = 0;
    for (std::size_t c = 0; c < org.allocation_components.size(); ++c) {
      if (!ring_fenced[c]) transferable += org.allocation_components[c];
    }
    if (org.pooled_pence > transferable) {
      problems.add({"", 0, 0, "pool.partner.contribution_pence",
                    fmt::format("{} pools {} pence", org.code, org.pooled_pence),
                    fmt::format("at most its transferable (not ring-fenced) allocation, {} pence",
                                transferable)});
    }
  }
  problems.throw_if_any();
}

}  // namespace pco

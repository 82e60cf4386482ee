#pragma once
// Pooled budgets: money put together by several partners (organisations of the allocation
// level, social services, others) for a shared purpose, with each partner's share of the pool.

#include <cstdint>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "allocation/allocate.hpp"

namespace pco {

struct PoolPartner {
  std::string name;
  std::int64_t contribution_pence = 0;
  double share = 0;       // of the pool's spending and of any over- or underspend
  int organisation = -1;  // index in the level allocation, or -1 for an outside body
};

struct Pool {
  std::string name;
  std::vector<PoolPartner> partners;
  std::int64_t total_pence = 0;
};

// Reads [[pool]] sections. Shares default to each partner's part of the contributions; when
// given they must be given for every partner and sum to 1.
std::vector<Pool> read_pools(const toml::table& document, const std::string& scenario_file,
                             DiagnosticList& problems);

// Matches partners to organisations of the level (by code) and records their contributions
// as pooled money. Throws InputError when an organisation pools more than its transferable
// (not ring-fenced) allocation.
void apply_pools(std::vector<Pool>& pools, LevelAllocation& allocation,
                 const std::vector<bool>& ring_fenced);

}  // namespace pco

#pragma once
// One allocation run: the formula applied to an economy at a level, then pace of change and
// pooled budgets when the scenario asks for them.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "allocation/allocate.hpp"
#include "allocation/pace.hpp"
#include "allocation/pools.hpp"
#include "scenario/economy.hpp"

namespace pco {

struct AllocationRun {
  PracticeTargets targets;
  LevelAllocation level;
  std::optional<PaceRule> pace;
  std::vector<PaceYear> pace_years;
  std::vector<Pool> pools;
};

// `document` is the scenario's TOML (an empty table gives the default formula and no pace or
// pools); relative paths in it resolve against `base_dir`.
AllocationRun run_allocation(const toml::table& document, const std::string& scenario_file,
                             const std::filesystem::path& base_dir, const Economy& economy,
                             const std::string& level);

}  // namespace pco

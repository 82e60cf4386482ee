#pragma once
// One allocation run: the formula applied to an economy at a level, then pace of change and
// pooled budgets when the scenario asks for them.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "allocation/allocate.hpp"
#include "allocation/economy.hpp"
#include "allocation/need_basis.hpp"
#include "allocation/pace.hpp"
#include "allocation/pools.hpp"

namespace pco {

struct AllocationRun {
  PracticeTargets targets;
  LevelAllocation level;
  std::optional<PaceRule> pace;
  std::vector<PaceYear> pace_years;
  std::string pace_stream;  // the funding stream pace of change applies to; "" = all
  std::vector<Pool> pools;
  std::vector<std::string> notes;  // from reading the formula's files
  NeedBasis need;                  // what the need rests on (imputed ages are flagged)
  std::string structure;           // the formula's named structure, if any
  std::optional<ImpliedStructure> implied;
};

// `document` is the scenario's TOML (an empty table gives the default formula and no pace or
// pools); relative paths in it resolve against `base_dir`.
// `service_weights`: the cells of the `pco_services` weights curve (read_formula).
AllocationRun run_allocation(const toml::table& document, const std::string& scenario_file,
                             const std::filesystem::path& base_dir, const Economy& economy,
                             const std::string& level, const CellValues* service_weights = nullptr);

}  // namespace pco

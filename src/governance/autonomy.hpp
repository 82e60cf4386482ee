#pragma once
// Levels of autonomy of primary care groups (1999) and which body therefore holds each
// organisation's budget and bears its financial risk. Allocation and risk ask this module
// (budget_holder_for, risk_pools) rather than assuming every organisation holds its own budget.
//
//   level 1  advises the health authority (its parent), which keeps the budget and the risk
//   level 2  manages a devolved budget as a subcommittee of the parent, which stays
//            accountable and so bears the risk
//   level 3  free-standing body accountable for commissioning: holds budget and risk
//   level 4  trust: as level 3, and also provides primary and community services

#include <string>
#include <string_view>
#include <vector>

#include "model/configuration.hpp"

namespace pco {

struct AutonomyRecord {
  std::string organisation;
  int level = 0;  // 1-4
  std::string file;
  std::size_t line = 0;
};

struct BudgetHolding {
  std::string organisation;
  int autonomy = 0;
  bool assumed = false;  // no level recorded; the default was used
  std::string budget_holder;
  std::string budget_holder_level;
  std::string risk_bearer;
  std::string risk_bearer_level;
  bool provides_community_services = false;
};

// Organisations whose risk is borne by the same body share one pool.
struct RiskPool {
  std::string bearer;
  std::string bearer_level;
  std::vector<std::string> organisations;  // in configuration order
  std::vector<std::size_t> practices;      // population indices, ascending
};

std::string_view autonomy_label(int level);

class AutonomyMap {
 public:
  // Organisations of `level` without a record get `default_level` (flagged as assumed).
  // Throws InputError listing every record with an unknown organisation, a level outside 1-4,
  // a duplicate, or level 1 or 2 at the top of the tree (no parent to hold the budget).
  AutonomyMap(const Configuration& configuration, const std::string& level,
              const std::vector<AutonomyRecord>& records, int default_level);

  // Throws UsageError for an organisation not at this level.
  const BudgetHolding& budget_holder_for(std::string_view organisation) const;
  const std::vector<BudgetHolding>& holdings() const { return holdings_; }
  const std::string& level() const { return level_; }
  std::vector<RiskPool> risk_pools() const;

 private:
  const Configuration* configuration_;
  std::string level_;
  std::vector<BudgetHolding> holdings_;  // in configuration order
};

}  // namespace pco

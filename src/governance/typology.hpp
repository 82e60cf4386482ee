#pragma once
// The developmental typology of the total purchasing evaluation (Mays et al. 1998; Leese &
// Mahon, Table 2): six criteria recorded per organisation and year, classified into types 1-6
// by the rule in docs/governance.md, and tabulated as counts and percentages.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "governance/share.hpp"

namespace pco {

enum class Criterion {
  stayed_together,
  purchasing_directly,
  changing_provision,
  shifting_care,
  external_links,
  within_budget,
};
inline constexpr std::size_t kCriterionCount = 6;
std::string_view criterion_code(Criterion c);

struct TypologyRecord {
  std::string organisation;
  std::string year;
  std::array<bool, kCriterionCount> met{};
  std::optional<int> recorded_type;  // a published classification, to compare with the rule
  std::string file;
  std::size_t line = 0;

  bool has(Criterion c) const { return met[static_cast<std::size_t>(c)]; }
};

inline constexpr int kTypeCount = 6;
std::string_view type_label(int type);  // "Underperforming" ... "Fully integrated"

// The documented rule, evaluated from type 6 down:
//   6 all six criteria met
//   5 purchasing directly, changing provision and shifting the location of care
//   4 changing provision or shifting care (service change achieved, not type 5)
//   3 not purchasing directly but effective external links (co-purchasing through the HA)
//   2 stayed together and within budget (developing, no change yet)
//   1 otherwise (under-performing)
int classify(const TypologyRecord& record);

// Counts of each type among `records` of `year` (all years when empty), as in Table 2.
ShareTable typology_table(const std::vector<TypologyRecord>& records, const std::string& year);

// Columns: organisation, year, the six criteria (yes/no); within_budget may be left empty when
// budget and outturn are given (within budget when outturn <= budget); optional type (1-6).
// Throws InputError listing every problem.
std::vector<TypologyRecord> parse_typology(std::string_view text, const std::string& file);
std::vector<TypologyRecord> read_typology(const std::string& path);

// The type of `organisation` in `year`, or in its latest year when `year` is empty; nullopt
// when it has no record. For cross-tabulation.
std::optional<int> type_of(const std::vector<TypologyRecord>& records,
                           std::string_view organisation, const std::string& year);

}  // namespace pco

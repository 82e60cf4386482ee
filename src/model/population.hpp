#pragma once
// Registered populations: practices and their lists by sex and quinary age.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/age_sex.hpp"

namespace pco {

enum class PracticeStatus : std::uint8_t { unknown, active, closed, dormant, proposed };
std::string_view status_label(PracticeStatus status);

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct Practice {
  std::string code;
  std::string name;
  std::string postcode;
  CellCounts counts{};
  // True when the age-sex structure was spread from a coarser layout (9 bands or a total)
  // by the national reference profile rather than read cell by cell.
  bool imputed_structure = false;
  // True when the source gave no ages at all (a list total, or totals by sex): then any need that
  // age-sex weights give is the national profile's, not the practice's.
  bool ages_from_total = false;
  PracticeStatus status = PracticeStatus::unknown;
  std::optional<GeoPoint> location;
  bool location_is_approximate = false;  // from a postcode-district centroid
  std::string source;                    // "file:line" where the practice was first read

  std::int64_t list_size() const { return total(counts); }
};

// A practice that was read but left out of the population, and why.
struct ExcludedPractice {
  std::string code;
  std::string reason;
  std::string source;
};

class Population {
 public:
  // Adds a practice; returns false (and adds nothing) if its code is already present.
  bool add(Practice practice);
  const Practice* find(std::string_view code) const;
  Practice* find(std::string_view code);
  std::optional<std::size_t> index_of(std::string_view code) const;

  const std::vector<Practice>& practices() const { return practices_; }
  std::vector<Practice>& practices() { return practices_; }
  std::size_t size() const { return practices_.size(); }
  std::int64_t total_patients() const;
  CellCounts total_counts() const;

  // ISO date (YYYY-MM-DD) of the extract, when the source gives one.
  std::string extract_date;
  std::vector<ExcludedPractice> excluded;

 private:
  std::vector<Practice> practices_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace pco

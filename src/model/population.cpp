#include "model/population.hpp"

#include "core/checked.hpp"

namespace pco {

std::string_view status_label(PracticeStatus status) {
  switch (status) {
    case PracticeStatus::active:
      return "active";
    case PracticeStatus::closed:
      return "closed";
    case PracticeStatus::dormant:
      return "dormant";
    case PracticeStatus::proposed:
      return "proposed";
    case PracticeStatus::unknown:
      break;
  }
  return "unknown";
}

bool Population::add(Practice practice) {
  const auto [it, inserted] = index_.emplace(practice.code, practices_.size());
  if (!inserted) return false;
  practices_.push_back(std::move(practice));
  return true;
}

std::optional<std::size_t> Population::index_of(std::string_view code) const {
  const auto it = index_.find(std::string(code));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

const Practice* Population::find(std::string_view code) const {
  const auto i = index_of(code);
  return i ? &practices_[*i] : nullptr;
}

Practice* Population::find(std::string_view code) {
  const auto i = index_of(code);
  return i ? &practices_[*i] : nullptr;
}

std::int64_t Population::total_patients() const {
  std::int64_t sum = 0;
  for (const auto& p : practices_)
    sum = checked_add(sum, p.list_size(), "the total of every practice's list");
  return sum;
}

CellCounts Population::total_counts() const {
  CellCounts sum{};
  for (const auto& p : practices_) {
    for (int c = 0; c < kCells; ++c)
      sum[c] = checked_add(sum[c], p.counts[c], "the total of an age-sex cell");
  }
  return sum;
}

}  // namespace pco

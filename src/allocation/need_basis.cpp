#include "allocation/need_basis.hpp"

#include <fmt/format.h>

namespace pco {

std::string NeedBasis::warning() const {
  if (!rests_on_imputed_ages()) return {};
  return fmt::format(
      "need for {} of {} practices ({} patients) rests on ages imputed from list totals by the "
      "national profile: their need indices are close to 1 and cannot show real differences in "
      "need; give NHS England's weighted populations (--weighted-populations FILE) or a "
      "population file with ages",
      imputed_ages, practices, imputed_patients);
}

nlohmann::json NeedBasis::json() const {
  return {{"practices", practices},
          {"from_weighted_populations", from_weighted_file},
          {"real_ages", real_ages},
          {"imputed_ages", imputed_ages},
          {"imputed_patients", imputed_patients},
          {"need_rests_on_imputed_ages", rests_on_imputed_ages()}};
}

NeedBasis need_basis(const Population& population, const Configuration& configuration,
                     const WeightedNeed* weighted) {
  NeedBasis b;
  for (std::size_t p = 0; p < population.size(); ++p) {
    if (!configuration.is_mapped(p)) continue;
    const auto& practice = population.practices()[p];
    ++b.practices;
    b.patients += practice.list_size();
    if (weighted != nullptr && weighted->has(p)) {
      ++b.from_weighted_file;
    } else if (practice.ages_from_total) {
      ++b.imputed_ages;
      b.imputed_patients += practice.list_size();
    } else {
      ++b.real_ages;
    }
  }
  return b;
}

}  // namespace pco

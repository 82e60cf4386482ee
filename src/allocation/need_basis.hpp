#pragma once
// What the need behind an allocation rests on, so that every output depending on need can say
// when it rests on ages imputed from list totals (need indices ≈ 1 that hide real differences)
// rather than on real age-sex counts or NHS England's weighted populations.

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "allocation/weighted_need.hpp"
#include "model/configuration.hpp"
#include "model/population.hpp"

namespace pco {

struct NeedBasis {
  std::size_t practices = 0;           // mapped practices
  std::int64_t patients = 0;           // their registered patients
  std::size_t from_weighted_file = 0;  // need from NHS England's weighted populations
  std::size_t real_ages = 0;     // need from the practice's own age-sex counts (cells or bands)
  std::size_t imputed_ages = 0;  // need from ages imputed from totals (national profile)
  std::int64_t imputed_patients = 0;

  bool rests_on_imputed_ages() const { return imputed_ages > 0; }
  // One line for the user ("need for 6,655 of 6,655 practices rests on ages imputed ..."), or
  // "" when no practice's need rests on imputed ages.
  std::string warning() const;
  nlohmann::json json()
      const;  // {"practices", "from_weighted_populations", "real_ages",
              //  "imputed_ages", "imputed_patients", "need_rests_on_imputed_ages"}
};

// A practice's need rests on imputed ages when the source gave no ages for it (a list total or
// totals by sex, spread by the national profile) and it has no row of NHS England's weighted
// populations. Coarse age bands (the 9 bands of 2013/2015) count as real ages.
NeedBasis need_basis(const Population& population, const Configuration& configuration,
                     const WeightedNeed* weighted);

}  // namespace pco

#pragma once
// Governance inputs for the synthetic economy, so that `pco demo` shows boards, levels of
// autonomy, the developmental typology, performance indicators and a relationship survey
// (docs/governance.md) without any real data. Generated deterministically from the seed.

#include <filesystem>

#include "synth/synthetic_economy.hpp"

namespace pco {

// Writes boards.csv, autonomy.csv, typology.csv, survey.csv, indicators.csv and
// indicator_values.csv into `dir`, for the organisations and practices of `economy`.
void write_synthetic_governance(const SyntheticEconomy& economy, std::uint64_t seed,
                                const std::filesystem::path& dir);

// The [governance] section that reads those files.
std::string synthetic_governance_section();

}  // namespace pco

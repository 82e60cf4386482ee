#pragma once
// Views of the changes between two configurations (`pco population --changes FROM TO`).

#include <string>

#include <nlohmann/json.hpp>

#include "model/changes.hpp"

namespace pco {

// Counts and patients by kind, then the flows between organisations (largest first).
std::string changes_table_text(const ConfigurationChanges& changes, const std::string& from_date,
                               const std::string& to_date);
// One row per practice that moved, opened or closed.
std::string changes_csv(const ConfigurationChanges& changes);
nlohmann::json changes_json(const ConfigurationChanges& changes, const std::string& from_date,
                            const std::string& to_date);

}  // namespace pco

#pragma once
// The HTML report of one stored run: `pco run` writes it after committing the run, and
// `pco report` regenerates it from the store at any time (docs/report.md).

#include <string>

#include "store/stored_run.hpp"

namespace pco {

// `level` empty: the run's lead level. `focus` empty: the scenario's [report] focus, if any.
// Throws UsageError for a level the run does not have or a focus that is not an organisation
// of the level.
std::string render_run_report(const StoredRun& run, const std::string& level = "",
                              const std::string& focus = "");

}  // namespace pco

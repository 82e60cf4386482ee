#pragma once
// The HTML report of one stored run: `pco run` writes it after committing the run, and
// `pco report` regenerates it from the store at any time.

#include <string>

#include "store/stored_run.hpp"

namespace pco {

// `level` empty: the run's lead level. Throws UsageError for a level the run does not have.
std::string render_run_report(const StoredRun& run, const std::string& level = "");

}  // namespace pco

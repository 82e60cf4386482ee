#pragma once
// Everything the governance commands read: the [governance] section of a scenario and the
// files it names, or the same given by command-line flags.

#include <optional>
#include <string>
#include <vector>

#include "governance/autonomy.hpp"
#include "governance/board.hpp"
#include "scenario/scenario.hpp"

namespace pco {

struct GovernanceInputs {
  std::string level;  // level boards and autonomy apply to; empty: the default level
  std::string rules = "pcg1999";
  int default_autonomy = 3;
  std::vector<Board> boards;  // from [[governance.board]] and the members file
  std::vector<AutonomyRecord> autonomy;
  std::string members;  // files; empty when not given
  std::string autonomy_file;
  std::string typology;
  std::string survey;
  std::string survey_scheme;
  std::string indicators;
  std::string indicator_values;
};

// Reads the [governance] section (paths resolved against the scenario's folder) and the board
// and autonomy files it names. Throws InputError listing every problem.
GovernanceInputs governance_inputs(const Scenario& scenario);

// Reads `organisation,level` rows (level 1-4). Throws InputError listing every problem.
std::vector<AutonomyRecord> parse_autonomy(std::string_view text, const std::string& file);
std::vector<AutonomyRecord> read_autonomy(const std::string& path);

}  // namespace pco

// The commissioning sections of a scenario: every problem reported at once, with its line.
#include <gtest/gtest.h>

#include "commissioning/commissioning_run.hpp"
#include "demand/service_scenario.hpp"
#include "economy/load_economy.hpp"
#include "scenario_file/scenario_file.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

class CommissioningScenario : public test::ScratchDirTest {
 protected:
  std::vector<std::string> problems(const std::string& text) {
    const auto path = write("scenario.toml", text);
    return test::input_error_lines([&] {
      const auto scenario = load_scenario(path);
      const auto model = read_service_model(scenario);
      const auto economy = load_economy(scenario);
      run_commissioning(scenario, economy, model, std::nullopt);
    });
  }
};

TEST_F(CommissioningScenario, UnknownProviderSharesAndRateAllAtOnce) {
  write("flows.csv",
        "practice,service,provider,share\n"
        "S00001,elective,SA01,0.6\n"
        "S00001,elective,SA02,0.3\n"
        "S00002,elective,SA01,1\n");
  const auto lines = problems(R"(schema_version = 1
[synthetic]
seed = 7
practices = 150
[commissioning]
flows = "flows.csv"
[[contract]]
commissioner = "SO001"
provider = "NOPE"
payment = "activity"
[[contract]]
commissioner = "SO002"
provider_kind = "acute"
payment = "aligned"
variable_rate = 1.5
)");
  const std::string file = (dir_ / "scenario.toml").string();
  ASSERT_EQ(lines.size(), 3u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines[0], (dir_ / "flows.csv").string() +
                          ":2:4: share: got \"shares of practice S00001 for elective summing to "
                          "0.9\", expected the shares of each practice's activity of a service "
                          "summing to 1");
  EXPECT_EQ(lines[1], file +
                          ":7:1: contract.provider: got \"NOPE\", expected a provider defined "
                          "by the scenario (trusts, RTT extract, providers file, [[provider]] "
                          "or the synthetic economy's)");
  EXPECT_EQ(lines[2], file +
                          ":15:17: contract[1].variable_rate: got \"1.5\", expected a variable "
                          "rate v in [0, 1]");
}

TEST_F(CommissioningScenario, EveryKeyIsChecked) {
  const auto lines = problems(R"(schema_version = 1
[synthetic]
seed = 7
practices = 150
[commissioning]
default_payment = "pbr"
rtt_part = "waiting"
service_kind = { elective = "hospital", dentistry = "acute" }
[[provider]]
code = "NEW1"
[[contract]]
commissioner = "SO001"
provider = "SA01"
payment = "block"
variable_rate = 0.5
[[contract]]
commissioner = "SO001"
provider = "SA01"
payment = "year_of_care"
[[contract]]
commissioner = "SO001"
provider = "SA01"
payment = "aligned"
cap = 100
floor = 200
[[pathway_shift]]
service = "outpatient"
from = "acute"
to = "acute"
share = 2
)");
  const std::vector<std::string> wanted = {
      ":6:19: commissioning.default_payment: got \"pbr\", expected activity or nhsps2025",
      ":7:12: commissioning.rtt_part: got \"waiting\"",
      ":8:29: commissioning.service_kind.elective: got \"hospital\"",
      ":8:53: commissioning.service_kind: got \"dentistry\", expected a service of the model",
      ":9:1: provider.kind: got \"NEW1\", expected a kind for a provider not read from a file",
      ":15:17: contract[0].variable_rate: got \"0.5\", expected no variable_rate for a block "
      "contract",
      ":16:1: contract[1].prevalence: got \"\", expected the prevalence of the condition",
      ":16:1: contract[1].services: got \"\", expected the services of the condition's care",
      ":25:9: contract[2].floor: got \"200 above the cap 100\"",
      ":29:6: pathway_shift[0].to: got \"acute\", expected a kind other than `from`",
      ":30:9: pathway_shift[0].share: got \"2\", expected a share of activity in [0, 1]",
  };
  for (const auto& w : wanted) {
    bool found = false;
    for (const auto& l : lines)
      found = found || l.find(w) != std::string::npos;
    EXPECT_TRUE(found) << w << "\nin:\n" << ::testing::PrintToString(lines);
  }
}

TEST_F(CommissioningScenario, ActivityUnderTwoContractsIsAnError) {
  const auto lines = problems(R"(schema_version = 1
[synthetic]
seed = 7
practices = 150
[[contract]]
name = "first"
commissioner = "SO001"
provider_kind = "acute"
payment = "activity"
[[contract]]
name = "whole budget"
commissioner = "SO001"
provider = "SC01"
payment = "capitation"
)");
  ASSERT_EQ(lines.size(), 1u) << ::testing::PrintToString(lines);
  EXPECT_NE(lines[0].find(":10:1: contract: got \"whole budget (SO001 with SC01) and first (line "
                          "5) both pay for practice"),
            std::string::npos)
      << lines[0];
}

TEST_F(CommissioningScenario, ShiftsAboveTheBudgetHoldersAreRefused) {
  const auto lines = problems(R"(schema_version = 1
[synthetic]
seed = 7
practices = 150
[[pathway_shift]]
service = "outpatient"
from = "acute"
to = "community"
share = 0.1
level = "region"
)");
  ASSERT_EQ(lines.size(), 1u) << ::testing::PrintToString(lines);
  EXPECT_NE(lines[0].find(":5:1: pathway_shift.commissioner: got \"SR1\", expected an "
                          "organisation within one budget holder"),
            std::string::npos)
      << lines[0];
}

TEST_F(CommissioningScenario, ContractsAboveTheBudgetHoldersAreRefused) {
  const auto lines = problems(R"(schema_version = 1
[synthetic]
seed = 7
practices = 150
[[contract]]
level = "region"
provider_kind = "acute"
payment = "block"
)");
  ASSERT_EQ(lines.size(), 1u) << ::testing::PrintToString(lines);
  EXPECT_NE(lines[0].find("contract.commissioner: got \"SR1\", expected an organisation within "
                          "one budget holder at the commissioning level organisation"),
            std::string::npos)
      << lines[0];
}

}  // namespace
}  // namespace pco

namespace pco {
namespace {

TEST(CommissioningLevel, ALevelThatHoldsNoServiceIsExplained) {
  const auto scenario = parse_scenario(
      "schema_version = 1\n[synthetic]\nseed = 7\npractices = 40\n[commissioning]\nlevel = "
      "\"region\"\n",
      "s.toml", ".");
  const auto model = read_service_model(scenario);
  const auto economy = load_economy(scenario);
  try {
    run_commissioning(scenario, economy, model, std::nullopt);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()),
              "the commissioning level region holds no service (the services are held at: "
              "organisation); set [commissioning] level to one of those, or the services' level "
              "with [[service]]");
  }
}

}  // namespace
}  // namespace pco

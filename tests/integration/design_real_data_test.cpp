// `pco design` on England: January 2021 lists, the September 2020 map and postcode-district
// locations; networks into organisations of 250k-1.5m people, like the 42 STPs.
#include <fstream>

#include <gtest/gtest.h>

#include "demand/service.hpp"
#include "design/design.hpp"
#include "economy/load_economy.hpp"
#include "real_data.hpp"
#include "scenario_file/scenario_file.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

using DesignRealData = test::RealDataTest;

TEST_F(DesignRealData, NetworksIntoStpSizedOrganisations) {
  const auto data = test::shared_data_dir();
  const auto file = std::filesystem::temp_directory_path() /
                    ("pco_design_real_" + std::to_string(::getpid()) + ".toml");
  std::ofstream(file) << "schema_version = 1\n[population]\nfiles = [\""
                      << (data / "population" / "gp-reg-pat-prac-all_2021-01.csv").string()
                      << "\"]\npostcode_districts = \""
                      << (data / "geography" / "postcode-districts.csv").string()
                      << "\"\n[configuration]\nmap = \""
                      << (data / "organisation" / "gp-reg-pat-prac-map_2020-09.csv").string()
                      << "\"\nlevel = \"stp\"\n";
  const auto scenario = load_scenario(file);
  std::filesystem::remove(file);
  const auto economy = load_economy(scenario);
  DesignRequest req;
  req.atoms = "network";
  req.min_pop = 250000;
  req.max_pop = 1500000;
  req.current_level = "stp";
  req.search.restarts = 1;
  req.search.sweeps = 20;
  req.search.use_processes = false;
  const auto r = design(economy, default_service_model(), req, 0, AppraisalParameters{});
  EXPECT_GT(r.problem.atoms.atoms.size(), 1000u);
  EXPECT_TRUE(r.plan.contiguous);
  EXPECT_TRUE(r.plan.within_bounds);
  // 60.6m people at a midpoint of 875k: 69 organisations.
  EXPECT_EQ(r.outcome.parts, 69);
  EXPECT_LE(r.outcome.restarts[0].best_total, r.outcome.restarts[0].seed_total);
  // The 42 STPs give the same atoms a plan of 42 organisations to compare with.
  const auto [current, parts] = current_plan(r.problem);
  EXPECT_EQ(parts, 42);
}

}  // namespace
}  // namespace pco

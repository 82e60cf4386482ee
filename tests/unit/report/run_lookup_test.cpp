// How the report names an organisation: code then name, the code once.
#include <gtest/gtest.h>

#include "report/run_lookup.hpp"

namespace pco {
namespace {

TEST(OrganisationLabel, CodeThenNameWithTheCodeOnce) {
  StoredRun run;
  run.organisations.resize(1);
  auto add = [&](std::string code, std::string name) {
    StoredOrganisation o;
    o.code = std::move(code);
    o.name = std::move(name);
    run.organisations[0].push_back(o);
  };
  add("00R", "NHS Blackpool CCG");
  add("SO001", "SO001 and SO002 merged");
  add("X1", "X1");
  add("X2", "");
  EXPECT_EQ(organisation_label(run, 0, "00R"), "00R NHS Blackpool CCG");
  EXPECT_EQ(organisation_label(run, 0, "SO001"), "SO001 and SO002 merged");
  EXPECT_EQ(organisation_label(run, 0, "X1"), "X1");
  EXPECT_EQ(organisation_label(run, 0, "X2"), "X2");
  EXPECT_EQ(organisation_label(run, 0, "NOPE"), "NOPE");
  EXPECT_EQ(organisation_label(run, 3, "00R"), "00R");
}

}  // namespace
}  // namespace pco

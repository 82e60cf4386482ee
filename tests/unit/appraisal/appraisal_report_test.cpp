#include <gtest/gtest.h>

#include "report/appraisal_report.hpp"
#include "report/appraisal_sections.hpp"
#include "unit/appraisal/appraisal_fixture.hpp"

namespace pco {
namespace {

AppraisalResults results() {
  const auto economy = test::identical_organisations(3);
  const auto scenario = test::scenario_with(R"([appraisal]
draws = 10
[[appraisal.alternative]]
name = "merger"
level = "cluster"
)");
  return appraise(scenario, economy, test::one_service());
}

TEST(AppraisalReport, JsonHasTheIssuesShape) {
  const auto r = results();
  const auto j = appraisal_json(r);
  ASSERT_EQ(j["configurations"].size(), 2u);
  const auto& merger = j["configurations"][1];
  EXPECT_EQ(merger["name"], "merger");
  EXPECT_EQ(merger["organisations"].size(), 1u);
  EXPECT_EQ(merger["metrics"]["organisations"], 1);
  EXPECT_DOUBLE_EQ(merger["npv"].get<double>(), r.configurations[1].cashflow.npv);
  EXPECT_TRUE(merger.contains("break_even_year"));
  EXPECT_TRUE(merger["metrics"]["max_provider_share"].is_null());  // no providers named
  EXPECT_EQ(j["tornado"].size(), r.tornado.size());
  EXPECT_EQ(j["configurations"][0]["metrics"]["people_moved"], 0);
  // Each alternative carries every status-quo organisation's own view.
  ASSERT_EQ(merger["organisation_views"].size(),
            r.configurations[0].structure.organisations.size());
  EXPECT_TRUE(merger["organisation_views"][0].contains("npv_uncertainty"));
  EXPECT_TRUE(j.contains("budget_basis"));
}

TEST(AppraisalReport, SideBySideHasAColumnPerConfigurationAndSectionsRender) {
  const auto r = results();
  const auto t = appraisal_side_by_side(r);
  EXPECT_EQ(t.headers, (std::vector<std::string>{"metric", "status quo", "merger"}));
  for (const auto& row : t.rows)
    EXPECT_EQ(row.size(), 3u);
  EXPECT_EQ(appraisal_organisations(r, false).rows.size(), 4u);  // 3 + 1 organisations
  const auto sections = appraisal_sections(r);
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_NE(sections[0].html.find("<svg"), std::string::npos);
  EXPECT_NE(sections[1].html.find("Dip depth"), std::string::npos);  // parameters by label
}

}  // namespace
}  // namespace pco

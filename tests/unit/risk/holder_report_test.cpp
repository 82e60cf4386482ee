#include <gtest/gtest.h>

#include "demand/service.hpp"
#include "report/risk_report.hpp"
#include "report/risk_sections.hpp"

namespace pco {
namespace {

TEST(RiskSections, HoldersMostLikelyToOverspendComeFirstAndTheSizeCurveIsDrawn) {
  HolderRiskResults r;
  r.model_source = "test";
  r.budget_source = "expected cost";
  r.levels = {"ccg"};
  for (const auto& [code, p] :
       std::vector<std::pair<std::string, double>>{{"LOW", 0.001}, {"HIGH", 0.2}, {"MID", 0.05}}) {
    HolderRisk h;
    h.code = code;
    h.level = "ccg";
    h.measures.p_overspend_5pct = p;
    r.holders.push_back(h);
  }
  std::vector<SizePoint> curve(2);
  curve[0].population = 1000;
  curve[0].cv = 0.1;
  curve[1].population = 100000;
  curve[1].cv = 0.01;
  const auto sections = risk_sections(r, curve);
  ASSERT_EQ(sections.size(), 2u);
  const auto& html = sections[0].html;
  EXPECT_LT(html.find("HIGH"), html.find("MID"));
  EXPECT_LT(html.find("MID"), html.find("LOW"));
  EXPECT_NE(sections[1].html.find("<svg"), std::string::npos);
}

// What the figures assume heads the table: the sources with their parameters, the grid's
// precision, a warning where a holder's grid misses the 1e-9 target (here a severity grid capped
// far too short) and a warning when expected costs rest on imputed age structures.
TEST(RiskTable, StatesTheSourcesThePrecisionAndWhatRestsOnImputedAges) {
  const auto model = default_service_model();
  std::vector<CostComponent> components;
  for (const auto& s : model.services)
    components.push_back(
        {s.name, service_frequency(s, 500 * national_events_per_head(s)), s.severity});
  HolderRiskResults r;
  r.model_source = "test";
  r.budget_source = "expected cost";
  r.levels = {"network"};
  HolderRisk h;
  h.code = "N1";
  h.level = "network";
  h.population = 500;
  h.imputed_people = 500;
  GridSettings capped;
  capped.max_severity_knots = 1 << 8;
  set_total_cost(h, cost_distribution(components, capped), r.sources, 1.0, false);
  EXPECT_GT(h.grid_tail_mass, kGridTailTarget);
  h.budget = h.expected_cost;
  h.measures = risk_measures(h.distribution, h.budget);
  r.holders.push_back(h);
  const auto text = holder_risk_table_text(r);
  EXPECT_NE(text.find("sources of risk: chance"), std::string::npos) << text;
  EXPECT_NE(text.find("shared shock (sd 0.01)"), std::string::npos) << text;
  EXPECT_NE(text.find("grid precision: at most "), std::string::npos) << text;
  EXPECT_NE(text.find("warning: for 1 holders the grid holds less"), std::string::npos) << text;
  EXPECT_NE(text.find("warning: 100.0% of the people (500) have an age-sex structure imputed"),
            std::string::npos)
      << text;
  const auto json = holder_risk_json(r);
  EXPECT_EQ(json.at("precision").at("holders_above_target"), 1);
  EXPECT_EQ(json.at("holders")[0].at("imputed_people"), 500);
  const auto html = risk_sections(r, {}).at(0).html;
  EXPECT_NE(html.find("Warning:</strong> for 1 holders a severity grid reached its cap"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("Warning:</strong> 500 people (100.0%) have an age-sex structure imputed"),
            std::string::npos)
      << html;
}

}  // namespace
}  // namespace pco

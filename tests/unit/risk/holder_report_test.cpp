#include <gtest/gtest.h>

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

}  // namespace
}  // namespace pco

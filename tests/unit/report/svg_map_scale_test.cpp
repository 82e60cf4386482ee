// The map's diverging classes: a 1-2-5 step from the largest distance from the centre, never
// narrower than the caller's minimum, so a tenth of a per cent from target stays "at target".
#include <cmath>

#include <gtest/gtest.h>

#include "report/svg_map.hpp"

namespace pco {
namespace {

std::string pct(double v) {
  return std::to_string(static_cast<int>(v));
}

TEST(DivergingScale, StepIsTheNiceThirdOfTheLargestDistance) {
  // Largest distance 5.8 -> 5.8/3 = 1.93 -> step 2: breaks at centre ± 1, 3, 5.
  const auto s = diverging_scale("d", {-3.4, 0.0, 5.8}, 0.0, 1.0, pct);
  const std::vector<double> expected{-5, -3, -1, 1, 3, 5};
  ASSERT_EQ(s.breaks.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(s.breaks[i], expected[i], 1e-12);
  EXPECT_EQ(s.colour(0.0), s.colour(0.9));
  EXPECT_NE(s.colour(0.0), s.colour(1.1));
}

TEST(DivergingScale, NegligibleOrEqualValuesStayInTheNeutralClass) {
  // Every organisation within 0.05 points of target: the step is the minimum (1 point), not
  // 0.02, so all of them share the middle colour; all values equal still gives a finite scale.
  const auto s = diverging_scale("d", {-0.05, 0.01, 0.05}, 0.0, 1.0, pct);
  EXPECT_NEAR(s.breaks[2], -0.5, 1e-12);
  EXPECT_NEAR(s.breaks[3], 0.5, 1e-12);
  EXPECT_EQ(s.colour(-0.05), s.colour(0.05));
  const auto flat = diverging_scale("n", {1.0, 1.0}, 1.0, 0.02, pct);
  for (const double b : flat.breaks)
    EXPECT_TRUE(std::isfinite(b));
  EXPECT_NEAR(flat.breaks[3] - flat.breaks[2], 0.02, 1e-12);
}

}  // namespace
}  // namespace pco

// The formula against allocations worked by hand on a three-practice economy, and bad formula
// input reported all at once.

#include <gtest/gtest.h>

#include "allocation/allocate.hpp"
#include "allocation/formula.hpp"
#include "allocation/weights.hpp"
#include "core/text.hpp"
#include "test_support.hpp"
#include "unit/allocation/allocation_fixture.hpp"

namespace pco {
namespace {

const std::filesystem::path kDir = test::test_data("allocation");

Formula formula_from(const std::string& toml_text, const test::SmallEconomy& e) {
  const auto doc = toml::parse(std::string_view(toml_text), std::string_view("s.toml"));
  return read_formula(doc, "s.toml", kDir, e.population, e.configuration);
}

const char* const kTwoComponents = R"(
[formula]
quantum_pence = 1000000
[[formula.component]]
name = "flat"
share = 0.5
weights = "flat"
[[formula.component]]
name = "prescribing"
share = 0.5
weights = "astro_pu_2013"
ring_fenced = true
)";

TEST(Formula, TwoComponentsMatchTheHandWorkedSplit) {
  const auto e = test::small_economy();
  const auto t =
      compute_practice_targets(formula_from(kTwoComponents, e), e.population, e.configuration);
  // Flat: 500,000 pence over lists 100, 100, 200 -> exactly 125,000, 125,000, 250,000.
  EXPECT_EQ(t.pence[0], (std::vector<std::int64_t>{125'000, 125'000, 250'000}));
  // ASTRO-PU: weighted lists 100 x 1, 100 x 9.889353 (female 75+), 200 x 1.254328 (male
  // 25-34) = 100, 988.935, 250.866; exact shares of 500,000 are 37,318.978, 369,060.551,
  // 93,620.471; floors leave 2 pence for the remainders .978 and .551.
  EXPECT_EQ(t.pence[1], (std::vector<std::int64_t>{37'319, 369'061, 93'620}));
  EXPECT_EQ(t.quantum, 1'000'000);
  EXPECT_EQ(t.population, 400);
  const auto org = allocate_level(t, e.population, e.configuration, "organisation");
  ASSERT_EQ(org.organisations.size(), 2u);
  EXPECT_EQ(org.organisations[0].target_pence, 125'000 + 125'000 + 37'319 + 369'061);
  EXPECT_EQ(org.organisations[1].target_pence, 250'000 + 93'620);
  // Weighted population: the population at the national target per head (400 people for
  // £10,000) from the unrounded target, so O2's is (250,000 + 93,620.47082715) / 1,000,000
  // x 400 = 137.44818833086.
  EXPECT_NEAR(static_cast<double>(org.organisations[1].weighted_population), 137.44818833086, 1e-9);
  EXPECT_NEAR(org.organisations[1].need_index(), 137.44818833086 / 200, 1e-12);
  const auto region = allocate_level(t, e.population, e.configuration, "region");
  EXPECT_EQ(region.organisations[0].target_pence, 1'000'000);
}

TEST(Formula, NeedAndMarketForcesByPracticeAndByOrganisation) {
  const auto e = test::small_economy();
  const auto f = formula_from(
      std::string(kTwoComponents) + "need_file = \"need.csv\"\nmff_file = \"mff.csv\"\n", e);
  // The component-level files (on prescribing only): P3 need 2; O1's MFF 1.1 for P1 and P2.
  EXPECT_EQ(f.components[1].need, (std::vector<double>{1, 1, 2}));
  EXPECT_EQ(f.components[1].mff, (std::vector<double>{1.1, 1.1, 1}));
  EXPECT_EQ(f.components[0].need, (std::vector<double>{1, 1, 1}));
  const auto t = compute_practice_targets(f, e.population, e.configuration);
  // Weighted: 110, 1087.829, 501.731; exact shares 32,361.317, 320,032.491, 147,606.192;
  // the 1 penny left goes to remainder .491.
  EXPECT_EQ(t.pence[1], (std::vector<std::int64_t>{32'361, 320'033, 147'606}));
}

TEST(Formula, ComponentQuantaFromSharesReconcileAndOwnQuantaAreKept) {
  Formula f;
  f.quantum_pence = 100;
  for (const auto share : {1.0 / 3, 1.0 / 3, 1.0 / 3}) {
    FormulaComponent c;
    c.share = share;
    f.components.push_back(c);
  }
  FormulaComponent own;
  own.quantum_pence = 77;
  f.components.push_back(own);
  EXPECT_EQ(component_quanta(f), (std::vector<std::int64_t>{34, 33, 33, 77}));
}

TEST(Formula, BadFormulaInputIsReportedAllAtOnce) {
  const auto e = test::small_economy();
  const auto lines = test::input_error_lines([&] {
    formula_from(R"([formula]
quantum_pence = 1000
[[formula.component]]
name = "a"
share = 0.6
weights_file = "weights_bad.csv"
[[formula.component]]
name = "b"
share = 0.3
weights = "flat"
need_file = "need_unknown.csv"
)",
                 e);
  });
  const auto weights = (kDir / "weights_bad.csv").string();
  const auto need = (kDir / "need_unknown.csv").string();
  EXPECT_EQ(lines, (std::vector<std::string>{
                       weights + ":22:3: weight: got \"-0.5\", expected a weight of 0 or more",
                       weights + ": weight: got \"female 90-94\", expected a weight for every cell",
                       weights + ": weight: got \"female 95+\", expected a weight for every cell",
                       need + ":3:1: code: got \"NOPE\", expected a practice in the population",
                       "s.toml:3:1: formula.component.share: got \"0.9\", expected shares of the "
                       "components that take a share to sum to 1"}));
}

TEST(Formula, UnknownBuiltinAndMissingWeightsAreReported) {
  const auto e = test::small_economy();
  const auto lines = test::input_error_lines([&] {
    formula_from(R"([[formula.component]]
name = "a"
share = 0.5
weights = "astro_pu_2099"
[[formula.component]]
name = "a"
share = 0.5
)",
                 e);
  });
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "s.toml:4:11: formula.component[0].weights: got \"astro_pu_2099\", expected a built-in "
            "curve: astro_pu_2013, flat, pco_services");
  EXPECT_EQ(lines[1],
            "s.toml:6:8: formula.component[1].name: got \"a\", expected a name not used by another "
            "component");
  EXPECT_EQ(lines[2],
            "s.toml:5:1: formula.component[1].weights: got \"\", expected either weights = a "
            "built-in curve (astro_pu_2013, flat, pco_services) or weights_file = FILE");
}

TEST(Formula, NoFormulaSectionGivesTheFiveDefaultComponents) {
  const auto e = test::small_economy();
  const auto f = formula_from("", e);
  ASSERT_EQ(f.components.size(), 5u);
  EXPECT_EQ(f.quantum_pence, default_quantum_pence(e.population.total_patients()));
  // £63.4bn for 2013's registered population, pro rata for others.
  EXPECT_EQ(default_quantum_pence(kDefaultQuantumPopulation), kDefaultQuantumPence);
  EXPECT_EQ(default_quantum_pence(1'000'000), 113'163'105'679);
  EXPECT_EQ(f.components[3].name, "prescribing");
  EXPECT_EQ(f.components[3].weights.name, "astro_pu_2013");
  double shares = 0;
  for (const auto& c : f.components)
    shares += *c.share;
  EXPECT_NEAR(shares, 1.0, 1e-12);
}

TEST(Formula, FormulaWideNeedAndMffReachTheDefaultComponents) {
  const auto e = test::small_economy();
  const auto f = formula_from("[formula]\nneed_file = \"need.csv\"\nmff_file = \"mff.csv\"\n", e);
  ASSERT_EQ(f.components.size(), 5u);
  for (const auto& c : f.components) {
    EXPECT_EQ(c.need, (std::vector<double>{1, 1, 2})) << c.name;
    EXPECT_EQ(c.mff, (std::vector<double>{1.1, 1.1, 1})) << c.name;
  }
}

TEST(Weights, AstroPuCellsTakeTheirNineBandWeight) {
  const auto* w = builtin_weights("astro_pu_2013");
  ASSERT_NE(w, nullptr);
  // 75+ covers quinary bands 75-79 ... 95+; 5-14 covers 5-9 and 10-14.
  for (int band = 15; band < kAgeBands; ++band) {
    EXPECT_EQ(w->cells[cell_index(Sex::female, band)], 9.889353022322366);
  }
  EXPECT_EQ(w->cells[cell_index(Sex::male, 1)], w->cells[cell_index(Sex::male, 2)]);
  EXPECT_EQ(w->cells[cell_index(Sex::male, 0)], 1.0);
}

TEST(Weights, AFileMixingNineBandAndQuinaryLabelsSetsEveryCell) {
  DiagnosticList problems;
  const auto path = kDir / "weights_good.csv";
  const auto curve = read_weight_file({path.string(), read_text_file(path)}, problems);
  EXPECT_TRUE(problems.empty());
  // "M,75+,11.34" covers the five quinary bands from 75-79 to 95+.
  for (int band = 15; band < kAgeBands; ++band) {
    EXPECT_EQ(curve.cells[cell_index(Sex::male, band)], 11.34);
    EXPECT_EQ(curve.cells[cell_index(Sex::female, band)], 9.89);
  }
  EXPECT_EQ(curve.cells[cell_index(Sex::female, 2)], 0.74);  // "F,5-14" sets 10-14 too
}

TEST(Formula, APaymentsFileGivesTheCarrHillIndexAsNeed) {
  const auto e = test::small_economy();
  const auto f =
      formula_from(std::string(kTwoComponents) + "need_file = \"payments_small.csv\"\n", e);
  // P1: 120 weighted / 100 registered; P2 has no registered patients and P3 no row: need 1.
  EXPECT_EQ(f.components[1].need, (std::vector<double>{1.2, 1, 1}));
  ASSERT_EQ(f.notes.size(), 1u);
  EXPECT_NE(f.notes[0].find("1 practices indexed; 1 in the file but not in the population and 1 "
                            "with no registered patients were ignored; 2 practices of the "
                            "population have no row"),
            std::string::npos)
      << f.notes[0];
  const auto lines = test::input_error_lines(
      [&] { formula_from(std::string(kTwoComponents) + "need_file = \"payments_bad.csv\"\n", e); });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("payments_bad.csv:2:3: Number of Registered Patients (Last Known "
                          "Figure): got \"abc\""),
            std::string::npos)
      << lines[0];
}

}  // namespace
}  // namespace pco

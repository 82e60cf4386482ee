// NHS England's practice weighted populations (2022/23 ... 2025/26) on the real files: every
// layout read with its published totals, ICB weighted populations as exact sums of their
// practices', the 2025/26 allocation structure reconciling stream by stream to the penny and
// reproducing NHS England's ICB shares, and three-year convergence that is monotone.

#include <algorithm>
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "allocation/nhs_structure.hpp"
#include "allocation/rounding.hpp"
#include "allocation/run.hpp"
#include "economy/load_economy.hpp"
#include "readers/weighted_populations.hpp"
#include "real_data.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace pco {
namespace {

std::filesystem::path wp_file(const std::string& year) {
  return test::shared_data_dir() / "allocation" /
         ("practice-weighted-populations_" + year + ".csv");
}

Economy economy_from(const std::filesystem::path& practices,
                     const std::optional<std::filesystem::path>& weighted = std::nullopt) {
  Scenario s;
  s.population.files = {practices};
  s.population.weighted_populations = weighted;
  return load_economy(s);
}

struct Published {
  const char* year;
  std::size_t practices;
  double population;
  const char* layout;
  double index_min, index_max;
};

using WeightedPopulationsRealData = test::RealDataTest;

TEST_F(WeightedPopulationsRealData, EveryLayoutReadsWithItsPublishedTotals) {
  // Totals from ../shared/data/README.md; index = Final WP / population.
  for (const Published& p : {Published{"2022-23", 6554, 61'498'822, "2022/23", 0.26, 5.45},
                             Published{"2023-24", 6553, 61'903'547, "2023/24-2024/25", 0.25, 5.44},
                             Published{"2024-25", 6553, 62'154'630, "2023/24-2024/25", 0.25, 5.40},
                             Published{"2025-26", 6348, 63'849'324, "2025/26", 0.34, 5.64}}) {
    const auto t = read_weighted_populations_file(wp_file(p.year));
    EXPECT_EQ(t.rows.size(), p.practices) << p.year;
    EXPECT_EQ(t.layout, p.layout) << p.year;
    EXPECT_NEAR(t.total_population(), p.population, 1) << p.year;
    // Every weighted column is scaled to the national population (NHS England's convention);
    // observed to 1e-9 relative, except maternity in 2022/23 whose 17 empty fields count 0.
    for (const auto column : all_wp_columns()) {
      const double tolerance = 1e-6 * p.population;
      EXPECT_NEAR(t.total(column), p.population, tolerance)
          << p.year << " " << wp_column_key(column);
    }
    double lo = 1e9, hi = 0;
    for (const auto& r : t.rows) {
      const double index = r.wp[static_cast<std::size_t>(WpColumn::core_overall)] / r.population;
      lo = std::min(lo, index);
      hi = std::max(hi, index);
    }
    EXPECT_NEAR(lo, p.index_min, 0.01) << p.year;
    EXPECT_NEAR(hi, p.index_max, 0.01) << p.year;
  }
}

TEST_F(WeightedPopulationsRealData, IcbWeightedPopulationsAreExactSumsOfTheirPractices) {
  const auto e = economy_from(wp_file("2025-26"));
  const auto run = run_allocation(toml::table{}, "", ".", e, "icb");
  ASSERT_EQ(run.level.organisations.size(), 42u);
  const auto& table = *e.weighted_need->table;
  // The reference: each ICB's practices summed straight from the file, in file order, for the
  // practices the population holds (3 whose projection rounds to 0 people are left out).
  std::map<std::string, std::vector<long double>> expected;
  std::map<std::string, long double> file_total;
  for (const auto& r : table.rows) {
    file_total[r.icb] += r.wp[static_cast<std::size_t>(WpColumn::core_overall)];
    if (e.population.find(r.code) == nullptr) continue;
    auto& v = expected[r.icb];
    v.resize(run.targets.components.size(), 0.0L);
    for (std::size_t c = 0; c < run.targets.components.size(); ++c) {
      if (c < 6) v[c] += r.wp[static_cast<std::size_t>(core_need_columns()[c])];
      if (c == 6) v[c] += r.wp[static_cast<std::size_t>(WpColumn::primary_medical_care_overall)];
    }
  }
  for (const auto& o : run.level.organisations) {
    for (std::size_t c = 0; c < 7; ++c)
      EXPECT_EQ(o.component_weighted[c], expected[o.code][c]) << o.code << " " << c;
  }
  // NHS England's own ICB totals include the 3 left-out practices: at most 1.5 people apart.
  long double gap = 0;
  for (const auto& o : run.level.organisations) {
    long double rebuilt = 0;
    for (const auto p : o.practices)
      rebuilt += table.find(e.population.practices()[p].code)
                     ->wp[static_cast<std::size_t>(WpColumn::core_overall)];
    gap = std::max(gap, std::abs(rebuilt - file_total[o.code]));
  }
  EXPECT_LT(gap, 1.5L);
}

TEST_F(WeightedPopulationsRealData, TheImpliedCoreStructureIsStableAcrossYears) {
  for (const char* year : {"2022-23", "2023-24", "2024-25", "2025-26"}) {
    const auto t = read_weighted_populations_file(wp_file(year));
    const auto s = implied_core_structure(t);
    double sum = 0;
    for (const auto v : s.shares)
      sum += v;
    EXPECT_NEAR(sum, 1.0, 1e-12);
    // The health inequalities and unmet need adjustment carries 10% every year, as ACRA's
    // formula has since 2019/20; general and acute 62-64%.
    EXPECT_NEAR(s.shares[4], 0.100, 0.002) << year;
    EXPECT_NEAR(s.shares[0], 0.63, 0.015) << year;
    EXPECT_GT(s.r_squared, 0.9998) << year;
    std::cout << year << ": shares";
    for (const auto v : s.shares)
      std::cout << " " << v;
    double lo = 10, hi = 0;
    for (const auto& [icb, m] : s.icb_factor) {
      lo = std::min(lo, m);
      hi = std::max(hi, m);
    }
    std::cout << "; R2 " << s.r_squared << "; max rel error " << s.max_relative_error
              << "; ICB cost adjustment " << lo << "-" << hi << "; iterations " << s.iterations
              << "\n";
  }
}

TEST_F(WeightedPopulationsRealData, The2025StructureReconcilesStreamByStreamAndMatchesNhsEngland) {
  const auto e = economy_from(wp_file("2025-26"));
  const auto run = run_allocation(toml::table{}, "", ".", e, "icb");
  EXPECT_EQ(run.structure, kNhs202526);
  const auto& t = run.targets;
  ASSERT_EQ(t.streams, (std::vector<std::string>{"core", "primary_medical_care", "running_costs"}));
  // National per head: exactly the per-head quanta.
  EXPECT_EQ(t.stream_quanta[0], kCorePerHeadPence * t.population);
  EXPECT_EQ(t.stream_quanta[1], kPrimaryMedicalCarePerHeadPence * t.population);
  EXPECT_EQ(t.stream_quanta[2], kRunningCostPerHeadPence * t.population);
  // Components add up to their stream's quantum to the penny, and organisations to each
  // component's quantum.
  std::vector<std::int64_t> by_stream(3, 0);
  for (std::size_t c = 0; c < t.components.size(); ++c) {
    by_stream[t.component_stream[c]] += t.quanta[c];
    std::int64_t orgs = 0;
    for (const auto& o : run.level.organisations)
      orgs += o.allocation_components[c];
    EXPECT_EQ(orgs, t.quanta[c]) << t.components[c];
  }
  EXPECT_EQ(by_stream, t.stream_quanta);
  // Each ICB's core target is NHS England's share of the core quantum (its Final WP over the
  // national Final WP of the practices held): within 1p per practice of rounding and 1e-9 of the
  // calibration.
  const auto& table = *e.weighted_need->table;
  long double national = 0;
  for (std::size_t p = 0; p < e.population.size(); ++p)
    national += table.find(e.population.practices()[p].code)
                    ->wp[static_cast<std::size_t>(WpColumn::core_overall)];
  double worst = 0;
  double lo = 1e9, hi = 0;
  for (const auto& o : run.level.organisations) {
    long double final_wp = 0;
    std::int64_t core = 0;
    for (const auto p : o.practices)
      final_wp += table.find(e.population.practices()[p].code)
                      ->wp[static_cast<std::size_t>(WpColumn::core_overall)];
    for (std::size_t c = 0; c < 6; ++c)
      core += o.target_components[c];
    const long double nhse = static_cast<long double>(t.stream_quanta[0]) * final_wp / national;
    const double gap = static_cast<double>(std::abs(nhse - core));
    worst = std::max(worst, gap / static_cast<double>(o.practices.size()));
    EXPECT_LE(gap, static_cast<double>(o.practices.size()) + 1e-9 * static_cast<double>(nhse))
        << o.code;
    const double per_head = static_cast<double>(core) / 100.0 / static_cast<double>(o.population);
    lo = std::min(lo, per_head);
    hi = std::max(hi, per_head);
  }
  std::cout << "core per head across the 42 ICBs: " << lo << " - " << hi
            << "; largest gap from NHS England's share, pence per practice: " << worst << "\n";
}

class ConvergenceRealData : public test::RealDataFixture<test::ScratchDirTest> {};

// Three-year core allocations 2026/27-2028/29 from a baseline that lags the targets: 2025/26's
// core quantum shared by 2022/23's need (NHS England's 2022/23 weighted populations on the
// 2025/26 lists), converging on the 2025/26 targets under a 2% floor and a 2.5% cap with the
// no-divergence rule: every ICB's distance from target is no larger each year.
TEST_F(ConvergenceRealData, ThreeYearCoreAllocationsConvergeMonotonically) {
  const auto base_economy = economy_from(wp_file("2025-26"), wp_file("2022-23"));
  const auto base = run_allocation(toml::table{}, "", ".", base_economy, "icb");
  std::string csv = "code,core_pence\n";
  for (const auto& o : base.level.organisations) {
    std::int64_t core = 0;
    for (std::size_t c = 0; c < 6; ++c)
      core += o.allocation_components[c];
    csv += o.code + "," + std::to_string(core) + "\n";
  }
  const auto baseline = write("baseline.csv", csv);
  const auto doc = toml::parse(R"([formula]
structure = "nhs_2025_26"
[pace]
baseline_file = "baseline.csv"
stream = "core"
years = 3
growth_by_year = [0.037, 0.033, 0.033]
floor = 0.02
extra = 0.01
cap = 0.025
converge = true
)");
  const auto e = economy_from(wp_file("2025-26"));
  const auto run = run_allocation(doc, "s.toml", dir_, e, "icb");
  ASSERT_EQ(run.pace_years.size(), 3u);
  const auto n = run.level.organisations.size();
  // Distance from target at the start (the baseline against the formula's shares of the
  // baseline's own total) and after each year (the year's allocation against its target).
  std::vector<long double> weights;
  std::int64_t base_total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    weights.push_back(static_cast<long double>(run.pace_years[0].target[i]));
    base_total += run.pace_years[0].before[i];
  }
  const auto base_target = largest_remainder(base_total, weights);
  std::vector<double> distance(n);
  double first_max = 0, last_max = 0;
  for (std::size_t i = 0; i < n; ++i) {
    distance[i] = 100.0 * static_cast<double>(run.pace_years[0].before[i] - base_target[i]) /
                  static_cast<double>(base_target[i]);
    first_max = std::max(first_max, std::abs(distance[i]));
  }
  for (std::size_t y = 0; y < 3; ++y) {
    const auto& year = run.pace_years[y];
    std::int64_t total = 0;
    for (const auto v : year.after)
      total += v;
    EXPECT_EQ(total, year.total_pence);
    for (std::size_t i = 0; i < n; ++i) {
      // Monotone: no ICB ends a year further from target than it ended the year before.
      const double d = year.distance_after_pct(i);
      EXPECT_LE(std::abs(d), std::abs(distance[i]) + 1e-6)
          << "year " << y + 1 << " " << run.level.organisations[i].code;
      distance[i] = d;
      // The floor for everyone, the cap for those over target.
      EXPECT_GE(year.after[i], std::llround(static_cast<long double>(year.before[i]) * 1.02L));
      if (!year.under_target[i])
        EXPECT_LE(year.after[i], std::llround(static_cast<long double>(year.before[i]) * 1.025L));
      if (y == 2) last_max = std::max(last_max, std::abs(d));
    }
  }
  std::cout << "largest distance from core target: " << first_max << "% in the baseline, "
            << last_max << "% after 2028/29\n";
  EXPECT_LT(last_max, first_max);
  // Streams other than core stay at their formula targets; every stream still reconciles.
  for (std::size_t c = 6; c < run.targets.components.size(); ++c)
    for (const auto& o : run.level.organisations)
      EXPECT_EQ(o.allocation_components[c], o.target_components[c]);
}

}  // namespace
}  // namespace pco

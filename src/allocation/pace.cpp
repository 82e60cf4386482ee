#include "allocation/pace.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "allocation/code_values.hpp"
#include "allocation/rounding.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "scenario/toml_check.hpp"

namespace pco {

namespace {

double distance_pct(std::int64_t money, std::int64_t target) {
  if (target == 0) return 0.0;
  return static_cast<double>(money - target) / static_cast<double>(target) * 100.0;
}

// `money` grown by `rate`, rounded to the nearest penny (halves up).
std::int64_t grown(std::int64_t money, double rate) {
  return std::llround(static_cast<long double>(money) * (1.0L + static_cast<long double>(rate)));
}

std::int64_t sum(const std::vector<std::int64_t>& v) {
  return std::accumulate(v.begin(), v.end(), std::int64_t{0});
}

std::string pounds(std::int64_t pence) {
  return fmt::format("£{:.2f}", static_cast<double>(pence) / 100.0);
}

}  // namespace

double PaceYear::distance_before_pct(std::size_t i) const {
  return distance_pct(before[i], target_before[i]);
}

double PaceYear::distance_after_pct(std::size_t i) const {
  return distance_pct(after[i], target[i]);
}

std::vector<PaceYear> run_pace(const std::vector<std::int64_t>& baseline,
                               const std::vector<long double>& target_weights,
                               const PaceRule& rule) {
  const auto n = baseline.size();
  if (target_weights.size() != n) throw UsageError("pace: one target weight per organisation");
  const double cap_rate = rule.cap.value_or(rule.floor);
  std::vector<PaceYear> years;
  std::vector<std::int64_t> current = baseline;
  for (int y = 1; y <= rule.years; ++y) {
    PaceYear year;
    year.year = y;
    year.before = current;
    year.target_before = largest_remainder(sum(current), target_weights);
    // 1. The money grows; this year's targets are the formula's shares of it.
    year.total_pence = grown(sum(current), rule.growth_in(y));
    year.target = largest_remainder(year.total_pence, target_weights);
    const auto& target = year.target;
    // 2. Everyone gets the floor; who is under target is judged after it.
    std::vector<std::int64_t> money(n);
    std::vector<std::int64_t> at_floor(n);
    year.under_target.assign(n, false);
    for (std::size_t i = 0; i < n; ++i) {
      at_floor[i] = grown(current[i], rule.floor);
      money[i] = at_floor[i];
      year.under_target[i] = money[i] < target[i];
    }
    const auto unaffordable = [&](const char* what) {
      if (sum(money) <= year.total_pence) return;
      throw UsageError(fmt::format(
          "pace of change, year {}: {} needs {} but the growth provides {}; lower [pace] floor "
          "or max_below_target, or raise growth",
          y, what, pounds(sum(money)), pounds(year.total_pence)));
    };
    unaffordable("the floor");
    // 3. Nobody stays further below target than the limit, nor (with `converge`) further below
    // than they began the year.
    if (rule.converge) {
      // Last year's targets: the formula's shares of last year's money (the baseline's in year 1).
      const auto last_target =
          years.empty() ? largest_remainder(sum(current), target_weights) : years.back().target;
      for (std::size_t i = 0; i < n; ++i) {
        if (!year.under_target[i]) continue;
        const long double gap =
            last_target[i] > 0
                ? std::max(0.0L, static_cast<long double>(last_target[i] - current[i]) /
                                     static_cast<long double>(last_target[i]))
                : 0.0L;
        const auto minimum = target[i] - static_cast<std::int64_t>(
                                             std::floor(static_cast<long double>(target[i]) * gap));
        money[i] = std::max(money[i], minimum);
      }
      unaffordable("the floor with no divergence from target (converge)");
    }
    if (rule.max_below_target) {
      for (std::size_t i = 0; i < n; ++i) {
        if (!year.under_target[i]) continue;
        const auto minimum =
            target[i] - static_cast<std::int64_t>(std::floor(static_cast<long double>(target[i]) *
                                                             *rule.max_below_target));
        money[i] = std::max(money[i], minimum);
      }
      unaffordable("the floor with the distance limit");
    }
    std::int64_t left = year.total_pence - sum(money);
    // 4. Under-target organisations close their gap, by at most `extra` growth.
    std::vector<long double> room(n, 0.0L);
    std::int64_t room_total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!year.under_target[i]) continue;
      auto ceiling = target[i];
      if (rule.extra) ceiling = std::min(ceiling, grown(current[i], rule.floor + *rule.extra));
      const auto r = std::max<std::int64_t>(0, ceiling - money[i]);
      room[i] = static_cast<long double>(r);
      room_total += r;
    }
    if (left >= room_total) {
      for (std::size_t i = 0; i < n; ++i)
        money[i] += static_cast<std::int64_t>(room[i]);
      left -= room_total;
    } else if (left > 0) {
      const auto parts = largest_remainder(left, room);
      for (std::size_t i = 0; i < n; ++i)
        money[i] += parts[i];
      left = 0;
    }
    // 5. Money still left is shared in proportion to target by everyone below a ceiling: the
    // target for under-target organisations, the cap for over-target ones. Whoever would pass
    // their ceiling gets just that, and the rest re-share what is left.
    std::vector<std::int64_t> ceiling(n);
    for (std::size_t i = 0; i < n; ++i)
      ceiling[i] = year.under_target[i] ? target[i] : grown(current[i], cap_rate);
    while (left > 0) {
      std::vector<long double> weights(n, 0.0L);
      long double weight_sum = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (money[i] < ceiling[i]) {
          weights[i] = static_cast<long double>(target[i]);
          weight_sum += weights[i];
        }
      }
      // Cannot happen while money is left (the ceilings sum to at least the total), but never
      // lose a penny: then everyone shares it by target.
      const bool everyone = !(weight_sum > 0);
      const auto parts = largest_remainder(left, everyone ? target_weights : weights);
      bool capped = false;
      for (std::size_t i = 0; i < n && !everyone; ++i) {
        if (parts[i] > 0 && money[i] + parts[i] > ceiling[i]) {
          left -= ceiling[i] - money[i];
          money[i] = ceiling[i];
          capped = true;
        }
      }
      if (capped) continue;
      for (std::size_t i = 0; i < n; ++i)
        money[i] += parts[i];
      left = 0;
    }
    year.after = money;
    current = money;
    years.push_back(std::move(year));
  }
  return years;
}

std::optional<PaceInputs> read_pace(const toml::table& document, const std::string& scenario_file,
                                    const std::filesystem::path& base_dir,
                                    DiagnosticList& problems) {
  const auto* t = document.get_as<toml::table>("pace");
  if (t == nullptr) return std::nullopt;
  PaceInputs in;
  if (const auto* f = t->get_as<std::string>("baseline_file")) {
    const std::filesystem::path p(f->get());
    in.baseline_file = p.is_absolute() ? p : base_dir / p;
  }
  const auto rate = [&](std::string_view key, double lo, double hi, std::optional<double>& out) {
    const auto* node = t->get(key);
    if (node == nullptr || !(node->is_integer() || node->is_floating_point())) return;
    const double v = node->value<double>().value_or(0.0);
    if (!(v >= lo && v <= hi)) {
      problems.add(toml_diagnostic(*node, scenario_file, fmt::format("pace.{}", key),
                                   toml_value_text(*node),
                                   fmt::format("a rate from {} to {} (0.05 = 5%)", lo, hi)));
      return;
    }
    out = v;
  };
  std::optional<double> growth;
  std::optional<double> floor;
  rate("growth", -0.5, 1.0, growth);
  rate("floor", -0.5, 1.0, floor);
  rate("extra", 0.0, 1.0, in.rule.extra);
  rate("cap", -0.5, 1.0, in.rule.cap);
  rate("max_below_target", 0.0, 0.99, in.rule.max_below_target);
  in.rule.growth = growth.value_or(0.0);
  in.rule.floor = floor.value_or(0.0);
  if (const auto* g = t->get_as<toml::array>("growth_by_year")) {
    for (std::size_t i = 0; i < g->size(); ++i) {
      const auto v = (*g)[i].value<double>();
      if (!v || *v < -0.5 || *v > 1.0) {
        problems.add(
            toml_diagnostic((*g)[i], scenario_file, fmt::format("pace.growth_by_year[{}]", i),
                            toml_value_text((*g)[i]), "a rate from -0.5 to 1 (0.05 = 5%)"));
        continue;
      }
      in.rule.growth_by_year.push_back(*v);
      if (floor && *floor > *v) {
        problems.add(
            toml_diagnostic((*g)[i], scenario_file, fmt::format("pace.growth_by_year[{}]", i),
                            toml_value_text((*g)[i]), "a growth no lower than pace.floor"));
      }
    }
  }
  if (!growth && in.rule.growth_by_year.empty()) {
    problems.add(toml_diagnostic(*t, scenario_file, "pace.growth", "",
                                 "growth = RATE or growth_by_year = [RATE, ...]"));
  }
  if (const auto* c = t->get_as<bool>("converge")) in.rule.converge = c->get();
  if (const auto* s = t->get_as<std::string>("stream")) in.stream = s->get();
  if (const auto* y = t->get("years"); y && y->is_integer()) {
    const auto v = y->as_integer()->get();
    if (v < 1 || v > 50) {
      problems.add(toml_diagnostic(*y, scenario_file, "pace.years", toml_value_text(*y),
                                   "a number of years from 1 to 50"));
    } else {
      in.rule.years = static_cast<int>(v);
    }
  }
  if (!in.rule.growth_by_year.empty() &&
      in.rule.growth_by_year.size() != static_cast<std::size_t>(in.rule.years)) {
    problems.add(toml_diagnostic(*t->get("growth_by_year"), scenario_file, "pace.growth_by_year",
                                 toml_value_text(*t->get("growth_by_year")),
                                 fmt::format("one rate per year ({} years)", in.rule.years)));
  }
  if (growth && floor && *floor > *growth) {
    problems.add(toml_diagnostic(*t->get("floor"), scenario_file, "pace.floor",
                                 toml_value_text(*t->get("floor")),
                                 "a floor no higher than pace.growth (the floor for everyone "
                                 "cannot exceed the growth of the whole)"));
  }
  if (in.rule.cap && *in.rule.cap < in.rule.floor) {
    problems.add(toml_diagnostic(*t->get("cap"), scenario_file, "pace.cap",
                                 toml_value_text(*t->get("cap")),
                                 "a cap no lower than pace.floor"));
  }
  return in;
}

std::vector<std::int64_t> read_baseline(const std::filesystem::path& path,
                                        const LevelAllocation& allocation,
                                        const std::string& stream) {
  const TextFile file{path.string(), read_text_file(path)};
  DiagnosticList problems;
  std::vector<std::optional<std::int64_t>> found(allocation.organisations.size());
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < allocation.organisations.size(); ++i)
    index.emplace(allocation.organisations[i].code, i);
  const auto stream_column = stream + "_pence";
  const auto read_value = [](FieldReader& row, std::size_t col) { return row.pence(col); };
  const auto apply = [&](const std::string& code, std::int64_t value, FieldReader& row,
                         std::size_t col) {
    const auto it = index.find(code);
    if (it == index.end()) {
      row.problem(col, fmt::format("an organisation of level {}", allocation.level));
      return;
    }
    found[it->second] = value;
  };
  const bool usable = stream.empty()
                          ? read_code_values(file, {"allocation_pence", "baseline_pence", "pence"},
                                             problems, read_value, apply)
                          : read_code_values(file, {stream_column, "baseline_pence", "pence"},
                                             problems, read_value, apply);
  if (usable) {
    for (std::size_t i = 0; i < found.size(); ++i) {
      if (!found[i]) {
        problems.add(
            {file.name, 0, 0, "code", allocation.organisations[i].code,
             fmt::format("a baseline row for every organisation of level {}", allocation.level)});
      }
    }
  }
  problems.throw_if_any();
  std::vector<std::int64_t> out;
  for (const auto& f : found)
    out.push_back(*f);
  return out;
}

}  // namespace pco

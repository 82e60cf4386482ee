#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/table.hpp"
#include "core/text.hpp"
#include "risk/aggregate.hpp"
#include "risk/approximation.hpp"
#include "risk/measures.hpp"
#include "risk/model_spec.hpp"
#include "risk/monte_carlo.hpp"

namespace pco::cli {

namespace {

struct CompoundOptions {
  std::string frequency;
  std::string severity;
  double step = 0;
  double max = 0;
  std::optional<double> p0;
  std::string discretize = "rounding";
  std::string method = "fft";
  std::uint64_t replications = 10000;
  std::uint64_t seed = 1;
  int threads = 1;
  std::string at;
  std::string quantiles = "0.5,0.9,0.95,0.99,0.995";
  std::string tvar = "0.9,0.95,0.99";
  std::optional<double> budget;
  std::string overrun = "0.05,0.1";
  std::string confidence = "0.95,0.99";
  std::string format = "table";
  std::string out;
  std::string grid_out;
};

// JSON has no infinity or NaN: undefined values become null.
nlohmann::json number(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json();
}

std::vector<double> probabilities(const std::string& text, const char* what) {
  auto values = parse_number_list(text, what);
  for (double p : values)
    if (!(p > 0 && p < 1))
      throw UsageError(
          fmt::format("{}: got {}, expected probabilities strictly between 0 and 1", what, p));
  return values;
}

// The answers every method gives, whatever its representation.
struct Answers {
  std::function<double(double)> cdf;
  std::function<double(double)> quantile;
  std::function<double(double)> tail_mean;
  std::function<double(double)> cdf_se;  // Monte Carlo only
  // P(S > x): the mass on the grid above x for grid methods (never 1 − F, which would count the
  // mass beyond the grid as exceeding); 1 − F otherwise.
  std::function<double(double)> exceed;
};

// The whole distribution, one knot a line, for other tools (and actuar_compare.sh).
void write_grid(const AggregateDistribution& d, const std::string& path) {
  std::string text = "x,pmf,cdf\n";
  double cumulative = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    cumulative += d.pmf[i];
    text += fmt::format("{},{:.17g},{:.17g}\n", d.knot(i), d.pmf[i], cumulative);
  }
  write_file_atomically(path, text);
}

nlohmann::json compute(const CompoundOptions& o) {
  if (o.step <= 0 || !std::isfinite(o.step))
    throw UsageError(fmt::format("--step: got {}, expected a number > 0", o.step));
  if (!(o.max >= o.step) || !std::isfinite(o.max))
    throw UsageError(fmt::format("--max: got {}, expected a number >= --step ({})", o.max, o.step));
  const auto at = o.at.empty() ? std::vector<double>{} : parse_number_list(o.at, "--at");
  const auto quantile_ps = probabilities(o.quantiles, "--quantiles");
  const auto tvar_ps = probabilities(o.tvar, "--tvar");
  const auto overruns = parse_number_list(o.overrun, "--overrun");
  const auto confidences = probabilities(o.confidence, "--confidence");
  Frequency frequency = parse_frequency_spec(o.frequency);
  if (o.p0) frequency = frequency.zero_modified(*o.p0);
  const Severity severity = parse_severity_spec(o.severity);
  const auto method = parse_discretize_method(o.discretize);

  const auto start = std::chrono::steady_clock::now();
  const SeverityGrid grid = discretize(severity, o.step, o.max, method);
  nlohmann::json json;
  json["method"] = o.method;
  json["frequency"] = frequency.describe();
  json["severity"] = severity.describe();
  json["discretize"] = o.discretize;

  AggregateDistribution distribution;
  std::optional<Approximation> approximation;
  std::optional<MonteCarloResult> simulation;
  if (o.method == "fft") {
    distribution = compound_fft(frequency, grid);
  } else if (o.method == "recursive") {
    distribution = compound_recursive(frequency, grid);
  } else if (o.method == "simulation") {
    if (o.replications == 0) throw UsageError("--replications: expected at least 1");
    simulation = compound_monte_carlo(frequency, grid, {o.replications, o.seed, o.threads});
    distribution = simulation->distribution;
  } else {
    const auto m =
        compound_moments(frequency, grid.raw_moment(1), grid.raw_moment(2), grid.raw_moment(3));
    approximation = Approximation{
        o.method == "normal" ? ApproximationKind::normal : ApproximationKind::normal_power, m.mean,
        m.sd(), m.skewness()};
    if (approximation->sd <= 0) throw UsageError("the aggregate has no variance to approximate");
    if (approximation->kind == ApproximationKind::normal_power && approximation->skewness <= 0)
      throw UsageError("--method npower needs a positively skewed aggregate; use normal");
  }

  // The computation proper: writing files and evaluating a few measures come after.
  json["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Answers answers;
  if (approximation) {
    const auto a = *approximation;
    answers.cdf = [a](double x) { return a.cdf(x); };
    answers.quantile = [a](double p) { return a.quantile(p); };
    answers.tail_mean = [a](double p) { return a.tail_mean(p); };
    json["mean"] = a.mean;
    json["sd"] = a.sd;
    json["skewness"] = a.skewness;
    json["grid"] = {{"step", o.step}, {"points", 0}};
    json["mass_beyond_grid"] = nullptr;
  } else {
    const auto* d = &distribution;
    answers.cdf = [d](double x) { return cdf_at(*d, x); };
    answers.exceed = [d](double x) { return exceedance(*d, x); };
    answers.quantile = [d](double p) { return quantile(*d, p); };
    answers.tail_mean = [d](double p) { return tail_mean(*d, p); };
    const auto m = grid_moments(distribution);
    json["mean"] = m.mean;
    json["sd"] = m.sd;
    json["skewness"] = m.skewness;
    json["grid"] = {{"step", o.step},
                    {"points", distribution.size()},
                    {"first", distribution.knot(0)},
                    {"last", distribution.knot(distribution.size() - 1)}};
    json["mass_beyond_grid"] = distribution.mass_beyond_grid();
    if (!o.grid_out.empty()) write_grid(distribution, o.grid_out);
    if (distribution.mass_beyond_grid() > 1e-6)
      std::cerr << fmt::format(
          "warning: probability {:.3g} lies beyond the grid (claims above --max {} are left out, "
          "{:.3g} of each claim's probability): raise --max for a complete distribution\n",
          distribution.mass_beyond_grid(), o.max, std::max(0.0, 1 - grid.total()));
  }
  if (simulation) {
    const auto n = simulation->replications;
    answers.cdf_se = [n, &answers](double x) { return proportion_se(answers.cdf(x), n); };
    json["replications"] = n;
    json["seed"] = o.seed;
    json["events"] = simulation->events;
    json["standard_errors"] = {{"mean", simulation->mean_se}};
  }
  json["cdf"] = nlohmann::json::array();
  for (double x : at) {
    nlohmann::json item = {{"x", x}, {"p", number(answers.cdf(x))}};
    if (answers.cdf_se) item["se"] = answers.cdf_se(x);
    json["cdf"].push_back(item);
  }
  json["quantiles"] = nlohmann::json::array();
  for (double p : quantile_ps)
    json["quantiles"].push_back({{"p", p}, {"x", number(answers.quantile(p))}});
  json["tvar"] = nlohmann::json::array();
  for (double p : tvar_ps)
    json["tvar"].push_back({{"p", p}, {"x", number(answers.tail_mean(p))}});
  if (o.budget) {
    const double b = *o.budget;
    const auto exceed = [&](double level) {
      return answers.exceed ? answers.exceed(level) : 1 - answers.cdf(level);
    };
    nlohmann::json budget = {{"amount", b}, {"p_exceed", number(exceed(b))}};
    budget["overruns"] = nlohmann::json::array();
    for (double x : overruns)
      budget["overruns"].push_back({{"x", x}, {"p", number(exceed(b * (1 + x)))}});
    budget["reserve"] = nlohmann::json::array();
    for (double c : confidences) {
      const double q = answers.quantile(c);
      budget["reserve"].push_back({{"confidence", c}, {"x", number(std::max(0.0, q - b))}});
    }
    json["budget"] = budget;
  }
  json["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return json;
}

std::string fmt_value(const nlohmann::json& v) {
  if (v.is_null()) return "NA";
  if (v.is_number_float()) return fmt::format("{:.10g}", v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string render_table(const nlohmann::json& json) {
  std::string text = fmt::format("Aggregate cost: {} claims of {} ({} discretisation, step {})\n",
                                 fmt_value(json["frequency"]), fmt_value(json["severity"]),
                                 fmt_value(json["discretize"]), fmt_value(json["grid"]["step"]));
  TextTable summary{{"measure", "value"}, {false, true}, {}};
  summary.add_row({"method", fmt_value(json["method"])});
  summary.add_row({"mean", fmt_value(json["mean"])});
  summary.add_row({"sd", fmt_value(json["sd"])});
  summary.add_row({"skewness", fmt_value(json["skewness"])});
  summary.add_row({"grid points", fmt_value(json["grid"]["points"])});
  summary.add_row({"mass beyond grid", fmt_value(json["mass_beyond_grid"])});
  if (json.contains("standard_errors"))
    summary.add_row({"se(mean)", fmt_value(json["standard_errors"]["mean"])});
  text += summary.render_text();
  const auto section = [&text](const std::string& title, const std::string& a, const std::string& b,
                               const nlohmann::json& items, const char* ka, const char* kb) {
    if (items.empty()) return;
    TextTable t{{a, b}, {true, true}, {}};
    const bool se = items[0].contains("se");
    if (se) {
      t.headers.push_back("se");
      t.right_align.push_back(true);
    }
    for (const auto& item : items) {
      std::vector<std::string> row{fmt_value(item[ka]), fmt_value(item[kb])};
      if (se) row.push_back(fmt_value(item["se"]));
      t.add_row(row);
    }
    text += "\n" + title + "\n" + t.render_text();
  };
  section("P(S <= x)", "x", "P", json["cdf"], "x", "p");
  section("Quantiles (value at risk)", "p", "x", json["quantiles"], "p", "x");
  section("Tail mean E[S | S > VaR_p] (TVaR)", "p", "x", json["tvar"], "p", "x");
  if (json.contains("budget")) {
    const auto& b = json["budget"];
    text += fmt::format("\nBudget {}: P(S > budget) = {}\n", fmt_value(b["amount"]),
                        fmt_value(b["p_exceed"]));
    section("P(S > budget (1 + x))", "x", "P", b["overruns"], "x", "p");
    section("Reserve above the budget for a confidence", "confidence", "reserve", b["reserve"],
            "confidence", "x");
  }
  text += fmt::format("\n{} seconds\n", fmt::format("{:.3f}", json["seconds"].get<double>()));
  return text;
}

void run(const CompoundOptions& o) {
  const auto json = compute(o);
  emit_output(o.format == "json" ? json.dump(2) + "\n" : render_table(json), o.out);
}

}  // namespace

void add_compound_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CompoundOptions>();
  auto* cmd = app.add_subcommand(
      "compound",
      "The exact distribution of an annual cost S = X1 + ... + XN (N claims of random cost X): "
      "mean, sd, skewness, P(S <= x), quantiles, tail means and the reserve for a budget. "
      "The severity is discretised on 0, h, 2h, ... up to --max as actuar::discretize does; "
      "results refer to that discretised model, so they can be checked against actuar.");
  cmd->add_option("--frequency", o->frequency,
                  "Claim count: poisson:LAMBDA | negbin:SIZE,PROB | binomial:SIZE,PROB (R's "
                  "dpois, dnbinom, dbinom)")
      ->required();
  cmd->add_option("--p0", o->p0, "Zero-modify the frequency: P(N = 0) = P0, the rest rescaled");
  cmd->add_option("--severity", o->severity,
                  "Claim cost: lognormal:MEANLOG,SDLOG | gamma:SHAPE,SCALE | exponential:RATE | "
                  "weibull:SHAPE,SCALE | pareto:SHAPE,SCALE (Lomax, as actuar) | discrete:FILE "
                  "(CSV value,probability)")
      ->required();
  cmd->add_option("--step", o->step, "Grid step h (money units)")->required();
  cmd->add_option("--max", o->max, "Severity discretised up to this cost (actuar's 'to')")
      ->required();
  cmd->add_option("--discretize", o->discretize, "Discretisation method (default rounding)")
      ->check(CLI::IsMember({"rounding", "upper", "lower", "unbiased"}));
  cmd->add_option("--method", o->method, "Aggregate method (default fft)")
      ->check(CLI::IsMember({"fft", "recursive", "normal", "npower", "simulation"}));
  cmd->add_option("--replications", o->replications, "Monte Carlo replications (default 10000)");
  cmd->add_option("--seed", o->seed, "Monte Carlo seed (default 1)");
  cmd->add_option("--threads", o->threads,
                  "Monte Carlo worker threads (default 1; the result does not depend on it)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--at", o->at, "Report P(S <= x) at these x (comma-separated)");
  cmd->add_option("--quantiles", o->quantiles, "Quantile levels (default 0.5,0.9,0.95,0.99,0.995)");
  cmd->add_option("--tvar", o->tvar, "Tail-mean levels (default 0.9,0.95,0.99)");
  cmd->add_option("--budget", o->budget, "Budget: report P(S > budget), overruns and reserves");
  cmd->add_option("--overrun", o->overrun,
                  "With --budget: report P(S > budget (1 + x)) for these x (default 0.05,0.1)");
  cmd->add_option("--confidence", o->confidence,
                  "With --budget: reserve needed for these confidence levels (default 0.95,0.99)");
  cmd->add_option("--format", o->format, "Output format (default table)")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--out", o->out, "Write to this file instead of standard output");
  cmd->add_option("--grid-out", o->grid_out,
                  "Also write the whole distribution as CSV x,pmf,cdf (not for normal/npower)");
  cmd->callback([o, &exit_code] { exit_code = run_guarded([&] { run(*o); }); });
}

}  // namespace pco::cli

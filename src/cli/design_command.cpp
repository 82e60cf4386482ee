#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "appraisal/appraisal.hpp"
#include "cli/command.hpp"
#include "cli/economy_options.hpp"
#include "cli/output.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/table.hpp"
#include "core/text.hpp"
#include "demand/service_scenario.hpp"
#include "design/design.hpp"
#include "design/ensemble.hpp"
#include "design/rules_report.hpp"
#include "economy/load_economy.hpp"
#include "parallel/process_group.hpp"
#include "readers/locations.hpp"
#include "readers/mapping_file.hpp"
#include "readers/rtt_activity.hpp"
#include "readers/trusts.hpp"
#include "report/appraisal_report.hpp"
#include "report/design_map.hpp"
#include "report/focus.hpp"
#include "scenario_file/scenario_file.hpp"

namespace pco::cli {

namespace {

struct DesignOptions {
  std::string scenario;
  std::string atoms = "practice";
  std::string keep_whole;
  double min_pop = 0;
  double max_pop = 0;
  std::string weights;
  std::uint64_t seed = 0;
  int restarts = 4;
  int organisations = 0;
  int threads = 1;
  double sweeps = 1000;
  std::string out;
  std::string compare;
  std::string format = "table";
  std::string map_out;
  int ensemble = 0;
  int ensemble_spacing = 0;
  DataOptions data;
  std::string coterminous;
  double placement_km = 10;
  double area_share = 0;
  std::vector<std::string> min_providers;  // N KIND
  std::string trusts;
  std::string trust_kinds;
  std::string rtt;
  std::string postcode_districts;
  std::string organisations_out;
  std::string areas_out;
  double running_cost_target = 18.76;
};

// The providers rule's trusts: the trust list, kinds from RTT activity or a kinds file, placed
// by postcode district; only English trusts (with an ICB code) open on the as-of date.
DesignRules read_rules(const DesignOptions& o, const Scenario& scenario) {
  DesignRules rules;
  if (!o.coterminous.empty()) rules.coterminous = o.coterminous;
  rules.max_placement_km = o.placement_km;
  rules.min_area_share = o.area_share;
  if (o.min_providers.empty()) return rules;
  const auto n = parse_int(o.min_providers[0]);
  const auto kind = parse_trust_kind(o.min_providers.size() > 1 ? o.min_providers[1] : "acute");
  if (!n || *n < 1 || *n > 100)
    throw UsageError(fmt::format("--min-providers: got \"{}\", expected a number from 1 to 100",
                                 o.min_providers[0]));
  if (!kind)
    throw UsageError(
        fmt::format("--min-providers: got kind \"{}\", expected acute, specialist, "
                    "mental_health, community, ambulance or other",
                    o.min_providers[1]));
  if (o.trusts.empty()) throw UsageError("--min-providers needs --trusts FILE (the ODS etr file)");
  auto trusts = read_etr_file(o.trusts);
  if (!o.rtt.empty()) classify_trusts_by_activity(trusts, read_rtt_activity_file(o.rtt));
  if (!o.trust_kinds.empty())
    apply_trust_kinds(trusts, {o.trust_kinds, read_text_file(o.trust_kinds)});
  std::filesystem::path districts = o.postcode_districts;
  if (districts.empty() && scenario.population.postcode_districts)
    districts = *scenario.population.postcode_districts;
  if (districts.empty())
    throw UsageError(
        "--min-providers needs trust locations: give --postcode-districts FILE (or [population] "
        "postcode_districts in the scenario)");
  locate_trusts(trusts, parse_postcode_districts({districts.string(), read_text_file(districts)}));
  for (auto& t : open_trusts(trusts, scenario.configuration.as_of))
    if (!t.icb.empty()) rules.providers.push_back(std::move(t));
  rules.min_providers = static_cast<int>(*n);
  rules.provider_kind = *kind;
  return rules;
}

std::string fixed(double v, int digits = 4) {
  return fmt::format("{:.{}f}", v, digits);
}

nlohmann::json weights_json(const DesignWeights& w) {
  return {{"risk", w.risk},
          {"cost", w.cost},
          {"engagement", w.engagement},
          {"disruption", w.disruption},
          {"compactness", w.compactness}};
}

nlohmann::json terms_json(const ObjectiveTerms& t) {
  return {{"risk", t.risk},
          {"cost", t.cost},
          {"engagement", t.engagement},
          {"disruption", t.disruption},
          {"compactness", t.compactness},
          {"bounds", t.bounds},
          {"total", t.total}};
}

nlohmann::json plan_json(const PlanSummary& s) {
  nlohmann::json orgs = nlohmann::json::array();
  for (const auto& o : s.organisations)
    orgs.push_back({{"code", o.code},
                    {"population", o.population},
                    {"atoms", o.atoms},
                    {"practices", o.practices},
                    {"area_km2", o.area_km2},
                    {"perimeter_km", o.perimeter_km},
                    {"polsby_popper", o.polsby_popper},
                    {"expected_cost", o.expected_cost},
                    {"cv", o.cv},
                    {"matched_current", o.matched_current}});
  return {{"organisations", s.organisations.size()},
          {"objective", terms_json(s.terms)},
          {"objective_weighted", terms_json(s.weighted)},
          {"max_population_deviation", s.max_deviation},
          {"mean_population_deviation", s.mean_deviation},
          {"cut_edges", s.cut_edges},
          {"cut_length_km", s.cut_length_km},
          {"mean_polsby_popper", s.mean_polsby_popper},
          {"practices_moved", s.practices_moved},
          {"people_moved", s.people_moved},
          {"contiguous", s.contiguous},
          {"within_bounds", s.within_bounds},
          {"detail", orgs}};
}

TextTable side_by_side(const std::vector<std::pair<std::string, const PlanSummary*>>& plans) {
  TextTable t;
  t.headers = {"metric"};
  t.right_align = {false};
  for (const auto& [name, plan] : plans) {
    t.headers.push_back(name);
    t.right_align.push_back(true);
  }
  const auto row = [&](const std::string& label, auto value) {
    std::vector<std::string> r{label};
    for (const auto& [name, plan] : plans)
      r.push_back(value(*plan));
    t.add_row(std::move(r));
  };
  row("organisations", [](const PlanSummary& s) { return std::to_string(s.organisations.size()); });
  row("objective", [](const PlanSummary& s) { return fixed(s.terms.total); });
  // Each term raw (its own units), then as it enters the objective (weight × raw / reference).
  const auto term = [&](const std::string& label, double ObjectiveTerms::*field) {
    row("  " + label, [field](const PlanSummary& s) { return fixed(s.terms.*field); });
    row("    x weight / reference",
        [field](const PlanSummary& s) { return fixed(s.weighted.*field); });
  };
  term("risk (99% reserve / spend)", &ObjectiveTerms::risk);
  term("cost (management / spend)", &ObjectiveTerms::cost);
  term("engagement (1 - proxy)", &ObjectiveTerms::engagement);
  term("disruption (people moved)", &ObjectiveTerms::disruption);
  term("compactness (1 - PP)", &ObjectiveTerms::compactness);
  term("outside bounds", &ObjectiveTerms::bounds);
  row("max population deviation", [](const PlanSummary& s) { return fixed(s.max_deviation, 3); });
  row("mean population deviation", [](const PlanSummary& s) { return fixed(s.mean_deviation, 3); });
  row("cut edges", [](const PlanSummary& s) { return std::to_string(s.cut_edges); });
  row("cut boundary km", [](const PlanSummary& s) { return fixed(s.cut_length_km, 0); });
  row("mean Polsby-Popper", [](const PlanSummary& s) { return fixed(s.mean_polsby_popper, 3); });
  row("practices moved", [](const PlanSummary& s) { return std::to_string(s.practices_moved); });
  row("people moved", [](const PlanSummary& s) { return with_thousands(s.people_moved); });
  row("contiguous", [](const PlanSummary& s) { return std::string(s.contiguous ? "yes" : "no"); });
  row("within bounds",
      [](const PlanSummary& s) { return std::string(s.within_bounds ? "yes" : "no"); });
  return t;
}

TextTable ensemble_table(const EnsembleResult& e, const std::string& current) {
  TextTable t;
  t.headers = {"metric",   "ensemble p05", "median", "p95",
               "designed", "percentile",   current,  "percentile"};
  t.right_align = {false, true, true, true, true, true, true, true};
  for (const auto& m : e.metrics) {
    auto v = m.values;
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) {
      return v.empty() ? 0.0
                       : v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5)];
    };
    t.add_row({m.name, fmt::format("{:.4g}", at(0.05)), fmt::format("{:.4g}", at(0.5)),
               fmt::format("{:.4g}", at(0.95)), fmt::format("{:.4g}", m.designed),
               fmt::format("{:.0f}%", 100 * m.designed_percentile),
               fmt::format("{:.4g}", m.current),
               fmt::format("{:.0f}%", 100 * m.current_percentile)});
  }
  return t;
}

nlohmann::json ensemble_json(const EnsembleResult& e) {
  nlohmann::json metrics = nlohmann::json::array();
  for (const auto& m : e.metrics)
    metrics.push_back({{"metric", m.name},
                       {"values", m.values},
                       {"designed", m.designed},
                       {"designed_percentile", m.designed_percentile},
                       {"current", m.current},
                       {"current_percentile", m.current_percentile}});
  return {{"plans", e.plans},
          {"spacing", e.spacing},
          {"rejected_steps", e.rejected_steps},
          {"metrics", metrics}};
}

// The designed membership appraised beside the comparison level by the appraisal engine
// (exact financial risk, management cost, engagement, disruption, NPV).
AppraisalResults appraise_design(const Scenario& scenario, const Economy& economy,
                                 const ServiceModel& model, const std::string& compare,
                                 const std::string& membership, const DesignResult& result) {
  CandidateConfiguration sq;
  sq.name = compare;
  sq.level = compare;
  sq.configuration = economy.configuration;
  sq.status_quo = true;
  CandidateConfiguration designed;
  designed.name = "designed";
  designed.level = "organisation";
  JoinReport report;
  designed.configuration = Configuration::build(
      economy.population, parse_membership({"designed membership", membership}), report);
  // "Federate, don't merge": today's organisations stay, sharing management, commissioning and
  // back office and a risk pool within each designed organisation.
  CandidateConfiguration federated;
  federated.name = "federated";
  federated.description = "today's organisations federated within each designed organisation";
  federated.level = compare;
  federated.configuration = economy.configuration;
  federated.federations = federations_within_design(
      economy.configuration, compare, result.problem, result.outcome.assignment,
      {"management", "commissioning", "back_office"}, true);
  auto options = read_appraisal_options(scenario);
  options.draws = 0;
  return appraise_candidates(scenario, economy, model, {sq, designed, federated},
                             read_appraisal_parameters(scenario), options);
}

void run(const DesignOptions& o) {
  Scenario scenario = load_scenario(o.scenario);
  apply_data_options(o.data, scenario);
  const auto model = read_service_model(scenario);
  const Economy economy = load_economy(scenario);
  DesignRequest request;
  request.atoms = o.atoms;
  if (!o.keep_whole.empty()) request.keep_whole = o.keep_whole;
  request.min_pop = o.min_pop;
  request.max_pop = o.max_pop;
  request.weights = parse_weights(o.weights);
  request.search.seed = o.seed != 0 ? o.seed : scenario.seed.value_or(1);
  request.search.restarts = o.restarts;
  request.search.threads = o.threads;
  request.search.sweeps = o.sweeps;
  request.search.parts = o.organisations;
  request.current_level = o.compare;
  request.rules = read_rules(o, scenario);
  const auto params = read_appraisal_parameters(scenario);
  const auto result = design(economy, model, request, read_risk_settings(scenario).margin, params);
  if (!ProcessGroup::world().is_root()) return;
  // Everything is computed before anything is written, so a failure leaves no output.
  const auto membership = membership_csv(economy, result.problem, result.outcome.assignment);
  const auto map =
      o.map_out.empty()
          ? std::string()
          : design_map_svg(result.problem, result.outcome.assignment, result.outcome.parts,
                           fmt::format("Designed organisations ({} of {}-{} people)",
                                       result.outcome.parts, o.min_pop, o.max_pop),
                           report_boundaries(scenario));
  const auto [current_assignment, current_parts] = current_plan(result.problem);
  const auto current = summarise_plan(result.problem, current_assignment, current_parts);
  const auto current_name = result.problem.atoms.current_level;
  std::optional<EnsembleResult> ensemble;
  if (o.ensemble > 0)
    ensemble =
        run_ensemble(result.problem, result.outcome.assignment, result.outcome.parts, result.plan,
                     current, {o.ensemble, o.ensemble_spacing, request.search.seed});
  std::optional<AppraisalResults> appraisal;
  if (!o.compare.empty())
    appraisal = appraise_design(scenario, economy, model, o.compare, membership, result);
  const auto areas = area_assignment_csv(economy, result.problem);
  write_file_atomically(o.out, membership);
  if (!o.organisations_out.empty())
    write_file_atomically(o.organisations_out, organisations_csv(result.plan));
  if (!o.areas_out.empty()) {
    if (areas.empty()) throw UsageError("--areas-out needs --coterminous FILE");
    write_file_atomically(o.areas_out, areas);
  }
  if (!o.map_out.empty()) write_file_atomically(o.map_out, map);
  print_notes(economy);
  warn_need_basis(economy);
  for (const auto& note : result.notes)
    std::cerr << "note: " << note << '\n';
  if (o.format == "json") {
    nlohmann::json restarts = nlohmann::json::array();
    for (const auto& r : result.outcome.restarts)
      restarts.push_back({{"restart", r.restart},
                          {"seed_objective", r.seed_total},
                          {"best_objective", r.best_total}});
    nlohmann::json j{{"atoms", result.problem.atoms.level},
                     {"atom_count", result.problem.atoms.atoms.size()},
                     {"min_pop", o.min_pop},
                     {"max_pop", o.max_pop},
                     {"weights", weights_json(request.weights)},
                     {"reference", weights_json(result.problem.reference)},
                     {"seed", request.search.seed},
                     {"chosen_restart", result.outcome.chosen_restart},
                     {"started_from_current", result.started_from_current},
                     {"restarts", restarts},
                     {"graph",
                      {{"edges", result.problem.graph.edges.size()},
                       {"pruned", result.problem.graph.pruned},
                       {"bridges", result.problem.graph.bridges},
                       {"nudged", result.problem.graph.nudged}}},
                     {"designed", plan_json(result.plan)},
                     {"seed_plan", plan_json(result.seed)},
                     {"current_level", current_name},
                     {"current", plan_json(current)},
                     {"membership", o.out},
                     {"notes", result.notes},
                     {"rules", rules_json(result)}};
    nlohmann::json fit = nlohmann::json::array();
    for (const auto& f : current_fit(result.problem, result.outcome.assignment))
      fit.push_back({{"code", f.code},
                     {"population", f.population},
                     {"designed", f.designed},
                     {"share", f.share},
                     {"together_with", f.together_with}});
    j["current_in_design"] = fit;
    if (appraisal) {
      j["appraisal"] = appraisal_json(*appraisal);
      j["running_cost_target_per_head"] = o.running_cost_target;
    }
    if (ensemble) j["ensemble"] = ensemble_json(*ensemble);
    std::cout << j.dump(2) << '\n';
    return;
  }
  std::string text = fmt::format(
      "Design: {} organisations of {:.0f}-{:.0f} people from {} {} atoms (restart {} of {} "
      "chosen{}); membership written to {}\n\n",
      result.outcome.parts, o.min_pop, o.max_pop, result.problem.atoms.atoms.size(),
      result.problem.atoms.level, result.outcome.chosen_restart + 1, result.outcome.restarts.size(),
      result.started_from_current ? ", the one started from the current configuration" : "", o.out);
  const auto& ref = result.problem.reference;
  text += fmt::format(
      "Each term is shown raw and as weight x raw / reference (its value in the first "
      "restart's seed): references risk {:.4g}, cost {:.4g}, engagement {:.4g}, disruption {:.4g}, "
      "compactness {:.4g}\n\n",
      ref.risk, ref.cost, ref.engagement, ref.disruption, ref.compactness);
  text +=
      side_by_side({{"designed", &result.plan},
                    {result.started_from_current ? "start (current)" : "METIS seed", &result.seed},
                    {"current: " + current_name, &current}})
          .render_text();
  if (ensemble)
    text += fmt::format(
                "\nEnsemble: {} ReCom plans, {} recombinations apart ({} steps found no split):\n",
                ensemble->plans, ensemble->spacing, ensemble->rejected_steps) +
            ensemble_table(*ensemble, current_name).render_text();
  text += "\n" + rules_text(result);
  text += "\nDesigned organisations\n" + organisations_text(result.problem, result.plan);
  text += fmt::format("\nThe current organisations ({}) in the design\n", current_name) +
          current_fit_text(current_fit(result.problem, result.outcome.assignment));
  if (appraisal) {
    text +=
        "\nAppraisal (exact financial risk):\n" + appraisal_side_by_side(*appraisal).render_text();
    TextTable rc;
    rc.headers = {"configuration", "organisations", "running cost £/head", "target £/head",
                  "above target"};
    rc.right_align = {false, true, true, true, true};
    for (const auto& c : appraisal->configurations) {
      std::size_t above = 0;
      for (const auto& org : c.structure.organisations)
        if (org.population > 0 &&
            org.management_cost / static_cast<double>(org.population) > o.running_cost_target)
          ++above;
      rc.add_row({c.name, std::to_string(c.structure.organisations.size()),
                  fmt::format("{:.2f}", c.metrics.management_cost_per_head),
                  fmt::format("{:.2f}", o.running_cost_target), std::to_string(above)});
    }
    text += fmt::format(
        "\nRunning costs against the target (management cost model of [appraisal]: fixed_cost + "
        "cost_per_head, economies of scale below scale_limit; federations share functions)\n{}",
        rc.render_text());
  }
  std::cout << text;
}

}  // namespace

void add_design_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<DesignOptions>();
  auto* cmd = app.add_subcommand(
      "design",
      "Design a configuration: group practices (or networks) into organisations that are "
      "contiguous in the practices' neighbour graph (Delaunay triangulation of their "
      "locations on the British National Grid), within [--min-pop, --max-pop] people, and best "
      "on a weighted objective of financial risk (99% reserve), management cost, engagement, "
      "disruption from the current configuration and compactness (Polsby-Popper). A METIS "
      "seed partition per restart is improved by simulated annealing over moves of boundary "
      "atoms; restarts run in parallel (threads, and MPI ranks under mpirun) and the plan is "
      "the same for any thread or process count. Writes a membership CSV that "
      "[[appraisal.alternative]] membership reads, and prints the designed, seed and current "
      "plans side by side. docs/design.md.");
  cmd->add_option("--scenario", o->scenario, "Scenario TOML file (needs practice locations)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--atoms", o->atoms,
                  "What is grouped: practice, or the organisations of a level kept whole "
                  "(network, sub_icb, ccg, ...)");
  cmd->add_option("--keep-whole", o->keep_whole,
                  "Keep each organisation of this level whole (it becomes one atom)");
  cmd->add_option("--min-pop", o->min_pop, "Smallest organisation, people")->required();
  cmd->add_option("--max-pop", o->max_pop, "Largest organisation, people")->required();
  cmd->add_option("--organisations", o->organisations,
                  "Number of organisations (default: total population / midpoint of the bounds)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--weights", o->weights,
                  "Relative importance of the objective's terms, e.g. risk=1,cost=1,engagement=1,"
                  "disruption=1,compactness=1 (the defaults); each term is divided by its value "
                  "in the first restart's seed before weighting");
  cmd->add_option("--seed", o->seed, "Random seed (default: the scenario's seed, else 1)");
  cmd->add_option("--restarts", o->restarts,
                  "Independent restarts (METIS seed + annealing); one more starts from the current "
                  "configuration when it is contiguous and within the bounds")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--threads", o->threads, "Threads running restarts")->check(CLI::Range(1, 1024));
  cmd->add_option("--sweeps", o->sweeps, "Annealing proposals per atom per restart")
      ->check(CLI::Range(0.0, 1e6));
  cmd->add_option("--out", o->out, "Membership CSV to write (practice,org,org_name)")->required();
  cmd->add_option("--compare", o->compare,
                  "A level of the current configuration (e.g. stp, ccg): disruption is measured "
                  "from it and the appraisal compares it with the design (default: disruption "
                  "from the scenario's default level, no appraisal)");
  cmd->add_option("--ensemble", o->ensemble,
                  "Also sample this many alternative valid plans (ReCom from the design) and "
                  "place the design and the current configuration in their distribution on "
                  "every metric")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--ensemble-spacing", o->ensemble_spacing,
                  "Recombination steps between recorded ensemble plans (default: the number of "
                  "organisations)")
      ->check(CLI::Range(0, 10000000));
  cmd->add_option("--format", o->format, "Summary format: table or json")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--map-out", o->map_out, "Also write an SVG map of the designed organisations");
  cmd->add_option("--coterminous", o->coterminous,
                  "GeoJSON areas (e.g. counties and unitary authorities) each of whose practices "
                  "must end in one organisation; practices are placed by location and the atoms "
                  "sharing an area are designed as one block")
      ->check(CLI::ExistingFile);
  cmd->add_option("--placement-km", o->placement_km,
                  "A practice outside every --coterminous area joins the nearest within this "
                  "distance (generalised coastlines); further ones are unconstrained")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  cmd->add_option(
         "--coterminous-min-share", o->area_share,
         "With atoms coarser than practices: an atom is tied to an area only when it holds "
         "at least this share of the area's patients (its other practices there are "
         "listed as exceptions); 0 ties every atom that has a practice in the area")
      ->check(CLI::Range(0.0, 0.5))
      ->capture_default_str();
  cmd->add_option("--min-providers", o->min_providers,
                  "N KIND: at least N providers of KIND (acute, specialist, mental_health, "
                  "community, ambulance) located inside each organisation (needs --trusts)")
      ->expected(1, 2);
  cmd->add_option("--trusts", o->trusts, "ODS trust list (etr) for --min-providers")
      ->check(CLI::ExistingFile);
  cmd->add_option("--rtt", o->rtt,
                  "NHS England RTT full extract (.csv or .zip): tells acute trusts from the others "
                  "by their waiting lists (docs/population.md)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--trust-kinds", o->trust_kinds, "code,kind file overriding trusts' kinds")
      ->check(CLI::ExistingFile);
  cmd->add_option("--postcode-districts", o->postcode_districts,
                  "Postcode-district centroids placing the trusts (default: the scenario's)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--organisations-out", o->organisations_out,
                  "Also write each designed organisation's members, population, areas and "
                  "providers (CSV)");
  cmd->add_option("--areas-out", o->areas_out,
                  "Also write where each practice was placed for --coterminous (CSV)");
  cmd->add_option("--running-cost-target", o->running_cost_target,
                  "Running-cost target, £ per head, for the appraisal's comparison (NHS England "
                  "2025: 18.76)")
      ->capture_default_str();
  add_data_options(cmd, o->data);
  cmd->callback([o, &exit_code] { exit_code = run_guarded([&] { run(*o); }); });
}

}  // namespace pco::cli

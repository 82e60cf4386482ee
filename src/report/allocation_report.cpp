#include "report/allocation_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/table.hpp"

namespace pco {

namespace {

double round_to(double v, double unit) {
  return std::round(v / unit) * unit;
}

std::int64_t total_of(const AllocationRun& run, std::int64_t OrganisationBudget::*field) {
  std::int64_t sum = 0;
  for (const auto& org : run.level.organisations)
    sum += org.*field;
  return sum;
}

std::string pct(double v) {
  return fmt::format("{:.2f}", v);
}

// An organisation's target and allocation in one funding stream.
std::pair<std::int64_t, std::int64_t> stream_money(const AllocationRun& run,
                                                   const OrganisationBudget& o, std::size_t s) {
  std::int64_t target = 0, allocation = 0;
  for (std::size_t c = 0; c < run.targets.components.size(); ++c) {
    if (run.targets.component_stream[c] != s) continue;
    target += o.target_components[c];
    allocation += o.allocation_components[c];
  }
  return {target, allocation};
}

// The stream's need index: the organisation's share of the stream's target over its share of
// the population.
double stream_index(const AllocationRun& run, const OrganisationBudget& o, std::size_t s,
                    std::int64_t target) {
  const auto quantum = run.targets.stream_quanta[s];
  if (quantum == 0 || o.population == 0 || run.targets.population == 0) return 0;
  return (static_cast<double>(target) / static_cast<double>(quantum)) /
         (static_cast<double>(o.population) / static_cast<double>(run.targets.population));
}

std::vector<long double> national_weighted(const AllocationRun& run) {
  std::vector<long double> out(run.targets.components.size(), 0.0L);
  for (const auto& o : run.level.organisations)
    for (std::size_t c = 0; c < out.size(); ++c)
      out[c] += o.component_weighted[c];
  return out;
}

nlohmann::json practice_json(const AllocationRun& run, const Population& population,
                             const PracticeBudget& b) {
  nlohmann::json components = nlohmann::json::object();
  for (std::size_t c = 0; c < run.targets.components.size(); ++c)
    components[run.targets.components[c]] = b.components[c];
  const auto& p = population.practices()[b.practice];
  return {{"code", p.code},
          {"organisation", run.level.organisations[b.organisation].code},
          {"population", p.list_size()},
          {"weighted_population", round_to(static_cast<double>(b.weighted_population), 0.01)},
          {"indicative_budget_pence", b.indicative_budget_pence},
          {"components", components}};
}

}  // namespace

std::string pounds_text(std::int64_t pence) {
  const auto sign = pence < 0 ? "-" : "";
  const auto abs = pence < 0 ? -pence : pence;
  return fmt::format("{}{}.{:02d}", sign, with_thousands(abs / 100), abs % 100);
}

std::string allocation_table_text(const AllocationRun& run) {
  const auto& orgs = run.level.organisations;
  std::string out =
      fmt::format("Level: {} ({} organisations); money in pounds\n", run.level.level, orgs.size());
  TextTable t;
  t.headers = {"code",       "name",           "population",   "weighted_pop", "need_index",
               "target_gbp", "allocation_gbp", "distance_pct", "pooled_gbp"};
  t.right_align = {false, false, true, true, true, true, true, true, true};
  std::int64_t population = 0;
  long double weighted = 0;
  for (const auto& o : orgs) {
    population += o.population;
    weighted += o.weighted_population;
    t.add_row({o.code, o.name, with_thousands(o.population),
               with_thousands(std::llround(static_cast<double>(o.weighted_population))),
               fmt::format("{:.4f}", o.need_index()), pounds_text(o.target_pence),
               pounds_text(o.allocation_pence), pct(o.distance_from_target_pct()),
               pounds_text(o.pooled_pence)});
  }
  const auto target = total_of(run, &OrganisationBudget::target_pence);
  const auto allocation = total_of(run, &OrganisationBudget::allocation_pence);
  t.add_row({"total", "All organisations", with_thousands(population),
             with_thousands(std::llround(static_cast<double>(weighted))), "", pounds_text(target),
             pounds_text(allocation), "",
             pounds_text(total_of(run, &OrganisationBudget::pooled_pence))});
  out += t.render_text();
  if (run.need.rests_on_imputed_ages()) out += "WARNING: " + run.need.warning() + "\n";

  const auto& streams = run.targets.streams;
  if (streams.size() > 1) {
    TextTable st;
    st.headers = {"stream", "quantum_gbp", "per_head_gbp", "allocated_gbp", "source"};
    st.right_align = {false, true, true, true, false};
    for (std::size_t s = 0; s < streams.size(); ++s) {
      std::int64_t allocated = 0;
      for (const auto& o : orgs)
        allocated += stream_money(run, o, s).second;
      st.add_row(
          {streams[s], pounds_text(run.targets.stream_quanta[s]),
           fmt::format("{:.2f}", run.targets.population > 0
                                     ? static_cast<double>(run.targets.stream_quanta[s]) / 100.0 /
                                           static_cast<double>(run.targets.population)
                                     : 0.0),
           pounds_text(allocated), run.targets.stream_sources[s]});
    }
    out +=
        "\nFunding streams (each with its own quantum; per head of the registered population)\n" +
        st.render_text();
    TextTable so;
    so.headers = {"code"};
    so.right_align = {false};
    for (const auto& name : streams) {
      so.headers.insert(so.headers.end(), {name + "_gbp", name + "_per_head", name + "_index"});
      so.right_align.insert(so.right_align.end(), {true, true, true});
    }
    for (const auto& o : orgs) {
      std::vector<std::string> row{o.code};
      for (std::size_t s = 0; s < streams.size(); ++s) {
        const auto [target, allocation] = stream_money(run, o, s);
        row.push_back(pounds_text(allocation));
        row.push_back(fmt::format("{:.2f}", o.population > 0
                                                ? static_cast<double>(allocation) / 100.0 /
                                                      static_cast<double>(o.population)
                                                : 0.0));
        row.push_back(fmt::format("{:.4f}", stream_index(run, o, s, target)));
      }
      so.add_row(std::move(row));
    }
    out += "\nAllocation by stream (index: share of the stream's target / share of population)\n" +
           so.render_text();
  }

  TextTable c;
  c.headers = {"component", "stream", "quantum_gbp", "allocated_gbp", "budget", "weighted by"};
  c.right_align = {false, false, true, true, false, false};
  for (std::size_t i = 0; i < run.targets.components.size(); ++i) {
    std::int64_t allocated = 0;
    for (const auto& o : orgs)
      allocated += o.allocation_components[i];
    c.add_row({run.targets.components[i], streams[run.targets.component_stream[i]],
               pounds_text(run.targets.quanta[i]), pounds_text(allocated),
               run.targets.ring_fenced[i] ? "ring-fenced" : "transferable", run.targets.bases[i]});
  }
  out += "\nComponents (formula quantum; allocated at this level after pace of change)\n" +
         c.render_text();
  if (run.targets.components.size() > 1) {
    const auto national = national_weighted(run);
    TextTable ni;
    ni.headers = {"code"};
    ni.right_align = {false};
    for (const auto& name : run.targets.components) {
      ni.headers.push_back(name);
      ni.right_align.push_back(true);
    }
    for (const auto& o : orgs) {
      std::vector<std::string> row{o.code};
      for (std::size_t i = 0; i < run.targets.components.size(); ++i)
        row.push_back(
            fmt::format("{:.4f}", o.component_need_index(i, national[i], run.targets.population)));
      ni.add_row(std::move(row));
    }
    out +=
        "\nNeed index by component (weighted population per head / national, before the cost "
        "adjustment)\n" +
        ni.render_text();
  }

  if (!run.pace_years.empty()) {
    TextTable p;
    p.headers = {"year",       "code",           "target_gbp", "before_gbp",
                 "before_pct", "allocation_gbp", "after_pct"};
    p.right_align = {true, false, true, true, true, true, true};
    for (const auto& y : run.pace_years) {
      for (std::size_t i = 0; i < orgs.size(); ++i) {
        p.add_row({std::to_string(y.year), orgs[i].code, pounds_text(y.target[i]),
                   pounds_text(y.before[i]), pct(y.distance_before_pct(i)), pounds_text(y.after[i]),
                   pct(y.distance_after_pct(i))});
      }
    }
    out += fmt::format(
               "\nPace of change{} (distance from target before and after each year, "
               "each in one year's money: last year's allocation against last year's "
               "target, this year's against this year's)\n",
               run.pace_stream.empty() ? "" : " of stream " + run.pace_stream) +
           p.render_text();
  }
  if (!run.pools.empty()) {
    TextTable p;
    p.headers = {"pool", "partner", "contribution_gbp", "share"};
    p.right_align = {false, false, true, true};
    for (const auto& pool : run.pools) {
      for (const auto& partner : pool.partners) {
        p.add_row({pool.name, partner.name, pounds_text(partner.contribution_pence),
                   fmt::format("{:.4f}", partner.share)});
      }
      p.add_row({pool.name, "total", pounds_text(pool.total_pence), "1.0000"});
    }
    out += "\nPooled budgets\n" + p.render_text();
  }
  return out;
}

std::string allocation_table_csv(const AllocationRun& run) {
  TextTable t;
  t.headers = {"code",        "name",         "population",       "weighted_population",
               "need_index",  "target_pence", "allocation_pence", "distance_from_target_pct",
               "pooled_pence"};
  for (const auto& name : run.targets.components)
    t.headers.push_back(name + "_pence");
  const bool streamed = run.targets.streams.size() > 1;
  if (streamed)
    for (const auto& name : run.targets.streams)
      t.headers.push_back(name + "_pence");
  for (const auto& o : run.level.organisations) {
    std::vector<std::string> row = {
        o.code,
        o.name,
        std::to_string(o.population),
        fmt::format("{:.2f}", static_cast<double>(o.weighted_population)),
        fmt::format("{:.6f}", o.need_index()),
        std::to_string(o.target_pence),
        std::to_string(o.allocation_pence),
        fmt::format("{:.4f}", o.distance_from_target_pct()),
        std::to_string(o.pooled_pence)};
    for (const auto v : o.allocation_components)
      row.push_back(std::to_string(v));
    if (streamed)
      for (std::size_t s = 0; s < run.targets.streams.size(); ++s)
        row.push_back(std::to_string(stream_money(run, o, s).second));
    t.add_row(std::move(row));
  }
  return t.render_csv();
}

nlohmann::json allocation_json(const AllocationRun& run, const Population& population,
                               const std::vector<PracticeBudget>* practices) {
  nlohmann::json components = nlohmann::json::array();
  for (std::size_t c = 0; c < run.targets.components.size(); ++c) {
    components.push_back({{"name", run.targets.components[c]},
                          {"stream", run.targets.streams[run.targets.component_stream[c]]},
                          {"weighted_by", run.targets.bases[c]},
                          {"quantum_pence", run.targets.quanta[c]},
                          {"ring_fenced", static_cast<bool>(run.targets.ring_fenced[c])},
                          {"weights", run.targets.weight_names[c]},
                          {"weights_source", run.targets.weight_sources[c]}});
  }
  std::vector<nlohmann::json> per_org_practices(run.level.organisations.size(),
                                                nlohmann::json::array());
  if (practices != nullptr) {
    for (const auto& b : *practices)
      per_org_practices[b.organisation].push_back(practice_json(run, population, b));
  }
  const auto national = national_weighted(run);
  nlohmann::json orgs = nlohmann::json::array();
  for (std::size_t i = 0; i < run.level.organisations.size(); ++i) {
    const auto& o = run.level.organisations[i];
    nlohmann::json split = nlohmann::json::object();
    for (std::size_t c = 0; c < run.targets.components.size(); ++c)
      split[run.targets.components[c]] = o.allocation_components[c];
    nlohmann::json j = {
        {"code", o.code},
        {"name", o.name},
        {"practices_count", o.practices.size()},
        {"population", o.population},
        {"weighted_population", round_to(static_cast<double>(o.weighted_population), 0.01)},
        {"need_index", round_to(o.need_index(), 1e-6)},
        {"target_pence", o.target_pence},
        {"allocation_pence", o.allocation_pence},
        {"distance_from_target_pct", round_to(o.distance_from_target_pct(), 1e-4)},
        {"pooled_pence", o.pooled_pence},
        {"components", split}};
    nlohmann::json by_stream = nlohmann::json::object();
    for (std::size_t s = 0; s < run.targets.streams.size(); ++s) {
      const auto [target, allocation] = stream_money(run, o, s);
      by_stream[run.targets.streams[s]] = {
          {"target_pence", target},
          {"allocation_pence", allocation},
          {"need_index", round_to(stream_index(run, o, s, target), 1e-6)}};
    }
    j["streams"] = by_stream;
    nlohmann::json index = nlohmann::json::object();
    nlohmann::json weighted_pop = nlohmann::json::object();
    for (std::size_t c = 0; c < run.targets.components.size(); ++c) {
      index[run.targets.components[c]] =
          round_to(o.component_need_index(c, national[c], run.targets.population), 1e-6);
      weighted_pop[run.targets.components[c]] =
          round_to(static_cast<double>(o.component_weighted[c]), 1e-6);
    }
    j["component_need_index"] = index;
    j["component_weighted_population"] = weighted_pop;
    if (practices != nullptr) j["practices"] = per_org_practices[i];
    orgs.push_back(std::move(j));
  }
  nlohmann::json out = {
      {"level", run.level.level},
      {"quantum_pence", run.targets.quantum},
      {"population", run.targets.population},
      {"components", components},
      {"need_basis", run.need.json()},
      {"organisations", orgs},
      {"total",
       {{"target_pence", total_of(run, &OrganisationBudget::target_pence)},
        {"allocation_pence", total_of(run, &OrganisationBudget::allocation_pence)}}}};
  nlohmann::json streams = nlohmann::json::array();
  for (std::size_t s = 0; s < run.targets.streams.size(); ++s)
    streams.push_back({{"name", run.targets.streams[s]},
                       {"quantum_pence", run.targets.stream_quanta[s]},
                       {"source", run.targets.stream_sources[s]}});
  out["streams"] = streams;
  if (!run.structure.empty()) out["structure"] = run.structure;
  if (run.implied) {
    nlohmann::json shares = nlohmann::json::object();
    for (std::size_t i = 0; i < run.implied->components.size(); ++i)
      shares[std::string(wp_column_key(run.implied->components[i]))] = run.implied->shares[i];
    out["implied_structure"] = {{"shares", shares},
                                {"cost_adjustment_by_icb", run.implied->icb_factor},
                                {"r_squared", run.implied->r_squared},
                                {"max_relative_error", run.implied->max_relative_error}};
  }
  if (run.pace) {
    nlohmann::json years = nlohmann::json::array();
    for (const auto& y : run.pace_years) {
      nlohmann::json rows = nlohmann::json::array();
      for (std::size_t i = 0; i < run.level.organisations.size(); ++i) {
        rows.push_back({{"code", run.level.organisations[i].code},
                        {"target_pence", y.target[i]},
                        {"before_pence", y.before[i]},
                        {"target_before_pence", y.target_before[i]},
                        {"distance_before_pct", round_to(y.distance_before_pct(i), 1e-4)},
                        {"allocation_pence", y.after[i]},
                        {"distance_after_pct", round_to(y.distance_after_pct(i), 1e-4)}});
      }
      years.push_back({{"year", y.year}, {"total_pence", y.total_pence}, {"organisations", rows}});
    }
    const auto& r = *run.pace;
    nlohmann::json rule = {{"growth", r.growth},
                           {"years", r.years},
                           {"floor", r.floor},
                           {"cap", r.cap.value_or(r.floor)}};
    rule["extra"] = r.extra ? nlohmann::json(*r.extra) : nlohmann::json(nullptr);
    rule["max_below_target"] =
        r.max_below_target ? nlohmann::json(*r.max_below_target) : nlohmann::json(nullptr);
    rule["converge"] = r.converge;
    if (!r.growth_by_year.empty()) rule["growth_by_year"] = r.growth_by_year;
    out["pace"] = {{"rule", rule}, {"stream", run.pace_stream}, {"years", years}};
  }
  nlohmann::json pools = nlohmann::json::array();
  for (const auto& pool : run.pools) {
    nlohmann::json partners = nlohmann::json::array();
    for (const auto& p : pool.partners) {
      partners.push_back({{"name", p.name},
                          {"contribution_pence", p.contribution_pence},
                          {"share", p.share},
                          {"organisation", p.organisation >= 0}});
    }
    pools.push_back(
        {{"name", pool.name}, {"total_pence", pool.total_pence}, {"partners", partners}});
  }
  out["pools"] = pools;
  return out;
}

std::string practice_budgets_csv(const AllocationRun& run, const Population& population,
                                 const std::vector<PracticeBudget>& practices) {
  TextTable t;
  t.headers = {"code", "organisation", "population", "weighted_population",
               "indicative_budget_pence"};
  for (const auto& name : run.targets.components)
    t.headers.push_back(name + "_pence");
  for (const auto& b : practices) {
    const auto& p = population.practices()[b.practice];
    std::vector<std::string> row = {
        p.code, run.level.organisations[b.organisation].code, std::to_string(p.list_size()),
        fmt::format("{:.2f}", static_cast<double>(b.weighted_population)),
        std::to_string(b.indicative_budget_pence)};
    for (const auto v : b.components)
      row.push_back(std::to_string(v));
    t.add_row(std::move(row));
  }
  return t.render_csv();
}

nlohmann::json practice_budgets_json(const AllocationRun& run, const Population& population,
                                     const std::vector<PracticeBudget>& practices) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& b : practices)
    out.push_back(practice_json(run, population, b));
  return out;
}

}  // namespace pco

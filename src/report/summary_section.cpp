#include "report/summary_section.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "report/run_lookup.hpp"
#include "report/svg_chart.hpp"
#include "risk/risk_sources.hpp"

namespace pco {

namespace {

// One question answered: the figure, one sentence with its numbers and uncertainty (HTML, with
// a link to the detail), then how it was worked out (hidden on phones, where the detail
// sections are a tap away).
struct Card {
  std::string question;
  std::string big;
  std::string small;
  std::string answer;
  std::string text;
};

std::string cards_html(const std::vector<Card>& cards) {
  std::string html = "<div class=\"cards\">";
  for (const auto& c : cards)
    html += fmt::format(
        "<div class=\"card\"><h3>{}</h3><div class=\"big\">{} <small>{}</small></div><p "
        "class=\"answer\">{}</p><div class=\"more\">{}</div></div>",
        html_escape(c.question), html_escape(c.big), html_escape(c.small), c.answer, c.text);
  return html + "</div>";
}

std::string link(const std::string& id, const std::string& text) {
  return fmt::format("<a href=\"#{}\">{}</a>", id, html_escape(text));
}

std::string esc(const std::string& text) {
  return html_escape(text);
}

// "3.2% below target" / "1.5% above target" / "at target".
std::string distance_words(double pct) {
  if (std::abs(pct) < 0.05) return "at target";
  return fmt::format("{} {} target", percent_value(std::abs(pct)), pct < 0 ? "below" : "above");
}

const StoredAppraisalConfiguration* national_best(const StoredRun& run) {
  for (const auto& c : run.appraisal)
    if (c.best) return &c;
  return nullptr;
}

std::string national_best_sentence(const StoredRun& run) {
  const auto* best = national_best(run);
  if (best == nullptr) return "";
  if (best->status_quo)
    return fmt::format("For the economy as a whole, no alternative beats the status quo ({}).",
                       esc(best->name));
  return fmt::format(
      "For the economy as a whole the best is {} (NPV {}, 5th–95th percentile {} to {}).",
      esc(best->name), money(best->npv), money(best->npv_uncertainty.p05),
      money(best->npv_uncertainty.p95));
}

Card fair_share_card(const StoredRun& run, std::size_t level, const std::string& code) {
  const auto name = organisation_label(run, level, code);
  const auto* a = find_allocation(run, level, code);
  const auto* h = find_holder(run, run.levels[level], code);
  Card c{"(a) What is our fair share, and how far are we from it?", "", "", "", ""};
  if (a == nullptr) {
    c.big = "no formula";
    c.answer =
        "The scenario has no [formula], so there are no fair shares: budgets are the "
        "service model's expected cost. " +
        link("budgets", "Budgets");
    return c;
  }
  c.big = money_pence(a->allocation_pence);
  c.small = "allocation, " + distance_words(a->distance_from_target_pct);
  const double gap = static_cast<double>(a->allocation_pence - a->target_pence) / 100.0;
  c.answer =
      std::abs(a->distance_from_target_pct) < 0.05
          ? fmt::format("Its allocation equals its fair share of {}.", money_pence(a->target_pence))
          : fmt::format("{} ({}) {} its fair share of {}.",
                        percent_value(std::abs(a->distance_from_target_pct)), money(std::abs(gap)),
                        a->distance_from_target_pct < 0 ? "below" : "above",
                        money_pence(a->target_pence));
  // A population file of list totals only is spread by England's age-sex profile
  // (src/model/reference_profile): then the fair share carries no local age structure, which
  // changes the answer, so it is said beside it.
  std::size_t practices = 0;
  std::size_t imputed = 0;
  for (const auto& p : run.practices) {
    if (level < p.organisation.size() && p.organisation[level] == code) {
      ++practices;
      if (p.imputed_structure) ++imputed;
    }
  }
  if (practices > 0 && imputed == practices)
    c.answer +=
        " Its patients' ages and sexes are not in the population file (list totals "
        "only), so they are taken as England's profile and its need as the average.";
  else if (imputed > 0)
    c.answer += fmt::format(
        " For {} of its {} practices ages and sexes were spread from "
        "coarser counts by England's profile.",
        count(static_cast<long long>(imputed)), count(static_cast<long long>(practices)));
  c.answer += " " + link("allocation", "Details");
  const double need = a->need_index;
  std::string text = fmt::format(
      "<p>{}'s fair share (its target) is the formula's share of the money for its {} "
      "registered patients, with a need index of {} ({} the national average per head){}.",
      esc(name), count(a->population), fixed(need, 3),
      std::abs(need - 1) < 0.0005 ? std::string("at")
                                  : percent(std::abs(need - 1)) + (need < 1 ? " below" : " above"),
      std::abs(a->distance_from_target_pct) < 0.05 ? ""
                                                   : "; its allocation is after pace of change");
  if (h != nullptr && h->expected_cost > 0) {
    const double model = h->budget / h->expected_cost - 1;
    text += fmt::format(" The service model expects it to spend {} a year: the allocation is {}.",
                        money(h->expected_cost),
                        std::abs(model) < 0.0005 ? std::string("the same to within 0.1%")
                                                 : percent(std::abs(model)) +
                                                       (model < 0 ? " below that" : " above that"));
  }
  c.text = text + "</p>";
  return c;
}

Card risk_card(const StoredRun& run, std::size_t level, const std::string& code) {
  const auto name = organisation_label(run, level, code);
  Card c{"(b) How likely are we to overspend, and what reserve do we need?", "", "", "", ""};
  const auto* h = find_holder(run, run.levels[level], code);
  if (h == nullptr) {
    c.big = "–";
    c.answer = "The run computed no risk for this organisation.";
    return c;
  }
  const auto& m = h->measures;
  const auto years = simulated_years(run, run.levels[level], code);
  c.big = probability(m.p_overspend_5pct);
  // The headline is the exact one-year figure with the sources of risk the run included
  // (docs/risk-sources.md); the simulation adds carry-over and regional shocks, so both are in
  // the sentence every reader sees, phones included.
  const auto& src = run.risk.sources;
  const bool chance_only = src.chance && !src.formula && !src.shock;
  c.small = chance_only ? "chance of overspending by 5% or more in a year, from chance alone"
                        : "chance of overspending by 5% or more in a year";
  c.answer = fmt::format("A reserve of {} covers 99 years in 100 of it.", money(m.reserve99));
  if (!years.empty() && run.simulation)
    c.answer += fmt::format(
        " With shared good and bad years the simulation puts the first year's chance at {}, and "
        "the chance of at least one overspend in {} years at {}.",
        probability_with_se(years.front()->p_overspend_5pct.value,
                            years.front()->p_overspend_5pct.se),
        run.simulation->settings.years,
        probability_with_se(years.back()->p_any_overspend.value, years.back()->p_any_overspend.se));
  c.answer += " " + link("risk", "Details") +
              (years.empty() ? "" : " · " + link("simulation", "over the years"));
  std::string text = fmt::format(
      "<p>Against its budget of {}, {}'s chance of overspending by 5% or more in a year is {}, "
      "and of overspending at all {} (the exact distribution of one year's cost around the "
      "service model's expected cost of {}; {}).",
      money(h->budget), esc(name), probability(m.p_overspend_5pct), probability(m.p_overspend),
      money(h->expected_cost), esc(describe_sources(src)));
  // Risk by source (issue 15): each source's CV alone, so the reader sees what pooling can
  // reduce (chance) and what it cannot (formula error, the shared shock).
  if (h->expected_cost > 0)
    text += fmt::format(
        " The spread of its annual cost (CV {}) comes from chance (CV {} alone), formula error "
        "({}) and the shared shock ({}): pooling reduces the chance part, not the area part of "
        "formula error nor the shared shock.",
        percent(h->measures.cv, 1), percent(h->sd_chance / h->expected_cost, 1),
        percent(h->sd_formula / h->expected_cost, 1), percent(h->sd_shock / h->expected_cost, 1));
  if (!years.empty() && run.simulation) {
    const auto& s = run.simulation->settings;
    text += fmt::format(
        " The simulation shares good and bad years nationally (CV {}) and regionally (CV {}) and "
        "carries over- and underspends forward ({} replications; its figures are given ± one "
        "standard error).",
        percent(s.shock_cv), percent(s.regional_shock_cv),
        count(static_cast<long long>(s.replications)));
  }
  c.text = text + "</p>";
  return c;
}

Card appraisal_card(const StoredRun& run, std::size_t level, const std::string& code) {
  const auto name = organisation_label(run, level, code);
  Card c{"(c) Should we merge, federate, or stay as we are?", "", "", "", ""};
  if (run.appraisal.empty()) {
    c.big = "–";
    c.answer =
        "No configurations were appraised: the scenario has no [appraisal] "
        "alternatives.";
    return c;
  }
  const auto views = appraisal_views(run, code);
  std::vector<AlternativeView> changing;
  for (const auto& v : views)
    if (v.view->changed) changing.push_back(v);
  if (changing.empty()) {
    c.big = "stay";
    c.small = "no alternative changes it";
    c.answer = fmt::format("None of the {} alternatives appraised changes {}. {} {}", views.size(),
                           esc(name), national_best_sentence(run), link("appraisal", "Details"));
    return c;
  }
  const auto best = *std::max_element(changing.begin(), changing.end(), [](auto a, auto b) {
    return a.view->cashflow.npv < b.view->cashflow.npv;
  });
  const auto& v = *best.view;
  const auto& u = v.npv_uncertainty;
  const int horizon = best.configuration->years;
  c.big = money(v.cashflow.npv);
  c.small = "its own NPV over " + std::to_string(horizon) + " years: " + best.configuration->name;
  c.answer =
      fmt::format("{}{}", v.cashflow.npv >= 0 ? "Best for it" : "Least costly for it",
                  u.draws > 0 ? fmt::format(": 5th–95th percentile {} to {}, a {} chance it pays "
                                            "back within {} years.",
                                            money(u.p05), money(u.p95),
                                            probability(u.probability_positive), horizon)
                              : ".");
  c.answer += " " + link("appraisal-focus", "Details");
  std::string text = fmt::format(
      "<p>{} of the {} alternatives change {}. {} is {}{}. Its chance of overspending by 5% or "
      "more would go from {} to {}, its management cost from {} to {} a year. {}</p>",
      changing.size(), views.size(), esc(name),
      v.cashflow.npv >= 0 ? "The best for it"
                          : "None pays back at the base values; the least "
                            "costly",
      esc(best.configuration->name),
      v.cashflow.break_even_year
          ? fmt::format(", breaking even in year {}", *v.cashflow.break_even_year)
          : std::string(", never breaking even within the horizon"),
      probability(v.p_overspend_5pct_before), probability(v.p_overspend_5pct_after),
      money(v.management_cost_before), money(v.management_cost_after), national_best_sentence(run));
  c.text = text;
  return c;
}

std::vector<Card> national_cards(const StoredRun& run, std::size_t level) {
  const auto& allocations = run.allocations[level];
  const auto& level_name = run.levels[level];
  std::vector<Card> cards;
  {
    Card c{"(a) Fair shares", "", "", "", ""};
    if (allocations.empty()) {
      c.big = "no formula";
      c.answer =
          "The scenario has no [formula]: budgets are the service model's expected "
          "cost. " +
          link("budgets", "Budgets");
    } else {
      std::int64_t total = 0;
      std::size_t below = 0, above = 0;
      const StoredAllocation* furthest = &allocations.front();
      for (const auto& a : allocations) {
        total += a.allocation_pence;
        below += a.distance_from_target_pct < -1 ? 1 : 0;
        above += a.distance_from_target_pct > 1 ? 1 : 0;
        if (std::abs(a.distance_from_target_pct) > std::abs(furthest->distance_from_target_pct))
          furthest = &a;
      }
      c.big = money_pence(total);
      c.small = fmt::format("to {} organisations", allocations.size());
      c.answer = fmt::format(
          "{} organisations are more than 1% below their fair share, {} more than 1% above; "
          "furthest: {}, {}. {}",
          below, above, esc(organisation_label(run, level, furthest->code)),
          distance_words(furthest->distance_from_target_pct), link("allocation", "Details"));
    }
    cards.push_back(c);
  }
  {
    Card c{"(b) Risk of overspending", "", "", "", ""};
    const HolderRisk* worst = nullptr;
    double reserves = 0;
    std::size_t over = 0, holders = 0;
    for (const auto& h : run.risk.holders) {
      if (h.level != level_name) continue;
      ++holders;
      reserves += h.measures.reserve99;
      over += h.measures.p_overspend_5pct >= 0.025 ? 1 : 0;
      if (worst == nullptr || h.measures.p_overspend_5pct > worst->measures.p_overspend_5pct)
        worst = &h;
    }
    if (worst == nullptr) {
      c.big = "–";
      c.answer = "The run computed no risk at this level.";
    } else {
      c.big = probability(worst->measures.p_overspend_5pct);
      c.small = "highest chance of overspending by 5% or more: " + worst->code;
      c.answer = fmt::format(
          "{} of {} organisations have a 2.5% chance or more of overspending by 5% or more in a "
          "year; their 99% reserves add up to {}. {}",
          over, holders, money(reserves), link("risk", "Details"));
      c.text =
          "<p>The published figure for formula-set mental health budgets of consortia of "
          "87–104k people was 2.5–5% (docs/validation.md).</p>";
    }
    cards.push_back(c);
  }
  {
    Card c{"(c) Merge, federate or stay?", "", "", "", ""};
    const auto* best = national_best(run);
    if (best == nullptr) {
      c.big = "–";
      c.answer = "No configurations were appraised.";
    } else {
      c.big = best->status_quo ? "stay" : money(best->npv);
      c.small = best->status_quo ? "no alternative beats the status quo" : "NPV: " + best->name;
      c.answer = national_best_sentence(run) +
                 (best->npv_uncertainty.draws > 0 && !best->status_quo
                      ? fmt::format(" Chance it pays back within {} years: {}.", best->years,
                                    probability(best->npv_uncertainty.probability_positive))
                      : "") +
                 " " + link("appraisal", "Details");
    }
    cards.push_back(c);
  }
  return cards;
}

// The organisations most at risk and furthest from target, side by side.
std::string league_tables(const StoredRun& run, std::size_t level, const std::string& focus) {
  const auto& level_name = run.levels[level];
  std::vector<const HolderRisk*> holders;
  for (const auto& h : run.risk.holders)
    if (h.level == level_name) holders.push_back(&h);
  std::stable_sort(holders.begin(), holders.end(), [](const auto* a, const auto* b) {
    return a->measures.p_overspend_5pct > b->measures.p_overspend_5pct;
  });
  const auto mark = [&](const std::string& code) {
    return organisation_label(run, level, code) + (code == focus ? " (you)" : "");
  };
  std::string html = "<div class=\"pair\">";
  {
    TextTable t;
    t.headers = {"Most at risk", "P(overspend ≥ 5%)", "99% reserve", "Distance"};
    t.right_align = {false, true, true, true};
    for (std::size_t i = 0; i < holders.size() && i < 5; ++i) {
      const auto* a = find_allocation(run, level, holders[i]->code);
      t.add_row({mark(holders[i]->code), probability(holders[i]->measures.p_overspend_5pct),
                 money(holders[i]->measures.reserve99),
                 a ? percent_value(a->distance_from_target_pct, 1, true) : "–"});
    }
    if (!t.rows.empty()) html += "<div>" + html_table(t) + "</div>";
  }
  {
    std::vector<const StoredAllocation*> far;
    for (const auto& a : run.allocations[level])
      far.push_back(&a);
    std::stable_sort(far.begin(), far.end(), [](const auto* a, const auto* b) {
      return std::abs(a->distance_from_target_pct) > std::abs(b->distance_from_target_pct);
    });
    // Without pace of change every allocation is its target: a list of five organisations
    // "furthest" at 0.0% would say nothing, so the page says that instead.
    if (!far.empty() && std::abs(far.front()->distance_from_target_pct) < 0.05) {
      html +=
          "<div><p class=\"note\">Every organisation's allocation is its fair share, to "
          "within 0.05%, so none is listed as furthest from target (distances arise when "
          "pace of change, <code>[pace]</code>, starts from last year's money).</p></div>";
      return html + "</div>";
    }
    TextTable t;
    t.headers = {"Furthest from target", "Distance", "Allocation", "Target"};
    t.right_align = {false, true, true, true};
    for (std::size_t i = 0; i < far.size() && i < 5; ++i)
      t.add_row({mark(far[i]->code), percent_value(far[i]->distance_from_target_pct, 1, true),
                 money_pence(far[i]->allocation_pence), money_pence(far[i]->target_pence)});
    if (!t.rows.empty()) html += "<div>" + html_table(t) + "</div>";
  }
  return html + "</div>";
}

std::string national_paragraph(const StoredRun& run, std::size_t level) {
  const auto& r = run.risk.reconciliation;
  std::string html;
  if (r.warning) html += warning_html(*r.warning);
  const auto n = run.organisations[level].size();
  if (r.from_allocation) {
    html += fmt::format(
        "<p>{} organisations at level {}. Budgets are the allocation: {} in all, against the "
        "service model's expected cost of {} ({}, {}, {} it). {}</p>",
        n, esc(run.levels[level]), money_pence(r.allocation_pence), money(r.expected_cost),
        money(std::abs(r.gap)),
        // Rounded to 0.0% the gap would read as none; it is named in pounds beside it.
        std::abs(r.gap_pct) < 0.05 ? std::string("< 0.1%") : percent_value(std::abs(r.gap_pct), 1),
        r.gap >= 0 ? "above" : "below", link("budgets", "How the two reconcile"));
  } else if (r.expected_cost > 0) {
    html += fmt::format(
        "<p>{} organisations at level {}. No [formula]: each budget is the service model's "
        "expected cost × (1 + margin {}), {} in all. {}</p>",
        n, esc(run.levels[level]), fixed(r.margin, 3), money(r.expected_cost * (1 + r.margin)),
        link("budgets", "Budgets"));
  }
  return html;
}

}  // namespace

ReportSection summary_section(const StoredRun& run, std::size_t level, const std::string& focus) {
  ReportSection s;
  s.id = "summary";
  if (!focus.empty()) {
    s.title = organisation_label(run, level, focus) + ": the answers";
    s.html = cards_html({fair_share_card(run, level, focus), risk_card(run, level, focus),
                         appraisal_card(run, level, focus)});
    s.html += "<h3>All organisations</h3>" + national_paragraph(run, level) +
              league_tables(run, level, focus);
  } else {
    s.title = fmt::format("Summary: {} organisations at level {}", run.organisations[level].size(),
                          run.levels[level]);
    s.html = cards_html(national_cards(run, level)) + national_paragraph(run, level) +
             league_tables(run, level, focus) +
             "<p class=\"note\">Give an organisation (pco report --focus CODE, or [report] focus "
             "in the scenario) for its own answers first.</p>";
  }
  return s;
}

}  // namespace pco

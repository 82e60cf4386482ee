#include "report/commissioning_sections.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/table.hpp"
#include "report/contracts_report.hpp"
#include "report/svg_chart.hpp"
#include "report/svg_sankey.hpp"

namespace pco {

namespace {

constexpr std::size_t kSankeyCommissioners = 12;
constexpr std::size_t kSankeyProviders = 20;
constexpr std::size_t kTableRows = 40;

// Commissioners and providers ranked by money, the rest grouped as "other".
std::string money_sankey(const CommissioningRun& run) {
  std::map<std::size_t, double> by_holder;
  std::map<std::uint32_t, double> by_provider;
  for (const auto& f : run.money_flows) {
    by_holder[f.holder] += f.expected;
    by_provider[f.provider] += f.expected;
  }
  const auto top = [](const auto& totals, std::size_t n) {
    std::vector<std::pair<double, typename std::decay_t<decltype(totals)>::key_type>> ranked;
    for (const auto& [key, value] : totals)
      ranked.emplace_back(value, key);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (ranked.size() > n) ranked.resize(n - 1);
    return ranked;
  };
  const auto holders = top(by_holder, kSankeyCommissioners);
  const auto providers = top(by_provider, kSankeyProviders);
  std::vector<SankeyNode> left, right;
  std::map<std::size_t, std::size_t> left_of;
  std::map<std::uint32_t, std::size_t> right_of;
  for (const auto& [value, h] : holders) {
    left_of[h] = left.size();
    left.push_back({run.set.holders[h].code, 0});
  }
  const std::size_t other_left = left.size();
  if (holders.size() < by_holder.size()) left.push_back({"other commissioners", 0});
  for (const auto& [value, j] : providers) {
    right_of[j] = right.size();
    right.push_back(
        {run.model.providers[j].code, static_cast<std::size_t>(run.model.providers[j].kind)});
  }
  const std::size_t other_right = right.size();
  if (providers.size() < by_provider.size()) right.push_back({"other providers", 7});
  std::map<std::pair<std::size_t, std::size_t>, double> links;
  for (const auto& f : run.money_flows) {
    const auto l = left_of.count(f.holder) ? left_of[f.holder] : other_left;
    const auto r = right_of.count(f.provider) ? right_of[f.provider] : other_right;
    links[{l, r}] += f.expected;
  }
  std::vector<SankeyLink> bands;
  for (const auto& [key, value] : links)
    bands.push_back({key.first, key.second, value / 1e6});
  return svg_sankey(left, right, bands,
                    "Money from commissioners to providers (expected, before pathway shifts)",
                    "£m a year");
}

std::string legend() {
  std::string out = "<p>Providers are coloured by kind: ";
  for (std::size_t k = 0; k <= static_cast<std::size_t>(ProviderKind::other); ++k)
    out += fmt::format("<span style=\"color:{}\">&#9632;</span> {}{}", category_colour(k),
                       provider_kind_label(static_cast<ProviderKind>(k)),
                       k < static_cast<std::size_t>(ProviderKind::other) ? ", " : ".</p>");
  return out;
}

}  // namespace

std::vector<ReportSection> commissioning_sections(const CommissioningRun& run,
                                                  const ServiceModel& model) {
  std::map<PaymentForm, std::size_t> forms;
  double through = 0;
  for (std::size_t k = 0; k < run.set.contracts.size(); ++k) {
    ++forms[run.set.contracts[k].payment];
    through += run.state.contracts[k].expected_payment;
  }
  std::string counts;
  for (const auto& [form, n] : forms)
    counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", n, payment_label(form));
  std::string html = fmt::format(
      "<p>Commissioning at level <b>{}</b>: {} contracts ({}) carrying £{} a year, with {} "
      "providers. Every figure is exact (docs/commissioning.md): what each commissioner pays, "
      "what its provider's care costs and the provider's margin; <i>commissioner share</i> is "
      "Cov(provider cost, payment) / Var(provider cost), the share of the year-to-year variance "
      "of the cost of care that the commissioner bears (the provider bears the rest). Budgets: "
      "{}.</p>",
      html_escape(run.set.level), run.set.contracts.size(), counts.empty() ? "none" : counts,
      with_thousands(std::llround(through)), run.state.providers.size(),
      html_escape(run.budget_source));
  html += money_sankey(run) + legend();
  html +=
      "<h3>Budget holders: paying everything at tariff, and with their contracts in "
      "force</h3>" +
      html_table(commissioner_table(run, run.state, false), kTableRows);
  // The largest providers and contracts first.
  CommissioningState ranked = run.state;
  std::stable_sort(
      ranked.providers.begin(), ranked.providers.end(),
      [](const auto& a, const auto& b) { return a.expected_income > b.expected_income; });
  html += "<h3>Providers: income and margin risk over all their contracts</h3>" +
          html_table(provider_table(run, ranked, false), kTableRows);
  html +=
      "<h3>Contracts</h3>" + html_table(contract_table(run, model, run.state, false), kTableRows);
  std::vector<ReportSection> out = {{"contracts", "Providers and contracts", html}};
  if (run.after) {
    std::string shifts =
        "<p>Care-pathway shifts: the activity each moves, the change in each commissioner's "
        "expected payments and risk with its contracts in force, and the providers whose income "
        "or margin risk changes (docs/commissioning.md, \"Care-pathway shifts\").</p>";
    shifts += html_table(movement_table(run, false));
    shifts += "<h3>Effect on commissioners (at full effect)</h3>" +
              html_table(shift_effect_table(run, false));
    shifts += "<h3>Who bears the change</h3>" + html_table(shift_provider_table(run, false));
    shifts += "<h3>Year by year</h3>" + html_table(schedule_table(run, false));
    out.push_back({"pathway_shifts", "Care-pathway shifts", shifts});
  }
  return out;
}

}  // namespace pco

#include "demand/service_export.hpp"

#include <sstream>

#include <fmt/format.h>

#include "model/age_sex.hpp"

namespace pco {

namespace {

// "m_0_4" … "f_95_plus": the CSV's rate columns.
std::string cell_column(int cell) {
  const int band = cell_band(cell);
  const std::string sex = cell_sex(cell) == Sex::male ? "m" : "f";
  const int upper = band_upper_age(band);
  return upper < 0 ? fmt::format("{}_{}_plus", sex, band_lower_age(band))
                   : fmt::format("{}_{}_{}", sex, band_lower_age(band), upper);
}

std::string csv_text(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

constexpr std::string_view kTariff = "tariff:";

}  // namespace

toml::table service_model_toml(const ServiceModel& model, const RiskSettings& settings) {
  const auto& s = settings.sources;
  toml::array sources;
  if (s.chance) sources.push_back("chance");
  if (s.formula) sources.push_back("formula");
  if (s.shock) sources.push_back("shock");
  toml::table risk{{"default_services", false},
                   {"margin", settings.margin},
                   {"sources", std::move(sources)},
                   {"formula_practice_sd", s.formula_practice_sd},
                   {"formula_area_sd", s.formula_area_sd},
                   {"shock_sd", s.shock_sd},
                   {"effective_list", s.effective_list}};
  toml::array lines;
  for (const auto& line : model.services) {
    toml::array rates;
    for (double r : line.rates)
      rates.push_back(r);
    toml::table t{{"name", line.name},
                  {"level", line.level},
                  {"rates", std::move(rates)},
                  {"phi", line.phi},
                  {"need_scaled", line.need_scaled}};
    if (line.severity_text.rfind(kTariff, 0) == 0)
      t.insert("tariff", line.severity_text.substr(kTariff.size()));
    else
      t.insert("cost", line.severity_text);
    if (!line.providers.empty()) {
      toml::array providers;
      for (const auto& p : line.providers)
        providers.push_back(toml::table{{"name", p.name}, {"share", p.share}});
      t.insert("provider", std::move(providers));
    }
    lines.push_back(std::move(t));
  }
  return toml::table{{"risk", std::move(risk)}, {"service", std::move(lines)}};
}

std::string service_model_toml_text(const ServiceModel& model, const RiskSettings& settings) {
  std::ostringstream out;
  out << "# The service model in force: " << model.source << ".\n"
      << "# Each line's rates are events per person-year by cell: men 0-4 ... 95+, then women\n"
      << "# (docs/services.md); the sources of risk are in docs/risk-sources.md. Put these\n"
      << "# sections in a scenario in place of its [risk] and [[service]] and edit them: pco\n"
      << "# reads them back unchanged.\n\n"
      << service_model_toml(model, settings) << "\n";
  return out.str();
}

std::string service_model_csv(const ServiceModel& model) {
  std::string out = "name,level,rate_per_head,mean_cost,cost_per_head,phi,cost,need_scaled";
  for (int c = 0; c < kCells; ++c)
    out += "," + cell_column(c);
  out += "\n";
  for (const auto& line : model.services) {
    out += fmt::format("{},{},{:.17g},{:.17g},{:.17g},{:.17g},{},{}", csv_text(line.name),
                       csv_text(line.level), national_events_per_head(line), line.severity.mean(),
                       national_cost_per_head(line), line.phi, csv_text(line.severity_text),
                       line.need_scaled ? "true" : "false");
    for (double r : line.rates)
      out += fmt::format(",{:.17g}", r);
    out += "\n";
  }
  return out;
}

nlohmann::json service_model_json(const ServiceModel& model, const RiskSettings& settings) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& line : model.services) {
    nlohmann::json providers = nlohmann::json::array();
    for (const auto& p : line.providers)
      providers.push_back({{"name", p.name}, {"share", p.share}});
    lines.push_back({{"name", line.name},
                     {"level", line.level},
                     {"rate_per_head", national_events_per_head(line)},
                     {"mean_cost", line.severity.mean()},
                     {"cost_per_head", national_cost_per_head(line)},
                     {"phi", line.phi},
                     {"cost", line.severity_text},
                     {"need_scaled", line.need_scaled},
                     {"rates", line.rates},
                     {"providers", providers}});
  }
  return {{"source", model.source},
          {"margin", settings.margin},
          {"sources", sources_to_json(settings.sources)},
          {"services", std::move(lines)}};
}

}  // namespace pco

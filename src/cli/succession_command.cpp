#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/output.hpp"
#include "core/table.hpp"
#include "core/text.hpp"
#include "geo/succession.hpp"
#include "readers/geojson_boundaries.hpp"

namespace pco::cli {

namespace {

struct SuccessionOptions {
  std::string before;
  std::string after;
  std::string before_codes;
  std::string after_codes;
  std::string name = "replay";
  std::string level = "ccg";
  std::string format = "table";
  std::string out;
};

std::string render_table(const SuccessionPlan& plan) {
  std::string out = fmt::format("{} areas before, {} after: {} mergers, {} unchanged, {} split\n\n",
                                plan.before_count, plan.after_count, plan.merged.size(),
                                plan.unchanged.size(), plan.split.size());
  TextTable t;
  t.headers = {"after", "name", "predecessors (share of each that went here)"};
  t.right_align = {false, false, false};
  for (const auto& m : plan.merged) {
    std::string parts;
    for (const auto& [code, share] : m.predecessors)
      parts += fmt::format("{}{} ({:.0f}%)", parts.empty() ? "" : ", ", code, 100 * share);
    t.add_row({m.code, m.name, parts});
  }
  out += "Mergers\n" + t.render_text();
  if (!plan.split.empty()) {
    TextTable s;
    s.headers = {"before", "name", "went to (share)"};
    s.right_align = {false, false, false};
    for (const auto& a : plan.split) {
      std::string parts;
      for (const auto& [code, share] : a.after)
        parts += fmt::format("{}{} ({:.1f}%)", parts.empty() ? "" : ", ",
                             code.empty() ? "outside" : code, 100 * share);
      s.add_row({a.before_code, a.before_name, parts});
    }
    out +=
        "\nAreas not wholly inside one successor (boundary changes, or generalisation of the "
        "boundary files)\n" +
        s.render_text();
  }
  return out;
}

void run(const SuccessionOptions& o) {
  const auto load = [](const std::string& path) {
    return AreaIndex(parse_geojson_boundaries({path, read_text_file(path)}));
  };
  const auto before = load(o.before);
  const auto after = load(o.after);
  std::optional<CodeLookup> before_codes, after_codes;
  if (!o.before_codes.empty())
    before_codes = read_code_lookup({o.before_codes, read_text_file(o.before_codes)});
  if (!o.after_codes.empty())
    after_codes = read_code_lookup({o.after_codes, read_text_file(o.after_codes)});
  const auto plan = plan_successions(before, after, before_codes ? &*before_codes : nullptr,
                                     after_codes ? &*after_codes : nullptr);
  std::string text;
  if (o.format == "toml") {
    text = succession_toml(plan, o.name, o.level);
  } else if (o.format == "json") {
    nlohmann::json merged = nlohmann::json::array();
    for (const auto& m : plan.merged) {
      nlohmann::json preds = nlohmann::json::array();
      for (const auto& [code, share] : m.predecessors)
        preds.push_back({{"code", code}, {"share", share}});
      merged.push_back({{"code", m.code}, {"name", m.name}, {"predecessors", preds}});
    }
    text = nlohmann::json{{"before", plan.before_count},
                          {"after", plan.after_count},
                          {"merged", merged},
                          {"unchanged", plan.unchanged.size()},
                          {"split", plan.split.size()}}
               .dump(2) +
           "\n";
  } else {
    text = render_table(plan);
  }
  emit_output(text, o.out);
}

}  // namespace

void add_succession_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<SuccessionOptions>();
  auto* cmd = app.add_subcommand(
      "succession",
      "Which areas of one set of boundaries became which of another (e.g. the 135 CCGs of April "
      "2020 and the 106 of April 2021): each old area's successor is the new area holding most "
      "of it (by a grid of sample points); a new area with several predecessors is a merger. "
      "--format toml writes the mergers as an [[appraisal.alternative]] to appraise them as "
      "pco would have beforehand. docs/population.md.");
  cmd->add_option("--before", o->before, "GeoJSON boundaries before the change")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--after", o->after, "GeoJSON boundaries after the change")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--before-codes", o->before_codes,
                  "ONS -> ODS code lookup for the old areas (e.g. ref_ccg20.csv: CCG20CD,CCG20CDH)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--after-codes", o->after_codes, "ONS -> ODS code lookup for the new areas")
      ->check(CLI::ExistingFile);
  cmd->add_option("--name", o->name, "Name of the alternative (toml)")->capture_default_str();
  cmd->add_option("--level", o->level, "Level the merges apply at (toml)")->capture_default_str();
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"table", "toml", "json"}));
  cmd->add_option("--out", o->out, "Write to this file instead of standard output");
  cmd->callback([o, &exit_code] { exit_code = run_guarded([&] { run(*o); }); });
}

}  // namespace pco::cli

#include "governance/typology.hpp"

#include <set>

#include <fmt/format.h>

#include "core/text.hpp"
#include "governance/csv_input.hpp"

namespace pco {

namespace {

constexpr std::array<std::string_view, kCriterionCount> kCodes = {
    "stayed_together", "purchasing_directly", "changing_provision",
    "shifting_care",   "external_links",      "within_budget"};

constexpr std::array<std::string_view, kTypeCount> kLabels = {
    "Underperforming",        "Developmental", "Co-purchasing",
    "Primary care developer", "Commissioning", "Fully integrated"};

}  // namespace

std::string_view criterion_code(Criterion c) {
  return kCodes[static_cast<std::size_t>(c)];
}

std::string_view type_label(int type) {
  if (type < 1 || type > kTypeCount) return "unknown";
  return kLabels[static_cast<std::size_t>(type - 1)];
}

int classify(const TypologyRecord& r) {
  using C = Criterion;
  bool all = true;
  for (const bool m : r.met)
    all = all && m;
  if (all) return 6;
  if (r.has(C::purchasing_directly) && r.has(C::changing_provision) && r.has(C::shifting_care))
    return 5;
  if (r.has(C::changing_provision) || r.has(C::shifting_care)) return 4;
  if (!r.has(C::purchasing_directly) && r.has(C::external_links)) return 3;
  if (r.has(C::stayed_together) && r.has(C::within_budget)) return 2;
  return 1;
}

ShareTable typology_table(const std::vector<TypologyRecord>& records, const std::string& year) {
  ShareTable table;
  for (int t = 1; t <= kTypeCount; ++t)
    table.categories.push_back({std::to_string(t), std::string(type_label(t)), 0});
  for (const auto& r : records) {
    if (!year.empty() && r.year != year) continue;
    ++table.categories[static_cast<std::size_t>(classify(r) - 1)].count;
    ++table.responders;
  }
  return table;
}

std::vector<TypologyRecord> parse_typology(std::string_view text, const std::string& file) {
  DiagnosticList problems;
  const std::string header =
      "organisation,year,stayed_together,purchasing_directly,changing_provision,shifting_care,"
      "external_links,within_budget[,budget,outturn][,type]";
  const auto doc = parse_csv_document(text, file, header, problems);
  std::vector<RequiredColumn> wanted = {{"organisation", {"organisation", "org"}},
                                        {"year", {"year"}}};
  for (const auto c : kCodes)
    wanted.push_back({std::string(c), {c}});
  const auto cols = require_columns(doc.header, wanted, file, doc.header_line, problems);
  problems.throw_if_any();
  const auto budget = doc.header.find({"budget"});
  const auto outturn = doc.header.find({"outturn"});
  const auto type = doc.header.find({"type", "recorded_type"});

  std::vector<TypologyRecord> records;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& record : doc.records) {
    FieldReader reader(file, record, &doc.header, problems);
    TypologyRecord r;
    r.file = file;
    r.line = record.line;
    const auto org = reader.required_text(*cols[0], "an organisation code");
    const auto year = reader.required_text(*cols[1], "a year, e.g. 1996/97");
    bool ok = org && year;
    for (std::size_t c = 0; c < kCriterionCount; ++c) {
      const auto idx = *cols[2 + c];
      const auto t = trim(reader.text(idx));
      if (t.empty() && c == static_cast<std::size_t>(Criterion::within_budget) && budget &&
          outturn) {
        const auto b = reader.number(*budget, "a budget in pounds");
        const auto o = reader.number(*outturn, "an outturn in pounds");
        if (b && o) r.met[c] = *o <= *b;
        ok = ok && b && o;
        continue;
      }
      if (const auto v = parse_yes_no(t)) {
        r.met[c] = *v;
      } else {
        reader.problem(idx, c == static_cast<std::size_t>(Criterion::within_budget)
                                ? "yes or no (or empty with budget and outturn columns)"
                                : "yes or no");
        ok = false;
      }
    }
    if (type && !trim(reader.text(*type)).empty()) {
      if (const auto t = reader.number_in(*type, 1, 6); t && *t == static_cast<int>(*t)) {
        r.recorded_type = static_cast<int>(*t);
      } else if (t) {
        reader.problem(*type, "a whole type number from 1 to 6");
      }
    }
    if (!ok) continue;
    r.organisation = *org;
    r.year = *year;
    if (!seen.emplace(r.organisation, r.year).second) {
      reader.problem(*cols[0], "one row per organisation and year (" + r.year + " repeated)");
      continue;
    }
    records.push_back(std::move(r));
  }
  problems.sort_by_position();
  problems.throw_if_any();
  return records;
}

std::vector<TypologyRecord> read_typology(const std::string& path) {
  return parse_typology(read_text_file(path), path);
}

std::optional<int> type_of(const std::vector<TypologyRecord>& records,
                           std::string_view organisation, const std::string& year) {
  const TypologyRecord* best = nullptr;
  for (const auto& r : records) {
    if (r.organisation != organisation) continue;
    if (!year.empty()) {
      if (r.year == year) return classify(r);
      continue;
    }
    if (best == nullptr || r.year > best->year) best = &r;
  }
  if (best == nullptr) return std::nullopt;
  return classify(*best);
}

}  // namespace pco

#pragma once
// The self-contained HTML report: one file with inline CSS and SVG charts, no scripts and no
// external resources, so it opens with no network and prints cleanly.

#include <string>
#include <utility>
#include <vector>

#include "report/table.hpp"

namespace pco {

struct ReportSection {
  std::string id;     // anchor, e.g. "map"
  std::string title;  // heading and table-of-contents entry
  std::string html;   // body
};

struct ReportDocument {
  std::string title;
  std::vector<std::pair<std::string, std::string>> facts;  // run metadata shown at the top
  std::vector<ReportSection> sections;
};

std::string render_html_report(const ReportDocument& document);

// An HTML table from a TextTable; numeric columns (right_align) are right-aligned. At most
// `max_rows` rows are shown, with a note saying where the rest are.
std::string html_table(const TextTable& table, std::size_t max_rows = 400,
                       const std::string& full_file = "");

}  // namespace pco

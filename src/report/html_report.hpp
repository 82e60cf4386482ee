#pragma once
// The self-contained HTML report: one file with inline CSS and SVG charts, no scripts and no
// external resources, so it opens with no network. It opens with the answer (a summary section,
// id "summary"), then a table of contents and the detail sections, each collapsed in a
// <details> element that a contents link opens. The layout works from 390 px phones to wide
// screens (docs/report.md).

#include <string>
#include <utility>
#include <vector>

#include "core/table.hpp"
#include "store/stored_table.hpp"

namespace pco {

struct ReportDocument {
  std::string title;
  std::string subtitle;                                    // one line under the title
  ReportSection summary;                                   // the answer first; id "summary"
  std::vector<ReportSection> sections;                     // details, in order
  std::vector<std::pair<std::string, std::string>> facts;  // run metadata ("About this run")
  std::string about_html;                                  // more for "About this run"
};

std::string render_html_report(const ReportDocument& document);

// An HTML table from a TextTable; numeric columns (right_align) are right-aligned, and the table
// scrolls sideways on narrow screens. At most `max_rows` rows are shown, with a note saying where
// the rest are (`full_file`: a CSV written beside the report, linked).
std::string html_table(const TextTable& table, std::size_t max_rows = 400,
                       const std::string& full_file = "");

// A warning box; scenario keys in it (snake_case words) are set as code, something to type.
std::string warning_html(const std::string& text);

// Identifiers in table views (governance codes, snake_case headers) as readable labels.
TextTable readable_table(TextTable table);

}  // namespace pco

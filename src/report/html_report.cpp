#include "report/html_report.hpp"

#include <fmt/format.h>

#include "report/svg_chart.hpp"

namespace pco {

namespace {

constexpr std::string_view kStyle = R"css(
body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
th, td { border: 1px solid #ddd; padding: 2px 6px; } th { background: #f3f3f3; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.facts td:first-child { font-weight: bold; } .note { color: #555; font-size: 0.9em; }
nav ul { columns: 2; } svg { max-width: 100%; height: auto; }
)css";

}  // namespace

std::string html_table(const TextTable& table, std::size_t max_rows, const std::string& full_file) {
  std::string html = "<table><thead><tr>";
  for (const auto& h : table.headers)
    html += "<th>" + html_escape(h) + "</th>";
  html += "</tr></thead><tbody>";
  const std::size_t shown = std::min(max_rows, table.rows.size());
  for (std::size_t r = 0; r < shown; ++r) {
    html += "<tr>";
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      const bool numeric = c < table.right_align.size() && table.right_align[c];
      html += fmt::format("<td{}>{}</td>", numeric ? " class=\"n\"" : "",
                          html_escape(table.rows[r][c]));
    }
    html += "</tr>";
  }
  html += "</tbody></table>";
  if (shown < table.rows.size()) {
    html +=
        fmt::format("<p class=\"note\">First {} of {} rows shown{}.</p>", shown, table.rows.size(),
                    full_file.empty() ? "" : "; all rows are in " + html_escape(full_file));
  }
  return html;
}

std::string render_html_report(const ReportDocument& document) {
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>{0}</title><style>{1}</style></head><body><h1>{0}</h1>",
      html_escape(document.title), kStyle);
  html += "<table class=\"facts\">";
  for (const auto& [k, v] : document.facts)
    html += fmt::format("<tr><td>{}</td><td>{}</td></tr>", html_escape(k), html_escape(v));
  html += "</table><nav><h2>Contents</h2><ul>";
  for (const auto& s : document.sections)
    html += fmt::format("<li><a href=\"#{}\">{}</a></li>", s.id, html_escape(s.title));
  html += "</ul></nav>";
  for (const auto& s : document.sections) {
    html += fmt::format("<section id=\"{}\"><h2>{}</h2>{}</section>\n", s.id, html_escape(s.title),
                        s.html);
  }
  html += "<p class=\"note\">Written by pco, the primary care organisation engine.</p>";
  html += "</body></html>\n";
  return html;
}

}  // namespace pco

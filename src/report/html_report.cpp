#include "report/html_report.hpp"

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "core/number_format.hpp"
#include "report/svg_chart.hpp"

namespace pco {

namespace {

constexpr std::string_view kStyle = R"css(
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0 auto;
max-width:1120px;padding:0 16px 32px;color:#1b1b1b;line-height:1.45;font-size:16px}
h1{font-size:1.5em;margin:16px 0 2px} h2{font-size:1.2em;margin:0}
h3{font-size:1.05em;margin:18px 0 6px} .run{color:#555;font-size:.85em;margin:0 0 12px}
a{color:#0b5cad} p{margin:6px 0 10px}
#summary{border-top:3px solid #0b5cad;padding-top:8px}
#summary h2{margin:4px 0 8px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(290px,1fr));gap:12px;margin:8px 0 12px}
.card{border:1px solid #d0d7de;border-radius:8px;padding:10px 14px;background:#fbfcfd}
.card h3{margin:0 0 2px;font-size:.95em;color:#444;font-weight:600}
.card .big{font-size:1.7em;font-weight:700;line-height:1.2}
.card .big small{font-size:.55em;font-weight:600;color:#444}
.card p{font-size:.9em;margin:4px 0} .card .answer{font-size:.95em}
.card .more p{color:#444;font-size:.85em}
.pair{display:flex;flex-wrap:wrap;gap:0 16px;align-items:flex-start}
.pair>div{flex:0 1 auto;min-width:0;max-width:100%} .cards>div{min-width:0}
.warning{border-left:4px solid #d94801;background:#fff4ec;padding:8px 12px;margin:10px 0}
nav ol{columns:2;margin:4px 0;padding-left:22px} nav li{margin:2px 0}
details.section{border-top:1px solid #d0d7de;padding:8px 0}
details.section>summary{cursor:pointer;list-style:none;display:flex;gap:8px;align-items:center}
details.section>summary::-webkit-details-marker{display:none}
details.section>summary::before{content:"\25B8";color:#0b5cad;font-size:1.1em}
details.section[open]>summary::before{content:"\25BE"}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.85em;margin:6px 0}
th,td{border:1px solid #dde1e5;padding:3px 7px;vertical-align:top} td{white-space:nowrap}
th{background:#f2f4f6;text-align:left} td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.note{color:#555;font-size:.88em}
svg{max-width:100%;height:auto;display:block}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:.82em;margin:4px 0 12px;align-items:center}
.legend i{display:inline-block;width:14px;height:12px;margin-right:4px;vertical-align:-1px;border:1px solid #bbb}
.legend-title{font-weight:600;width:100%}
.tabs>input{position:absolute;opacity:0}
.tabs>label{display:inline-block;padding:5px 10px;margin:0 4px 4px 0;border:1px solid #d0d7de;border-radius:14px;cursor:pointer;font-size:.9em}
.tabs>input:checked+label{background:#0b5cad;color:#fff;border-color:#0b5cad}
.tabs>input:focus-visible+label{outline:2px solid #0b5cad}
.tabs .panel{display:none}
#tab-distance:checked~#panel-distance,#tab-risk:checked~#panel-risk,#tab-need:checked~#panel-need,
#tab-population:checked~#panel-population{display:block}
@media (max-width:600px){body{font-size:15px} nav ol{columns:1} .card .big{font-size:1.45em}
.card .more{display:none}}
@media print{details.section>*{display:block}}
)css";

std::string section_html(const ReportSection& s) {
  return fmt::format(
      "<details class=\"section\"{}><summary><h2>{}</h2></summary><div class=\"body\" "
      "id=\"{}\">{}</div></details>\n",
      s.open ? " open" : "", html_escape(s.title), s.id, s.html);
}

}  // namespace

std::string html_table(const TextTable& table, std::size_t max_rows, const std::string& full_file) {
  std::string html = "<div class=\"scroll\"><table><thead><tr>";
  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    const bool numeric = c < table.right_align.size() && table.right_align[c];
    html +=
        fmt::format("<th{}>{}</th>", numeric ? " class=\"n\"" : "", html_escape(table.headers[c]));
  }
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
  html += "</tbody></table></div>";
  if (shown < table.rows.size()) {
    html += fmt::format(
        "<p class=\"note\">First {} of {} rows shown{}.</p>", count(static_cast<long long>(shown)),
        count(static_cast<long long>(table.rows.size())),
        full_file.empty() ? ""
                          : fmt::format("; all rows are in <a href=\"{}\">the CSV file</a>",
                                        html_escape(full_file)));
  }
  return html;
}

std::string warning_html(const std::string& text) {
  static const std::regex key("\\b[a-z][a-z0-9]*(_[a-z0-9]+)+\\b");
  const auto escaped = html_escape(text);
  return "<p class=\"warning\"><b>Warning:</b> " +
         std::regex_replace(escaped, key, "<code>$&</code>") + ".</p>";
}

TextTable readable_table(TextTable table) {
  // A whole cell that is an identifier becomes a label; identifiers inside text ("exactly 1
  // chief_executive") become words.
  static const std::regex whole("^[a-z][a-z0-9]*(_[a-z0-9]+)+$");
  static const std::regex inside("\\b[a-z][a-z0-9]*(_[a-z0-9]+)+\\b");
  const auto words = [](const std::string& text) {
    std::string out;
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), inside);
         it != std::sregex_iterator(); ++it) {
      out += text.substr(last, static_cast<std::size_t>(it->position()) - last);
      auto w = it->str();
      std::replace(w.begin(), w.end(), '_', ' ');
      out += w;
      last = static_cast<std::size_t>(it->position() + it->length());
    }
    return out + text.substr(last);
  };
  for (auto& h : table.headers)
    if (h.find('_') != std::string::npos)
      h = std::regex_match(h, whole) ? human_label(h) : words(h);
  for (auto& row : table.rows)
    for (auto& cell : row)
      if (cell.find('_') != std::string::npos)
        cell = std::regex_match(cell, whole) ? human_label(cell) : words(cell);
  return table;
}

std::string render_html_report(const ReportDocument& d) {
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{0}</title><style>{1}</style></head><body><header><h1>{0}</h1>"
      "<p class=\"run\">{2}</p></header>\n",
      html_escape(d.title), kStyle, html_escape(d.subtitle));
  html += fmt::format("<section id=\"summary\"><h2>{}</h2>{}</section>\n",
                      html_escape(d.summary.title), d.summary.html);
  html += "<nav id=\"contents\"><h2>Contents</h2><ol>";
  for (const auto& s : d.sections)
    html += fmt::format("<li><a href=\"#{}\">{}</a></li>", s.id, html_escape(s.title));
  html += "<li><a href=\"#about\">About this run</a></li></ol></nav>\n";
  for (const auto& s : d.sections)
    html += section_html(s);
  std::string about = "<div class=\"scroll\"><table>";
  for (const auto& [k, v] : d.facts)
    about += fmt::format("<tr><th>{}</th><td>{}</td></tr>", html_escape(k), html_escape(v));
  about += "</table></div>" + d.about_html;
  html += section_html({"about", "About this run", about, false});
  html += "<p class=\"note\">Written by pco, the primary care organisation engine.</p>";
  html += "</body></html>\n";
  return html;
}

}  // namespace pco

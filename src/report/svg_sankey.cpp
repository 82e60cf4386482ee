#include "report/svg_sankey.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "report/svg_chart.hpp"

namespace pco {

std::string svg_sankey(const std::vector<SankeyNode>& left, const std::vector<SankeyNode>& right,
                       const std::vector<SankeyLink>& links, const std::string& title,
                       const std::string& unit, double scale, int width) {
  std::vector<double> left_total(left.size(), 0.0), right_total(right.size(), 0.0);
  for (const auto& l : links) {
    left_total[l.from] += l.value;
    right_total[l.to] += l.value;
  }
  const double total = std::accumulate(left_total.begin(), left_total.end(), 0.0);
  constexpr double kGap = 6, kTop = 36, kNodeWidth = 14, kLabelWidth = 190;
  const std::size_t rows = std::max(left.size(), right.size());
  const double plot_height = std::max(240.0, 16.0 * static_cast<double>(rows));
  const double height = kTop + plot_height + 20;
  const auto gaps = [&](std::size_t n) { return kGap * static_cast<double>(n > 0 ? n - 1 : 0); };
  const double usable = plot_height - std::max(gaps(left.size()), gaps(right.size()));
  const double per = total > 0 ? usable / total : 0;
  const double x_left = kLabelWidth, x_right = width - kLabelWidth;
  std::vector<double> left_y(left.size()), right_y(right.size());
  double y = kTop;
  for (std::size_t i = 0; i < left.size(); ++i) {
    left_y[i] = y;
    y += left_total[i] * per + kGap;
  }
  y = kTop;
  for (std::size_t i = 0; i < right.size(); ++i) {
    right_y[i] = y;
    y += right_total[i] * per + kGap;
  }
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{:.0f}\" "
      "viewBox=\"0 0 {} {:.0f}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" "
      "font-size=\"11\"><text x=\"{}\" y=\"18\" font-size=\"13\" text-anchor=\"middle\">{}</text>",
      width, height, width, height, html_escape(title), width / 2, html_escape(title));
  // Bands, largest first so small ones stay visible on top.
  std::vector<std::size_t> order(links.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> left_at = left_y, right_at = right_y;
  std::vector<std::pair<double, double>> band_y(links.size());
  for (std::size_t k = 0; k < links.size(); ++k) {
    const auto& l = links[k];
    band_y[k] = {left_at[l.from], right_at[l.to]};
    left_at[l.from] += l.value * per;
    right_at[l.to] += l.value * per;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return links[a].value > links[b].value; });
  const double x0 = x_left + kNodeWidth, x1 = x_right, mid = (x0 + x1) / 2;
  for (const auto k : order) {
    const auto& l = links[k];
    const double h = std::max(0.5, l.value * per);
    const double y0 = band_y[k].first + h / 2, y1 = band_y[k].second + h / 2;
    svg += fmt::format(
        "<path d=\"M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\" fill=\"none\" "
        "stroke=\"{}\" stroke-opacity=\"0.45\" stroke-width=\"{:.2f}\"><title>{} → {}: {} "
        "{}</title></path>",
        x0, y0, mid, y0, mid, y1, x1, y1, category_colour(right[l.to].colour), h,
        html_escape(left[l.from].label), html_escape(right[l.to].label),
        short_number(l.value * scale), html_escape(unit));
  }
  const auto node = [&](double x, double top, double value, const SankeyNode& n, bool on_left) {
    const double h = std::max(1.0, value * per);
    std::string out = fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"{}\"><title>{}: {} "
        "{}</title></rect>",
        x, top, kNodeWidth, h, on_left ? "#555555" : category_colour(n.colour).c_str(),
        html_escape(n.label), short_number(value * scale), html_escape(unit));
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\" "
        "dominant-baseline=\"middle\">{} ({})</text>",
        on_left ? x - 4 : x + kNodeWidth + 4, top + h / 2, on_left ? "end" : "start",
        html_escape(n.label), short_number(value * scale));
    return out;
  };
  for (std::size_t i = 0; i < left.size(); ++i)
    svg += node(x_left, left_y[i], left_total[i], left[i], true);
  for (std::size_t i = 0; i < right.size(); ++i)
    svg += node(x_right, right_y[i], right_total[i], right[i], false);
  svg += "</svg>";
  return svg;
}

}  // namespace pco

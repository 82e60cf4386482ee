#include "report/svg_map.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/svg_chart.hpp"

namespace pco {

namespace {

// ColorBrewer RdBu (7 classes), red for below the centre; YlOrRd (up to 7) for sequential.
const std::vector<std::string> kDiverging = {"#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7",
                                             "#d1e5f0", "#67a9cf", "#2166ac"};
const std::vector<std::string> kSequential = {"#ffffcc", "#ffeda0", "#fed976", "#feb24c",
                                              "#fd8d3c", "#f03b20", "#bd0026"};

double nice_step(double raw) {
  if (!(raw > 0)) return 0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

std::vector<std::string> class_labels(const std::vector<double>& breaks,
                                      const std::function<std::string(double)>& label) {
  std::vector<std::string> out;
  out.push_back("below " + label(breaks.front()));
  for (std::size_t i = 1; i < breaks.size(); ++i)
    out.push_back(label(breaks[i - 1]) + " to " + label(breaks[i]));
  out.push_back(label(breaks.back()) + " or more");
  return out;
}

struct Frame {
  double lat_lo = 90, lat_hi = -90, lon_lo = 180, lon_hi = -180;
  void add(const GeoPoint& p) {
    lat_lo = std::min(lat_lo, p.lat);
    lat_hi = std::max(lat_hi, p.lat);
    lon_lo = std::min(lon_lo, p.lon);
    lon_hi = std::max(lon_hi, p.lon);
  }
  void add(const std::vector<AreaPolygon>& polygons) {
    for (const auto& p : polygons)
      for (const auto& g : p.outer)
        add(g);
  }
};

}  // namespace

std::vector<std::string> neighbour_colours(const std::vector<std::vector<std::size_t>>& neighbours,
                                           const std::vector<std::string>& palette) {
  std::vector<std::size_t> chosen(neighbours.size(), 0);
  for (std::size_t i = 0; i < neighbours.size(); ++i) {
    std::vector<bool> taken(palette.size(), false);
    for (const auto j : neighbours[i])
      if (j < i) taken[chosen[j] % palette.size()] = true;
    std::size_t c = 0;
    while (c + 1 < palette.size() && taken[c])
      ++c;
    chosen[i] = c;
  }
  std::vector<std::string> out;
  for (const auto c : chosen)
    out.push_back(palette[c]);
  return out;
}

std::string ColourScale::colour(double value) const {
  if (std::isnan(value) || colours.empty()) return no_data;
  const auto it = std::upper_bound(breaks.begin(), breaks.end(), value);
  return colours[static_cast<std::size_t>(it - breaks.begin())];
}

ColourScale diverging_scale(std::string title, const std::vector<double>& values, double centre,
                            double min_step, const std::function<std::string(double)>& label) {
  double largest = 0;
  for (const double v : values)
    if (std::isfinite(v)) largest = std::max(largest, std::abs(v - centre));
  // Seven classes: the middle one ±½ step around the centre, the outer ones open.
  const double step = std::max(nice_step(largest / 3), min_step);
  ColourScale s;
  s.title = std::move(title);
  for (const double k : {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5})
    s.breaks.push_back(centre + k * step);
  s.colours = kDiverging;
  s.labels = class_labels(s.breaks, label);
  return s;
}

ColourScale sequential_scale(std::string title, std::vector<double> breaks,
                             const std::function<std::string(double)>& label) {
  ColourScale s;
  s.title = std::move(title);
  s.breaks = std::move(breaks);
  const std::size_t n = std::min(s.breaks.size() + 1, kSequential.size());
  s.colours.assign(kSequential.end() - static_cast<std::ptrdiff_t>(n), kSequential.end());
  s.breaks.resize(n - 1);
  s.labels = class_labels(s.breaks, label);
  return s;
}

std::string svg_area_map(const std::vector<MapArea>& areas, const std::vector<AreaPolygon>& land,
                         const ColourScale& scale, const std::string& title,
                         const std::string& highlight, int width) {
  Frame f;
  f.add(land);
  for (const auto& a : areas)
    if (a.polygons) f.add(*a.polygons);
  if (f.lat_hi < f.lat_lo) return "<p>No organisation has a located practice to draw.</p>";
  const double mid = 0.5 * (f.lat_lo + f.lat_hi) * M_PI / 180.0;
  const double x_span = std::max(1e-6, (f.lon_hi - f.lon_lo) * std::cos(mid));
  const double y_span = std::max(1e-6, f.lat_hi - f.lat_lo);
  const double margin = 8, top = 8, bottom = 26;
  const double plot_w = width - 2 * margin;
  double scale_px = plot_w / x_span;
  const double max_h = 1.4 * width;
  if (y_span * scale_px > max_h) scale_px = max_h / y_span;
  const int height = static_cast<int>(std::ceil(y_span * scale_px + top + bottom));
  const auto px = [&](double lon) { return margin + (lon - f.lon_lo) * std::cos(mid) * scale_px; };
  const auto py = [&](double lat) { return top + (f.lat_hi - lat) * scale_px; };
  const auto path_of = [&](const std::vector<AreaPolygon>& polygons) {
    std::string d;
    const auto ring = [&](const std::vector<GeoPoint>& r) {
      for (std::size_t i = 0; i < r.size(); ++i)
        d += fmt::format("{}{:.1f} {:.1f}", i == 0 ? "M" : "L", px(r[i].lon), py(r[i].lat));
      d += "Z";
    };
    for (const auto& p : polygons) {
      ring(p.outer);
      for (const auto& h : p.holes)
        ring(h);
    }
    return d;
  };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\"><title>{2}</title>",
      width, height, html_escape(title));
  if (!land.empty())
    svg += fmt::format(
        "<path d=\"{}\" fill=\"#ececec\" fill-rule=\"evenodd\" stroke=\"#888\" "
        "stroke-width=\"0.6\"/>",
        path_of(land));
  std::string focus;
  for (const auto& a : areas) {
    if (!a.polygons) continue;
    const auto d = path_of(*a.polygons);
    svg += fmt::format(
        "<path data-code=\"{}\" d=\"{}\" fill=\"{}\" fill-rule=\"evenodd\" stroke=\"#8a8a8a\" "
        "stroke-width=\"0.4\"><title>{}</title></path>",
        html_escape(a.code), d, a.colour.empty() ? scale.colour(a.value) : a.colour,
        html_escape(a.tooltip));
    if (!highlight.empty() && a.code == highlight)
      focus = fmt::format(
          "<path d=\"{}\" fill=\"none\" fill-rule=\"evenodd\" stroke=\"#000\" "
          "stroke-width=\"2.5\"><title>{}</title></path>",
          d, html_escape(a.tooltip));
  }
  svg += focus;
  // A scale bar: 1, 2 or 5 × 10^k km, about a fifth of the width.
  const double km_per_px = 111.2 / scale_px;
  const double bar_km = nice_step(plot_w * km_per_px / 5);
  const double bar_px = bar_km / km_per_px;
  svg += fmt::format(
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2:.1f}\" y2=\"{1}\" stroke=\"#000\" stroke-width=\"2\"/>"
      "<text x=\"{0}\" y=\"{3}\" font-family=\"sans-serif\" font-size=\"12\">{4:g} km</text>",
      margin, height - 6, margin + bar_px, height - 10, bar_km);
  svg += "</svg>";
  if (scale.colours.empty()) return svg;
  std::string legend =
      "<div class=\"legend\"><span class=\"legend-title\">" + html_escape(scale.title) + "</span>";
  for (std::size_t i = 0; i < scale.colours.size(); ++i)
    legend += fmt::format("<span><i style=\"background:{}\"></i>{}</span>", scale.colours[i],
                          html_escape(scale.labels[i]));
  legend += fmt::format("<span><i style=\"background:{}\"></i>no data</span></div>", scale.no_data);
  return svg + legend;
}

}  // namespace pco

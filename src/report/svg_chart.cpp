#include "report/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

namespace pco {

namespace {

constexpr std::string_view kFont = "font-family=\"sans-serif\" font-size=\"12\"";

// Tick values covering [lo, hi] at a 1-2-5 step, about `count` of them.
std::vector<double> nice_ticks(double lo, double hi, int count) {
  if (!(hi > lo)) return {lo};
  const double raw = (hi - lo) / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

std::string title_text(const std::string& title, int width) {
  return fmt::format(
      "<text x=\"{}\" y=\"18\" text-anchor=\"middle\" {} font-weight=\"bold\">{}"
      "</text>",
      width / 2, kFont, html_escape(title));
}

}  // namespace

const std::string& category_colour(std::size_t index) {
  static const std::array<std::string, 12> palette = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                      "#56B4E9", "#D55E00", "#F0E442", "#000000",
                                                      "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF"};
  return palette[index % palette.size()];
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string short_number(double value) {
  const double a = std::abs(value);
  if (a >= 1e9) return fmt::format("{:.3g}bn", value / 1e9);
  if (a >= 1e6) return fmt::format("{:.3g}m", value / 1e6);
  if (a >= 1e4) return fmt::format("{:.3g}k", value / 1e3);
  if (a >= 1) return fmt::format("{:.4g}", value);
  if (a == 0) return "0";
  return fmt::format("{:.2g}", value);
}

std::string svg_point_map(const std::vector<MapPoint>& points, const std::string& title, int width,
                          const std::vector<MapOutline>& outlines) {
  if (points.empty()) {
    return fmt::format("<p>{}: no practice has a location.</p>", html_escape(title));
  }
  double lat_lo = points[0].lat, lat_hi = lat_lo, lon_lo = points[0].lon, lon_hi = lon_lo;
  const auto extend = [&](double lat, double lon) {
    lat_lo = std::min(lat_lo, lat);
    lat_hi = std::max(lat_hi, lat);
    lon_lo = std::min(lon_lo, lon);
    lon_hi = std::max(lon_hi, lon);
  };
  for (const auto& p : points)
    extend(p.lat, p.lon);
  for (const auto& o : outlines)
    for (const auto& ring : o.rings)
      for (const auto& p : ring)
        extend(p.lat, p.lon);
  const double mid = 0.5 * (lat_lo + lat_hi) * 3.14159265358979323846 / 180.0;
  const double x_span = std::max(1e-6, (lon_hi - lon_lo) * std::cos(mid));
  const double y_span = std::max(1e-6, lat_hi - lat_lo);
  const double margin = 30, plot_w = width - 2 * margin;
  const double scale = plot_w / x_span;
  const int height = static_cast<int>(std::min(900.0, y_span * scale + 2 * margin + 10));
  const double plot_scale = std::min(scale, (height - 2 * margin - 10) / y_span);
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">",
      width, height, html_escape(title));
  svg += title_text(title, width);
  const auto project_x = [&](double lon) {
    return margin + (lon - lon_lo) * std::cos(mid) * plot_scale;
  };
  const auto project_y = [&](double lat) { return height - margin - (lat - lat_lo) * plot_scale; };
  for (const auto& o : outlines) {
    std::string path;
    for (const auto& ring : o.rings) {
      for (std::size_t i = 0; i < ring.size(); ++i)
        path += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "M" : "L", project_x(ring[i].lon),
                            project_y(ring[i].lat));
      path += "Z";
    }
    svg += fmt::format(
        "<path d=\"{}\" fill=\"#f4f4f4\" stroke=\"#999\" stroke-width=\"0.6\"><title>{}</title>"
        "</path>",
        path, html_escape(o.label));
  }
  for (const auto& p : points) {
    const double x = project_x(p.lon);
    const double y = project_y(p.lat);
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\" fill-opacity=\"0.8\">"
        "<title>{}</title></circle>",
        x, y, 1.2 + 1.8 * p.size, category_colour(p.group), html_escape(p.label));
  }
  // A scale bar so distances can be read off the map.
  const double km_per_px = 111.2 / plot_scale;
  const double bar_km = std::pow(10.0, std::floor(std::log10(plot_w * km_per_px / 4)));
  const double bar_px = bar_km / km_per_px;
  svg += fmt::format(
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2:.1f}\" y2=\"{1}\" stroke=\"black\" stroke-width=\"2\"/>"
      "<text x=\"{0}\" y=\"{3}\" {4}>{5:g} km</text>",
      margin, height - 8, margin + bar_px, height - 12, kFont, bar_km);
  svg += "</svg>";
  return svg;
}

namespace {

// Width of a label at font-size `size` in a sans-serif face (about 0.56 em a character), and
// the label shortened with an ellipsis to at most `chars` characters (UTF-8 aware).
double text_width(std::string_view text, double size) {
  std::size_t chars = 0;
  for (const unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++chars;
  return static_cast<double>(chars) * 0.56 * size;
}

std::string shortened(const std::string& text, std::size_t chars) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (count++ == chars) return text.substr(0, i) + "\u2026";
  }
  return text;
}

constexpr std::size_t kMaxLabelChars = 44;

}  // namespace

std::string svg_bar_chart(const std::vector<Bar>& bars, const std::string& title,
                          const std::string& value_unit, int width,
                          const std::function<std::string(double)>& format) {
  const auto text = [&](double v) { return format ? format(v) : short_number(v); };
  const int row = 14, top = 30;
  double label_w = 60, value_w = 40;
  for (const auto& b : bars) {
    label_w = std::max(label_w, text_width(shortened(b.label, kMaxLabelChars), 10) + 8);
    value_w = std::max(value_w, text_width(text(b.value), 10) + 8);
  }
  label_w = std::min(label_w, 0.45 * width);
  const int height = top + row * static_cast<int>(bars.size()) + 30;
  double max_value = 0;
  for (const auto& b : bars)
    max_value = std::max(max_value, b.value);
  if (max_value <= 0) max_value = 1;
  const double plot_w = std::max(40.0, width - label_w - value_w);
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">",
      width, height, html_escape(title));
  svg += title_text(title, width);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double y = top + static_cast<double>(i) * row;
    const double w = std::max(0.0, b.value) / max_value * plot_w;
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" font-family=\"sans-serif\" "
        "font-size=\"10\">{}<title>{}</title></text><rect x=\"{:.1f}\" y=\"{:.1f}\" "
        "width=\"{:.1f}\" height=\"{}\" fill=\"{}\"><title>{}: {} {}</title></rect><text "
        "x=\"{:.1f}\" y=\"{:.1f}\" font-family=\"sans-serif\" font-size=\"10\">{}</text>",
        label_w - 4, y + row - 4, html_escape(shortened(b.label, kMaxLabelChars)),
        html_escape(b.label), label_w, y + 1, w, row - 2, category_colour(b.colour),
        html_escape(b.label), html_escape(text(b.value)), html_escape(value_unit), label_w + w + 3,
        y + row - 4, html_escape(text(b.value)));
  }
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" {}>{}</text></svg>",
                     label_w + plot_w / 2, height - 8, kFont, html_escape(value_unit));
  return svg;
}

std::string svg_deviation_chart(const std::vector<Bar>& bars, double baseline,
                                const std::string& title, const std::string& axis_label,
                                const std::function<std::string(double)>& format, int width) {
  const int row = 12, top = 30, axis = 36;
  double label_w = 60;
  for (const auto& b : bars)
    label_w = std::max(label_w, text_width(shortened(b.label, kMaxLabelChars), 10) + 8);
  label_w = std::min(label_w, 0.45 * width);
  double lo = baseline, hi = baseline;
  for (const auto& b : bars) {
    lo = std::min(lo, b.value);
    hi = std::max(hi, b.value);
  }
  const double pad = std::max(hi - lo, 1e-9) * 0.05;
  lo -= pad;
  hi += pad;
  const double left = label_w, right = 16;
  const double plot_w = std::max(40.0, width - left - right);
  const auto x = [&](double v) { return left + (v - lo) / (hi - lo) * plot_w; };
  const int height = top + row * static_cast<int>(bars.size()) + axis;
  const double bottom = top + row * static_cast<double>(bars.size());
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">",
      width, height, html_escape(title));
  svg += title_text(title, width);
  for (const double t : nice_ticks(lo, hi, 6)) {
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2:.1f}\" stroke=\"#e3e3e3\"/>"
        "<text x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\" {4}>{5}</text>",
        x(t), top, bottom, bottom + 14, kFont, html_escape(format(t)));
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double y = top + static_cast<double>(i) * row;
    const double x0 = x(std::min(b.value, baseline)), x1 = x(std::max(b.value, baseline));
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" font-family=\"sans-serif\" "
        "font-size=\"10\">{}<title>{}</title></text><rect x=\"{:.1f}\" y=\"{:.1f}\" "
        "width=\"{:.1f}\" height=\"{}\" fill=\"{}\"><title>{}: {}</title></rect>",
        label_w - 4, y + row - 3, html_escape(shortened(b.label, kMaxLabelChars)),
        html_escape(b.label), x0, y + 1, std::max(0.5, x1 - x0), row - 2,
        b.value < baseline ? "#d6604d" : "#4393c3", html_escape(b.label),
        html_escape(format(b.value)));
  }
  svg += fmt::format(
      "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2:.1f}\" stroke=\"#000\"/>"
      "<text x=\"{3:.1f}\" y=\"{4}\" text-anchor=\"middle\" {5}>{6}</text></svg>",
      x(baseline), top - 2, bottom, left + plot_w / 2, height - 6, kFont, html_escape(axis_label));
  return svg;
}

std::string svg_fan_chart(const std::vector<FanPoint>& points, const std::string& title,
                          const std::string& x_label, const std::string& y_label,
                          const std::string& reference_label,
                          const std::function<std::string(double)>& format, int width, int height) {
  if (points.empty()) return fmt::format("<p>{}: no data.</p>", html_escape(title));
  double x_lo = points.front().x, x_hi = points.back().x;
  double y_lo = INFINITY, y_hi = -INFINITY;
  for (const auto& p : points) {
    y_lo = std::min({y_lo, p.p05, p.reference});
    y_hi = std::max({y_hi, p.p95, p.reference});
  }
  if (x_hi <= x_lo) {
    x_lo -= 0.5;
    x_hi += 0.5;
  }
  const double pad = std::max(y_hi - y_lo, 1e-9) * 0.08;
  y_lo -= pad;
  y_hi += pad;
  double tick_w = 0;
  for (const double t : nice_ticks(y_lo, y_hi, 5))
    tick_w = std::max(tick_w, text_width(format(t), 12));
  const double left = std::max(56.0, tick_w + 30), right = 16, top = 30, bottom = 78;
  const double pw = width - left - right, ph = height - top - bottom;
  const auto px = [&](double x) { return left + (x - x_lo) / (x_hi - x_lo) * pw; };
  const auto py = [&](double y) { return top + ph - (y - y_lo) / (y_hi - y_lo) * ph; };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fan-chart\" width=\"{0}\" "
      "height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">",
      width, height, html_escape(title));
  svg += title_text(title, width);
  svg += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>", left,
      top, pw, ph);
  for (const double t : nice_ticks(y_lo, y_hi, 5))
    svg += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#eee\"/>"
        "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\" {5}>{6}</text>",
        left, left + pw, py(t), left - 4, py(t) + 4, kFont, html_escape(format(t)));
  for (const auto& p : points)
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" {}>{:g}</text>", px(p.x),
                       top + ph + 16, kFont, p.x);
  const auto band = [&](double FanPoint::*lo, double FanPoint::*hi, const char* colour,
                        const std::string& name) {
    std::string d;
    for (std::size_t i = 0; i < points.size(); ++i)
      d += fmt::format("{}{:.1f} {:.1f}", i == 0 ? "M" : "L", px(points[i].x), py(points[i].*hi));
    for (std::size_t i = points.size(); i-- > 0;)
      d += fmt::format("L{:.1f} {:.1f}", px(points[i].x), py(points[i].*lo));
    return fmt::format("<path d=\"{}Z\" fill=\"{}\"><title>{}</title></path>", d, colour,
                       html_escape(name));
  };
  svg += band(&FanPoint::p05, &FanPoint::p95, "#c6dbef", "5th to 95th percentile");
  svg += band(&FanPoint::p25, &FanPoint::p75, "#6baed6", "25th to 75th percentile");
  const auto line = [&](double FanPoint::*y, const char* colour, const char* dash,
                        const std::string& name) {
    std::string d;
    for (std::size_t i = 0; i < points.size(); ++i)
      d += fmt::format("{}{:.1f} {:.1f}", i == 0 ? "M" : "L", px(points[i].x), py(points[i].*y));
    return fmt::format(
        "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}><title>{}</title></path>",
        d, colour, dash, html_escape(name));
  };
  svg += line(&FanPoint::p50, "#08306b", "", "median");
  svg += line(&FanPoint::reference, "#d94801", " stroke-dasharray=\"6 4\"", reference_label);
  // Legend under the axis title, wrapping into two rows on narrow charts.
  struct Key {
    const char* colour;
    std::string name;
    bool line;
  };
  const std::vector<Key> keys = {{"#c6dbef", "5th–95th percentile", false},
                                 {"#6baed6", "25th–75th percentile", false},
                                 {"#08306b", "median", true},
                                 {"#d94801", reference_label, true}};
  double kx = left, ky = top + ph + 54;
  for (const auto& k : keys) {
    const double w = 22 + text_width(k.name, 12) + 14;
    if (kx + w > width - right && kx > left) {
      kx = left;
      ky += 18;
    }
    svg += k.line ? fmt::format(
                        "<line x1=\"{0:.1f}\" x2=\"{1:.1f}\" y1=\"{2:.1f}\" "
                        "y2=\"{2:.1f}\" stroke=\"{3}\" stroke-width=\"3\"/>",
                        kx, kx + 16, ky - 4, k.colour)
                  : fmt::format(
                        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"16\" height=\"10\" "
                        "fill=\"{}\"/>",
                        kx, ky - 9, k.colour);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" {}>{}</text>", kx + 20, ky, kFont,
                       html_escape(k.name));
    kx += w;
  }
  svg += fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" {}>{}</text>"
      "<text transform=\"translate(14,{}) rotate(-90)\" text-anchor=\"middle\" {}>{}</text></svg>",
      left + pw / 2, top + ph + 32, kFont, html_escape(x_label), top + ph / 2, kFont,
      html_escape(y_label));
  return svg;
}

std::string svg_line_chart(const std::vector<Series>& series, const std::string& title,
                           const std::string& x_label, const std::string& y_label, bool log_x,
                           int width, int height) {
  const auto tx = [&](double x) { return log_x ? std::log10(std::max(x, 1e-300)) : x; };
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  for (const auto& s : series) {
    for (const auto& [x, y] : s.points) {
      if (log_x && x <= 0) continue;
      x_lo = std::min(x_lo, tx(x));
      x_hi = std::max(x_hi, tx(x));
      y_lo = std::min(y_lo, y);
      y_hi = std::max(y_hi, y);
    }
  }
  if (!std::isfinite(x_lo)) return fmt::format("<p>{}: no data.</p>", html_escape(title));
  if (y_lo > 0) y_lo = 0;
  if (x_hi <= x_lo) x_hi = x_lo + 1;
  if (y_hi <= y_lo) y_hi = y_lo + 1;
  const double left = 70, right = 230, top = 30, bottom = 50;
  const double pw = width - left - right, ph = height - top - bottom;
  const auto px = [&](double x) { return left + (tx(x) - x_lo) / (x_hi - x_lo) * pw; };
  const auto py = [&](double y) { return top + ph - (y - y_lo) / (y_hi - y_lo) * ph; };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">",
      width, height, html_escape(title));
  svg += title_text(title, width);
  svg += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>", left,
      top, pw, ph);
  for (const double t : nice_ticks(y_lo, y_hi, 5)) {
    svg += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#eee\"/>"
        "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\" {5}>{6}</text>",
        left, left + pw, py(t), left - 4, py(t) + 4, kFont, short_number(t));
  }
  for (const double t : nice_ticks(x_lo, x_hi, 6)) {
    const double value = log_x ? std::pow(10.0, t) : t;
    if (log_x && std::abs(t - std::round(t)) > 1e-9) continue;
    const double x = left + (t - x_lo) / (x_hi - x_lo) * pw;
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#eee\"/>"
        "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\" {4}>{5}</text>",
        x, top, top + ph, top + ph + 16, kFont, short_number(value));
  }
  for (std::size_t i = 0; i < series.size(); ++i) {
    const auto& s = series[i];
    std::string path;
    for (const auto& [x, y] : s.points) {
      if (log_x && x <= 0) continue;
      path += fmt::format("{}{:.1f},{:.1f}", path.empty() ? "M" : " L", px(x), py(y));
    }
    svg += fmt::format(
        "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>{}</title></path>",
        path, category_colour(s.colour), html_escape(s.name));
    if (i < 16) {
      const double ly = top + 10 + 16.0 * static_cast<double>(i);
      svg += fmt::format(
          "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
          "stroke-width=\"3\"/><text x=\"{4}\" y=\"{5:.1f}\" {6}>{7}</text>",
          left + pw + 10, left + pw + 28, ly, category_colour(s.colour), left + pw + 32, ly + 4,
          kFont, html_escape(s.name));
    }
  }
  svg += fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" {}>{}</text>"
      "<text transform=\"translate(16,{}) rotate(-90)\" text-anchor=\"middle\" {}>{}</text></svg>",
      left + pw / 2, height - 10, kFont, html_escape(x_label), top + ph / 2, kFont,
      html_escape(y_label));
  return svg;
}

}  // namespace pco

#pragma once
// Self-contained SVG charts for the HTML report: no scripts, no external fonts or styles, so
// the report opens anywhere with no network. Every chart carries a title and axis units.

#include <functional>
#include <string>
#include <vector>

#include "model/population.hpp"

namespace pco {

// Categorical colours (colour-blind-friendly order from the Okabe-Ito and Tableau palettes).
const std::string& category_colour(std::size_t index);
// Escapes &, <, >, " and ' for HTML and SVG text.
std::string html_escape(std::string_view text);

struct MapPoint {
  double lat = 0;
  double lon = 0;
  std::size_t group = 0;  // colour index
  std::string label;      // tooltip
  double size = 1;        // relative radius (area scales with size^2)
};

struct MapOutline {
  std::string label;                         // tooltip
  std::vector<std::vector<GeoPoint>> rings;  // drawn as grey outlines under the points
};

// Points on an equirectangular projection scaled by cos(mid latitude), coloured by group, over
// optional outlines; the view covers the points and outlines.
std::string svg_point_map(const std::vector<MapPoint>& points, const std::string& title,
                          int width = 640, const std::vector<MapOutline>& outlines = {});

struct Bar {
  std::string label;
  double value = 0;
  std::size_t colour = 0;
};

// Horizontal bars, one per row, with the value printed at the end of each bar. The label
// column is as wide as the longest label needs (up to a limit; longer labels are shortened with
// an ellipsis and keep their full text in the tooltip). `format` writes the printed values
// (default: short_number).
std::string svg_bar_chart(const std::vector<Bar>& bars, const std::string& title,
                          const std::string& value_unit, int width = 640,
                          const std::function<std::string(double)>& format = {});

// Horizontal bars drawn from `baseline` (e.g. a need index from 1), left for values below it
// and right above, on an axis around the baseline with labelled ticks, so that differences
// from the baseline are visible rather than bars that all look equal from zero.
std::string svg_deviation_chart(const std::vector<Bar>& bars, double baseline,
                                const std::string& title, const std::string& axis_label,
                                const std::function<std::string(double)>& format, int width = 640);

// A fan chart of a quantity over years: the 5th–95th and 25th–75th percentile bands, the
// median line and a reference line (the budget), with labelled axes.
struct FanPoint {
  double x = 0;
  double p05 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;
  double reference = 0;
};
std::string svg_fan_chart(const std::vector<FanPoint>& points, const std::string& title,
                          const std::string& x_label, const std::string& y_label,
                          const std::string& reference_label,
                          const std::function<std::string(double)>& format, int width = 640,
                          int height = 320);

struct Series {
  std::string name;
  std::vector<std::pair<double, double>> points;  // (x, y), x ascending
  std::size_t colour = 0;
};

// Lines on linear axes (log10 x when `log_x`), with a legend and labelled ticks.
std::string svg_line_chart(const std::vector<Series>& series, const std::string& title,
                           const std::string& x_label, const std::string& y_label,
                           bool log_x = false, int width = 760, int height = 360);

// Readable tick label: 1,234,567 -> "1.23m", 12345 -> "12.3k", 0.05 -> "0.05".
std::string short_number(double value);

}  // namespace pco

#pragma once
// Choropleth maps of organisations as filled areas (geo/organisation_areas.hpp) for the
// self-contained report: inline SVG, each organisation's shape a <path data-code="CODE"> with a
// tooltip, the land underneath, an optional highlighted organisation, and an HTML legend of
// classes. docs/report.md, "Maps".
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "geo/organisation_areas.hpp"

namespace pco {

// Classes of a measure: values below breaks[0] get colours[0], from breaks[i-1] below
// breaks[i] colours[i], from breaks.back() up the last colour (colours.size() == breaks.size()
// + 1), each with a legend label.
struct ColourScale {
  std::string title;  // the measure with its unit, e.g. "Distance from target"
  std::vector<double> breaks;
  std::vector<std::string> colours;
  std::vector<std::string> labels;
  std::string no_data = "#d9d9d9";
  std::string colour(double value) const;  // NaN: no_data
};

// Diverging classes centred on `centre` (red below, blue above, neutral around it), with a
// class width chosen from the largest distance from the centre (a 1-2-5 step, at least
// `min_step`, so that negligible differences stay in the neutral class and the legend stays
// readable when every value is the same), labelled by `label` (e.g. a percentage).
ColourScale diverging_scale(std::string title, const std::vector<double>& values, double centre,
                            double min_step, const std::function<std::string(double)>& label);
// Sequential classes with fixed breaks (light to dark), e.g. probabilities.
ColourScale sequential_scale(std::string title, std::vector<double> breaks,
                             const std::function<std::string(double)>& label);

struct MapArea {
  std::string code;
  std::string tooltip;
  const std::vector<AreaPolygon>* polygons = nullptr;
  double value = 0;    // NaN: no data
  std::string colour;  // when set, the fill instead of the scale's (maps of categories)
};

// Colours for categories on a map such that no two neighbours share one: greedy over the
// categories in order, each taking the first colour of `palette` none of its neighbours has
// (`neighbours[i]`: the categories touching i). A map needs at most a handful.
std::vector<std::string> neighbour_colours(const std::vector<std::vector<std::size_t>>& neighbours,
                                           const std::vector<std::string>& palette);

// The map: land in light grey, each area filled by the scale, `highlight` (a code, or empty)
// outlined in black, a scale bar; then the legend (none when the scale has no classes).
// `width` is the drawing's natural width; it shrinks to fit narrow screens.
std::string svg_area_map(const std::vector<MapArea>& areas, const std::vector<AreaPolygon>& land,
                         const ColourScale& scale, const std::string& title,
                         const std::string& highlight = "", int width = 640);

}  // namespace pco

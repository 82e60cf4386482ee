#include "report/design_map.hpp"

#include <fmt/format.h>

#include "core/table.hpp"
#include "geo/organisation_areas.hpp"
#include "report/svg_chart.hpp"
#include "report/svg_map.hpp"

namespace pco {

std::string design_map_svg(const DesignProblem& p, const std::vector<int>& assignment, int parts,
                           const std::string& title, const std::vector<Boundary>& land) {
  std::vector<LocatedPractice> located;
  std::vector<std::int64_t> population(static_cast<std::size_t>(parts), 0);
  for (std::size_t a = 0; a < p.atoms.atoms.size(); ++a) {
    const auto& atom = p.atoms.atoms[a];
    located.push_back({atom.location, part_code(assignment[a]), atom.population});
    population[static_cast<std::size_t>(assignment[a])] += atom.population;
  }
  const auto areas = organisation_areas(located, land);
  // Neighbouring organisations (atoms joined by an edge of the neighbour graph) differ in colour.
  std::vector<std::vector<std::size_t>> neighbours(static_cast<std::size_t>(parts));
  for (const auto& e : p.graph.edges) {
    const auto x = static_cast<std::size_t>(assignment[e.a]);
    const auto y = static_cast<std::size_t>(assignment[e.b]);
    if (x == y) continue;
    neighbours[x].push_back(y);
    neighbours[y].push_back(x);
  }
  std::vector<std::string> palette;
  for (std::size_t i = 0; i < 8; ++i)
    palette.push_back(category_colour(i == 7 ? 9 : i));  // not black
  const auto colours = neighbour_colours(neighbours, palette);
  std::vector<MapArea> drawn;
  for (const auto& a : areas.areas) {
    const auto k = static_cast<std::size_t>(std::stoi(a.code.substr(1)) - 1);
    drawn.push_back({a.code, fmt::format("{}: {} people", a.code, with_thousands(population[k])),
                     &a.polygons, 0, colours[k]});
  }
  // A standalone SVG file: no legend; the land's source goes in its description.
  auto svg = svg_area_map(drawn, areas.land, ColourScale{}, title, "", 760);
  const auto at = svg.find("</title>");
  if (at != std::string::npos)
    svg.insert(at + 8, "<desc>Land: " + html_escape(areas.land_source) + "</desc>");
  return svg;
}

}  // namespace pco

#pragma once
// A two-column Sankey diagram as self-contained SVG (no scripts): money flowing from the nodes on
// the left (commissioners) to the nodes on the right (providers), each band's width proportional
// to its value.
#include <string>
#include <vector>

namespace pco {

struct SankeyNode {
  std::string label;
  std::size_t colour = 0;  // category_colour index
};

struct SankeyLink {
  std::size_t from = 0;  // index into the left nodes
  std::size_t to = 0;    // index into the right nodes
  double value = 0;      // > 0
};

// Nodes are stacked in the order given, with gaps; each node's height is the sum of its links.
// `unit` labels the values (e.g. "£m a year").
std::string svg_sankey(const std::vector<SankeyNode>& left, const std::vector<SankeyNode>& right,
                       const std::vector<SankeyLink>& links, const std::string& title,
                       const std::string& unit, double scale = 1, int width = 760);

}  // namespace pco

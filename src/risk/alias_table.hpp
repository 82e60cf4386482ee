#pragma once
// Walker's alias method (Vose's construction): O(1) draws from a discrete distribution,
// e.g. claim costs from a discretised severity or totals from an exact aggregate grid.

#include <cstdint>
#include <vector>

#include "core/random.hpp"

namespace pco {

class AliasTable {
 public:
  // weights >= 0 with a positive sum; they need not sum to 1.
  explicit AliasTable(const std::vector<double>& weights);

  std::size_t size() const { return probability_.size(); }
  // An index drawn with probability weights[i] / Σ weights, from one uniform.
  std::size_t sample(RandomStream& random) const;

 private:
  std::vector<double> probability_;
  std::vector<std::uint32_t> alias_;
};

}  // namespace pco

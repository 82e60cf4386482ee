#pragma once
// Walker's alias method (Vose's construction): O(1) draws from a discrete distribution,
// e.g. claim costs from a discretised severity or totals from an exact aggregate grid.

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/random.hpp"

namespace pco {

class AliasTable {
 public:
  // weights >= 0 with a positive sum; they need not sum to 1.
  explicit AliasTable(const std::vector<double>& weights);

  std::size_t size() const { return columns_.size(); }
  // An index drawn with probability weights[i] / Σ weights, from one uniform.
  std::size_t sample(RandomStream& random) const { return sample_word(random.next_u64()); }
  // sample()'s index and, from the same word, a uniform in [0, 1) independent of the index:
  // where the word fell within the side of its column that was chosen (uniform there whichever
  // side it was). Draws from a grid read as a histogram, anywhere in a knot's cell, with no
  // second word.
  std::pair<std::size_t, double> sample_with_position(RandomStream& random) const {
    const auto [column, fraction] = column_of(random.next_u64());
    const Column& c = columns_[column];
    if (fraction < c.probability) return {column, fraction / c.probability};
    return {c.alias, (fraction - c.probability) / (1 - c.probability)};
  }
  // The index that the stream's word `x` draws (sample() is sample_word(next_u64())), for
  // loops that take their words in batches (RandomStream::next_u64s).
  std::size_t sample_word(std::uint64_t x) const {
    const auto [column, fraction] = column_of(x);
    const Column& c = columns_[column];
    // Column or alias without a branch: which one is a coin toss, so a branch would be
    // mispredicted half the time.
    const std::size_t alias = c.alias;
    const auto keep =
        static_cast<std::size_t>(0) - static_cast<std::size_t>(fraction < c.probability);
    return alias ^ ((column ^ alias) & keep);
  }

 private:
  // One uniform gives both the column and the coin: its integer part picks the column, the
  // fraction decides between the column and its alias.
  std::pair<std::size_t, double> column_of(std::uint64_t x) const {
    const double u = RandomStream::to_uniform(x) * static_cast<double>(columns_.size());
    // u < size <= 2^32, so the signed conversion is exact and needs no range branch.
    const auto whole = static_cast<std::size_t>(static_cast<std::int64_t>(u));
    const std::size_t column = std::min(whole, columns_.size() - 1);
    return {column, u - static_cast<double>(column)};
  }
  // A column's threshold and alias side by side: a draw touches one cache line, not two.
  struct Column {
    double probability;
    std::uint32_t alias;
  };
  std::vector<Column> columns_;
};

}  // namespace pco

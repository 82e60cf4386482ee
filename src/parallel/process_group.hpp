#pragma once
// The set of cooperating processes a command runs in: the MPI world when pco was started by
// mpirun (and built with Open MPI), otherwise this process alone. Work is split by rank and
// gathered at rank 0 in rank order, so output bytes do not depend on the process count as
// long as each item's result depends only on its own key (see docs/simulation.md).

#include <cstddef>
#include <string>
#include <vector>

namespace pco {

class ProcessGroup {
 public:
  // Initialises MPI on first call when the environment says mpirun launched us; a plain
  // `pco ...` never touches MPI (singleton start-up is slow and needs a daemon).
  static ProcessGroup& world();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  bool uses_mpi() const { return uses_mpi_; }

  // Items [begin, end) of `count` this rank owns: contiguous blocks, the first count % size
  // ranks one item larger.
  std::pair<std::size_t, std::size_t> share(std::size_t count) const;

  // Every rank's bytes, in rank order, at rank 0 (other ranks get an empty vector).
  std::vector<std::string> gather(const std::string& bytes) const;
  // Rank 0's bytes on every rank.
  std::string broadcast(const std::string& bytes) const;
  // Logical OR of a flag over all ranks (e.g. "some rank failed").
  bool any(bool flag) const;
  void barrier() const;

  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;
  ~ProcessGroup();

 private:
  ProcessGroup();
  int rank_ = 0;
  int size_ = 1;
  bool uses_mpi_ = false;
};

// True when built with Open MPI support.
bool built_with_mpi();

}  // namespace pco

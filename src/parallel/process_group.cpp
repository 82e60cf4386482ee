#include "parallel/process_group.hpp"

#include <cstdlib>
#include <limits>
#include <stdexcept>

#ifdef PCO_HAVE_MPI
#include <mpi.h>
#endif

namespace pco {

namespace {

bool launched_by_mpirun() {
  // Open MPI's launcher sets these in every child; PMIx launchers (srun, prterun) the second.
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr;
}

#ifdef PCO_HAVE_MPI
int checked_count(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::runtime_error("MPI message over 2 GiB");
  }
  return static_cast<int>(n);
}
#endif

}  // namespace

bool built_with_mpi() {
#ifdef PCO_HAVE_MPI
  return true;
#else
  return false;
#endif
}

ProcessGroup& ProcessGroup::world() {
  static ProcessGroup group;
  return group;
}

ProcessGroup::ProcessGroup() {
#ifdef PCO_HAVE_MPI
  if (!launched_by_mpirun()) return;
  int provided = 0;
  // Only the main thread calls MPI; worker threads never do.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  uses_mpi_ = true;
#else
  (void)launched_by_mpirun;
#endif
}

ProcessGroup::~ProcessGroup() {
#ifdef PCO_HAVE_MPI
  if (uses_mpi_) {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  }
#endif
}

std::pair<std::size_t, std::size_t> ProcessGroup::share(std::size_t count) const {
  const auto n = static_cast<std::size_t>(size_);
  const auto r = static_cast<std::size_t>(rank_);
  const std::size_t base = count / n;
  const std::size_t extra = count % n;
  const std::size_t begin = r * base + std::min(r, extra);
  return {begin, begin + base + (r < extra ? 1 : 0)};
}

std::vector<std::string> ProcessGroup::gather(const std::string& bytes) const {
  if (!uses_mpi_) return {bytes};
#ifdef PCO_HAVE_MPI
  const int length = checked_count(bytes.size());
  std::vector<int> lengths(is_root() ? static_cast<std::size_t>(size_) : 0);
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> offsets(lengths.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    offsets[i] = checked_count(total);
    total += static_cast<std::size_t>(lengths[i]);
  }
  std::string all(total, '\0');
  MPI_Gatherv(bytes.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR,
              0, MPI_COMM_WORLD);
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    parts.push_back(
        all.substr(static_cast<std::size_t>(offsets[i]), static_cast<std::size_t>(lengths[i])));
  }
  return parts;
#else
  return {bytes};
#endif
}

std::string ProcessGroup::broadcast(const std::string& bytes) const {
  if (!uses_mpi_) return bytes;
#ifdef PCO_HAVE_MPI
  int length = is_root() ? checked_count(bytes.size()) : 0;
  MPI_Bcast(&length, 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string out = is_root() ? bytes : std::string(static_cast<std::size_t>(length), '\0');
  MPI_Bcast(out.data(), length, MPI_CHAR, 0, MPI_COMM_WORLD);
  return out;
#else
  return bytes;
#endif
}

bool ProcessGroup::any(bool flag) const {
  if (!uses_mpi_) return flag;
#ifdef PCO_HAVE_MPI
  int local = flag ? 1 : 0;
  int global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
  return global != 0;
#else
  return flag;
#endif
}

void ProcessGroup::barrier() const {
#ifdef PCO_HAVE_MPI
  if (uses_mpi_) MPI_Barrier(MPI_COMM_WORLD);
#endif
}

}  // namespace pco

#include "parallel/process_group.hpp"

#include <cstdlib>
#include <limits>
#include <stdexcept>

#ifdef PCO_HAVE_MPI
// The C interface only: MPI's C++ bindings live in another library, which pco does not load.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include "core/shared_library.hpp"
#endif

namespace pco {

namespace {

bool launched_by_mpirun() {
  // Open MPI's launcher sets these in every child; PMIx launchers (srun, prterun) the second.
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr;
}

#ifdef PCO_HAVE_MPI
// Open MPI is opened only under mpirun (core/shared_library.hpp): linked in, it and its
// dependencies (hwloc, libevent, PMIx…) were loaded by every command. RTLD_GLOBAL lets the
// components Open MPI loads itself see its symbols.
#define PCO_MPI_FUNCTIONS(X) \
  X(MPI_Init_thread)         \
  X(MPI_Comm_rank)           \
  X(MPI_Comm_size)           \
  X(MPI_Finalized)           \
  X(MPI_Finalize)            \
  X(MPI_Gather)              \
  X(MPI_Gatherv)             \
  X(MPI_Bcast)               \
  X(MPI_Allreduce)           \
  X(MPI_Barrier)

struct Mpi {
#define PCO_DECLARE_FUNCTION(name) decltype(&::name) name;
  PCO_MPI_FUNCTIONS(PCO_DECLARE_FUNCTION)
#undef PCO_DECLARE_FUNCTION
  // Predefined handles: in Open MPI the addresses of objects inside libmpi, so they are
  // resolved like functions; elsewhere (MPICH) compile-time constants.
  MPI_Comm world;
  MPI_Datatype int_type;
  MPI_Datatype char_type;
  MPI_Op lor;
};

const Mpi& mpi() {
  static const Mpi functions = [] {
    static const SharedLibrary library(PCO_MPI_SONAME, true);
    Mpi m{};
#define PCO_RESOLVE_FUNCTION(name) m.name = library.function<decltype(&::name)>(#name);
    PCO_MPI_FUNCTIONS(PCO_RESOLVE_FUNCTION)
#undef PCO_RESOLVE_FUNCTION
#ifdef OPEN_MPI
    m.world = static_cast<MPI_Comm>(library.symbol("ompi_mpi_comm_world"));
    m.int_type = static_cast<MPI_Datatype>(library.symbol("ompi_mpi_int"));
    m.char_type = static_cast<MPI_Datatype>(library.symbol("ompi_mpi_char"));
    m.lor = static_cast<MPI_Op>(library.symbol("ompi_mpi_op_lor"));
#else
    m.world = MPI_COMM_WORLD;
    m.int_type = MPI_INT;
    m.char_type = MPI_CHAR;
    m.lor = MPI_LOR;
#endif
    return m;
  }();
  return functions;
}

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
  mpi().MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  mpi().MPI_Comm_rank(mpi().world, &rank_);
  mpi().MPI_Comm_size(mpi().world, &size_);
  uses_mpi_ = true;
#else
  (void)launched_by_mpirun;
#endif
}

ProcessGroup::~ProcessGroup() {
#ifdef PCO_HAVE_MPI
  if (uses_mpi_) {
    int finalized = 0;
    mpi().MPI_Finalized(&finalized);
    if (!finalized) mpi().MPI_Finalize();
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
  mpi().MPI_Gather(&length, 1, mpi().int_type, lengths.data(), 1, mpi().int_type, 0, mpi().world);
  std::vector<int> offsets(lengths.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    offsets[i] = checked_count(total);
    total += static_cast<std::size_t>(lengths[i]);
  }
  std::string all(total, '\0');
  mpi().MPI_Gatherv(bytes.data(), length, mpi().char_type, all.data(), lengths.data(),
                    offsets.data(), mpi().char_type, 0, mpi().world);
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
  mpi().MPI_Bcast(&length, 1, mpi().int_type, 0, mpi().world);
  std::string out = is_root() ? bytes : std::string(static_cast<std::size_t>(length), '\0');
  mpi().MPI_Bcast(out.data(), length, mpi().char_type, 0, mpi().world);
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
  mpi().MPI_Allreduce(&local, &global, 1, mpi().int_type, mpi().lor, mpi().world);
  return global != 0;
#else
  return flag;
#endif
}

void ProcessGroup::barrier() const {
#ifdef PCO_HAVE_MPI
  if (uses_mpi_) mpi().MPI_Barrier(mpi().world);
#endif
}

}  // namespace pco

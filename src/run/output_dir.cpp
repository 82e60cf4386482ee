#include "run/output_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

namespace {

namespace fs = std::filesystem;

constexpr const char* kCurrent = "current";

std::string run_dir_name(std::int64_t run_id) {
  return fmt::format("run-{:06d}", run_id);
}

[[noreturn]] void fail(const fs::path& path, std::string_view what, int error) {
  throw IoError(fmt::format("{}: {}: {}", path.string(), what, std::strerror(error)));
}

// Flushes a file or directory to disk, so that a rename that follows never exposes a name
// whose contents a power cut could lose.
void sync_path(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) fail(path, "cannot open to sync", errno);
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) fail(path, "cannot sync to disk", error);
}

void write_synced(const fs::path& path, const std::string& contents) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(path, "cannot create", errno);
  std::size_t done = 0;
  while (done < contents.size()) {
    const auto n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      fail(path, "cannot write", error);
    }
    done += static_cast<std::size_t>(n);
  }
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) fail(path, "cannot sync to disk", error);
}

// Points `link` at `target` atomically: a new link under a temporary name renamed over it.
void replace_link(const fs::path& link, const fs::path& target) {
  auto tmp = link;
  tmp += fmt::format(".link-{}", ::getpid());
  std::error_code ec;
  fs::remove(tmp, ec);
  fs::create_symlink(target, tmp, ec);
  if (ec) fail(tmp, "cannot create a link", ec.value());
  fs::rename(tmp, link, ec);
  if (ec) {
    fs::remove(tmp, ec);
    fail(link, "cannot move a link into place", ec.value());
  }
}

}  // namespace

OutputDirectory::OutputDirectory(fs::path dir) : dir_(std::move(dir)), meta_(dir_ / ".pco") {
  std::error_code ec;
  fs::create_directories(meta_, ec);
  if (ec) {
    throw IoError(
        fmt::format("{}: cannot create the output directory: {}", dir_.string(), ec.message()));
  }
  const auto lock = meta_ / "lock";
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) fail(lock, "cannot open the output directory's lock", errno);
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (error == EWOULDBLOCK) {
      throw IoError(fmt::format(
          "{}: another pco process is writing to this output directory; wait for it to finish "
          "or choose another --out",
          dir_.string()));
    }
    fail(lock, "cannot lock the output directory", error);
  }
}

OutputDirectory::~OutputDirectory() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // closing releases the flock
}

std::optional<std::int64_t> OutputDirectory::published_run() const {
  std::error_code ec;
  const auto target = fs::read_symlink(meta_ / kCurrent, ec);
  if (ec) return std::nullopt;
  const auto name = target.filename().string();
  if (!name.starts_with("run-")) return std::nullopt;
  std::int64_t id = 0;
  const auto* begin = name.data() + 4;
  const auto* end = name.data() + name.size();
  const auto r = std::from_chars(begin, end, id);
  if (r.ec != std::errc{} || r.ptr != end) return std::nullopt;
  return id;
}

void OutputDirectory::publish(std::int64_t run_id,
                              const std::vector<std::pair<std::string, std::string>>& files) const {
  const auto final_dir = meta_ / run_dir_name(run_id);
  const auto staging = meta_ / fmt::format("{}.staging-{}", run_dir_name(run_id), ::getpid());
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::remove_all(final_dir, ec);  // left by a writer killed before it published this run id
  if (!fs::create_directory(staging, ec) || ec) fail(staging, "cannot create", ec.value());
  for (const auto& [name, contents] : files)
    write_synced(staging / name, contents);
  sync_path(staging, true);
  fs::rename(staging, final_dir, ec);
  if (ec) fail(final_dir, "cannot move the staged files into place", ec.value());
  sync_path(meta_, true);
  // The commit point: one rename switches every file at once.
  replace_link(meta_ / kCurrent, run_dir_name(run_id));
  sync_path(meta_, true);
  // The links in the directory itself point through `current` and so never change; they are
  // made once (and replace the plain files an older pco wrote).
  for (const auto& [name, contents] : files) {
    const auto link = dir_ / name;
    const auto target = fs::path(".pco") / kCurrent / name;
    if (fs::is_symlink(fs::symlink_status(link, ec)) && fs::read_symlink(link, ec) == target)
      continue;
    replace_link(link, target);
  }
  // A file an earlier run published and this one does not (contracts.csv of a run that
  // commissioned care, say) would be left as a link to nothing: its link goes.
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    const auto name = entry.path().filename().string();
    const bool published =
        std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.first == name; });
    if (published || !fs::is_symlink(entry.symlink_status(ec))) continue;
    if (fs::read_symlink(entry.path(), ec) == fs::path(".pco") / kCurrent / name)
      fs::remove(entry.path(), ec);
  }
  sync_path(dir_, true);
}

void OutputDirectory::remove_stale() const {
  const auto keep = published_run();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(meta_, ec)) {
    const auto name = entry.path().filename().string();
    if (!name.starts_with("run-")) continue;
    if (keep && name == run_dir_name(*keep)) continue;
    fs::remove_all(entry.path(), ec);
  }
}

}  // namespace pco

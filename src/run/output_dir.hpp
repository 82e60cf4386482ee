#pragma once
// All-or-nothing output directories (docs/reliability.md). `pco run` writes its report and
// tables into a staging directory, then publishes them with one atomic rename, so that after
// a crash at any moment --out holds either the previous complete run or the new one, never a
// mix. The layout:
//
//   out/results.db                                   the store (SQLite, WAL mode)
//   out/report.html -> .pco/current/report.html      one link per file; links never change
//   out/.pco/current -> run-000012                   replacing this link publishes a run
//   out/.pco/run-000012/                             the files of run 12
//   out/.pco/lock                                    held (flock) by the one writer
//
// Readers open out/report.html as usual; the link resolves to the published run's file.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pco {

class OutputDirectory {
 public:
  // Creates `dir` when missing and takes its writer lock. Throws IoError naming the path when
  // the directory cannot be created, or when another pco process is writing to it.
  explicit OutputDirectory(std::filesystem::path dir);
  ~OutputDirectory();  // releases the lock (the kernel does so too when the process dies)
  OutputDirectory(const OutputDirectory&) = delete;
  OutputDirectory& operator=(const OutputDirectory&) = delete;

  const std::filesystem::path& path() const { return dir_; }

  // The run whose files are published (the target of .pco/current), or nullopt.
  std::optional<std::int64_t> published_run() const;

  // Writes `files` (name, contents) for `run_id` into a staging directory, syncs them to disk,
  // then publishes them all at once. Throws IoError naming the path on any failure, leaving
  // the previously published files as they were.
  void publish(std::int64_t run_id,
               const std::vector<std::pair<std::string, std::string>>& files) const;

  // Removes staging and run directories other than the published run's.
  void remove_stale() const;

 private:
  std::filesystem::path dir_;
  std::filesystem::path meta_;  // dir_/.pco
  int lock_fd_ = -1;
};

}  // namespace pco

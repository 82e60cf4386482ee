#include "readers/zip_archive.hpp"

#include <algorithm>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "readers/zip_library.hpp"

namespace pco {

namespace {

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_functions().zip_discard(archive); }
};
struct EntryCloser {
  void operator()(zip_file_t* file) const { zip_functions().zip_fclose(file); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

Archive open_archive(const std::filesystem::path& path) {
  const auto& z = zip_functions();
  int code = 0;
  zip_t* archive = z.zip_open(path.string().c_str(), ZIP_RDONLY, &code);
  if (archive == nullptr) {
    zip_error_t error;
    z.zip_error_init_with_code(&error, code);
    const std::string why = z.zip_error_strerror(&error);
    z.zip_error_fini(&error);
    throw IoError(fmt::format("{}: cannot open as a zip archive: {}", path.string(), why));
  }
  return Archive(archive);
}

bool is_data_entry(std::string_view name) {
  if (name.empty() || name.back() == '/') return false;
  if (name.rfind("__MACOSX/", 0) == 0) return false;
  const auto slash = name.rfind('/');
  const auto base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  return !base.empty() && base.front() != '.';
}

bool ends_with_nocase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         to_upper(text.substr(text.size() - suffix.size())) == to_upper(suffix);
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

std::vector<std::string> zip_data_entries(const std::filesystem::path& path) {
  const auto& z = zip_functions();
  const auto archive = open_archive(path);
  std::vector<std::string> names;
  const auto count = z.zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = z.zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
    if (name != nullptr && is_data_entry(name)) names.emplace_back(name);
  }
  return names;
}

std::string read_zip_entry(const std::filesystem::path& path, std::string_view suffix) {
  const auto& z = zip_functions();
  const auto archive = open_archive(path);
  const auto count = z.zip_get_num_entries(archive.get(), 0);
  std::vector<zip_uint64_t> chosen;
  std::string seen;
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = z.zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
    if (name == nullptr || !is_data_entry(name)) continue;
    seen += (seen.empty() ? "" : ", ") + std::string(name);
    if (ends_with_nocase(name, suffix)) chosen.push_back(static_cast<zip_uint64_t>(i));
  }
  if (chosen.size() != 1)
    throw IoError(fmt::format("{}: expected exactly one {} file in the archive, found {} ({})",
                              path.string(), suffix, chosen.size(),
                              seen.empty() ? "no data entries" : seen));
  zip_stat_t stat;
  z.zip_stat_init(&stat);
  if (z.zip_stat_index(archive.get(), chosen[0], 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
    throw IoError(fmt::format("{}: cannot read the size of {}", path.string(),
                              z.zip_get_name(archive.get(), chosen[0], 0)));
  // Refuse sizes that cannot be held rather than trusting a corrupt header.
  constexpr zip_uint64_t kMaxBytes = zip_uint64_t{4} << 30;
  if (stat.size > kMaxBytes)
    throw IoError(fmt::format("{}: entry {} claims {} bytes, more than pco reads ({})",
                              path.string(), stat.name, stat.size, kMaxBytes));
  std::unique_ptr<zip_file_t, EntryCloser> entry(z.zip_fopen_index(archive.get(), chosen[0], 0));
  if (!entry)
    throw IoError(fmt::format("{}: cannot open {}: {}", path.string(), stat.name,
                              z.zip_strerror(archive.get())));
  std::string bytes(static_cast<std::size_t>(stat.size), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto got = z.zip_fread(entry.get(), bytes.data() + done, bytes.size() - done);
    if (got < 0)
      throw IoError(fmt::format("{}: cannot read {}: {}", path.string(), stat.name,
                                z.zip_file_strerror(entry.get())));
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  if (done != bytes.size())
    throw IoError(fmt::format("{}: {} ended after {} of {} bytes", path.string(), stat.name, done,
                              bytes.size()));
  return bytes;
}

std::string read_maybe_zipped(const std::filesystem::path& path, std::string_view suffix) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  if (!in.read(magic, 4) || !looks_like_zip(std::string_view(magic, 4)))
    return read_file_bytes(path);
  return read_zip_entry(path, suffix);
}

}  // namespace pco

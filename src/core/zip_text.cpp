#include "core/zip_text.hpp"

#include <memory>
#include <vector>

#include <fmt/format.h>
#include <zip.h>

#include "core/error.hpp"
#include "core/shared_library.hpp"
#include "core/text.hpp"

namespace pco {

namespace {

// libzip, opened on first use like GEOS and PROJ (core/shared_library.hpp): only commands that
// read a zipped extract load it.
#define PCO_ZIP_FUNCTIONS(X)  \
  X(zip_open)                 \
  X(zip_discard)              \
  X(zip_error_init_with_code) \
  X(zip_error_strerror)       \
  X(zip_error_fini)           \
  X(zip_get_num_entries)      \
  X(zip_get_name)             \
  X(zip_stat_init)            \
  X(zip_stat_index)           \
  X(zip_fopen_index)          \
  X(zip_fread)                \
  X(zip_fclose)

#define PCO_DECLARE_FUNCTION(name) decltype(&::name) name;
struct ZipFunctions {
  PCO_ZIP_FUNCTIONS(PCO_DECLARE_FUNCTION)
};
#undef PCO_DECLARE_FUNCTION

const ZipFunctions& zip_functions() {
  static const ZipFunctions functions = [] {
    static const SharedLibrary library(PCO_LIBZIP_SONAME, false);
    ZipFunctions f{};
#define PCO_RESOLVE_FUNCTION(name) f.name = library.function<decltype(&::name)>(#name);
    PCO_ZIP_FUNCTIONS(PCO_RESOLVE_FUNCTION)
#undef PCO_RESOLVE_FUNCTION
    return f;
  }();
  return functions;
}

}  // namespace

std::string read_zipped_csv(const std::filesystem::path& archive) {
  const auto& z = zip_functions();
  int code = 0;
  const std::unique_ptr<zip_t, decltype(z.zip_discard)> zip(
      z.zip_open(archive.c_str(), ZIP_RDONLY, &code), z.zip_discard);
  if (!zip) {
    zip_error_t error;
    z.zip_error_init_with_code(&error, code);
    const std::string why = z.zip_error_strerror(&error);
    z.zip_error_fini(&error);
    throw IoError(fmt::format("{}: cannot open as a zip archive ({})", archive.string(), why));
  }
  std::vector<zip_uint64_t> csv_entries;
  const auto entries = z.zip_get_num_entries(zip.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const std::string name = z.zip_get_name(zip.get(), static_cast<zip_uint64_t>(i), 0);
    if (name.starts_with("__MACOSX/") || name.find("/._") != std::string::npos) continue;
    if (name.size() >= 4 && (name.ends_with(".csv") || name.ends_with(".CSV")))
      csv_entries.push_back(static_cast<zip_uint64_t>(i));
  }
  if (csv_entries.size() != 1)
    throw IoError(fmt::format("{}: expected one CSV file in the archive, found {}",
                              archive.string(), csv_entries.size()));
  zip_stat_t stat;
  z.zip_stat_init(&stat);
  if (z.zip_stat_index(zip.get(), csv_entries[0], 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
    throw IoError(fmt::format("{}: cannot read the size of its CSV entry", archive.string()));
  const std::unique_ptr<zip_file_t, decltype(z.zip_fclose)> file(
      z.zip_fopen_index(zip.get(), csv_entries[0], 0), z.zip_fclose);
  if (!file) throw IoError(fmt::format("{}: cannot open its CSV entry", archive.string()));
  std::string bytes(stat.size, '\0');
  zip_uint64_t done = 0;
  while (done < stat.size) {
    const auto got = z.zip_fread(file.get(), bytes.data() + done, stat.size - done);
    if (got <= 0)
      throw IoError(fmt::format("{}: the CSV entry ends early or is corrupt", archive.string()));
    done += static_cast<zip_uint64_t>(got);
  }
  return decode_to_utf8(bytes);
}

std::string read_text_or_zipped_csv(const std::filesystem::path& path) {
  const auto ext = path.extension().string();
  if (ext == ".zip" || ext == ".ZIP") return read_zipped_csv(path);
  return read_text_file(path);
}

}  // namespace pco

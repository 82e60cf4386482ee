#pragma once
// Reading a file as it is published: a plain file, or the one data file inside a zip archive
// (NHS England ships its large extracts zipped, sometimes with macOS `__MACOSX/` entries).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pco {

// True when `bytes` start with a zip local-file header ("PK\3\4").
bool looks_like_zip(std::string_view bytes);

// libzip is opened on first use (readers/zip_library.hpp); IoError when it is missing.
// The names of the archive's entries that hold data: directories, `__MACOSX/` resource forks
// and hidden files (".…") are left out. Throws IoError when the archive cannot be read.
std::vector<std::string> zip_data_entries(const std::filesystem::path& path);

// The bytes of the archive's only data entry whose name ends with `suffix` (case-insensitive,
// e.g. ".csv"). Throws IoError naming the archive when it cannot be opened or read, or when
// it holds no such entry or more than one.
std::string read_zip_entry(const std::filesystem::path& path, std::string_view suffix);

// The file's bytes, or the bytes of its only `suffix` entry when it is a zip archive.
std::string read_maybe_zipped(const std::filesystem::path& path, std::string_view suffix);

}  // namespace pco

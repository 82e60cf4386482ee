#pragma once
// Reading a text file out of a zip archive (NHS England publishes some extracts zipped), so a
// reader can take the archive as downloaded.

#include <filesystem>
#include <string>

namespace pco {

// The text of the one CSV entry of the archive (entries under __MACOSX/ and other non-.csv
// entries are ignored), decoded to UTF-8 as read_text_file does. Throws IoError naming the
// archive when it cannot be opened or read, or when it holds no CSV entry or more than one.
std::string read_zipped_csv(const std::filesystem::path& archive);

// read_zipped_csv for a path ending in .zip, else read_text_file.
std::string read_text_or_zipped_csv(const std::filesystem::path& path);

}  // namespace pco

#pragma once
// Reading input files as UTF-8 text whatever their encoding, and writing outputs so that a
// failure never leaves a half-written file behind.

#include <filesystem>
#include <string>
#include <string_view>

namespace pco {

// Reads a whole file as bytes. Throws IoError naming the file when it cannot be read.
std::string read_file_bytes(const std::filesystem::path& path);

// NHS files come as UTF-8 (sometimes with a byte-order mark) or as Latin-1 / Windows-1252.
// Returns UTF-8 text without a BOM: valid UTF-8 is kept, anything else is decoded as
// Windows-1252 (a superset of Latin-1 for printable characters), so no byte sequence fails.
std::string decode_to_utf8(std::string_view bytes);

bool is_valid_utf8(std::string_view bytes);

// Reads and decodes a text file.
std::string read_text_file(const std::filesystem::path& path);

// Writes to a temporary file beside `path` and renames it into place, so readers see either
// the old file or the whole new one.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace pco

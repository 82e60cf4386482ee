#pragma once
// A whole scenario file: its TOML read, every key checked against the schema every module
// contributes (schema.hpp), [simulation]'s values range-checked, and the foundation's sections
// read, so that all the problems of a file are listed at once.

#include <filesystem>
#include <string>
#include <string_view>

#include "scenario/scenario.hpp"

namespace pco {

// Parses and validates a scenario. Relative paths are resolved against `base_dir`. Throws
// InputError listing every problem (unknown keys, wrong types, missing keys, bad values).
Scenario parse_scenario(std::string_view text, const std::string& file_name,
                        const std::filesystem::path& base_dir);
Scenario load_scenario(const std::filesystem::path& path);

}  // namespace pco

#pragma once
// Checks a parsed TOML table against a description of its keys, so every unknown or mistyped
// key of a scenario is reported at once with its line and column.

#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/error.hpp"

namespace pco {

enum class TomlKind {
  string,
  integer,
  number,  // integer or float
  boolean,
  string_array,
  number_array,
  table,
  table_array,
};

struct KeySpec {
  std::string_view name;
  TomlKind kind;
  bool required = false;
  const std::vector<KeySpec>* children = nullptr;  // for tables and arrays of tables
};

std::string_view kind_label(TomlKind kind);

void check_table(const toml::table& table, const std::vector<KeySpec>& spec,
                 const std::string& path, const std::string& file, DiagnosticList& problems);

// A diagnostic for a node, with the node's source position.
Diagnostic toml_diagnostic(const toml::node& node, const std::string& file,
                           const std::string& key_path, std::string value, std::string expected);

std::string toml_value_text(const toml::node& node);

}  // namespace pco

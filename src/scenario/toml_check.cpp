#include "scenario/toml_check.hpp"

#include <cmath>

#include <fmt/format.h>

namespace pco {

std::string_view kind_label(TomlKind kind) {
  switch (kind) {
    case TomlKind::string:
      return "a string";
    case TomlKind::integer:
      return "an integer";
    case TomlKind::number:
      return "a finite number";
    case TomlKind::boolean:
      return "true or false";
    case TomlKind::string_array:
      return "an array of strings";
    case TomlKind::number_array:
      return "an array of finite numbers";
    case TomlKind::table:
      return "a table";
    case TomlKind::table_array:
      return "an array of tables ([[...]])";
  }
  return "a value";
}

std::string toml_value_text(const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) return fmt::format("{}", f->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  if (node.is_array()) return "[...]";
  if (node.is_table()) return "{...}";
  return "?";
}

Diagnostic toml_diagnostic(const toml::node& node, const std::string& file,
                           const std::string& key_path, std::string value, std::string expected) {
  const auto& where = node.source().begin;
  return Diagnostic{file,     where.line,       where.column,
                    key_path, std::move(value), std::move(expected)};
}

namespace {

// TOML allows nan and inf; no value of a scenario means either, so a number must be finite.
bool finite_number(const toml::node& node) {
  if (node.is_integer()) return true;
  const auto* f = node.as_floating_point();
  return f != nullptr && std::isfinite(f->get());
}

bool matches(const toml::node& node, TomlKind kind) {
  switch (kind) {
    case TomlKind::string:
      return node.is_string();
    case TomlKind::integer:
      return node.is_integer();
    case TomlKind::number:
      return finite_number(node);
    case TomlKind::boolean:
      return node.is_boolean();
    case TomlKind::string_array: {
      const auto* a = node.as_array();
      if (a == nullptr) return false;
      for (const auto& e : *a) {
        if (!e.is_string()) return false;
      }
      return true;
    }
    case TomlKind::number_array: {
      const auto* a = node.as_array();
      if (a == nullptr) return false;
      for (const auto& e : *a) {
        if (!finite_number(e)) return false;
      }
      return true;
    }
    case TomlKind::table:
      return node.is_table();
    case TomlKind::table_array:
      return node.is_array_of_tables();
  }
  return false;
}

}  // namespace

void check_table(const toml::table& table, const std::vector<KeySpec>& spec,
                 const std::string& path, const std::string& file, DiagnosticList& problems) {
  const auto full = [&](std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  };
  for (const auto& [key, node] : table) {
    const KeySpec* found = nullptr;
    for (const auto& s : spec) {
      if (s.name == key.str()) found = &s;
    }
    if (found == nullptr) {
      std::string known;
      for (const auto& s : spec)
        known += fmt::format("{}{}", known.empty() ? "" : ", ", s.name);
      Diagnostic d{
          file,
          key.source().begin.line,
          key.source().begin.column,
          full(key.str()),
          std::string(key.str()),
          fmt::format("a known key{}: {}", path.empty() ? "" : " in [" + path + "]", known)};
      problems.add(std::move(d));
      continue;
    }
    if (!matches(node, found->kind)) {
      problems.add(toml_diagnostic(node, file, full(key.str()), toml_value_text(node),
                                   std::string(kind_label(found->kind))));
      continue;
    }
    if (found->children == nullptr) continue;
    if (const auto* t = node.as_table()) {
      check_table(*t, *found->children, full(key.str()), file, problems);
    } else if (const auto* a = node.as_array()) {
      std::size_t i = 0;
      for (const auto& element : *a) {
        check_table(*element.as_table(), *found->children,
                    fmt::format("{}[{}]", full(key.str()), i++), file, problems);
      }
    }
  }
  for (const auto& s : spec) {
    if (s.required && !table.contains(s.name)) {
      const auto& where = table.source().begin;
      problems.add({file, where.line, where.column, full(s.name), "",
                    fmt::format("a key {} ({})", s.name, kind_label(s.kind))});
    }
  }
}

}  // namespace pco

#pragma once
// A thin RAII layer over SQLite: one connection, prepared statements with positional binds,
// and errors turned into IoError naming the database file.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace pco {

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, std::string_view sql, const std::string& db_name);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Binds `values` to ?1, ?2, ... and runs the statement to completion, then resets it.
  void run(const std::vector<SqlValue>& values);
  // Binds and steps once; returns false when there are no (more) rows.
  void bind(const std::vector<SqlValue>& values);
  bool step();
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  bool column_is_null(int column) const;
  void reset();

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  std::string db_name_;
};

class SqliteDb {
 public:
  enum class Mode { read_write, read_only };
  // read_write creates the file when missing; read_only never writes (the dashboard).
  explicit SqliteDb(const std::filesystem::path& path, Mode mode = Mode::read_write);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  void exec(std::string_view sql);
  SqliteStatement prepare(std::string_view sql) { return {db_, sql, name_}; }
  std::int64_t last_insert_rowid() const;
  // Whether the database has a table of this name (a store written by an older pco may not).
  bool has_table(std::string_view table);
  const std::string& name() const { return name_; }

 private:
  sqlite3* db_ = nullptr;
  std::string name_;
};

}  // namespace pco

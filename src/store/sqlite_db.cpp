#include "store/sqlite_db.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "core/error.hpp"

namespace pco {

namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& db_name, std::string_view what) {
  throw IoError(fmt::format("{}: {}: {}", db_name, what, db ? sqlite3_errmsg(db) : "no memory"));
}

}  // namespace

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql, const std::string& db_name)
    : db_(db), db_name_(db_name) {
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr) !=
      SQLITE_OK) {
    fail(db_, db_name_, fmt::format("cannot prepare \"{}\"", sql));
  }
}

SqliteStatement::~SqliteStatement() {
  sqlite3_finalize(statement_);
}

void SqliteStatement::bind(const std::vector<SqlValue>& values) {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    int rc = SQLITE_OK;
    if (const auto* v = std::get_if<std::int64_t>(&values[i])) {
      rc = sqlite3_bind_int64(statement_, index, *v);
    } else if (const auto* d = std::get_if<double>(&values[i])) {
      rc = sqlite3_bind_double(statement_, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&values[i])) {
      rc = sqlite3_bind_text(statement_, index, s->data(), static_cast<int>(s->size()),
                             SQLITE_TRANSIENT);
    } else {
      rc = sqlite3_bind_null(statement_, index);
    }
    if (rc != SQLITE_OK) fail(db_, db_name_, "cannot bind a value");
  }
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, db_name_, "cannot write");
}

void SqliteStatement::run(const std::vector<SqlValue>& values) {
  bind(values);
  while (step()) {
  }
  sqlite3_reset(statement_);
}

void SqliteStatement::reset() {
  sqlite3_reset(statement_);
}

std::int64_t SqliteStatement::column_int(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double SqliteStatement::column_double(int column) const {
  return sqlite3_column_double(statement_, column);
}

bool SqliteStatement::column_is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::string SqliteStatement::column_text(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  return text ? reinterpret_cast<const char*>(text) : "";
}

SqliteDb::SqliteDb(const std::filesystem::path& path, Mode mode) : name_(path.string()) {
  const int flags =
      mode == Mode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(name_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "no memory";
    sqlite3_close(db_);
    throw IoError(fmt::format("{}: cannot open the results store: {}", name_, message));
  }
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA foreign_keys = ON");
}

SqliteDb::~SqliteDb() {
  sqlite3_close(db_);
}

void SqliteDb::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string statement(sql);
  if (sqlite3_exec(db_, statement.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw IoError(fmt::format("{}: {}", name_, text));
  }
}

std::int64_t SqliteDb::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

bool SqliteDb::has_table(std::string_view table) {
  auto q = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  q.bind({std::string(table)});
  return q.step();
}

}  // namespace pco

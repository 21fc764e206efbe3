// SqliteDb / SqliteStmt: a thin RAII layer over the SQLite C API for the state database.
// Every failure throws StateError carrying SQLite's message, so callers handle one exception
// type. A SqliteDb and its statements belong to one thread at a time (SQLite's own rule for a
// connection used without the serialized mode).
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace datasweep {

class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SqliteStmt {
 public:
  SqliteStmt() = default;
  SqliteStmt(sqlite3* db, std::string_view sql);
  SqliteStmt(SqliteStmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  SqliteStmt& operator=(SqliteStmt&& o) noexcept;
  ~SqliteStmt();

  // Binds (1-based index); a string_view binds as TEXT, BindBlob as the exact bytes.
  SqliteStmt& Bind(int i, int64_t v);
  SqliteStmt& Bind(int i, double v);
  SqliteStmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  SqliteStmt& Bind(int i, std::string_view v);
  SqliteStmt& BindBlob(int i, std::string_view v);
  SqliteStmt& BindNull(int i);
  // Steps once: true when a row is available, false when done. Throws on error.
  bool Step();
  // Steps to completion and resets (for INSERT/UPDATE).
  void Run();
  void Reset();  // resets and clears bindings for the next use

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  // TEXT or BLOB bytes; valid until the next Step/Reset.
  std::string_view Bytes(int col) const;
  std::string Str(int col) const { return std::string(Bytes(col)); }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
 public:
  // Opens `path` (flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE or SQLITE_OPEN_READONLY).
  SqliteDb(const std::string& path, int flags);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  void Exec(std::string_view sql);  // one or more statements without results
  SqliteStmt Prepare(std::string_view sql) { return SqliteStmt(db_, sql); }
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* Handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace datasweep

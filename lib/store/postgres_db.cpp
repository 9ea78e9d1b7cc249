// The PostgreSQL connection (libpqxx). libpqxx throws; everything is caught here and turned
// into Error, so no exception leaves the store. Blobs travel as bytea hex text. Statements are
// prepared once per connection (looked up by their text), so a request does not pay PostgreSQL's
// parse and analysis of every statement again; a lost connection is noted, for the pool to drop.
#include <poll.h>

#include <pqxx/pqxx>

#include <unordered_map>

#include "store/db.h"

namespace dondoc::store::internal {
namespace {

constexpr unsigned kByteaOid = 17;

// postgresql://user:secret@host/db -> postgresql://user:***@host/db, for messages.
std::string redact(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme == std::string::npos || at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string first_line(std::string s) {
  if (auto nl = s.find('\n'); nl != std::string::npos && nl + 1 < s.size()) s.resize(nl);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  if (s.rfind("ERROR:  ", 0) == 0) s = s.substr(8);
  if (s.rfind("FATAL:  ", 0) == 0) s = s.substr(8);
  return s;
}

Error connect_error(const std::string& what, const std::string& location) {
  std::string hint = "hãy kiểm tra máy chủ PostgreSQL đang chạy, địa chỉ, tên người dùng và mật khẩu";
  if (what.find("password authentication failed") != std::string::npos ||
      what.find("no password supplied") != std::string::npos)
    hint = "sai tên người dùng hoặc mật khẩu";
  else if (what.find("does not exist") != std::string::npos)
    hint = "cơ sở dữ liệu hoặc người dùng không tồn tại; hãy tạo trước (createdb)";
  return make_error(ErrorCode::kDatabase,
                    "không kết nối được PostgreSQL: " + hint + " (" + first_line(what) + ")", location);
}

std::string to_hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string from_hex(const char* s, size_t n) {
  auto val = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  if (n < 2 || s[0] != '\\' || s[1] != 'x') return std::string(s, n);
  out.reserve((n - 2) / 2);
  for (size_t i = 2; i + 1 < n; i += 2) out.push_back(static_cast<char>(val(s[i]) << 4 | val(s[i + 1])));
  return out;
}

// `?` -> `$1`, `$2`, ... outside quoted literals.
std::string number_placeholders(const std::string& sql) {
  std::string out;
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class PostgresDb final : public Db {
 public:
  PostgresDb(std::unique_ptr<pqxx::connection> conn, std::string location)
      : conn_(std::move(conn)), location_(std::move(location)) {}
  ~PostgresDb() override { rollback(); }

  Engine engine() const override { return Engine::kPostgres; }

  // Lost when a statement found the connection broken, or when the idle connection has
  // something to read: between requests PostgreSQL sends nothing unless it ends the session
  // (a restart sends "terminating connection due to administrator command", then closes).
  bool usable() override {
    if (lost_) return false;
    int fd = conn_->sock();
    if (fd < 0) {
      lost_ = true;
      return false;
    }
    if (tx_) return true;  // in use: only checked between uses
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) != 0) lost_ = true;
    return !lost_;
  }

  Status exec(const std::string& sql, const Params& params) override {
    auto r = run(sql, params);
    if (!r) return r.error();
    return ok_status();
  }

  Result<Rows> query(const std::string& sql, const Params& params) override {
    auto r = run(sql, params);
    if (!r) return r.error();
    const pqxx::result& res = *r;
    Rows rows(static_cast<size_t>(res.columns()));
    std::vector<bool> bytea(res.columns());
    for (pqxx::row::size_type c = 0; c < res.columns(); ++c) bytea[c] = res.column_type(c) == kByteaOid;
    for (const auto& row : res) {
      for (pqxx::row::size_type c = 0; c < row.size(); ++c) {
        const auto& f = row[c];
        if (f.is_null()) rows.add(std::nullopt);
        else if (bytea[c]) rows.add(from_hex(f.c_str(), f.size()));
        else rows.add(std::string(f.c_str(), f.size()));
      }
    }
    return rows;
  }

  Status exec_script(std::string_view sql) override {
    return guard([&]() -> Status {
      if (tx_) {
        tx_->exec(std::string(sql));
      } else {
        pqxx::nontransaction n(*conn_);
        n.exec(std::string(sql));
      }
      return ok_status();
    });
  }

  Status begin() override {
    return guard([&]() -> Status {
      tx_ = std::make_unique<pqxx::work>(*conn_);
      return ok_status();
    });
  }

  Status commit() override {
    return guard([&]() -> Status {
      if (tx_) {
        tx_->commit();
        tx_.reset();
      }
      return ok_status();
    });
  }

  void rollback() override {
    try {
      if (tx_) tx_->abort();
    } catch (const std::exception&) {
      // The connection is gone; the server rolls the transaction back by itself.
    }
    tx_.reset();
  }

 private:
  template <typename F>
  Status guard(F&& f) {
    try {
      return f();
    } catch (const pqxx::broken_connection& e) {
      tx_.reset();
      lost_ = true;
      return make_error(ErrorCode::kDatabase,
                        "mất kết nối tới PostgreSQL (" + first_line(e.what()) + ")", location_);
    } catch (const pqxx::sql_error& e) {
      // Class 08 (connection exception) and 57P (the server shutting down or starting).
      std::string state = e.sqlstate();
      if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0 || conn_->sock() < 0) lost_ = true;
      return make_error(ErrorCode::kDatabase, "lỗi PostgreSQL: " + first_line(e.what()), location_);
    } catch (const std::exception& e) {
      if (conn_->sock() < 0) lost_ = true;
      return make_error(ErrorCode::kDatabase, "lỗi PostgreSQL: " + first_line(e.what()), location_);
    }
  }

  // The prepared statement of `sql`, prepared on first use; "" past kMaxPrepared statements
  // (texts that vary with a limit or a list's length could otherwise grow without end), then
  // sent unprepared.
  static constexpr size_t kMaxPrepared = 500;
  struct Statement {
    std::string name, text;  // text: with $1, $2, ...
  };
  const Statement& statement(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    Statement st{"", number_placeholders(sql)};
    if (statements_.size() < kMaxPrepared) {
      st.name = "dondoc_" + std::to_string(statements_.size() + 1);
      conn_->prepare(st.name, st.text);  // registered here; sent with its first execution
    }
    return statements_.emplace(sql, std::move(st)).first->second;
  }

  Result<pqxx::result> run(const std::string& sql, const Params& params) {
    std::vector<std::string> values(params.size());
    std::vector<const char*> ptrs(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) continue;
      if (const auto* v = std::get_if<int64_t>(&p)) values[i] = std::to_string(*v);
      else if (const auto* s = std::get_if<std::string>(&p)) values[i] = *s;
      else if (const auto* b = std::get_if<Blob>(&p)) values[i] = to_hex(b->bytes);
      ptrs[i] = values[i].c_str();
    }
    pqxx::result out;
    auto s = guard([&]() -> Status {
      const Statement& st = statement(sql);
      auto dyn = pqxx::prepare::make_dynamic_params(ptrs);
      std::unique_ptr<pqxx::nontransaction> own;
      pqxx::transaction_base* t = tx_.get();
      if (!t) t = (own = std::make_unique<pqxx::nontransaction>(*conn_)).get();
      out = st.name.empty() ? t->exec_params(st.text, dyn) : t->exec_prepared(st.name, dyn);
      return ok_status();
    });
    if (!s) return s.error();
    return out;
  }

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::work> tx_;
  std::string location_;
  std::unordered_map<std::string, Statement> statements_;  // by the text as written (with `?`)
  bool lost_ = false;
};

}  // namespace

Result<std::unique_ptr<Db>> connect_postgres(const std::string& url, const OpenOptions& opts) {
  std::string location = redact(url);
  std::string conninfo = url;
  if (conninfo.find("connect_timeout=") == std::string::npos)
    conninfo += (conninfo.find('?') == std::string::npos ? "?" : "&") + std::string("connect_timeout=5");
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(conninfo);
  } catch (const std::exception& e) {
    return connect_error(e.what(), location);
  }
  auto db = std::make_unique<PostgresDb>(std::move(conn), location);
  if (auto s = db->exec("SET client_min_messages = warning", {}); !s) return s.error();
  if (auto s = db->exec("SET client_encoding = 'UTF8'", {}); !s) return s.error();
  // Prepared statements are planned for their values every time, as unprepared ones are: the
  // plan PostgreSQL would otherwise keep after five runs does not know the search words (it
  // sorted every match of "ke hoach" with its tsvector on disk: 70 ms instead of 3 ms).
  if (auto s = db->exec("SET plan_cache_mode = force_custom_plan", {}); !s) return s.error();
  auto enc = db->query("SHOW server_encoding", {});
  if (!enc) return enc.error();
  if (enc->str(0, 0) != "UTF8")
    return make_error(ErrorCode::kDatabase,
                      "cơ sở dữ liệu PostgreSQL phải dùng mã UTF8 (đang là " + enc->str(0, 0) +
                          "); hãy tạo lại với createdb -E UTF8",
                      location);
  if (opts.read_only) {
    if (auto s = db->exec("SET default_transaction_read_only = on", {}); !s) return s.error();
  }
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace dondoc::store::internal

#include "store_common.h"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "../command.h"
#include "../table.h"
#include "core/viet.h"

namespace dondoc::cli {

std::string default_db() {
  const char* env = std::getenv("DONDOC_DB");
  return env && *env ? env : "dondoc.db";
}

void add_db_option(CLI::App& app, std::string& db) {
  db = default_db();
  app.add_option("--db", db, "kho dữ liệu: tệp SQLite hoặc URL postgresql://… (mặc định $DONDOC_DB hoặc dondoc.db)");
}

void add_as_of_option(CLI::App& app, std::string& as_of) {
  app.add_option("--as-of", as_of, "ngày tính (YYYY-MM-DD), mặc định hôm nay");
}

int parse_args(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  return -1;
}

std::unique_ptr<store::Store> open_store(const char* cmd, const std::string& db, const store::OpenOptions& opts) {
  auto s = service::open_store(db, opts);
  if (!s) {
    std::fprintf(stderr, "dondoc %s: %s\n", cmd, s.error().to_string().c_str());
    return nullptr;
  }
  return std::move(*s);
}

std::optional<Date> parse_date_option(const char* cmd, const char* option, const std::string& value) {
  auto d = parse_iso(value);
  if (!d) std::fprintf(stderr, "dondoc %s: %s phải có dạng YYYY-MM-DD, nhận được '%s'\n", cmd, option, value.c_str());
  return d;
}

std::optional<Date> as_of_or_today(const char* cmd, const std::string& as_of) {
  if (as_of.empty()) return local_today();
  return parse_date_option(cmd, "--as-of", as_of);
}

Date local_today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string local_now_iso() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

std::optional<int64_t> resolve_document(const char* cmd, store::Store& s, const std::string& ref) {
  service::Service svc(s, cli_clock(local_today()));
  auto id = svc.find_document(service::Actor::local(), ref);
  if (!id) {
    print_error(cmd, id.error());
    return std::nullopt;
  }
  return *id;
}

service::Clock cli_clock(const Date& today) { return service::Clock{today, service::Clock::system().now}; }

void print_error(const char* cmd, const Error& e) { std::fprintf(stderr, "dondoc %s: %s\n", cmd, e.to_string().c_str()); }

const char* status_label(store::TaskStatus s) {
  switch (s) {
    case store::TaskStatus::kOpen: return "chưa thực hiện";
    case store::TaskStatus::kInProgress: return "đang thực hiện";
    case store::TaskStatus::kDone: return "hoàn thành";
    case store::TaskStatus::kCancelled: return "đã hủy";
  }
  return "";
}

std::optional<store::TaskStatus> parse_status(std::string_view s) {
  if (auto st = store::task_status_from_string(s)) return st;
  std::string f = viet::fold(s);
  if (f == "chua thuc hien" || f == "moi") return store::TaskStatus::kOpen;
  if (f == "dang thuc hien") return store::TaskStatus::kInProgress;
  if (f == "hoan thanh" || f == "xong") return store::TaskStatus::kDone;
  if (f == "da huy" || f == "huy") return store::TaskStatus::kCancelled;
  return std::nullopt;
}

std::string join_names(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
  return s.empty() ? "-" : s;
}

void print_json_line(const nlohmann::ordered_json& j) {
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  s += '\n';
  std::fwrite(s.data(), 1, s.size(), stdout);
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace dondoc::cli

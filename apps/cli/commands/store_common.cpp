#include "store_common.h"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "../command.h"
#include "../table.h"
#include "core/numbers.h"
#include "core/os_error.h"
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

namespace {

// "NAME is required" -> "NAME": the part of CLI11's English message before `marker`.
std::string before(const std::string& s, const std::string& marker) {
  size_t at = s.find(marker);
  return at == std::string::npos ? s : s.substr(0, at);
}
std::string after(const std::string& s, const std::string& marker) {
  size_t at = s.find(marker);
  return at == std::string::npos ? s : s.substr(at + marker.size());
}

template <class T>
bool is(const CLI::ParseError& e) {
  return dynamic_cast<const T*>(&e) != nullptr;
}

// CLI11 speaks English; our users read Vietnamese. Its messages name options, which are kept.
std::string vietnamese(const CLI::ParseError& e) {
  std::string what = e.what();
  if (is<CLI::RequiredError>(e)) return "thiếu " + before(what, " is required");
  if (is<CLI::ExtrasError>(e)) return "không hiểu tham số: " + after(what, "expected: ");
  if (is<CLI::ConversionError>(e)) return "giá trị không hợp lệ: " + after(what, "convert: ");
  if (is<CLI::ArgumentMismatch>(e)) return "số giá trị không đúng cho " + before(before(what, ":"), ",");
  if (is<CLI::ExcludesError>(e))
    return "không dùng cùng lúc " + before(what, " excludes ") + " và " + after(what, " excludes ");
  if (is<CLI::RequiresError>(e)) return before(what, " requires ") + " cần có " + after(what, " requires ");
  if (is<CLI::ValidationError>(e)) return what;  // ours, already in Vietnamese
  return "tham số không hợp lệ (" + what + ")";
}

}  // namespace

int parse_args(CLI::App& app, int argc, char** argv) {
  std::string cmd = app.get_name().substr(app.get_name().rfind(' ') + 1);
  try {
    app.parse(argc, argv);
    for (const CLI::Option* o : app.get_options()) {
      if (o->get_expected_min() == 0 || o->count() == 0) continue;  // flags; options not given
      for (const auto& v : o->results())
        if (v.empty()) throw CLI::ValidationError(o->get_name(), "không được để trống");
    }
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "dondoc %s: %s\n(xem: dondoc %s --help)\n", cmd.c_str(), vietnamese(e).c_str(), cmd.c_str());
    return kExitUsage;
  }
  return -1;
}

CLI::Option* add_number_option(CLI::App& app, const std::string& name, std::function<void(int64_t)> set,
                               const std::string& help, int64_t min, int64_t max) {
  return app
      .add_option_function<std::string>(
          name,
          [set = std::move(set), name, min, max](const std::string& s) {
            auto v = parse_decimal(s, min, max);
            if (!v) throw CLI::ValidationError(name, v.error().message);
            set(*v);
          },
          help)
      ->type_name("N");
}

void add_ocr_budget_options(CLI::App& app, ingest::ReaderContext& ctx) {
  add_number_option(
      app, "--ocr-seconds", [&ctx](int64_t v) { ctx.ocr_budget_seconds = static_cast<double>(v); },
      "thời gian nhận dạng chữ (OCR) tối đa cho một văn bản, giây (mặc định " +
          std::to_string(static_cast<int>(ctx.ocr_budget_seconds)) + ")",
      1, 86400);
  add_number_option(
      app, "--ocr-megapixels", [&ctx](int64_t v) { ctx.ocr_budget_pixels = static_cast<uint64_t>(v) * 1000000; },
      "số triệu điểm ảnh nhận dạng tối đa cho một văn bản, mọi trang cộng lại (mặc định " +
          std::to_string(ctx.ocr_budget_pixels / 1000000) + ")",
      1, 1000000);
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

Status write_stdout(std::string_view bytes) {
  std::fwrite(bytes.data(), 1, bytes.size(), stdout);
  if (std::fflush(stdout) != 0 || std::ferror(stdout))
    return make_error(ErrorCode::kIo, "không ghi được ra đầu ra chuẩn: " + os_error_message(errno ? errno : EIO));
  return ok_status();
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace dondoc::cli

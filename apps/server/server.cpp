// The server: httplib setup, routes, the embedded web assets, the first admin account, the
// consume folder, and a clean stop on SIGTERM.
#include "server.h"

#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>

#include "api.h"

namespace dondoc::web {
// Generated from apps/server/web/ (cmake/embed_data.cmake).
std::string_view file(std::string_view rel);
std::vector<std::string> files();
}  // namespace dondoc::web

namespace dondoc::server {
namespace {

namespace fs = std::filesystem;

// cpp-httplib 0.11 listens with a backlog of 5: a burst of clients (a whole office opening the
// page at 8:00) would see connections reset. Listening again on the bound socket raises it.
template <typename Base>
class Listener : public Base {
 public:
  using Base::Base;
  void widen_backlog() { ::listen(this->svr_sock_, SOMAXCONN); }
};

std::string content_type_of(const std::string& path) {
  static const std::map<std::string, std::string> k = {
      {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
      {".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"}};
  auto dot = path.rfind('.');
  auto it = dot == std::string::npos ? k.end() : k.find(path.substr(dot));
  return it == k.end() ? "application/octet-stream" : it->second;
}

// Nothing but the API and the embedded assets: a path that names no asset and has no
// extension is a page of the web app (index.html), anything else is 404.
void add_static_routes(httplib::Server& http) {
  http.Get(R"(/(.*))", [](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.matches[1];
    if (path.rfind("api/", 0) == 0 || path == "api") {
      res.status = 404;
      res.set_content(error_reply(404, "không có địa chỉ API này: " + req.path).body, "application/json; charset=utf-8");
      return;
    }
    std::string_view data = path.empty() ? std::string_view() : web::file(path);
    std::string served = path;
    if (data.empty() && path.find('.') == std::string::npos) {
      data = web::file("index.html");
      served = "index.html";
    }
    if (data.empty() || path.find("..") != std::string::npos) {
      res.status = 404;
      res.set_content(error_reply(404, "không có trang này: " + req.path).body, "application/json; charset=utf-8");
      return;
    }
    res.set_header("Cache-Control", served == "index.html" ? "no-cache" : "max-age=3600");
    res.set_content(std::string(data), content_type_of(served));
  });
}

// The consume folder: a file that appears in `dir` (and stops growing) is ingested, then moved
// to dir/.dondoc/done/ or, with a note saying why, to dir/.dondoc/failed/.
void watch_folder(const std::string& dir, StorePool& pool, const std::atomic<bool>& stop) {
  std::map<std::string, std::pair<uintmax_t, fs::file_time_type>> seen;
  service::Actor watcher{"(thư mục theo dõi)", service::Role::kClerk, "", ""};
  ingest::ReaderContext ctx;
  pipeline::ExtractOptions opts = service::file_extract_options();
  std::error_code ec;
  fs::create_directories(fs::path(dir) / ".dondoc" / "done", ec);
  fs::create_directories(fs::path(dir) / ".dondoc" / "failed", ec);
  while (!stop) {
    std::vector<std::string> missing;
    auto files = service::collect_files({dir}, "", missing);
    for (const auto& f : files) {
      if (stop) break;
      uintmax_t size = fs::file_size(f, ec);
      auto mtime = fs::last_write_time(f, ec);
      if (ec) continue;
      auto it = seen.find(f);
      if (it == seen.end() || it->second != std::make_pair(size, mtime)) {
        seen[f] = {size, mtime};  // still being written, or new: looked at again next round
        continue;
      }
      seen.erase(it);
      auto lease = pool.acquire();
      if (!lease) {
        std::fprintf(stderr, "dondoc serve: thư mục theo dõi: %s\n", lease.error().to_string().c_str());
        break;
      }
      service::Service svc(***lease, service::Clock::system());
      opts.today = svc.clock().today;
      auto put = svc.ingest_file(watcher, f, ctx, opts);
      fs::path rel = fs::relative(f, dir, ec);
      std::string flat = rel.string();
      for (char& c : flat)
        if (c == '/') c = '_';
      fs::path target = fs::path(dir) / ".dondoc" / (put ? "done" : "failed") / flat;
      fs::rename(f, target, ec);
      if (put) {
        std::fprintf(stderr, "Đã nạp %s (văn bản #%lld)\n", f.c_str(), static_cast<long long>(put->put.document_id));
      } else {
        std::fprintf(stderr, "%s: %s\n", f.c_str(), put.error().message.c_str());
        if (FILE* note = std::fopen((target.string() + ".loi.txt").c_str(), "w")) {
          std::fprintf(note, "%s\n", put.error().message.c_str());
          std::fclose(note);
        }
      }
    }
    for (int i = 0; i < 20 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// An empty store gets an admin whose random password is shown once, on this terminal.
bool ensure_first_admin(store::Store& st) {
  auto users = st.users();
  if (!users) {
    std::fprintf(stderr, "dondoc serve: %s\n", users.error().to_string().c_str());
    return false;
  }
  if (!users->empty()) return true;
  service::Service svc(st, service::Clock::system());
  std::string password = service::random_token(12);
  auto u = svc.add_user(service::Actor::local(), "admin", service::Role::kAdmin, "", password);
  if (!u) {
    std::fprintf(stderr, "dondoc serve: %s\n", u.error().to_string().c_str());
    return false;
  }
  std::printf("Tài khoản quản trị đầu tiên: admin  mật khẩu: %s\n"
              "(Mật khẩu chỉ hiện một lần này; đổi bằng: dondoc user passwd admin --password-stdin)\n",
              password.c_str());
  std::fflush(stdout);
  return true;
}

}  // namespace

int run(const Options& o) {
  {
    // Created, migrated and seeded once, before any request.
    auto st = service::open_store(o.db, {.create = true});
    if (!st) {
      std::fprintf(stderr, "dondoc serve: %s\n", st.error().to_string().c_str());
      return 1;
    }
    if (o.first_admin && !ensure_first_admin(**st)) return 1;
  }
  // SIGTERM and SIGINT are taken by one thread (sigwait), not by whichever thread they hit.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  bool tls = !o.tls_cert.empty() && !o.tls_key.empty();
  std::unique_ptr<httplib::Server> http;
  std::function<void()> widen_backlog;
  if (tls) {
    auto s = std::make_unique<Listener<httplib::SSLServer>>(o.tls_cert.c_str(), o.tls_key.c_str());
    widen_backlog = [p = s.get()] { p->widen_backlog(); };
    http = std::move(s);
  } else {
    auto s = std::make_unique<Listener<httplib::Server>>();
    widen_backlog = [p = s.get()] { p->widen_backlog(); };
    http = std::move(s);
  }
  if (!http->is_valid()) {
    std::fprintf(stderr, "dondoc serve: không đọc được chứng chỉ TLS (%s, %s)\n", o.tls_cert.c_str(), o.tls_key.c_str());
    return 1;
  }
  int threads = std::max(2, o.threads);
  http->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http->set_payload_max_length(o.max_upload_bytes);
  // Headers and body go out in separate writes: without TCP_NODELAY each answer can wait 40 ms
  // for the client's delayed ACK.
  http->set_tcp_nodelay(true);
  http->set_keep_alive_max_count(10000);
  http->set_keep_alive_timeout(5);
  http->set_read_timeout(30);
  http->set_write_timeout(30);
  http->set_default_headers({{"X-Content-Type-Options", "nosniff"},
                             {"X-Frame-Options", "DENY"},
                             {"Referrer-Policy", "no-referrer"},
                             {"Content-Security-Policy",
                              "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
                              "form-action 'self'"}});
  // Statuses httplib sets by itself (no route, body too large, bad request) answer in JSON too.
  http->set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string msg = res.status == 413   ? "tệp hoặc nội dung gửi lên quá lớn"
                      : res.status == 404 ? "không có địa chỉ này"
                      : res.status == 405 ? "phương thức không được hỗ trợ ở địa chỉ này"
                      : res.status == 400 ? "yêu cầu không hợp lệ"
                                          : "lỗi khi xử lý yêu cầu";
    res.set_content(error_reply(res.status, msg).body, "application/json; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  }));

  StorePool pool(o.db, static_cast<size_t>(std::max(1, o.db_connections)));
  Api api(*http, pool, ApiOptions{1u << 20, o.trust_proxy, tls});
  add_auth_routes(api);
  add_task_routes(api);
  add_document_routes(api);
  add_search_routes(api);
  add_report_routes(api);
  add_admin_routes(api);
  add_unit_routes(api);
  add_calendar_routes(api);
  add_quality_routes(api);
  for (const char* m : {"POST", "PATCH", "PUT", "DELETE"}) {
    auto not_found = [](const httplib::Request& req, httplib::Response& res) {
      res.status = 404;
      res.set_content(error_reply(404, "không có địa chỉ API này: " + req.method + " " + req.path).body,
                      "application/json; charset=utf-8");
    };
    std::string method = m;
    if (method == "POST") http->Post(".*", not_found);
    if (method == "PATCH") http->Patch(".*", not_found);
    if (method == "PUT") http->Put(".*", not_found);
    if (method == "DELETE") http->Delete(".*", not_found);
  }
  add_static_routes(*http);

  int port = o.port;
  if (port == 0) {
    port = http->bind_to_any_port(o.host);
    if (port < 0) port = -1;
  } else if (!http->bind_to_port(o.host, port)) {
    port = -1;
  }
  if (port < 0) {
    std::fprintf(stderr, "dondoc serve: không mở được cổng %s:%d (đang có chương trình khác dùng, hoặc địa chỉ sai)\n",
                 o.host.c_str(), o.port);
    return 1;
  }
  widen_backlog();
  std::printf("dondoc đang phục vụ tại %s://%s:%d/  (Ctrl-C để dừng)\n", tls ? "https" : "http", o.host.c_str(), port);
  std::fflush(stdout);

  std::atomic<bool> stop{false};
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::fprintf(stderr, "Đang dừng: chờ các yêu cầu đang xử lý xong...\n");
    stop = true;
    http->stop();
  });
  std::thread watcher;
  if (!o.watch_dir.empty()) watcher = std::thread([&] { watch_folder(o.watch_dir, pool, stop); });
  bool ok = http->listen_after_bind();
  if (!stop) {
    // listen ended on its own (an error): release the signal thread.
    stop = true;
    pthread_kill(signal_thread.native_handle(), SIGTERM);
  }
  signal_thread.join();
  if (watcher.joinable()) watcher.join();
  std::fprintf(stderr, "Đã dừng.\n");
  return ok ? 0 : 1;
}

}  // namespace dondoc::server

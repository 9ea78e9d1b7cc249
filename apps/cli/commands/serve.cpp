// dondoc serve [--db DB] [--listen HOST:PORT] [--watch DIR] [--max-upload MB] [--threads N]
//              [--db-connections N] [--trust-proxy] [--tls-cert FILE --tls-key FILE]
#include <cstdio>
#include <filesystem>

#include "../command.h"
#include "commands.h"
#include "server/server.h"
#include "store_common.h"

namespace dondoc::cli {

int cmd_serve(int argc, char** argv) {
  CLI::App app{"API HTTP và giao diện web", "dondoc serve"};
  server::Options o;
  std::string listen = "127.0.0.1:8080";
  int max_upload_mb = 64;
  add_db_option(app, o.db);
  app.add_option("--listen", listen, "địa chỉ và cổng (mặc định 127.0.0.1:8080; cổng 0: một cổng trống bất kỳ)");
  app.add_option("--watch", o.watch_dir, "thư mục theo dõi: mọi tệp xuất hiện trong đó được nạp vào kho");
  app.add_option("--max-upload", max_upload_mb, "dung lượng tối đa một lần tải lên, MB (mặc định 64)");
  app.add_option("--threads", o.threads, "số luồng xử lý yêu cầu; mỗi kết nối đang mở giữ một luồng (mặc định 128)");
  app.add_option("--db-connections", o.db_connections, "số kết nối kho dữ liệu dùng chung (mặc định 16)");
  app.add_flag("--trust-proxy", o.trust_proxy, "tin X-Forwarded-For/-Proto của proxy ngược (khi chạy sau proxy HTTPS)");
  app.add_option("--tls-cert", o.tls_cert, "chứng chỉ TLS (PEM) để phục vụ HTTPS");
  app.add_option("--tls-key", o.tls_key, "khóa riêng TLS (PEM)");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  auto colon = listen.rfind(':');
  std::string port = colon == std::string::npos ? "" : listen.substr(colon + 1);
  if (colon == std::string::npos || port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535) {
    std::fprintf(stderr, "dondoc serve: --listen phải có dạng HOST:PORT (vd. 127.0.0.1:8080), nhận được '%s'\n", listen.c_str());
    return kExitUsage;
  }
  o.host = listen.substr(0, colon);
  if (o.host.size() > 2 && o.host.front() == '[' && o.host.back() == ']') o.host = o.host.substr(1, o.host.size() - 2);
  o.port = std::stoi(port);
  if (max_upload_mb < 1 || max_upload_mb > 4096) {
    std::fprintf(stderr, "dondoc serve: --max-upload phải từ 1 đến 4096 (MB)\n");
    return kExitUsage;
  }
  o.max_upload_bytes = static_cast<size_t>(max_upload_mb) << 20;
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    std::fprintf(stderr, "dondoc serve: cần cả --tls-cert và --tls-key\n");
    return kExitUsage;
  }
  if (!o.watch_dir.empty() && !std::filesystem::is_directory(o.watch_dir)) {
    std::fprintf(stderr, "dondoc serve: --watch: '%s' không phải thư mục\n", o.watch_dir.c_str());
    return kExitBadInput;
  }
  return server::run(o);
}

}  // namespace dondoc::cli

#include "api.h"

#include "core/numbers.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace dondoc::server {

Reply json_reply(const OJ& j, int status) {
  Reply r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Reply file_reply(std::string bytes, const std::string& content_type, const std::string& file_name) {
  Reply r;
  r.body = std::move(bytes);
  r.content_type = content_type;
  std::string ascii, encoded;
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : file_name) {
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') encoded += static_cast<char>(c);
    else encoded += '%', encoded += kHex[c >> 4], encoded += kHex[c & 15];
  }
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  return r;
}

int http_status(ErrorCode c) {
  switch (c) {
    case ErrorCode::kInvalidInput: return 400;
    case ErrorCode::kUsage: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kUnsupported: return 415;
    case ErrorCode::kUnauthorized: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kThrottled: return 429;
    case ErrorCode::kCancelled: return 503;
    case ErrorCode::kDatabase: return 503;
    case ErrorCode::kIo: return 500;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

namespace {
const char* code_word(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 413: return "too_large";
    case 415: return "unsupported";
    case 429: return "throttled";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal" : "error";
  }
}
}  // namespace

Reply error_reply(int status, const std::string& message) {
  return json_reply(OJ{{"error", message}, {"code", code_word(status)}}, status);
}

Reply error_reply(const Error& e) {
  int status = http_status(e.code);
  // The store's messages name its location (a path or a URL): not for a browser.
  std::string msg = status >= 500 ? "lỗi kho dữ liệu hoặc lỗi nội bộ; hãy thử lại sau hoặc báo quản trị" : e.to_string();
  if (e.code == ErrorCode::kDatabase) std::fprintf(stderr, "dondoc serve: %s\n", e.to_string().c_str());
  return error_reply(status, msg);
}

Result<Date> date_param(const std::string& value, const char* name) {
  auto d = parse_iso(value);
  if (!d) return make_error(ErrorCode::kInvalidInput, std::string(name) + " phải có dạng YYYY-MM-DD, nhận được '" + value + "'");
  return *d;
}

Result<std::unique_ptr<StorePool::Lease>> StorePool::acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  while (!idle_.empty()) {
    auto s = std::move(idle_.back());
    idle_.pop_back();
    // A connection the database server ended while it was idle (a restart) is replaced here,
    // so only requests in flight at that moment fail.
    if (s->usable()) return std::make_unique<Lease>(*this, std::move(s));
    --open_;
  }
  ++open_;
  lock.unlock();
  auto s = store::open(location_, {.pooled = true});
  if (!s) {
    std::lock_guard<std::mutex> again(mu_);
    --open_;
    cv_.notify_one();
    return s.error();
  }
  return std::make_unique<Lease>(*this, std::move(*s));
}

void StorePool::give_back(std::unique_ptr<store::Store> s) {
  std::lock_guard<std::mutex> lock(mu_);
  if (s && s->usable()) idle_.push_back(std::move(s));
  else --open_;
  cv_.notify_one();
}

Result<int64_t> Context::id(size_t match) const {
  std::string s = match < req.matches.size() ? std::string(req.matches[match]) : "";
  auto v = parse_decimal(s, 1, INT64_MAX);
  if (!v) return make_error(ErrorCode::kNotFound, "không có đối tượng '" + s + "'");
  return *v;
}

Result<std::optional<int64_t>> Context::number(const char* name, int64_t min, int64_t max) const {
  std::string s = param(name);
  if (s.empty()) return std::optional<int64_t>{};
  auto v = parse_decimal(s, min, max);
  if (!v) return make_error(ErrorCode::kInvalidInput, std::string("tham số '") + name + "' " + v.error().message);
  return std::optional<int64_t>{*v};
}

Result<nlohmann::json> Context::body_json() const {
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded()) return make_error(ErrorCode::kInvalidInput, "nội dung gửi lên không phải JSON hợp lệ");
  return j;
}

namespace {

std::string cookie_value(const httplib::Request& req, const std::string& name) {
  for (size_t i = 0; i < req.get_header_value_count("Cookie"); ++i) {
    std::string h = req.get_header_value("Cookie", i);
    size_t at = 0;
    while (at < h.size()) {
      size_t end = h.find(';', at);
      if (end == std::string::npos) end = h.size();
      std::string part = h.substr(at, end - at);
      part.erase(0, part.find_first_not_of(' '));
      if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
      at = end + 1;
    }
  }
  return "";
}

bool same_token(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  res.set_header("Cache-Control", "no-store");
  res.set_content(r.body, r.content_type);
}

}  // namespace

httplib::Server::Handler Api::wrap(Handler h, Access access, bool changes) {
  return [this, h, access, changes](const httplib::Request& req, httplib::Response& res) {
    try {
      if (changes && req.body.size() > opts_.max_json_bytes && !req.is_multipart_form_data()) {
        send(res, error_reply(413, "nội dung gửi lên quá lớn (tối đa " + std::to_string(opts_.max_json_bytes >> 10) + " KB)"));
        return;
      }
      auto lease = pool_.acquire();
      if (!lease) {
        send(res, error_reply(lease.error()));
        return;
      }
      service::Clock clock = service::Clock::system();
      if (req.has_param("as_of")) {
        auto d = date_param(req.get_param_value("as_of"), "as_of");
        if (!d) {
          send(res, error_reply(d.error()));
          return;
        }
        clock.today = *d;
      }
      service::Service svc(***lease, clock);
      std::string address = req.remote_addr;
      if (opts_.trust_proxy && req.has_header("X-Forwarded-For")) {
        address = req.get_header_value("X-Forwarded-For");
        address = address.substr(0, address.find(','));
      }
      bool secure = opts_.tls || (opts_.trust_proxy && req.get_header_value("X-Forwarded-Proto") == "https");
      Context ctx{req, svc, service::Actor{"", service::Role::kUnit, "", address}, cookie_value(req, kSessionCookie),
                  secure, opts_.cancel};
      if (access == Access::kSignedIn) {
        auto who = svc.authenticate(ctx.session_id, address);
        if (!who) {
          send(res, error_reply(who.error()));
          return;
        }
        ctx.actor = who->first;
        // A state-changing request carries the session's CSRF token in X-CSRF-Token.
        if (changes && !same_token(req.get_header_value("X-CSRF-Token"), who->second)) {
          send(res, error_reply(403, "thiếu hoặc sai mã chống giả mạo (X-CSRF-Token); hãy tải lại trang và thử lại"));
          return;
        }
      }
      auto r = h(ctx);
      send(res, r ? *r : error_reply(r.error()));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "dondoc serve: lỗi nội bộ khi xử lý %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
      send(res, error_reply(500, "lỗi nội bộ; hãy thử lại hoặc báo quản trị"));
    }
  };
}

void Api::get(const std::string& p, Handler h, Access a) { http_.Get(p, wrap(std::move(h), a, false)); }
void Api::post(const std::string& p, Handler h, Access a) { http_.Post(p, wrap(std::move(h), a, true)); }
void Api::patch(const std::string& p, Handler h, Access a) { http_.Patch(p, wrap(std::move(h), a, true)); }
void Api::put(const std::string& p, Handler h, Access a) { http_.Put(p, wrap(std::move(h), a, true)); }
void Api::del(const std::string& p, Handler h, Access a) { http_.Delete(p, wrap(std::move(h), a, true)); }

}  // namespace dondoc::server

#pragma once
// The HTTP API's plumbing, shared by the routes: each route decodes the request, calls one
// service use case and encodes the answer. Api::add wraps a handler with what every request
// needs: a store connection from the pool, the service with the request's clock (?as_of=), the
// signed-in actor (401 without a session), the CSRF check on state-changing requests (403
// without a matching X-CSRF-Token), and errors as JSON with a Vietnamese message.
#include <httplib.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/cancel.h"
#include "service/service.h"

namespace dondoc::server {

using OJ = nlohmann::ordered_json;

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
};
Reply json_reply(const OJ& j, int status = 200);
// A download: Content-Disposition with the file name (RFC 5987 for non-ASCII names).
Reply file_reply(std::string bytes, const std::string& content_type, const std::string& file_name);

// Store connections shared by the request threads: one per request at a time. A connection found
// lost (Store::usable) is dropped and a new one opened by the next request that needs it.
class StorePool {
 public:
  StorePool(std::string location, size_t size) : location_(std::move(location)), size_(size) {}
  class Lease {
   public:
    Lease(StorePool& p, std::unique_ptr<store::Store> s) : pool_(p), store_(std::move(s)) {}
    ~Lease() { pool_.give_back(std::move(store_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    store::Store& operator*() { return *store_; }
    store::Store* operator->() { return store_.get(); }

   private:
    StorePool& pool_;
    std::unique_ptr<store::Store> store_;
  };
  Result<std::unique_ptr<Lease>> acquire();

 private:
  void give_back(std::unique_ptr<store::Store> s);
  std::string location_;
  size_t size_;
  size_t open_ = 0;
  std::vector<std::unique_ptr<store::Store>> idle_;
  std::mutex mu_;
  std::condition_variable cv_;
};

struct Context {
  const httplib::Request& req;
  service::Service& svc;
  service::Actor actor;       // the signed-in account (address set for every request)
  std::string session_id;     // the cookie value, when there is one
  bool secure = false;        // over TLS, or behind a proxy that says so
  const CancelToken* cancel = nullptr;  // set when the server stops: long reads (OCR) end early

  std::string param(const char* name) const { return req.has_param(name) ? req.get_param_value(name) : ""; }
  Result<int64_t> id(size_t match = 1) const;  // the numeric path part
  // A whole-number query parameter: nullopt when absent or empty; else decimal digits in
  // [min, max] ("010" is ten), or a 400 error naming the parameter ("0x10", "-5", "1e3" refused).
  Result<std::optional<int64_t>> number(const char* name, int64_t min, int64_t max) const;
  Result<nlohmann::json> body_json() const;    // 400 on malformed JSON
};

using Handler = std::function<Result<Reply>(Context&)>;
enum class Access { kPublic, kSignedIn };

struct ApiOptions {
  size_t max_json_bytes = 1u << 20;
  bool trust_proxy = false;   // X-Forwarded-Proto / X-Forwarded-For from a reverse proxy
  bool tls = false;
  const CancelToken* cancel = nullptr;  // the server's shutdown token, handed to each request
};

class Api {
 public:
  Api(httplib::Server& http, StorePool& pool, ApiOptions opts) : http_(http), pool_(pool), opts_(opts) {}
  void get(const std::string& pattern, Handler h, Access a = Access::kSignedIn);
  void post(const std::string& pattern, Handler h, Access a = Access::kSignedIn);
  void patch(const std::string& pattern, Handler h, Access a = Access::kSignedIn);
  void put(const std::string& pattern, Handler h, Access a = Access::kSignedIn);
  void del(const std::string& pattern, Handler h, Access a = Access::kSignedIn);
  const ApiOptions& options() const { return opts_; }

 private:
  httplib::Server::Handler wrap(Handler h, Access a, bool changes);
  httplib::Server& http_;
  StorePool& pool_;
  ApiOptions opts_;
};

// HTTP status and code word of a library error.
int http_status(ErrorCode c);
Reply error_reply(const Error& e);
Reply error_reply(int status, const std::string& message);
constexpr const char* kSessionCookie = "dondoc_session";

// Routes, one file per resource (routes/<resource>.cpp).
void add_auth_routes(Api& api);
void add_task_routes(Api& api);
void add_document_routes(Api& api);
void add_search_routes(Api& api);
void add_report_routes(Api& api);
void add_admin_routes(Api& api);   // users, audit
void add_unit_routes(Api& api);
void add_calendar_routes(Api& api);
void add_quality_routes(Api& api);

// Parses YYYY-MM-DD, else an error naming the parameter.
Result<Date> date_param(const std::string& value, const char* name);

}  // namespace dondoc::server

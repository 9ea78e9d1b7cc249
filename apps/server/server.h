#pragma once
// dondoc serve: the HTTP API and the embedded web assets over one store. Sessions live in the
// store, so several processes over one PostgreSQL act as one service behind a load balancer.
#include <string>

namespace dondoc::server {

struct Options {
  std::string db;                       // SQLite path or postgresql:// URL
  std::string host = "127.0.0.1";
  int port = 8080;                      // 0: any free port (printed)
  std::string watch_dir;                // a consume folder: every file that appears is ingested
  size_t max_upload_bytes = 64u << 20;  // one request's body
  int threads = 128;                    // request threads: each open keep-alive connection holds one
  int db_connections = 16;              // store connections shared by the request threads
  bool trust_proxy = false;             // X-Forwarded-For / X-Forwarded-Proto from a reverse proxy
  std::string tls_cert, tls_key;        // HTTPS when both are given (cookies then Secure)
  bool first_admin = true;              // an empty store gets an admin with a random password
};

// Runs until SIGTERM or SIGINT, then stops taking connections, lets requests in progress
// finish and returns the exit status (0; 1 when the store cannot be opened or the port bound).
int run(const Options& o);

}  // namespace dondoc::server

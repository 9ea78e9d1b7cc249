#include "store/pg_fixture.h"

#include <pqxx/pqxx>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace dondoc::testing {
namespace {

std::string script() { return std::string(DONDOC_SOURCE_DIR) + "/tests/e2e/pg_server.sh"; }

std::string own_dir;  // the server this process started, stopped at exit

void stop_own() {
  if (own_dir.empty()) return;
  std::string cmd = "'" + script() + "' stop '" + own_dir + "' >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    // Nothing more to do at exit; the folder is in the temp directory.
  }
}

PgServer read_server(const std::string& dir) {
  PgServer s;
  std::ifstream in(dir + "/port");
  if (in >> s.port) s.dir = dir;
  return s;
}

PgServer start(std::string* error) {
  if (const char* d = std::getenv("DONDOC_TEST_PG_DIR"); d && *d) {
    PgServer s = read_server(d);
    if (s.dir.empty() && error) *error = std::string("no PostgreSQL test server in ") + d;
    return s;
  }
  std::string dir = (std::filesystem::temp_directory_path() / ("dondoc-pg-" + std::to_string(::getpid()))).string();
  std::string cmd = "'" + script() + "' start '" + dir + "'";
  if (std::system(cmd.c_str()) != 0) {
    if (error) *error = "could not start a PostgreSQL test server: " + cmd;
    return {};
  }
  own_dir = dir;
  std::atexit(stop_own);
  return read_server(dir);
}

}  // namespace

const PgServer& pg_server(std::string* error) {
  static std::string start_error;
  static const PgServer server = start(&start_error);
  if (error) *error = start_error;
  return server;
}

std::string pg_fresh_database(std::string* error) {
  const PgServer& s = pg_server(error);
  if (s.dir.empty()) return {};
  static std::atomic<int> counter{0};
  std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  std::string base = "postgresql://postgres@/postgres?host=" + s.dir + "&port=" + std::to_string(s.port);
  try {
    pqxx::connection c(base);
    pqxx::nontransaction n(c);
    n.exec("DROP DATABASE IF EXISTS " + name);
    n.exec("CREATE DATABASE " + name);
  } catch (const std::exception& e) {
    if (error) *error = e.what();
    return {};
  }
  return "postgresql://postgres@/" + name + "?host=" + s.dir + "&port=" + std::to_string(s.port);
}

std::string pg_tcp_url(const std::string& user, const std::string& password) {
  const PgServer& s = pg_server();
  return "postgresql://" + user + ":" + password + "@127.0.0.1:" + std::to_string(s.port) + "/postgres";
}

}  // namespace dondoc::testing

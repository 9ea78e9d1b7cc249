#pragma once
// Test helper: a throw-away PostgreSQL server and a fresh database per test. Under ctest the
// server is started once by the `store_pg` fixture (tests/e2e/pg_server.sh) and its folder is
// passed in $DONDOC_TEST_PG_DIR; a test binary run by hand starts its own and stops it at exit.
// Never a server left running by someone else.
#include <string>

namespace dondoc::testing {

struct PgServer {
  std::string dir;  // socket folder
  int port = 0;
};

// The server, started on first use; an empty dir when it could not be started (error says why).
const PgServer& pg_server(std::string* error = nullptr);
// URL of a new, empty database on that server ("" and *error set on failure).
std::string pg_fresh_database(std::string* error = nullptr);
// A URL to the same server over TCP, as a user with a password, for bad-password tests.
std::string pg_tcp_url(const std::string& user, const std::string& password);

}  // namespace dondoc::testing

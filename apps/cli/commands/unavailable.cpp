// Commands of later milestones: they exist in the table so that scripts can discover them, and
// say clearly that this build does not have them yet.
#include <cstdio>

#include "../command.h"
#include "commands.h"

namespace dondoc::cli {
namespace {
int unavailable(const char* name) {
  std::fprintf(stderr, "dondoc %s: lệnh này chưa có trong phiên bản này (not yet available)\n", name);
  return kExitUsage;
}
}  // namespace

#define DONDOC_UNAVAILABLE(fn, name) \
  int fn(int, char**) { return unavailable(name); }
DONDOC_UNAVAILABLE(cmd_serve, "serve")
DONDOC_UNAVAILABLE(cmd_user, "user")
}  // namespace dondoc::cli

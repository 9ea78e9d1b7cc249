#pragma once
// The command table of the dondoc binary (taskwarrior's Command metadata, ninja's kTools).
// Each command is one file in commands/; it parses its arguments, calls the libraries, formats
// the result and returns the exit status: 0 success, 1 bad input or nothing found, 2 usage.
#include <string>
#include <vector>

namespace dondoc::cli {

struct CommandSpec {
  const char* name;
  const char* summary;  // Vietnamese, one line
  int (*run)(int argc, char** argv);  // argv[0] is the command name
};

const std::vector<CommandSpec>& commands();

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitUsage = 2;

}  // namespace dondoc::cli

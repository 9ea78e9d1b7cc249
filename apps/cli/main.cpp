// dondoc: reads Vietnamese official documents and follows up the tasks they assign.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "command.h"

namespace {

void usage(FILE* out) {
  std::fprintf(out,
               "dondoc %s - đọc văn bản, trích xuất nhiệm vụ và đôn đốc thực hiện\n\n"
               "Cách dùng: dondoc <lệnh> [tùy chọn]   (dondoc <lệnh> --help để xem chi tiết)\n\nCác lệnh:\n",
               DONDOC_VERSION);
  for (const auto& c : dondoc::cli::commands()) std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return dondoc::cli::kExitUsage;
  }
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    usage(stdout);
    return 0;
  }
  if (cmd == "--version" || cmd == "version") {
    std::printf("dondoc %s\n", DONDOC_VERSION);
    return 0;
  }
  for (const auto& c : dondoc::cli::commands()) {
    if (cmd != c.name) continue;
    try {
      int rc = c.run(argc - 1, argv + 1);
      // Output that could not be written (a full disk behind "> file") is a failure, not success.
      if ((std::fflush(stdout) != 0 || std::ferror(stdout)) && rc == 0) {
        std::fprintf(stderr, "dondoc %s: không ghi được toàn bộ kết quả ra đầu ra chuẩn\n", c.name);
        return dondoc::cli::kExitBadInput;
      }
      return rc;
    } catch (const std::exception& e) {
      // Last line of defence: libraries return errors; this is a bug if it happens.
      std::fprintf(stderr, "dondoc %s: lỗi nội bộ: %s\n", c.name, e.what());
      return 3;
    }
  }
  std::fprintf(stderr, "dondoc: không có lệnh '%s'\n\n", cmd.c_str());
  usage(stderr);
  return dondoc::cli::kExitUsage;
}

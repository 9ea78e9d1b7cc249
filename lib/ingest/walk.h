#pragma once
// The files of `dondoc ingest PATH...`: files as given, folders walked recursively (files in name
// order). Nothing is dropped silently: what cannot be read is a failure, what is deliberately
// not read is skipped, each named with its reason. Hidden entries (".git", "~$x.docx" are not
// hidden; ".x" is) and the store's own files are left out without a word, as before.
//
// Links: a link to a file is read as that file. A link to a folder is followed only with
// `follow_links` (else: skipped, with a hint); a followed link never leads into a folder already
// on the walk, so link loops end. Broken links and loops are failures; FIFOs, sockets and
// devices are skipped (reading a FIFO would wait for ever).
//
//   auto w = ingest::collect_files({"van-ban/"}, {.follow_links = false, .exclude = {"dondoc.db"}});
//   for (const auto& p : w.problems) std::fprintf(stderr, "%s: %s\n", p.path.c_str(), p.reason.c_str());
#include <string>
#include <vector>

namespace dondoc::ingest {

struct WalkOptions {
  bool follow_links = false;          // follow links to folders
  std::vector<std::string> exclude;   // files left out silently (the store and its -wal, -shm, -journal)
};

struct WalkProblem {
  std::string path;
  std::string reason;  // Vietnamese, for people
  bool failed = true;  // true: counted as a failure; false: skipped on purpose
};

struct WalkResult {
  std::vector<std::string> files;
  std::vector<WalkProblem> problems;
  int failed() const;
  int skipped() const;
};

WalkResult collect_files(const std::vector<std::string>& paths, const WalkOptions& opts = {});

}  // namespace dondoc::ingest

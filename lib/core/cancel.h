#pragma once
// CancelToken: the one way to stop a long job early. Whoever runs the job polls it; anyone may
// set it: the CLI's handler of Ctrl-C and SIGTERM, a server thread cancelling a request's job, a
// test. Setting it is a lock-free atomic store, so a signal handler may do it. Readers stop at
// their next check (between pages, inside Tesseract's recognition loop) and say so in a note.
//
//   CancelToken stop;
//   ingest::ReaderContext ctx;
//   ctx.cancelled = &stop;
//   std::thread job([&] { auto r = ingest::read_bytes(bytes, name, ctx); ... });
//   stop.cancel();   // from another thread or a signal handler
#include <atomic>

namespace dondoc {

class CancelToken {
 public:
  CancelToken() = default;
  CancelToken(const CancelToken&) = delete;
  CancelToken& operator=(const CancelToken&) = delete;

  // Returns whether it was already cancelled (a second Ctrl-C may then quit at once).
  bool cancel() noexcept { return flag_.exchange(true, std::memory_order_relaxed); }
  bool cancelled() const noexcept { return flag_.load(std::memory_order_relaxed); }
  void reset() noexcept { flag_.store(false, std::memory_order_relaxed); }

 private:
  static_assert(std::atomic<bool>::is_always_lock_free, "signal handlers set the flag");
  std::atomic<bool> flag_{false};
};

// Null-safe check for the optional token of a context.
inline bool cancelled(const CancelToken* t) noexcept { return t != nullptr && t->cancelled(); }

}  // namespace dondoc

#pragma once
// Work on all cores, results in input order: the caller submits jobs in order and takes their
// results back in the same order, while worker threads run them in between. `dondoc extract`
// prints each document's line as soon as it and all before it are done; `dondoc ingest` stores
// documents from the calling thread (the one writer) while the workers extract the next ones.
//
//   OrderedWorkers<std::string, Out> pool(jobs_for_all_cores(), [](std::string& file) { ... });
//   pool.submit(file_a);
//   pool.submit(file_b);
//   Out a = pool.next();   // file_a's, whichever finished first
//
// With 0 threads, next() runs the oldest job on the calling thread. The work function must be
// safe to run on several threads at once; the pipeline is.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace dondoc::cli {

// Threads for work that takes all cores: one per core the process may run on.
unsigned cores();

template <typename Job, typename Result>
class OrderedWorkers {
 public:
  OrderedWorkers(unsigned threads, std::function<Result(Job&)> work) : work_(std::move(work)) {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
  }
  ~OrderedWorkers() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    work_cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  OrderedWorkers(const OrderedWorkers&) = delete;
  OrderedWorkers& operator=(const OrderedWorkers&) = delete;

  void submit(Job job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      slots_.push_back(Slot{std::move(job), std::nullopt, nullptr, false});
    }
    work_cv_.notify_one();
  }
  // Submitted and not yet taken by next().
  size_t pending() const {
    std::lock_guard<std::mutex> lock(mu_);
    return slots_.size();
  }
  // The result of the oldest job not taken yet; waits for it. Rethrows what the job threw.
  Result next() {
    std::unique_lock<std::mutex> lock(mu_);
    Slot& s = slots_.front();
    if (threads_.empty() && !s.taken) {
      s.taken = true;
      ++given_;
      lock.unlock();
      finish(s);
      lock.lock();
    }
    done_cv_.wait(lock, [&] { return s.result.has_value() || s.error; });
    std::optional<Result> r = std::move(s.result);
    std::exception_ptr e = s.error;
    slots_.pop_front();
    --given_;
    if (e) std::rethrow_exception(e);
    return std::move(*r);
  }

 private:
  struct Slot {
    Job job;
    std::optional<Result> result;
    std::exception_ptr error;
    bool taken;  // a thread is on it or done with it
  };

  void finish(Slot& s) {
    // Slots live in a deque that only grows at the back and shrinks at the front, and the front
    // is popped only once its result is in: `s` stays valid while the job runs.
    std::optional<Result> r;
    std::exception_ptr e;
    try {
      r.emplace(work_(s.job));
    } catch (...) {
      e = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      s.result = std::move(r);
      s.error = e;
    }
    done_cv_.notify_all();
  }

  void run() {
    for (;;) {
      Slot* s = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [&] { return stop_ || given_ < slots_.size(); });
        if (stop_) return;
        s = &slots_[given_++];
        s->taken = true;
      }
      finish(*s);
    }
  }

  std::function<Result(Job&)> work_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<Slot> slots_;  // in submission order, from the oldest not taken by next()
  size_t given_ = 0;        // slots_[0, given_) are taken by a thread (or done)
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace dondoc::cli

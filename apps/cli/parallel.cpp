#include "parallel.h"

#include <sched.h>

namespace dondoc::cli {

unsigned cores() {
  // The CPUs this process may run on (taskset, cgroups' cpusets), else what the machine has.
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return static_cast<unsigned>(CPU_COUNT(&set));
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

}  // namespace dondoc::cli

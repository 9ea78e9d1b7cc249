// Timing of the calendar's hot paths: reports call is_working_day and working-day arithmetic
// once per task, for 100,000 tasks. Run: build/bench/calendar_bench
#include <benchmark/benchmark.h>

#include <vector>

#include "calendar/calendar.h"

namespace {

using dondoc::Date;
using dondoc::calendar::Calendar;

// 100,000 due dates spread over 2020–2031, as a large tracker would hold.
std::vector<Date> task_dates() {
  std::vector<Date> out;
  out.reserve(100000);
  const int64_t first = dondoc::to_days(Date{2020, 1, 1});
  for (int i = 0; i < 100000; ++i) out.push_back(dondoc::from_days(first + (i * 37) % 4383));
  return out;
}

void BM_BuildCalendar(benchmark::State& state) {
  const auto tsv = std::string(
      "2026-02-16\toff\ttet\tTết Nguyên đán\tbench\n2026-01-10\twork\textra\tLàm bù\tbench\n");
  for (auto _ : state) benchmark::DoNotOptimize(Calendar::from_table(tsv));
}
BENCHMARK(BM_BuildCalendar)->Unit(benchmark::kMillisecond);

void BM_IsWorkingDay100k(benchmark::State& state) {
  const auto& cal = Calendar::builtin();
  const auto dates = task_dates();
  for (auto _ : state) {
    int n = 0;
    for (const auto& d : dates) n += cal.is_working_day(d);
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(dates.size()));
}
BENCHMARK(BM_IsWorkingDay100k)->Unit(benchmark::kMillisecond);

void BM_AddWorkingDays100k(benchmark::State& state) {
  const auto& cal = Calendar::builtin();
  const auto dates = task_dates();
  for (auto _ : state) {
    int64_t n = 0;
    for (size_t i = 0; i < dates.size(); ++i)
      n += cal.add_working_days(dates[i], static_cast<int>(i % 40) - 10).d;
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(dates.size()));
}
BENCHMARK(BM_AddWorkingDays100k)->Unit(benchmark::kMillisecond);

void BM_WorkingDaysBetween100k(benchmark::State& state) {
  const auto& cal = Calendar::builtin();
  const auto dates = task_dates();
  const Date as_of{2026, 5, 15};
  for (auto _ : state) {
    int64_t n = 0;
    for (const auto& d : dates) n += cal.working_days_between(d, as_of);
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(dates.size()));
}
BENCHMARK(BM_WorkingDaysBetween100k)->Unit(benchmark::kMillisecond);

void BM_ToLunar(benchmark::State& state) {
  int64_t day = dondoc::to_days(Date{2026, 1, 1});
  for (auto _ : state) {
    benchmark::DoNotOptimize(dondoc::calendar::to_lunar(dondoc::from_days(day)));
    day =
        day + 1 > dondoc::to_days(Date{2030, 12, 31}) ? dondoc::to_days(Date{2026, 1, 1}) : day + 1;
  }
}
BENCHMARK(BM_ToLunar);

}  // namespace

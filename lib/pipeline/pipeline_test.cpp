// The pipeline takes everything from its arguments: the calendar of ExtractOptions decides
// working days and days off.
#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

namespace dondoc::pipeline {
namespace {

constexpr const char* kLetter =
    "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\n"
    "Số: 12/UBND-VX\n"
    "Lạng Sơn, ngày 20 tháng 11 năm 2026\n"
    "V/v báo cáo kết quả chuyển đổi số\n\n"
    "Kính gửi: Sở Nội vụ.\n\n"
    "Ủy ban nhân dân tỉnh đề nghị Sở Nội vụ báo cáo kết quả chuyển đổi số trong 05 ngày làm việc "
    "kể từ ngày ký văn bản này.\n\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n";

std::optional<Date> due_with(const calendar::Calendar* cal) {
  ExtractOptions opts;
  opts.calendar = cal;
  Document d = extract(kLetter, rules::Rules::builtin(), opts);
  if (d.tasks.size() != 1) return std::nullopt;
  return d.tasks[0].due;
}

TEST(Pipeline, WorkingDaysComeFromTheCalendarGiven) {
  // Signed Friday 20/11/2026: five working days end on Friday 27/11.
  EXPECT_EQ(due_with(&calendar::Calendar::builtin()), (Date{2026, 11, 27}));
  EXPECT_EQ(due_with(ExtractOptions{}.calendar), (Date{2026, 11, 27}));  // the default
  // A calendar with Tuesday 24/11 off: Monday 30/11.
  auto extra = calendar::Calendar::from_table("2026-11-24\toff\textra\tNghỉ thử\tkiểm thử\n");
  ASSERT_TRUE(extra) << extra.error().to_string();
  EXPECT_EQ(due_with(&*extra), (Date{2026, 11, 30}));
  // No calendar: days are days.
  EXPECT_EQ(due_with(nullptr), (Date{2026, 11, 25}));
}

}  // namespace
}  // namespace dondoc::pipeline

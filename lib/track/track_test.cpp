#include "codec/records.h"
#include "track/track.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dondoc::track {
namespace {

const calendar::Calendar& cal() { return calendar::Calendar::builtin(); }

TrackedTask tt(int64_t id, std::vector<std::string> lead, std::optional<Date> due, TaskStatus st = TaskStatus::kOpen,
               std::optional<Date> done_on = std::nullopt, const char* action = "Báo cáo kết quả thực hiện") {
  TrackedTask t;
  t.id = id;
  t.document_id = 1;
  t.document = "35-KL/TU";
  t.task.ref = std::to_string(id);
  for (auto& l : lead) t.task.lead.push_back(Assignee{l, {}, {}});
  t.task.action = action;
  t.task.due = due;
  t.status = st;
  t.done_on = done_on;
  return t;
}

TEST(Overdue, CalendarAndWorkingDays) {
  struct Case {
    std::optional<Date> due;
    TaskStatus status;
    Date as_of;
    int days, working;
  } cases[] = {
      {Date{2026, 4, 20}, TaskStatus::kOpen, Date{2026, 4, 20}, 0, 0},        // due today: not yet late
      {Date{2026, 4, 20}, TaskStatus::kOpen, Date{2026, 4, 21}, 1, 1},
      {Date{2026, 4, 17}, TaskStatus::kInProgress, Date{2026, 4, 20}, 3, 1},  // Fri -> Mon: one working day
      {Date{2026, 2, 13}, TaskStatus::kOpen, Date{2026, 2, 23}, 10, 1},       // across Tết Bính Ngọ
      {Date{2026, 4, 1}, TaskStatus::kDone, Date{2026, 6, 1}, 0, 0},          // closed tasks are not overdue
      {Date{2026, 4, 1}, TaskStatus::kCancelled, Date{2026, 6, 1}, 0, 0},
      {std::nullopt, TaskStatus::kOpen, Date{2026, 6, 1}, 0, 0},
  };
  for (const auto& c : cases) {
    auto t = tt(1, {"Sở Tài chính"}, c.due, c.status);
    EXPECT_EQ(overdue_days(t, c.as_of), c.days) << to_iso(c.as_of);
    EXPECT_EQ(overdue_working_days(t, c.as_of, cal()), c.working) << to_iso(c.as_of);
  }
  // A person's due date wins over the extracted one.
  auto t = tt(1, {"Sở Tài chính"}, Date{2026, 4, 1});
  t.due_override = Date{2026, 5, 1};
  EXPECT_EQ(overdue_days(t, Date{2026, 4, 20}), 0);
}

TEST(TaskJson, CarriesTheSpecKeys) {
  auto t = tt(7, {"Sở Nội vụ"}, Date{2026, 4, 20});
  t.task.support.push_back(Assignee{"Sở Tài chính", {}, {}});
  t.task.deadlines.push_back(Deadline{"trước ngày 20/4/2026", Date{2026, 4, 20}, Bound::kBefore, {}, {}, {}, {}, false, {}});
  auto j = codec::task_json(t, Date{2026, 5, 1}, cal());
  for (const char* k : {"id", "document", "ref", "lead", "support", "action", "deadlines", "due", "status", "overdue_days"})
    EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_EQ(j["document"], "35-KL/TU");
  EXPECT_EQ(j["lead"][0], "Sở Nội vụ");
  EXPECT_EQ(j["deadlines"][0]["bound"], "before");
  EXPECT_EQ(j["due"], "2026-04-20");
  EXPECT_EQ(j["status"], "open");
  EXPECT_EQ(j["overdue_days"], 11);
}

TEST(Reminders, GroupByLeadUnit) {
  std::vector<TrackedTask> tasks = {
      tt(1, {"Sở Tài chính"}, Date{2026, 4, 10}),                 // overdue
      tt(2, {"Sở Tài chính", "Sở Nội vụ"}, Date{2026, 4, 25}),   // due soon, for both
      tt(3, {"Sở Nội vụ"}, Date{2026, 6, 30}),                    // later
      tt(4, {"Sở Y tế"}, Date{2026, 4, 5}, TaskStatus::kDone),    // done
      tt(5, {"SỞ TÀI CHÍNH"}, Date{2026, 4, 21}),                 // same unit in capitals
  };
  auto r = reminders(tasks, Date{2026, 4, 20}, 7);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].unit.name, "Sở Nội vụ");
  EXPECT_EQ(r[0].overdue.size(), 0u);
  EXPECT_EQ(r[0].due_soon.size(), 1u);
  EXPECT_EQ(r[1].unit.name, "Sở Tài chính");
  ASSERT_EQ(r[1].overdue.size(), 1u);
  ASSERT_EQ(r[1].due_soon.size(), 2u);
  EXPECT_EQ(r[1].due_soon[0].id, 5);
}

std::vector<TrackedTask> sample() {
  return {
      tt(1, {"Sở Tài chính"}, Date{2026, 3, 1}, TaskStatus::kDone, Date{2026, 2, 28}),  // on time
      tt(2, {"Sở Tài chính"}, Date{2026, 3, 1}, TaskStatus::kDone, Date{2026, 3, 5}),   // late
      tt(3, {"Sở Tài chính"}, Date{2026, 3, 10}, TaskStatus::kOpen, std::nullopt,
         "Việc | có dấu gạch, và \"ngoặc\""),                                            // overdue 51 days
      tt(4, {"Sở Nội vụ"}, Date{2026, 4, 20}),                                          // overdue 10 days
      tt(5, {"Sở Nội vụ"}, Date{2026, 6, 1}),                                           // open
      tt(6, {"Sở Nội vụ"}, std::nullopt, TaskStatus::kCancelled),
      tt(7, {}, std::nullopt),
  };
}

TEST(Report, CountsPerUnit) {
  Report r = build_report(sample(), Date{2026, 4, 30}, cal());
  ASSERT_EQ(r.units.size(), 3u);
  const UnitStats& unknown = r.units[0];
  EXPECT_EQ(unknown.unit.name, "(chưa rõ đơn vị)");
  const UnitStats& nv = r.units[1];
  EXPECT_EQ(nv.unit.name, "Sở Nội vụ");
  EXPECT_EQ(nv.overdue, 1);
  EXPECT_EQ(nv.open, 1);
  EXPECT_EQ(nv.cancelled, 1);
  const UnitStats& tc = r.units[2];
  EXPECT_EQ(tc.total, 3);
  EXPECT_EQ(tc.done_on_time, 1);
  EXPECT_EQ(tc.done_late, 1);
  EXPECT_EQ(tc.overdue, 1);
  EXPECT_EQ(tc.overdue_30, 1);
  EXPECT_NEAR(tc.on_time_percent(), 100.0 / 3, 1e-9);
  EXPECT_EQ(r.total.total, 7);
  EXPECT_EQ(r.total.overdue, 2);
  ASSERT_EQ(r.overdue.size(), 2u);
  EXPECT_EQ(r.overdue[0].task.id, 3);  // most overdue first
  EXPECT_EQ(r.overdue[0].days, 51);
  EXPECT_EQ(r.overdue[1].days, 10);
  EXPECT_LT(r.overdue[1].working_days, 10);
  EXPECT_EQ(unknown.on_time_percent(), -1);
}

TEST(Report, MarkdownAndCsv) {
  Report r = build_report(sample(), Date{2026, 4, 30}, cal());
  std::string md = render_markdown(r);
  EXPECT_NE(md.find("Tính đến ngày 30/04/2026."), std::string::npos);
  EXPECT_NE(md.find("| Sở Tài chính | 3 | 1 | 1 | 0 | 1 | 1 | 0 | 33,3% |"), std::string::npos) << md;
  EXPECT_NE(md.find("| **Tổng cộng** | 7 |"), std::string::npos);
  EXPECT_NE(md.find("## Nhiệm vụ quá thời hạn trên 30 ngày (1)"), std::string::npos);
  EXPECT_NE(md.find("Việc \\| có dấu gạch"), std::string::npos);  // a pipe cannot break the table
  std::string csv = render_csv(r);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("\r\nSở Tài chính,3,1,1,0,1,1,0,33.3\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n(chưa rõ đơn vị),1,0,0,1,0,0,0,\r\n"), std::string::npos) << csv;
}

TEST(Report, XlsxIsWritten) {
  auto path = std::filesystem::temp_directory_path() / ("dondoc-report-" + std::to_string(::getpid()) + ".xlsx");
  Report r = build_report(sample(), Date{2026, 4, 30}, cal());
  ASSERT_TRUE(render_xlsx(r, path.string()));
  std::ifstream in(path, std::ios::binary);
  char head[2] = {};
  in.read(head, 2);
  EXPECT_EQ(std::string(head, 2), "PK");  // a zip container; the e2e test opens it with a reader
  std::filesystem::remove(path);
  EXPECT_FALSE(render_xlsx(r, "/nonexistent-dir/x.xlsx"));
}

TEST(Ics, OneEventPerOpenDueTask) {
  auto tasks = sample();
  tasks[4].task.action = std::string(300, 'x') + " Ủy ban; nhân, dân\nmới";
  std::string ics = render_ics(tasks, Date{2026, 4, 30});
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  size_t events = 0;
  for (size_t p = 0; (p = ics.find("BEGIN:VEVENT", p)) != std::string::npos; ++p) ++events;
  EXPECT_EQ(events, 3u);  // tasks 3, 4, 5: open with a due date
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20260310"), std::string::npos);
  EXPECT_NE(ics.find("CATEGORIES:Quá hạn"), std::string::npos);
  std::istringstream lines(ics);
  std::string line;
  while (std::getline(lines, line)) {
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.back(), '\r');
    EXPECT_LE(line.size() - 1, 75u) << line;
  }
  std::string unfolded;
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0) i += 2;
    else unfolded += ics[i];
  }
  EXPECT_NE(unfolded.find("Ủy ban\\; nhân\\, dân\\nmới"), std::string::npos);
}

TEST(Recurring, NextOccurrence) {
  struct Case {
    const char* freq;
    int interval;
    Date first, as_of, want;
  } cases[] = {
      {"monthly", 1, Date{2026, 10, 24}, Date{2026, 10, 1}, Date{2026, 10, 24}},   // before the first
      {"monthly", 1, Date{2026, 10, 24}, Date{2026, 10, 24}, Date{2026, 10, 24}},  // on it
      {"monthly", 1, Date{2026, 10, 24}, Date{2026, 11, 25}, Date{2026, 12, 24}},
      {"monthly", 1, Date{2026, 1, 31}, Date{2026, 2, 10}, Date{2026, 2, 28}},     // month's last day
      {"monthly", 1, Date{2026, 1, 31}, Date{2026, 3, 1}, Date{2026, 3, 31}},      // ...from the first
      {"quarterly", 1, Date{2026, 3, 31}, Date{2026, 7, 2}, Date{2026, 9, 30}},
      {"half_yearly", 1, Date{2026, 6, 30}, Date{2027, 1, 1}, Date{2027, 6, 30}},
      {"yearly", 1, Date{2026, 12, 15}, Date{2028, 1, 1}, Date{2028, 12, 15}},
      {"weekly", 1, Date{2026, 4, 3}, Date{2026, 4, 4}, Date{2026, 4, 10}},
      {"weekly", 2, Date{2026, 4, 3}, Date{2026, 4, 11}, Date{2026, 4, 17}},
      {"monthly", 2, Date{2026, 1, 20}, Date{2026, 2, 1}, Date{2026, 3, 20}},
  };
  for (const auto& c : cases) {
    Recurrence r{c.freq, c.interval, 0, 0};
    EXPECT_EQ(to_iso(next_occurrence(r, c.first, c.as_of)), to_iso(c.want)) << c.freq << " " << to_iso(c.as_of);
  }
}

// A monthly report duty is due before the 25th of each month: it is not "overdue since October"
// in November, it comes up again before each 25th, and a person's due date still wins.
TEST(Recurring, LoadTasksRollsToTheNextOccurrence) {
  std::string dir = std::filesystem::temp_directory_path() / ("dondoc-track-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto st = store::open(dir + "/t.db", {.create = true});
  ASSERT_TRUE(st) << st.error().to_string();
  Document d;
  d.kind = DocKind::kParty;
  d.number = "312";
  d.symbol = "CV/ĐU";
  d.date = PartialDate{2026, 10, 9};
  Task monthly;
  monthly.ref = "4";
  monthly.lead.push_back(Assignee{"Văn phòng Đảng ủy", {}, {}});
  monthly.action = "Định kỳ báo cáo Thường trực Đảng ủy trước ngày 25 hằng tháng";
  monthly.due = Date{2026, 10, 24};
  monthly.recurrence = Recurrence{"monthly", 1, 25, 0};
  Task once;
  once.ref = "5";
  once.lead.push_back(Assignee{"Văn phòng Đảng ủy", {}, {}});
  once.action = "Báo cáo tổng kết";
  once.due = Date{2026, 11, 20};
  d.tasks = {monthly, once};
  store::NewDocument nd{d, std::string(64, 'a'), "312.txt", "x", "x", "2026-10-10T08:00:00"};
  ASSERT_TRUE((*st)->put_document(nd));
  auto refs = [&](store::TaskFilter f, Date as_of) {
    std::vector<std::string> out;
    auto ts = load_tasks(**st, f, as_of);
    EXPECT_TRUE(ts);
    for (const auto& t : *ts) out.push_back(t.task.ref + "@" + to_iso(*t.due()));
    return out;
  };
  Date nov25{2026, 11, 25};
  EXPECT_EQ(refs(overdue_filter(nov25), nov25), (std::vector<std::string>{"5@2026-11-20"}));
  EXPECT_EQ(refs(due_within_filter(Date{2026, 12, 20}, 7), Date{2026, 12, 20}),
            (std::vector<std::string>{"4@2026-12-24"}));
  EXPECT_EQ(refs(open_tasks_filter(), nov25), (std::vector<std::string>{"5@2026-11-20", "4@2026-12-24"}));
  auto all = load_tasks(**st, open_tasks_filter(), nov25);
  ASSERT_TRUE(all);
  EXPECT_EQ(overdue_days(all->back(), nov25), 0);
  EXPECT_NE(codec::task_json_line(all->back(), nov25, cal()).find("\"recurrence\":{\"freq\":\"monthly\""), std::string::npos);
  std::string ics = render_ics(*all, nov25);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261225\r\nRRULE:FREQ=MONTHLY;INTERVAL=1"),
            std::string::npos);
  // A due date a person set is not rolled.
  int64_t id = all->back().id;
  ASSERT_TRUE((*st)->update_task(id, {.due = Date{2026, 11, 1}, .at = "2026-11-02T08:00:00"}));
  EXPECT_EQ(refs(overdue_filter(nov25), nov25), (std::vector<std::string>{"4@2026-11-01", "5@2026-11-20"}));
  st->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace dondoc::track

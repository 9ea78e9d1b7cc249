// The store contract, one suite instantiated for SQLite and for PostgreSQL (a throw-away server,
// see pg_fixture.h). Documents are built in code, with real Vietnamese text.
#include "store/store.h"

#include <gtest/gtest.h>
#include <pqxx/pqxx>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "store/pg_fixture.h"

namespace dondoc::store {
namespace {

namespace fs = std::filesystem;

// A stand-in for SHA-256: the store treats it as an opaque key.
std::string fake_sha(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  char buf[80];
  std::snprintf(buf, sizeof buf, "%016llx%016llx%016llx%016llx", static_cast<unsigned long long>(h),
                static_cast<unsigned long long>(h * 31), static_cast<unsigned long long>(h * 131),
                static_cast<unsigned long long>(s.size()));
  return buf;
}

Document doc(DocKind kind, const char* type, const char* number, const char* symbol, std::optional<int> year,
             const char* issuer, PartialDate date, const char* subject) {
  Document d;
  d.kind = kind;
  d.type = type;
  if (number) d.number = number;
  if (symbol) d.symbol = symbol;
  d.year = year;
  if (issuer) d.issuer = issuer;
  if (date.y) d.date = date;
  if (subject) d.subject = subject;
  return d;
}

Citation cite(const char* type, const char* number, const char* symbol, std::optional<int> year,
              std::optional<Date> date = std::nullopt, const char* issuer = nullptr) {
  Citation c;
  c.type = type;
  c.number = number;
  c.symbol = symbol;
  c.year = year;
  c.date = date;
  if (issuer) c.issuer = issuer;
  c.text = std::string(type) + " số " + number;
  return c;
}

Task task(const char* ref, std::vector<const char*> lead, std::optional<Date> due, const char* action,
          std::vector<const char*> support = {}) {
  Task t;
  t.ref = ref;
  for (auto* l : lead) t.lead.push_back(Assignee{l, {}, {}});
  for (auto* s : support) t.support.push_back(Assignee{s, {}, {}});
  t.action = action;
  t.due = due;
  if (due) t.deadlines.push_back(Deadline{"trước ngày " + to_vn(*due), due, Bound::kBefore, {}, {}, {}, {}, false, {}});
  return t;
}

NewDocument nd(Document d, const std::string& text, const std::string& salt = "", const char* at = "2026-05-01T08:00:00") {
  NewDocument n;
  n.doc = std::move(d);
  n.text = text;
  n.bytes = text + salt;
  n.sha256 = fake_sha(n.bytes);
  n.file_name = "vb.txt";
  n.at = at;
  return n;
}

std::set<int64_t> ids(const std::vector<SearchHit>& hits) {
  std::set<int64_t> out;
  for (const auto& h : hits) out.insert(h.doc.id);
  return out;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { location_ = fresh_location(); open_store(); }
  void TearDown() override {
    store_.reset();
    for (const auto& d : dirs_) fs::remove_all(d);
  }
  std::string fresh_location() {
    if (GetParam() == "sqlite") {
      auto dir = fs::temp_directory_path() / ("dondoc-store-" + std::to_string(::getpid()) + "-" + std::to_string(n_++));
      fs::remove_all(dir);
      fs::create_directories(dir);
      dirs_.push_back(dir);
      return (dir / "kho.db").string();
    }
    std::string err;
    std::string url = testing::pg_fresh_database(&err);
    EXPECT_FALSE(url.empty()) << err;
    return url;
  }
  void open_store() {
    auto s = open(location_, {.create = true});
    ASSERT_TRUE(s) << s.error().to_string();
    store_ = std::move(*s);
  }
  int64_t put(const NewDocument& d, PutOutcome expect = PutOutcome::kAdded) {
    auto r = store_->put_document(d);
    EXPECT_TRUE(r) << r.error().to_string();
    if (!r) return 0;
    EXPECT_EQ(static_cast<int>(r->outcome), static_cast<int>(expect));
    return r->document_id;
  }
  std::vector<SearchHit> search(const std::string& q, DocumentFilter f = {}) {
    auto r = store_->search({q, f, 20});
    EXPECT_TRUE(r) << r.error().to_string();
    return r ? *r : std::vector<SearchHit>{};
  }
  std::vector<TrackedTask> tasks(TaskFilter f = {}) {
    auto r = store_->tasks(f);
    EXPECT_TRUE(r) << r.error().to_string();
    return r ? *r : std::vector<TrackedTask>{};
  }

  std::string location_;
  std::unique_ptr<Store> store_;
  std::vector<fs::path> dirs_;
  int n_ = 0;
};

TEST_P(StoreTest, SameBytesAreNeverStoredTwice) {
  auto d = nd(doc(DocKind::kParty, "Công văn", "1275", "CV/ĐUK", {}, "Đảng ủy Khối", {2025, 3, 4}, "về việc báo cáo"),
              "Đảng ủy Khối đề nghị các chi bộ báo cáo.");
  int64_t id = put(d);
  EXPECT_EQ(put(d, PutOutcome::kSkipped), id);
  EXPECT_EQ(*store_->count_documents(), 1);
  auto has = store_->has_file(d.sha256);
  ASSERT_TRUE(has);
  EXPECT_TRUE(*has);
  auto f = store_->file(d.sha256);
  ASSERT_TRUE(f && *f);
  EXPECT_EQ((*f)->content, d.bytes);
}

TEST_P(StoreTest, AnotherFileOfTheSameDocumentUpdatesIt) {
  auto scan = nd(doc(DocKind::kParty, "Công văn", "1275", "CV/ĐUK", {}, "Đảng ủy Khối", {2025, 3, 4}, "về việc báo cáo"),
                 "Đảng ủy Khối đề nghị các chi bộ báo cáo (bản quét).");
  auto word = scan;
  word.text = "Đảng ủy Khối đề nghị các chi bộ báo cáo tổng kết.";
  word.bytes = word.text;
  word.sha256 = fake_sha(word.bytes);
  int64_t id = put(scan);
  EXPECT_EQ(put(word, PutOutcome::kUpdated), id);
  auto stored = store_->document(id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->files.size(), 2u);
  EXPECT_EQ((*stored)->text, word.text);
  EXPECT_EQ((*stored)->summary.identifier, "1275-CV/ĐUK");
  // The old text left the index with the old version.
  EXPECT_TRUE(search("ban quet").empty());
  EXPECT_EQ(ids(search("tong ket")), std::set<int64_t>{id});
  // A different document with the same number from another year is another document.
  auto other = nd(doc(DocKind::kParty, "Công văn", "1275", "CV/ĐUK", {}, "Đảng ủy Khối", {2024, 3, 4}, "khác"), "Năm trước.");
  EXPECT_NE(put(other), id);
}

// A version with the text of the one stored (the file saved again) keeps the search index as it
// is, and a later version with other words still replaces them.
TEST_P(StoreTest, AVersionWithTheSameTextKeepsItsIndexAndALaterOneReplacesIt) {
  auto first = nd(doc(DocKind::kParty, "Công văn", "1275", "CV/ĐUK", {}, "Đảng ủy Khối", {2025, 3, 4}, "về việc báo cáo"),
                  "Đảng ủy Khối đề nghị các chi bộ báo cáo sơ kết.");
  auto again = first;
  again.bytes += "\n";
  again.sha256 = fake_sha(again.bytes);
  auto edited = first;
  edited.text = "Đảng ủy Khối đề nghị các chi bộ báo cáo tổng kết.";
  edited.bytes = edited.text;
  edited.sha256 = fake_sha(edited.bytes);
  int64_t id = put(first);
  EXPECT_EQ(put(again, PutOutcome::kUpdated), id);
  EXPECT_EQ(ids(search("so ket")), std::set<int64_t>{id});
  EXPECT_EQ(search("so ket").size(), 1u);
  EXPECT_EQ(put(edited, PutOutcome::kUpdated), id);
  EXPECT_TRUE(search("so ket").empty());
  EXPECT_EQ(ids(search("tong ket")), std::set<int64_t>{id});
  EXPECT_EQ(ids(search("1275")), std::set<int64_t>{id});
}

TEST_P(StoreTest, SearchFoldsDiacriticsBothWays) {
  const char* texts[] = {"Ủy ban nhân dân tỉnh Quảng Nam",
                         "Ban Chấp hành Đảng bộ tỉnh",
                         "Thường trực Đảng ủy xã đề nghị",
                         "U\xCC\x89y ban nha\xCC\x82n da\xCC\x82n (NFD)",
                         "hoà khoá thuý",
                         "hòa khóa thúy",
                         "đang thực hiện"};
  std::vector<int64_t> id;
  int i = 0;
  for (const char* t : texts) id.push_back(put(nd(doc(DocKind::kState, "Công văn", nullptr, nullptr, {}, nullptr, {}, nullptr), t, std::to_string(i++))));
  struct Case {
    const char* query;
    std::set<size_t> expect;  // indexes into texts
  } cases[] = {
      {"uy ban nhan dan", {0, 3}},  {"Ủy ban nhân dân", {0, 3}}, {"UY BAN", {0, 3}},
      {"thuong truc", {2}},         {"chap hanh", {1}},          {"dang", {1, 2, 6}},
      {"Đảng", {1, 2, 6}},          {"de nghi", {2}},            {"đề nghị", {2}},
      {"hoa", {4, 5}},              {"hòa", {4, 5}},             {"hoà", {4, 5}},
      {"thuy", {4, 5}},             {"nhan*", {0, 3}},           {"\"thuong truc dang uy\"", {2}},
      {"\"dang uy xa\"", {2}},      {"dang -thuong", {1, 6}},    {"quang nam", {0}},
      {"khong co chu nay", {}},
  };
  for (const auto& c : cases) {
    std::set<int64_t> want;
    for (size_t k : c.expect) want.insert(id[k]);
    EXPECT_EQ(ids(search(c.query)), want) << c.query;
  }
  // Snippets show the original text, with the matched words marked.
  auto hits = search("uy ban nhan dan");
  ASSERT_FALSE(hits.empty());
  const auto& h = hits.front().doc.id == id[0] ? hits.front() : hits.back();
  EXPECT_NE(h.snippet.find("Ủy ban nhân dân"), std::string::npos) << h.snippet;
  ASSERT_FALSE(h.highlights.empty());
  EXPECT_EQ(std::string(h.highlights[0].of(h.snippet)), "Ủy ban nhân dân");
}

TEST_P(StoreTest, SearchRanksAndFilters) {
  int64_t a = put(nd(doc(DocKind::kState, "Kế hoạch", "15", "KH-UBND", {}, "Ủy ban nhân dân tỉnh Lạng Sơn", {2026, 1, 10},
                         "triển khai chuyển đổi số năm 2026"),
                     "Kế hoạch chuyển đổi số. Chuyển đổi số là nhiệm vụ trọng tâm; chuyển đổi số toàn diện."));
  int64_t b = put(nd(doc(DocKind::kState, "Công văn", "20", "UBND-VP", {}, "Ủy ban nhân dân huyện Cao Lộc", {2025, 6, 2},
                         "về báo cáo"),
                     "Đề nghị báo cáo kết quả; có nhắc tới chuyển đổi số một lần."));
  auto hits = search("chuyen doi so");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].doc.id, a);  // in the subject and three times in the text
  EXPECT_GT(hits[0].score, hits[1].score);
  EXPECT_EQ(ids(search("chuyen doi so", {.type = "cong van"})), std::set<int64_t>{b});
  EXPECT_EQ(ids(search("chuyen doi so", {.type = "Kế hoạch"})), std::set<int64_t>{a});
  EXPECT_EQ(ids(search("chuyen doi so", {.issuer = "cao loc"})), std::set<int64_t>{b});
  EXPECT_EQ(ids(search("chuyen doi so", {.from = Date{2026, 1, 1}})), std::set<int64_t>{a});
  EXPECT_EQ(ids(search("chuyen doi so", {.to = Date{2025, 12, 31}})), std::set<int64_t>{b});
  auto docs = store_->documents({.issuer = "Lạng Sơn"});
  ASSERT_TRUE(docs);
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ(docs->front().identifier, "15/KH-UBND");
}

TEST_P(StoreTest, SymbolLookUpWithOrWithoutĐ) {
  int64_t cv = put(nd(doc(DocKind::kParty, "Công văn", "1275", "CV/ĐUK", {}, "Đảng ủy Khối", {2025, 3, 4}, "v/v"), "Văn bản một."));
  int64_t nd30 = put(nd(doc(DocKind::kState, "Nghị định", "30", "NĐ-CP", 2020, "Chính phủ", {2020, 3, 5}, "về công tác văn thư"),
                        "Nghị định về công tác văn thư."));
  int64_t citing = put(nd(doc(DocKind::kState, "Công văn", "9", "UBND-VP", {}, nullptr, {2026, 1, 2}, "v/v"),
                          "Thực hiện Nghị định số 30/2020/NĐ-CP của Chính phủ."));
  for (const char* q : {"1275-CV/ĐUK", "1275-cv/duk", "1275-CV/DUK"}) {
    auto hits = search(q);
    ASSERT_FALSE(hits.empty()) << q;
    EXPECT_EQ(hits[0].doc.id, cv) << q;
    EXPECT_TRUE(hits[0].symbol_match);
  }
  for (const char* q : {"30/2020/NĐ-CP", "30/2020/ND-CP", "30/2020/N\xC3\x90-CP"}) {  // the last: Icelandic Ð
    auto hits = search(q);
    ASSERT_FALSE(hits.empty()) << q;
    EXPECT_EQ(hits[0].doc.id, nd30) << q;
  }
  if (GetParam() == "sqlite") {
    // The folded FTS5 index also finds the documents that mention the number.
    EXPECT_TRUE(ids(search("30/2020/ND-CP")).count(citing));
  }
  auto found = store_->find_identifier("30/2020/nd-cp");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().id, nd30);
}

TEST_P(StoreTest, CitationsLinkInEitherOrder) {
  auto kl = doc(DocKind::kParty, "Kết luận", "15", "KL/TU", {}, "Tỉnh ủy", {2026, 2, 1}, "kết luận hội nghị");
  kl.citations = {cite("Chỉ thị", "07", "CT/TU", {}, Date{2026, 1, 7}), cite("Nghị định", "30", "NĐ-CP", 2020)};
  int64_t a = put(nd(kl, "Kết luận căn cứ Chỉ thị số 07-CT/TU và Nghị định 30/2020/NĐ-CP."));
  auto from = store_->citations_from(a);
  ASSERT_TRUE(from);
  ASSERT_EQ(from->size(), 2u);
  EXPECT_FALSE((*from)[0].target_id);  // not stored yet: kept, unlinked
  // The cited directive arrives later, its number printed without the leading zero.
  int64_t ct = put(nd(doc(DocKind::kParty, "Chỉ thị", "7", "CT/TU", {}, "Ban Thường vụ Tỉnh ủy", {2026, 1, 7}, "về ..."),
                      "Chỉ thị của Ban Thường vụ."));
  from = store_->citations_from(a);
  ASSERT_TRUE(from);
  ASSERT_TRUE((*from)[0].target_id);
  EXPECT_EQ(*(*from)[0].target_id, ct);
  EXPECT_EQ((*from)[0].target_label, "7-CT/TU");
  EXPECT_FALSE((*from)[1].target_id);
  auto by = store_->cited_by(ct);
  ASSERT_TRUE(by);
  ASSERT_EQ(by->size(), 1u);
  EXPECT_EQ(by->front().document_id, a);
  EXPECT_EQ(by->front().document_label, "15-KL/TU");
}

TEST_P(StoreTest, CollidingNumbersAreToldApartByDateAndIssuer) {
  int64_t y24 = put(nd(doc(DocKind::kState, "Công văn", "12", "UBND-KT", {}, "Ủy ban nhân dân huyện A", {2024, 3, 5}, "a"), "Một."));
  int64_t y25 = put(nd(doc(DocKind::kState, "Công văn", "12", "UBND-KT", {}, "Ủy ban nhân dân huyện A", {2025, 3, 9}, "b"), "Hai."));
  int64_t other = put(nd(doc(DocKind::kState, "Công văn", "12", "UBND-KT", {}, "Ủy ban nhân dân huyện B", {2025, 3, 9}, "c"), "Ba."));
  auto d = doc(DocKind::kState, "Báo cáo", "3", "BC-UBND", {}, nullptr, {2025, 4, 1}, "báo cáo");
  d.citations = {cite("Công văn", "12", "UBND-KT", {}, Date{2024, 3, 5}),
                 cite("Công văn", "12", "UBND-KT", {}, Date{2025, 3, 9}, "Ủy ban nhân dân huyện B"),
                 cite("Công văn", "12", "UBND-KT", {})};  // no date, no issuer: ambiguous, left unlinked
  int64_t r = put(nd(d, "Báo cáo."));
  auto from = store_->citations_from(r);
  ASSERT_TRUE(from);
  ASSERT_EQ(from->size(), 3u);
  EXPECT_EQ((*from)[0].target_id.value_or(0), y24);
  EXPECT_EQ((*from)[1].target_id.value_or(0), other);
  EXPECT_FALSE((*from)[2].target_id);
  (void)y25;
}

Document with_tasks(std::vector<Task> t) {
  auto d = doc(DocKind::kParty, "Kết luận", "35", "KL/TU", {}, "Tỉnh ủy Lạng Sơn", {2026, 3, 2}, "về nhiệm vụ trọng tâm");
  d.tasks = std::move(t);
  return d;
}

TEST_P(StoreTest, ReingestKeepsWhatAPersonTyped) {
  auto v1 = with_tasks({task("1", {"Sở Tài chính"}, Date{2026, 4, 20}, "Rà soát kinh phí", {"Sở Nội vụ"}),
                        task("2", {"Sở Nội vụ"}, Date{2026, 5, 30}, "Sắp xếp tổ chức bộ máy"),
                        task("3", {"Văn phòng Tỉnh ủy"}, std::nullopt, "Theo dõi, đôn đốc"),
                        task("4", {"Công an tỉnh"}, Date{2026, 6, 30}, "Bảo đảm an ninh")});
  int64_t id = put(nd(v1, "Kết luận số 35-KL/TU bản 1"));
  auto all = tasks();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].task.ref, "1");  // earliest due first, no due last
  EXPECT_EQ(all[3].task.ref, "3");
  EXPECT_EQ(all[0].status, TaskStatus::kOpen);
  int64_t t1 = all[0].id;
  int64_t t4 = std::find_if(all.begin(), all.end(), [](auto& t) { return t.task.ref == "4"; })->id;

  auto u = store_->update_task(t1, {.status = TaskStatus::kInProgress, .note = "Đã giao phòng Ngân sách", .at = "2026-04-01T09:00:00"});
  ASSERT_TRUE(u) << u.error().to_string();
  EXPECT_EQ(u->status, TaskStatus::kInProgress);
  u = store_->update_task(t1, {.due = Date{2026, 4, 30}, .at = "2026-04-02T09:00:00"});
  ASSERT_TRUE(u);
  EXPECT_EQ(*u->due(), (Date{2026, 4, 30}));
  ASSERT_TRUE(store_->update_task(t4, {.note = "Chờ ý kiến", .at = "2026-04-03T09:00:00"}));

  // Version 2: task 1's deadline moved, task 2 unchanged, task 3 gone (untouched), task 4 gone
  // (a person wrote a note on it), task 5 new.
  auto v2 = with_tasks({task("1", {"Sở Tài chính"}, Date{2026, 4, 25}, "Rà soát kinh phí năm 2026", {"Sở Nội vụ"}),
                        task("2", {"Sở Nội vụ"}, Date{2026, 5, 30}, "Sắp xếp tổ chức bộ máy"),
                        task("5", {"Sở Y tế"}, Date{2026, 7, 1}, "Phòng chống dịch")});
  auto r = store_->put_document(nd(v2, "Kết luận số 35-KL/TU bản 2"));
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->outcome, PutOutcome::kUpdated);
  EXPECT_EQ(r->document_id, id);
  EXPECT_EQ(r->tasks_added, 1);
  EXPECT_EQ(r->tasks_updated, 1);
  EXPECT_EQ(r->tasks_removed, 2);
  // Re-ingesting the same bytes again changes nothing.
  EXPECT_EQ(put(nd(v2, "Kết luận số 35-KL/TU bản 2"), PutOutcome::kSkipped), id);

  all = tasks();
  std::vector<std::string> refs;
  for (auto& t : all) refs.push_back(t.task.ref);
  EXPECT_EQ(refs, (std::vector<std::string>{"1", "2", "5"}));
  const TrackedTask& t = all[0];
  EXPECT_EQ(t.id, t1);
  EXPECT_EQ(t.status, TaskStatus::kInProgress);          // the person's status
  EXPECT_EQ(t.task.action, "Rà soát kinh phí năm 2026");   // the machine's new reading
  EXPECT_EQ(*t.task.due, (Date{2026, 4, 25}));
  EXPECT_EQ(*t.due(), (Date{2026, 4, 30}));               // the person's due date still wins
  auto absent = tasks({.include_absent = true});
  ASSERT_EQ(absent.size(), 4u);
  auto gone = std::find_if(absent.begin(), absent.end(), [&](auto& x) { return x.id == t4; });
  ASSERT_NE(gone, absent.end());
  EXPECT_FALSE(gone->present);

  auto h = store_->task_history(t1);
  ASSERT_TRUE(h);
  std::vector<std::string> kinds;
  for (auto& e : *h) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"created", "status", "note", "due", "extracted"}));
  EXPECT_EQ(*(*h)[2].new_value, "Đã giao phòng Ngân sách");
}

// A task a later version drops and a still later one brings back: its history says so.
TEST_P(StoreTest, TaskThatComesBackIsRecordedPresentAgain) {
  auto v1 = with_tasks({task("1", {"Sở Tài chính"}, Date{2026, 4, 20}, "Rà soát kinh phí"),
                        task("2", {"Sở Nội vụ"}, Date{2026, 5, 30}, "Sắp xếp tổ chức bộ máy")});
  put(nd(v1, "bản 1"));
  int64_t t2 = tasks()[1].id;
  ASSERT_TRUE(store_->update_task(t2, {.note = "Đang làm", .at = "2026-04-01T09:00:00"}));
  put(nd(with_tasks({task("1", {"Sở Tài chính"}, Date{2026, 4, 20}, "Rà soát kinh phí")}), "bản 2", "",
         "2026-04-02T08:00:00"),
      PutOutcome::kUpdated);
  put(nd(v1, "bản 3", "", "2026-04-03T08:00:00"), PutOutcome::kUpdated);
  auto back = tasks({.task_id = t2});
  ASSERT_EQ(back.size(), 1u);
  EXPECT_TRUE(back[0].present);
  auto h = store_->task_history(t2);
  ASSERT_TRUE(h);
  ASSERT_EQ(h->size(), 4u);
  EXPECT_EQ((*h)[2].kind, "extracted");
  EXPECT_EQ((*h)[2].new_value.value_or(""), "absent");
  EXPECT_EQ((*h)[3].at, "2026-04-03T08:00:00");
  EXPECT_EQ((*h)[3].old_value.value_or(""), "absent");
  EXPECT_EQ((*h)[3].new_value.value_or(""), "present");
}

// A query of one term typed thousands of times costs what the term costs once; a query too long
// or too wide is refused with a message, not run for minutes.
TEST_P(StoreTest, SearchQueriesAreBounded) {
  put(nd(doc(DocKind::kState, "Kế hoạch", "12", "KH-UBND", {}, "UBND tỉnh", {2026, 3, 1}, "Kế hoạch chuyển đổi số"),
         "Kế hoạch chuyển đổi số năm 2026"));
  std::string repeated;
  for (int i = 0; i < 100; ++i) repeated += "ke hoach ";
  auto hits = search(repeated);
  EXPECT_EQ(hits.size(), 1u);
  std::string wide;
  for (int i = 0; i < 40; ++i) wide += "tu" + std::to_string(i) + " ";
  auto r = store_->search({wide, {}, 20});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("quá nhiều từ (40 từ hoặc cụm từ khác nhau; tối đa 32)"), std::string::npos)
      << r.error().message;
  std::string huge;
  for (int i = 0; i < 2000; ++i) huge += "ke hoach ";
  auto h = store_->search({huge, {}, 20});
  ASSERT_FALSE(h);
  EXPECT_NE(h.error().message.find("quá dài (18000 byte; tối đa 1000)"), std::string::npos) << h.error().message;
  EXPECT_FALSE(store_->search({"ke hoach", {}, kMaxLimit + 1}));
}

TEST_P(StoreTest, TaskFiltersByUnitStatusAndDue) {
  // Extraction links units to the directory ("stc"): found by the id and by part of the name.
  Task t1 = task("1", {"Sở Tài chính"}, Date{2026, 4, 20}, "a", {"Sở Kế hoạch và Đầu tư"});
  t1.lead[0].unit = "stc";
  put(nd(with_tasks({t1,
                     task("2", {"Sở Nội vụ"}, Date{2026, 5, 30}, "b"),
                     task("3", {"Sở Tài chính", "Sở Nội vụ"}, Date{2026, 3, 1}, "c"),
                     task("4", {"Ủy ban nhân dân huyện Cao Lộc"}, std::nullopt, "d")}),
         "x"));
  auto refs = [&](TaskFilter f) {
    std::vector<std::string> out;
    for (auto& t : tasks(f)) out.push_back(t.task.ref);
    return out;
  };
  EXPECT_EQ(refs({.unit = "so tai chinh"}), (std::vector<std::string>{"3", "1"}));
  EXPECT_EQ(refs({.unit = "Sở Nội vụ"}), (std::vector<std::string>{"3", "2"}));
  EXPECT_EQ(refs({.unit = "ke hoach"}), (std::vector<std::string>{}));
  EXPECT_EQ(refs({.unit = "ke hoach", .unit_support = true}), (std::vector<std::string>{"1"}));
  EXPECT_EQ(refs({.unit = "cao loc"}), (std::vector<std::string>{"4"}));
  EXPECT_EQ(refs({.unit = "stc"}), (std::vector<std::string>{"1"}));
  EXPECT_EQ(refs({.unit = "Tài chính"}), (std::vector<std::string>{"3", "1"}));
  EXPECT_EQ(refs({.due_before = Date{2026, 4, 21}}), (std::vector<std::string>{"3", "1"}));
  EXPECT_EQ(refs({.due_from = Date{2026, 4, 20}, .due_to = Date{2026, 5, 30}}), (std::vector<std::string>{"1", "2"}));
  auto t3 = tasks({.unit = "noi vu"})[0];
  ASSERT_TRUE(store_->update_task(t3.id, {.status = TaskStatus::kDone, .done_on = Date{2026, 3, 5}, .at = "2026-03-05T10:00:00"}));
  EXPECT_EQ(refs({.statuses = {TaskStatus::kOpen, TaskStatus::kInProgress}, .due_before = Date{2026, 4, 21}}),
            (std::vector<std::string>{"1"}));
  // Reassigned by a person: the unit views follow.
  ASSERT_TRUE(store_->update_task(t3.id, {.lead = std::vector<std::string>{"Sở Y tế"}, .at = "2026-03-06T10:00:00"}));
  EXPECT_EQ(refs({.unit = "so y te"}), (std::vector<std::string>{"3"}));
  EXPECT_EQ(refs({.unit = "so tai chinh"}), (std::vector<std::string>{"1"}));
  // Reopened: the done date goes.
  auto re = store_->update_task(t3.id, {.status = TaskStatus::kOpen, .at = "2026-03-07T10:00:00"});
  ASSERT_TRUE(re);
  EXPECT_FALSE(re->done_on);
  EXPECT_FALSE(store_->update_task(99999, {.note = "x", .at = "2026"}));
}

TEST_P(StoreTest, UnitDirectoryResolvesEveryWayANameIsWritten) {
  ASSERT_TRUE(store_->put_unit({"vp-ubnd-tinh", "Văn phòng Ủy ban nhân dân tỉnh", "", true, {"Văn phòng UBND tỉnh"}}));
  ASSERT_TRUE(store_->put_unit({"snv", "Sở Nội vụ", "", true, {}}));
  put(nd(with_tasks({task("1", {"Văn phòng UBND tỉnh"}, Date{2026, 4, 20}, "a"),
                     task("2", {"Văn phòng Ủy ban nhân dân tỉnh"}, Date{2026, 4, 21}, "b"),
                     task("3", {"Phòng Nội vụ tỉnh"}, Date{2026, 4, 22}, "c")}),
         "x"));
  auto refs = [&](TaskFilter f) {
    std::vector<std::string> out;
    for (auto& t : tasks(f)) out.push_back(t.task.ref);
    return out;
  };
  EXPECT_EQ(refs({.unit_id = "vp-ubnd-tinh"}), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(tasks({.unit_id = "vp-ubnd-tinh"})[0].lead_ids, (std::vector<std::string>{"vp-ubnd-tinh"}));
  auto unresolved = store_->unresolved_names();
  ASSERT_TRUE(unresolved);
  ASSERT_EQ(unresolved->size(), 1u);
  EXPECT_EQ(unresolved->front().name, "Phòng Nội vụ tỉnh");
  // Mapped once: the task already stored and the ones to come.
  ASSERT_TRUE(store_->map_name("Phong Noi vu tinh", "snv"));
  EXPECT_EQ(refs({.unit_id = "snv"}), (std::vector<std::string>{"3"}));
  Document later = with_tasks({task("1", {"Phòng Nội vụ tỉnh"}, Date{2026, 5, 1}, "d")});
  later.number = "99";
  put(nd(later, "y"));
  EXPECT_EQ(refs({.unit_id = "snv"}), (std::vector<std::string>{"3", "1"}));
  EXPECT_TRUE(store_->unresolved_names()->empty());
  EXPECT_FALSE(store_->map_name("X", "khong-co"));
  // Per-unit access: lead or support.
  EXPECT_EQ(refs({.unit_ids = std::vector<std::string>{"vp-ubnd-tinh"}}), (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(refs({.unit_ids = std::vector<std::string>{}}).empty());
}

TEST_P(StoreTest, AtomicallyKeepsAChangeAndItsAuditRowTogether) {
  put(nd(with_tasks({task("1", {"Sở Nội vụ"}, Date{2026, 4, 20}, "a")}), "x"));
  int64_t id = tasks()[0].id;
  auto failed = store_->atomically([&]() -> Status {
    if (auto u = store_->update_task(id, {.note = "ghi chú", .at = "2026-05-01T08:00:00Z"}); !u) return u.error();
    if (auto a = store_->append_audit({0, "2026-05-01T08:00:00Z", "a", "clerk", "", "task.update", "task", "1", {}, {}}); !a)
      return a;
    return make_error(ErrorCode::kInvalidInput, "thôi");
  });
  EXPECT_FALSE(failed);
  auto history = store_->task_history(id);
  ASSERT_TRUE(history);
  EXPECT_TRUE(std::none_of(history->begin(), history->end(), [](const TaskEvent& e) { return e.kind == "note"; }));
  EXPECT_TRUE(store_->audit({})->empty());
  ASSERT_TRUE(store_->atomically([&]() -> Status {
    if (auto u = store_->update_task(id, {.note = "ghi chú", .at = "2026-05-01T08:00:00Z"}); !u) return u.error();
    return store_->append_audit({0, "2026-05-01T08:00:00Z", "a", "clerk", "", "task.update", "task", "1", {}, {}});
  }));
  EXPECT_EQ(store_->audit({.action = "task"})->size(), 1u);
}

TEST_P(StoreTest, SessionsExpireAndAccountsAreUnique) {
  auto u = store_->add_user({0, "Van.Thu", "clerk", "", "$argon2id$x", "2026-05-01T08:00:00Z", "2026-05-01T08:00:00Z"});
  ASSERT_TRUE(u);
  auto again = store_->add_user({0, "van.thu", "clerk", "", "$argon2id$y", "2026-05-01T08:00:00Z", "2026-05-01T08:00:00Z"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->add_session({"h1", u->id, "csrf", "2026-05-01T08:00:00Z", "2026-05-01T20:00:00Z"}));
  EXPECT_TRUE(*store_->session("h1", "2026-05-01T19:59:59Z"));
  EXPECT_FALSE(*store_->session("h1", "2026-05-01T20:00:00Z"));
  EXPECT_FALSE(*store_->session("h2", "2026-05-01T09:00:00Z"));
  ASSERT_TRUE(store_->remove_user(u->id));
  EXPECT_TRUE(store_->users()->empty());
}

TEST_P(StoreTest, HeaderCorrectionsSurviveANewVersion) {
  Document d = doc(DocKind::kState, "Công văn", "212", "UBND-KT", std::nullopt, "Ủy ban nhân dân tỉnh",
                   PartialDate{2026, 3, 10}, "về chuyển đổi số");
  int64_t id = put(nd(d, "bản quét"));
  const std::string typed = "{\"subject\": \"về chuyển đổi số (đã sửa)\"}";
  ASSERT_TRUE(store_->set_document_corrections(id, typed, "2026-05-01T08:00:00Z"));
  EXPECT_EQ(store_->documents({})->front().subject, "về chuyển đổi số (đã sửa)");
  EXPECT_EQ(search("da sua").size(), 1u);
  put(nd(d, "bản Word"), PutOutcome::kUpdated);
  EXPECT_EQ(store_->documents({})->front().subject, "về chuyển đổi số (đã sửa)");
  // What the machine read is kept apart.
  EXPECT_EQ((*store_->document(id))->doc.subject, "về chuyển đổi số");
}

TEST_P(StoreTest, DumpAndRestoreKeepEverything) {
  auto kl = with_tasks({task("1", {"Sở Tài chính"}, Date{2026, 4, 20}, "Rà soát"), task("2", {"Sở Nội vụ"}, {}, "Sắp xếp")});
  kl.citations = {cite("Chỉ thị", "07", "CT/TU", {})};
  int64_t a = put(nd(kl, "Kết luận về nhiệm vụ trọng tâm"));
  int64_t ct = put(nd(doc(DocKind::kParty, "Chỉ thị", "07", "CT/TU", {}, "Tỉnh ủy", {2026, 1, 7}, "về ..."), "Chỉ thị"));
  auto t = tasks();
  ASSERT_TRUE(store_->update_task(t[0].id, {.status = TaskStatus::kDone, .note = "Xong", .done_on = Date{2026, 4, 19}, .at = "2026-04-19T08:00:00"}));

  std::vector<Record> records;
  auto s = store_->dump([&](const DocumentRecord& d) { records.emplace_back(d); return ok_status(); },
                        [&](const TaskRecord& r) { records.emplace_back(r); return ok_status(); });
  ASSERT_TRUE(s) << s.error().to_string();
  ASSERT_EQ(records.size(), 4u);

  for (const std::string target : {"sqlite", "postgres"}) {
    std::string loc;
    if (target == "sqlite") {
      auto dir = fs::temp_directory_path() / ("dondoc-restore-" + std::to_string(::getpid()) + "-" + std::to_string(n_++));
      fs::create_directories(dir);
      dirs_.push_back(dir);
      loc = (dir / "moi.db").string();
    } else {
      std::string err;
      loc = testing::pg_fresh_database(&err);
      ASSERT_FALSE(loc.empty()) << err;
    }
    auto other = open(loc, {.create = true});
    ASSERT_TRUE(other) << other.error().to_string();
    size_t i = 0;
    auto r = (*other)->restore([&]() -> Result<std::optional<Record>> {
      if (i == records.size()) return std::optional<Record>{};
      return std::optional<Record>{records[i++]};
    });
    ASSERT_TRUE(r) << r.error().to_string();
    if (target == "postgres") {
      // Served right after, the import is planned with statistics and has its visibility map.
      pqxx::connection c(loc);
      pqxx::nontransaction n(c);
      auto done = n.exec("SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('documents', 'tasks', "
                         "'task_units') AND last_analyze IS NOT NULL AND last_vacuum IS NOT NULL");
      EXPECT_EQ(done[0][0].as<int>(), 3);
    }
    auto ot = (*other)->tasks({});
    ASSERT_TRUE(ot);
    ASSERT_EQ(ot->size(), 2u);
    EXPECT_EQ((*ot)[0].id, t[0].id);
    EXPECT_EQ((*ot)[0].status, TaskStatus::kDone);
    EXPECT_EQ(*(*ot)[0].done_on, (Date{2026, 4, 19}));
    auto h = (*other)->task_history(t[0].id);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->size(), 4u);  // created, status, note, done_on
    auto by = (*other)->cited_by(ct);
    ASSERT_TRUE(by);
    ASSERT_EQ(by->size(), 1u);
    EXPECT_EQ(by->front().document_id, a);
    auto hits = (*other)->search({"nhiem vu trong tam", {}, 10});
    ASSERT_TRUE(hits);
    EXPECT_EQ(ids(*hits), std::set<int64_t>{a});
    // New rows get new ids after the imported ones.
    auto next = (*other)->put_document(nd(doc(DocKind::kState, "Công văn", "1", "UBND", {}, nullptr, {2026, 5, 5}, "x"), "mới"));
    ASSERT_TRUE(next) << next.error().to_string();
    EXPECT_GT(next->document_id, ct);
    // A second import into a store that has data is refused.
    i = 0;
    EXPECT_FALSE((*other)->restore([&]() -> Result<std::optional<Record>> { return std::optional<Record>{}; }));
  }
}

TEST_P(StoreTest, ReopenKeepsDataAndSchema) {
  int64_t id = put(nd(doc(DocKind::kState, "Công văn", "5", "UBND", {}, nullptr, {2026, 5, 5}, "x"), "nội dung"));
  store_.reset();
  open_store();
  auto d = store_->document(id);
  ASSERT_TRUE(d && *d);
  EXPECT_EQ((*d)->text, "nội dung");
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

// Bad input: each gives a clear error and leaves nothing half-written.
class SqliteOpenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dondoc-open-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::permissions(dir_, fs::perms::owner_all);
    fs::remove_all(dir_);
  }
  fs::path dir_;
};

TEST_F(SqliteOpenTest, MissingFolder) {
  auto s = open((dir_ / "khong-co" / "kho.db").string(), {.create = true});
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("không tồn tại"), std::string::npos) << s.error().message;
  EXPECT_FALSE(fs::exists(dir_ / "khong-co"));
}

TEST_F(SqliteOpenTest, MissingFileWithoutCreate) {
  auto s = open((dir_ / "kho.db").string());
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir_ / "kho.db"));
}

TEST_F(SqliteOpenTest, ReadOnlyFile) {
  std::string p = (dir_ / "kho.db").string();
  ASSERT_TRUE(open(p, {.create = true}));
  fs::permissions(p, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  auto s = open(p, {.create = true});
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("chỉ đọc"), std::string::npos) << s.error().message;
  auto ro = open(p, {.read_only = true});  // reading still works
  ASSERT_TRUE(ro) << ro.error().to_string();
  EXPECT_EQ(*(*ro)->count_documents(), 0);
}

TEST_F(SqliteOpenTest, NewerSchema) {
  std::string p = (dir_ / "kho.db").string();
  {
    auto s = open(p, {.create = true});
    ASSERT_TRUE(s);
  }
  std::string cmd = "sqlite3 '" + p + "' \"UPDATE dondoc_meta SET value = '999' WHERE key = 'schema_version'\"";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto s = open(p, {.create = true});
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("mới hơn"), std::string::npos) << s.error().message;
}

// A store of an older schema opened by a command that only reads: refused, unchanged, with what to
// do (a command that writes upgrades it).
TEST_F(SqliteOpenTest, OlderSchemaIsNotUpgradedByAReader) {
  std::string p = (dir_ / "kho.db").string();
  ASSERT_TRUE(open(p, {.create = true}));
  std::string cmd = "sqlite3 '" + p + "' \"UPDATE dondoc_meta SET value = '1' WHERE key = 'schema_version'\"";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto ro = open(p, {.read_only = true});
  ASSERT_FALSE(ro);
  EXPECT_NE(ro.error().message.find("nâng cấp lược đồ"), std::string::npos) << ro.error().message;
  EXPECT_NE(ro.error().message.find("dondoc ingest"), std::string::npos) << ro.error().message;
  std::string version = "sqlite3 '" + p + "' \"SELECT value FROM dondoc_meta WHERE key = 'schema_version'\"";
  FILE* f = popen(version.c_str(), "r");
  char buf[16] = {};
  ASSERT_TRUE(f && std::fgets(buf, sizeof buf, f));
  pclose(f);
  EXPECT_EQ(std::string(buf), "1\n");
}

TEST_F(SqliteOpenTest, CorruptOrForeignFile) {
  std::string p = (dir_ / "hong.db").string();
  {
    std::ofstream(p) << std::string(8192, 'x');
  }
  auto s = open(p, {.create = true});
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("bị hỏng"), std::string::npos) << s.error().message;
  EXPECT_EQ(fs::file_size(p), 8192u);  // untouched
  std::string q = (dir_ / "khac.db").string();
  ASSERT_EQ(std::system(("sqlite3 '" + q + "' 'CREATE TABLE t(x)'").c_str()), 0);
  auto f = open(q, {.create = true});
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().message.find("không phải kho dữ liệu của dondoc"), std::string::npos) << f.error().message;
}

// A store with a damaged page is refused before anything is written, even when the damage is
// on a page this write would not touch (a reader refuses it anyway).
TEST_F(SqliteOpenTest, DamageAnywhereIsRefusedBeforeWriting) {
  std::string p = (dir_ / "kho.db").string();
  {
    auto s = open(p, {.create = true});
    ASSERT_TRUE(s);
    for (int i = 0; i < 40; ++i) {
      Document d = doc(DocKind::kState, "Công văn", nullptr, nullptr, {}, "UBND tỉnh", {2026, 3, 1}, "về việc");
      d.tasks = {task("1", {"Sở Nội vụ"}, Date{2026, 4, 20}, "Báo cáo")};
      ASSERT_TRUE((*s)->put_document(nd(d, "văn bản " + std::to_string(i) + std::string(2000, 'x'))));
    }
  }
  std::string out = (dir_ / "page").string();
  ASSERT_EQ(std::system(("sqlite3 '" + p + "' \"SELECT pageno FROM dbstat WHERE name = 'task_events' AND pagetype = "
                         "'leaf' ORDER BY pageno LIMIT 1\" > '" + out + "'").c_str()),
            0);
  int page = 0;
  std::ifstream(out) >> page;
  ASSERT_GT(page, 1);
  {
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(page - 1) * 4096);
    std::string junk(4096, '\xA5');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto s = open(p, {.create = true});
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("đã bị hỏng"), std::string::npos) << s.error().message;
}

// A store on a read-only folder (or filesystem) is still read; the message for writing says why.
TEST_F(SqliteOpenTest, ReadOnlyFolderIsReadWithoutSideFiles) {
  std::string p = (dir_ / "kho.db").string();
  ASSERT_TRUE(open(p, {.create = true}));
  fs::permissions(p, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
  auto ro = open(p, {.read_only = true});
  ASSERT_TRUE(ro) << ro.error().to_string();
  EXPECT_EQ(*(*ro)->count_documents(), 0);
  EXPECT_FALSE(fs::exists(p + "-shm"));
  EXPECT_FALSE(fs::exists(p + "-wal"));
  ro->reset();
  auto w = open(p, {.create = true});
  ASSERT_FALSE(w);
  EXPECT_NE(w.error().message.find("không ghi được"), std::string::npos) << w.error().message;
}

TEST(PostgresOpenTest, ServerDownOrWrongPassword) {
  std::string err;
  const auto& server = testing::pg_server(&err);
  ASSERT_FALSE(server.dir.empty()) << err;
  auto bad = open(testing::pg_tcp_url("dondoc_pw", "sai-mat-khau"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("sai tên người dùng hoặc mật khẩu"), std::string::npos) << bad.error().message;
  EXPECT_EQ(bad.error().context.find("sai-mat-khau"), std::string::npos);  // never echoed
  auto down = open("postgresql://postgres@/postgres?host=/nonexistent-dondoc&port=1");
  ASSERT_FALSE(down);
  EXPECT_NE(down.error().message.find("không kết nối được PostgreSQL"), std::string::npos) << down.error().message;
}

}  // namespace
}  // namespace dondoc::store

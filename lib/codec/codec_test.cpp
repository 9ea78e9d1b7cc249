// The JSON text writer prints what dumping the tree prints, on a document that takes every
// branch of the encoders: every optional field set and unset, odd characters, invalid UTF-8,
// a span key given twice, OCR confidences, diagnostics, mapped spans.
#include <gtest/gtest.h>

#include "codec/codec.h"

namespace dondoc {
namespace {

std::string dumped(const std::vector<std::pair<std::string, std::string>>& first, const Document& d,
                   const codec::JsonOptions& o) {
  nlohmann::ordered_json j;
  for (const auto& [k, v] : first) j[k] = v;
  nlohmann::ordered_json body = codec::to_json(d, o);
  for (auto& [k, v] : body.items()) j[k] = v;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Document full_document() {
  Document d;
  d.text.restored = true;
  d.text.ocr = true;
  d.text.reader = "pdf";
  d.text.encoding = "utf-8";
  d.text.page_confidence = {91.5, 100, 0.1 + 0.2};
  d.kind = DocKind::kParty;
  d.type = "Công văn";
  d.number = "12";
  d.symbol = "CV/TU";
  d.year = 2026;
  d.issuer = "TỈNH ỦY \"A\"\\B";
  d.place = "Hà Nội\t";
  d.date = PartialDate{2026, 12, 0};
  d.subject = std::string("về việc\x01\x1f\b\f\r\n x\x7f");
  d.recipients = {"Sở Tài chính", "bad \xFF\xC3 bytes", ""};
  d.signer = Signer{std::string("KT."), std::nullopt, std::string("PHÓ BÍ THƯ"), std::string("Nguyễn Văn A"), {}};
  d.distribution = {"Như trên", "Lưu VT"};
  Citation c;
  c.type = "Nghị định";
  c.number = "30";
  c.year = 2020;
  c.date = Date{2020, 3, 5};
  c.text = "Nghị định số 30/2020/NĐ-CP";
  c.span = {10, 40};
  d.citations = {c, Citation{}};
  Task t;
  t.ref = "1.a";
  t.lead = {Assignee{"Sở Y tế", "so-y-te", {}}, Assignee{"UBND huyện", "", {}}};
  t.support = {Assignee{"Công an tỉnh", "", {}}};
  t.report_to = {Assignee{"UBND tỉnh", "ubnd", {}}};
  t.action = "Báo cáo \"kết quả\"";
  Deadline by;
  by.text = "trước ngày 15/12/2026";
  by.date = Date{2026, 12, 15};
  by.bound = Bound::kBefore;
  by.inferred_year = true;
  by.span = {100, 120};
  Deadline rel;
  rel.text = "5 ngày làm việc sau khi nhận";
  rel.bound = Bound::kRelative;
  rel.offset = 5;
  rel.unit = TimeUnit::kWorkingDay;
  rel.anchor = "nhận";
  rel.recurrence = Recurrence{"monthly", 1, 25, 0};
  Deadline yearly;
  yearly.recurrence = Recurrence{"yearly", 2, 15, 12};
  yearly.offset = 0;
  t.deadlines = {by, rel, yearly};
  t.due = Date{2026, 12, 15};
  t.recurrence = Recurrence{"quarterly", 1, 0, 0};
  t.span = {90, 200};
  d.tasks = {t, Task{}};
  d.spans = {{"number", {3, 5}}, {"date", {6, 9}}, {"number", {30, 50}}, {"signer.name", {70, 80}}};
  d.diagnostics = {Diagnostic{"header.no_number", "không có số", {1, 2}}};
  return d;
}

TEST(Codec, JsonLineIsTheDumpOfTheTree) {
  Document d = full_document();
  std::vector<std::pair<std::string, std::string>> first = {{"file", "a \xFF\"b\".txt"}, {"sha256", "ab12"}};
  codec::JsonOptions mapped;
  mapped.map_span = [](Span s) { return Span{s.begin + 7, s.end + 7}; };
  for (const codec::JsonOptions& o : {codec::JsonOptions{}, codec::JsonOptions{.spans = false}, mapped}) {
    EXPECT_EQ(codec::document_json_line(first, d, o), dumped(first, d, o));
    EXPECT_EQ(codec::document_json_line({}, Document{}, o), dumped({}, Document{}, o));
  }
  // The line parses back to the same document.
  std::string line = codec::document_json_line({}, d, {});
  auto back = codec::document_from_json(nlohmann::json::parse(line));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->tasks.size(), 2u);
  EXPECT_EQ(back->tasks[0].deadlines[1].anchor, "nhận");
  // The span key given twice: one key, in its first place, with the last span.
  auto j = nlohmann::ordered_json::parse(line);
  EXPECT_EQ(j["spans"].size(), 3u);
  EXPECT_EQ(j["spans"].begin().key(), "number");
  EXPECT_EQ(j["spans"]["number"], nlohmann::ordered_json::array({30, 50}));
}

}  // namespace
}  // namespace dondoc

#include "store/text.h"

#include <gtest/gtest.h>

#include "store/store.h"

namespace dondoc::store::internal {
namespace {

TEST(FoldKey, FoldsTonesMarksAndĐ) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"Ủy ban nhân dân", "uy ban nhan dan"},
      {"  ỦY BAN\nNHÂN   DÂN ", "uy ban nhan dan"},
      {"Đảng ủy", "dang uy"},
      {"hoà khoá thuý", "hoa khoa thuy"},
      {"hòa khóa thúy", "hoa khoa thuy"},
      {"U\xCC\x89y ban", "uy ban"},     // NFD
      {"N\xC3\x90-CP", "nd-cp"},         // Icelandic Ð as OCR leaves it
      {"Sở Tài chính", "so tai chinh"},
  };
  for (const auto& c : cases) EXPECT_EQ(fold_key(c.in), c.out) << c.in;
}

TEST(Keys, IdentifierAndCitation) {
  EXPECT_EQ(identifier_key("1275-CV/ĐUK"), "1275-cv/duk");
  EXPECT_EQ(identifier_key("30/2020/NĐ-CP"), "30/2020/nd-cp");
  EXPECT_EQ(identifier_key("30/2020/ND - CP"), "30/2020/nd-cp");
  EXPECT_EQ(cite_key("07", "CT/TU", std::nullopt), "7|ct/tu|");
  EXPECT_EQ(cite_key("7", "CT/TU", std::nullopt), "7|ct/tu|");
  EXPECT_EQ(cite_key("30", "NĐ-CP", 2020), "30|nd-cp|2020");
  EXPECT_EQ(cite_key("0", "QĐ", std::nullopt), "0|qd|");
  EXPECT_EQ(cite_key(std::nullopt, "CV/ĐU", std::nullopt), "");
  Document d;
  d.kind = DocKind::kParty;
  d.number = "1275";
  d.symbol = "CV/ĐUK";
  d.issuer = "Đảng ủy Khối";
  d.date = PartialDate{2025, 3, 4};
  EXPECT_EQ(document_identity(d, "abc"), "1275-cv/duk|2025-03-04|dang uy khoi");
  d.number.reset();
  EXPECT_EQ(document_identity(d, "abc"), "sha:abc");
}

TEST(Query, ParsesWordsPhrasesPrefixesAndExclusions) {
  auto q = parse_query("Ủy ban \"thường trực đảng ủy\" nhan* -huyện");
  ASSERT_EQ(q.terms.size(), 5u);
  EXPECT_EQ(q.terms[0].words, std::vector<std::string>{"uy"});
  EXPECT_EQ(q.terms[2].words, (std::vector<std::string>{"thuong", "truc", "dang", "uy"}));
  EXPECT_TRUE(q.terms[3].prefix);
  EXPECT_TRUE(q.terms[4].negated);
  EXPECT_TRUE(q.symbol_key.empty());
  EXPECT_EQ(fts5_expression(q), "(\"uy\" AND \"ban\" AND \"thuong truc dang uy\" AND \"nhan\"*) NOT (\"huyen\")");
  EXPECT_EQ(tsquery_expression(q), "'uy' & 'ban' & ('thuong' <-> 'truc' <-> 'dang' <-> 'uy') & 'nhan':* & !'huyen'");
  auto s = parse_query("30/2020/NĐ-CP");
  EXPECT_EQ(s.symbol_key, "30/2020/nd-cp");
  ASSERT_EQ(s.terms.size(), 1u);
  EXPECT_EQ(s.terms[0].words, (std::vector<std::string>{"30", "2020", "nd", "cp"}));
  EXPECT_EQ(parse_query("1275-CV/ĐUK").symbol_key, "1275-cv/duk");
  EXPECT_TRUE(parse_query("ke hoach 15").symbol_key.empty());
  EXPECT_EQ(fts5_expression(parse_query("-huyen")), "");  // nothing positive to look for
  EXPECT_EQ(fts5_expression(parse_query("“Công dân”,")), "\"cong\" AND \"dan\"");
}

TEST(Query, RepeatedTermsCountOnce) {
  std::string q;
  for (int i = 0; i < 2000; ++i) q += "ke hoach \"ke hoach\" -huyen ";
  auto p = parse_query(q);
  ASSERT_EQ(p.terms.size(), 4u);
  EXPECT_EQ(fts5_expression(p), "(\"ke\" AND \"hoach\" AND \"ke hoach\") NOT (\"huyen\")");
}

TEST(Query, DateBoundsOrderPastTheLastYear) {
  EXPECT_EQ(date_bound(Date{2026, 4, 20}), "2026-04-20");
  EXPECT_GT(date_bound(add_days(Date{9999, 12, 30}, 7)), std::string("9999-12-31"));
  EXPECT_LT(date_bound(Date{0, 1, 1}), std::string("0001-01-01"));
}

TEST(Snippet, ShowsOriginalTextAroundMatches) {
  std::string text =
      "Căn cứ Luật Tổ chức chính quyền địa phương;\nTheo đề nghị của Giám đốc Sở Nội vụ, Ủy ban nhân dân "
      "tỉnh quyết định giao Sở Tài chính chủ trì rà soát kinh phí.";
  auto s = make_snippet(text, parse_query("uy ban nhan dan so tai chinh"), 12);
  EXPECT_NE(s.text.find("Ủy ban nhân dân"), std::string::npos) << s.text;
  EXPECT_EQ(s.text.find('\n'), std::string::npos);
  std::vector<std::string> marked;
  for (const auto& h : s.highlights) marked.emplace_back(h.of(s.text));
  // "so" also matches the first "Sở"; a matched run of words is one mark.
  EXPECT_EQ(marked, (std::vector<std::string>{"Sở", "Ủy ban nhân dân"}));
  auto wide = make_snippet(text, parse_query("uy ban nhan dan so tai chinh"), 40);
  EXPECT_EQ(wide.text.rfind("Căn cứ", 0), 0u);  // the whole text fits: no leading ellipsis
  EXPECT_EQ(wide.highlights.size(), 4u);  // "chính" of "chính quyền" counts too
  auto none = make_snippet("", parse_query("x"));
  EXPECT_TRUE(none.text.empty());
}

}  // namespace
}  // namespace dondoc::store::internal

namespace dondoc::store::internal {
namespace {
// What the FTS5 index is given is the query parser's words joined by spaces, marks and all.
TEST(FoldedJoin, IsTheFoldedWordsJoined) {
  for (std::string_view s : {"Ủy ban nhân dân tỉnh Hoà Bình", "  Số: 123/UBND-VX, ngày 05/12/2026 ",
                             "Ðảng bộ\xCC\x81 — “trích”", "", "!!!", "a\nb\tc"}) {
    std::string joined;
    for (const auto& w : folded_words(s)) joined += (joined.empty() ? "" : " ") + w;
    EXPECT_EQ(folded_join(s), joined) << s;
  }
  EXPECT_EQ(folded_join("Đảng ủy Sở Tài chính"), "dang uy so tai chinh");
}

// Text is stored as valid UTF-8 without NUL: kept when it is so, mended when it is not.
TEST(CleanText, KeepsValidTextAndMendsTheRest) {
  EXPECT_EQ(clean_text("Ủy ban nhân dân tỉnh \xEF\xBF\xBD"), "Ủy ban nhân dân tỉnh \xEF\xBF\xBD");
  EXPECT_EQ(clean_text(std::string_view("a\0b", 3)), "ab");
  EXPECT_EQ(clean_text("S\xFF" "o\xC3"), "S\xEF\xBF\xBDo\xEF\xBF\xBD");
}
}  // namespace
}  // namespace dondoc::store::internal

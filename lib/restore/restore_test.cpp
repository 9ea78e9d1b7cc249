#include "restore/restore.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/tokens.h"
#include "core/utf8.h"
#include "core/viet.h"
#include "restore/internal.h"
#include "restore/ocr.h"
#include "rules/rules.h"

namespace dondoc::restore {
namespace {

// ---- Without a model ----------------------------------------------------------------------------

TEST(DiacriticsRatio, CountsSyllableShapedWordsWithMarks) {
  EXPECT_DOUBLE_EQ(diacritics_ratio("Ủy ban nhân dân tỉnh"), 0.8);  // "ban" has none
  EXPECT_DOUBLE_EQ(diacritics_ratio("Uy ban nhan dan tinh"), 0.0);
  EXPECT_DOUBLE_EQ(diacritics_ratio("30/2020 - 15"), 0.0);
}

TEST(NeedsRestoration, StrippedVietnameseOnly) {
  struct Case {
    const char* text;
    bool expected;
  } cases[] = {
      {"Can cu Nghi dinh so 30/2020/ND-CP ngay 05 thang 3 nam 2020 cua Chinh phu", true},
      {"UBND tinh giao So Tai chinh chu tri, phoi hop voi cac so, nganh", true},
      {"Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ", false},
      {"The committee shall submit this report to the board within thirty days", false},
      {"Ủy ban nhân dân tỉnh Lạng Sơn giao Sở Tài chính chu tri", false},
      {"", false},
      {"30/2020 12.5%", false},
      // Printed by an OCR engine without Vietnamese (eval/dev/seed-001.txt): accents, no ă ơ ư đ.
      {"Thuc hién Hudng dan s6180-HD/BTGTU, ngay 29/9/2023 ctia Ban Tuyén giéo Tinh ty Vé viéc "
       "tuyén truyén thuc hién Chi thi s6 26-CT/TU, ngay 25/9/2023 cia Ban Thuong vy Tinh uy vé "
       "lanh dao, chi dao thyuc hién sap xép don vi hanh chinh cap huyén, cip xa trén dia ban tinh",
       true},
      // Real text without those letters is too short to tell.
      {"Ủy ban nhân dân tỉnh Lạng Sơn", false},
  };
  for (const auto& c : cases) EXPECT_EQ(needs_restoration(c.text), c.expected) << c.text;
}

TEST(AssessMarks, OcrDamageWithMarks) {
  // Typed text: abbreviations that carry only Đ are no sign of damage.
  std::string typed =
      "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ; theo đề nghị của "
      "Giám đốc Sở Nội vụ, HĐND và UBND tỉnh, QĐ số 12/QĐ-UBND, Ủy ban nhân dân tỉnh quyết định.";
  MarkAssessment m = assess_marks(typed);
  EXPECT_FALSE(m.ocr_damaged);
  EXPECT_FALSE(m.needs_restoration);
  // OCR of a printed page (as train/0075): marks kept, a few words misread into no syllable.
  std::string ocr =
      "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ; theo đề nghị của "
      "Giám đốc Sở Nội vụ, Thirơng binh và Xã hội, các cơ quan chuyên môn thuộc Ủy ban nhân dân "
      "tỉnh nhlễm chầt độc hóa học, cáe đơn vị trực thuộc.";
  m = assess_marks(ocr);
  EXPECT_TRUE(m.ocr_damaged);
  EXPECT_FALSE(m.needs_restoration);
  EXPECT_GT(m.ratio, 0.5);
}

TEST(AssessMarks, OcrWithoutMarks) {
  // Typed without marks: restored as typed text.
  MarkAssessment typed = assess_marks(
      "Lang Son, ngay 03 thang 4 nam 2026. Thuc hien Cong van so 618-CV/BTGDVTU cua Ban Tuyen giao, "
      "Ban Thuong vu Dang uy de nghi cac chi bo, dang uy co so thuc hien tot cac noi dung sau");
  EXPECT_TRUE(typed.needs_restoration);
  EXPECT_FALSE(typed.ocr_unmarked);
  // Read by an OCR engine without Vietnamese: symbols and digits inside words.
  MarkAssessment ocr = assess_marks(
      "L&ng Son, ng&y 03 thang 4 nam 2026. Thuc hien C0ng van so 618-CV/BTGDVTU cua Ban Tuyen giao, "
      "Ban Thuong vu Dang uy de nghi c&c chi bo, dang uy co so thuc hien tot cac noi dung sau");
  EXPECT_TRUE(ocr.needs_restoration);
  EXPECT_TRUE(ocr.ocr_unmarked);
}

TEST(Codes, OcrMisreadCodesBecomeTheCode) {
  const auto& rules = rules::Rules::builtin();
  std::string in = "Thường trực BUK; Kết luận số 213-KL/FW và 05-CT/TLI, KL/TW giữ nguyên.";
  Restored r = fix_ocr_codes(in, rules);
  EXPECT_EQ(r.text, "Thường trực ĐUK; Kết luận số 213-KL/TW và 05-CT/TU, KL/TW giữ nguyên.");
  EXPECT_EQ(r.changed, 3u);
  // The map points each code at what was printed.
  size_t at = r.text.find("TW");
  EXPECT_EQ(r.map.to_source(Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + 2)}).begin, in.find("FW"));
  // Outside a symbol, a letter misreading is not repaired ("FW" may be anything).
  EXPECT_EQ(fix_ocr_codes("Ban FW", rules).changed, 0u);
}

TEST(Codes, UnmarkedCodesGetTheirD) {
  const auto& rules = rules::Rules::builtin();
  Restored r = fix_unmarked_codes("Quyet dinh so 45/QD-UBND cua HDND, CV/DU; DU lich", rules);
  EXPECT_EQ(r.text, "Quyet dinh so 45/QĐ-UBND cua HĐND, CV/ĐU; DU lich");
  EXPECT_EQ(fix_unmarked_codes("Không có mã nào", rules).changed, 0u);
}

TEST(Model, RejectsBadBytesWithoutCrashing) {
  for (std::string bytes :
       {std::string(), std::string("DDRSTORE"), std::string("not a model at all"),
        std::string("DDRSTORE\x01\x00\x00\x00\x09\x00\x00\x00", 16)}) {
    auto m = Model::from_bytes(bytes);
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().code, ErrorCode::kInvalidInput);
  }
  auto missing = Model::load("/nonexistent/restore.model");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(Confusions, BuiltinTableParses) {
  const auto& conf = builtin_confusions();
  ASSERT_GE(conf.size(), 40u);
  bool d_as_p = false;
  for (const auto& c : conf) {
    EXPECT_GT(c.cost, 0.0f);
    if (c.intended == U"đ" && c.observed == U"p") d_as_p = true;
  }
  EXPECT_TRUE(d_as_p) << "PANG for ĐẢNG is the commonest OCR slip in Party headers";
  auto parsed = parse_confusions({{"ư", "W", "1.2"}, {"bad"}, {"a", "a", "1"}, {"o", "0", "-1"}});
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0].observed, U"w");
}

// ---- With the trained model
// -----------------------------------------------------------------------

class WithModel : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string path = std::string(DONDOC_BINARY_DIR) + "/restore.model";
    auto m = Model::load(path);
    if (m) model_ = new Model(std::move(*m));
  }
  static void TearDownTestSuite() {
    delete model_;
    model_ = nullptr;
  }
  void SetUp() override {
    if (!model_)
      GTEST_SKIP()
          << "restore.model was not built: no corpus in " << DONDOC_SHARED_DIR
          << "/corpus (build it with the restore_model target, or run dondoc-train-restorer)";
  }
  static const Model& model() { return *model_; }
  static Model* model_;
};
Model* WithModel::model_ = nullptr;

TEST_F(WithModel, LoadsSmallEnough) {
  EXPECT_LE(model().size_bytes(), size_t{30} << 20);
  EXPECT_GE(model().order(), 3);
  EXPECT_GE(model().candidate_keys(), 800u);
}

TEST_F(WithModel, RestoresRealPhrases) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"Uy ban nhan dan tinh", "Ủy ban nhân dân tỉnh"},
      // Numbers, codes and punctuation are copied as written.
      {"Can cu Nghi dinh so 30/2020/ND-CP ngay 05 thang 3 nam 2020 cua Chinh phu ve cong tac van "
       "thu;",
       "Căn cứ Nghị định số 30/2020/ND-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn "
       "thư;"},
      {"CONG HOA XA HOI CHU NGHIA VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
      {"Doc lap - Tu do - Hanh phuc", "Độc lập - Tự do - Hạnh phúc"},
      {"UBND tinh giao So Tai chinh chu tri, phoi hop voi cac so, nganh lien quan",
       "UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan"},
      {"Bo truong Bo Tai chinh chiu trach nhiem thi hanh Nghi dinh nay.",
       "Bộ trưởng Bộ Tài chính chịu trách nhiệm thi hành Nghị định này."},
      // Words already written with marks are kept and used as context.
      {"Ủy ban nhan dan tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn"},
      // Spaces, tabs and line breaks survive exactly.
      {"  Dieu 5.\tTrach nhiem thi hanh  \n\nNoi nhan:\r\n- Luu: VT, KGVX.",
       "  Điều 5.\tTrách nhiệm thi hành  \n\nNơi nhận:\r\n- Lưu: VT, KGVX."},
      // URLs and e-mail addresses are not words.
      {"Xem tai https://vanban.chinhphu.vn/van-ban hoac vanthu@langson.gov.vn",
       "Xem tại https://vanban.chinhphu.vn/van-ban hoặc vanthu@langson.gov.vn"},
  };
  for (const auto& c : cases) EXPECT_EQ(restore_text(model(), c.in).text, c.out) << c.in;
}

TEST_F(WithModel, TextWithItsMarksIsLeftAlone) {
  // Bare words (ban, theo, cho, tin) in text that has its marks are meant as written.
  const char* text =
      "Ban Thường vụ Tỉnh ủy đề nghị các cấp ủy theo dõi, cung cấp thông tin cho cơ quan báo chí "
      "và phối hợp với Ban Tuyên giáo Tỉnh ủy trong công tác tuyên truyền.";
  Restored r = restore_text(model(), text);
  EXPECT_EQ(r.text, text);
  EXPECT_EQ(r.changed, 0u);
}

// A paragraph of corpus/train/0131.txt, which tools/restore_holdout.txt keeps out of training.
constexpr const char* kHeldOut =
    "Theo quy định hiện hành của pháp luật ưu đãi người có công, chết do ốm đau, tai nạn trong khi "
    "làm nhiệm vụ khai hoang, phát triển kinh tế - xã hội không thuộc một trong các trường hợp "
    "được "
    "xem xét xác nhận liệt sĩ.\n\n"
    "Ngày 12/6/2015, Bộ Quốc phòng đã có Công văn số 4966/BQP-CT trả lời Ủy ban nhân dân tỉnh Long "
    "An về những trường hợp quân nhân tham gia lao động sản xuất, xây dựng kinh tế do quân đội tổ "
    "chức được xác nhận thương binh loại B (tai nạn lao động) đối với quân nhân bị thương, chế độ "
    "tử "
    "sĩ đối với quân nhân chết.\n\n"
    "Theo đó, không có cơ sở xem xét, xác nhận thương binh A, liệt sĩ đối với người bị thương, "
    "chết "
    "do ốm đau, tai nạn trong khi làm nhiệm vụ khai hoang, phát triển kinh tế - xã hội.\n\n"
    "Bộ Lao động - Thương binh và Xã hội trả lời để Ủy ban nhân dân tỉnh Long An được rõ./.\n";

TEST_F(WithModel, RoundTripOnHeldOutText) {
  std::string stripped = viet::strip_marks(kHeldOut);
  double before = syllable_accuracy(stripped, kHeldOut);
  Restored r = restore_text(model(), stripped);
  double after = syllable_accuracy(r.text, kHeldOut);
  EXPECT_LT(before, 0.3);
  EXPECT_GE(after, 0.95) << r.text;
}

TEST_F(WithModel, MapPointsEveryOutputWordAtItsInputWord) {
  std::string in = viet::strip_marks(kHeldOut);
  Restored r = restore_text(model(), in);
  std::vector<Token> out_words = tokenize(r.text), in_words = tokenize(in);
  ASSERT_EQ(out_words.size(), in_words.size());
  size_t changed = 0;
  for (size_t i = 0; i < out_words.size(); ++i) {
    Span src = r.map.to_source(out_words[i].span());
    EXPECT_EQ(src, in_words[i].span()) << out_words[i].text(r.text);
    if (out_words[i].text(r.text) != in_words[i].text(in)) ++changed;
  }
  EXPECT_EQ(changed, r.changed);
  EXPECT_GT(r.changed, 50u);
}

TEST_F(WithModel, KnownSyllables) {
  for (const char* s : {"ủy", "uỷ", "Chính", "HÒA", "hoà", "Nghị", "trưởng"})
    EXPECT_TRUE(is_known_syllable(model(), s)) << s;
  for (const char* s : {"ciia", "chtrc", "UBND", "xyzzy", "", "30"})
    EXPECT_FALSE(is_known_syllable(model(), s)) << s;
}

TEST_F(WithModel, RepairsTypicalOcrSlips) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"Chính phú ban hành Nghị định này.", "Chính phủ ban hành Nghị định này."},
      {"Căn cứ Luat Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
       "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"},
      {"PANG CONG SAN VIET NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"},
      {"Căn cứ Nghl định số 15/2020/NĐ-CP;", "Căn cứ Nghị định số 15/2020/NĐ-CP;"},
      {"Theo đề nghị ciia Bộ trưởng Bộ Tài chính;", "Theo đề nghị của Bộ trưởng Bộ Tài chính;"},
      // Syllables split by spaces (as in corpus/train/0131.txt).
      {"Nơi nhận : - Nh ư tr ê n; - Bộ tr ưở n g (để báo cáo);",
       "Nơi nhận : - Như trên; - Bộ trưởng (để báo cáo);"},
      {"Q U Y Ế T  Đ Ị N H", "QUYẾT  ĐỊNH"},
      // Text an OCR engine without Vietnamese printed: marks lost or misread, letters confused.
      {"Thuc hién Hudng dan ctia Ban Tuyén giéo Tinh tuy vé viéc tuyén truyén;",
       "Thực hiện Hướng dẫn của Ban Tuyên giáo Tỉnh ủy về việc tuyên truyền;"},
      // A symbol or a digit inside a word is never meant, even in a name or in capitals.
      {"Đồng chí Nguy€n Tuấn Nam", "Đồng chí Nguyễn Tuấn Nam"},
      {"KT. CHÁNH VĂN PH0NG", "KT. CHÁNH VĂN PHÒNG"},
      {"Đại biểu QH15, virus H5N1; Lưu: VT, QLN (2b).", "Đại biểu QH15, virus H5N1; Lưu: VT, QLN (2b)."},
  };
  for (const auto& c : cases) EXPECT_EQ(repair_ocr(model(), c.in).text, c.out) << c.in;
}

TEST_F(WithModel, OcrRepairNeverChangesCorrectWords) {
  const char* correct[] = {
      "Bộ trưởng Bộ Tài chính chịu trách nhiệm thi hành Nghị định này.",
      "Đồng chí Nguyễn Văn Toán, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh.",
      "a) Hồ sơ đề nghị gồm: bản sao giấy phép; b) Tờ khai theo Mẫu số 02;",
      "Điều 5. Hiệu lực thi hành",
      "Thực hiện Công văn số 1071-CV/BCSĐ ngày 04/3/2024 của Ban cán sự đảng UBND tỉnh",
      "Muối i-ốt và vắc-xin COVID-19 được cấp tại https://moh.gov.vn/tin-tuc.",
      "Ban Thường vụ Tỉnh ủy đề nghị các cấp ủy theo dõi, cung cấp thông tin cho báo chí.",
      kHeldOut,
  };
  for (const char* text : correct) {
    Restored r = repair_ocr(model(), text);
    EXPECT_EQ(r.text, text);
    EXPECT_EQ(r.changed, 0u);
  }
}

TEST_F(WithModel, OcrJoinMapsToTheWholeSplitSpan) {
  std::string in = "Bộ tr ưở n g Bộ Nội vụ";
  Restored r = repair_ocr(model(), in);
  ASSERT_EQ(r.text, "Bộ trưởng Bộ Nội vụ");
  auto span_of = [&](std::string_view word) {
    auto at = static_cast<uint32_t>(r.text.rfind(word));
    return r.map.to_source(Span{at, at + static_cast<uint32_t>(word.size())});
  };
  EXPECT_EQ(span_of("trưởng").of(in), "tr ưở n g");
  EXPECT_EQ(span_of("vụ").of(in), "vụ");
  EXPECT_EQ(span_of("Bộ Nội").of(in), "Bộ Nội");
}

TEST_F(WithModel, OcrRepairImprovesDamagedHeldOutText) {
  struct Case {
    OcrDamage kind;
    double before_below, after_at_least;
  } cases[] = {{OcrDamage::kVietnameseOcr, 0.95, 0.97}, {OcrDamage::kLatinOcr, 0.3, 0.9}};
  for (const auto& c : cases) {
    for (uint32_t seed : {1u, 2u, 3u}) {
      std::string damaged = damage_like_ocr(kHeldOut, seed, c.kind);
      double before = ocr_word_accuracy(damaged, kHeldOut);
      Restored r = repair_ocr(model(), damaged);
      double after = ocr_word_accuracy(r.text, kHeldOut);
      EXPECT_LT(before, c.before_below) << damaged;
      EXPECT_GE(after, c.after_at_least) << damaged << "\n->\n" << r.text;
    }
  }
}

TEST_F(WithModel, OcrCandidatesAreThoseOfAScanOfEverySyllable) {
  // The search by folded letters must find what measuring every known syllable finds, for words
  // damaged in every way the damage model knows and under the costs repair_ocr sets for texts
  // with and without their marks.
  const auto& conf = builtin_confusions();
  std::vector<std::string> words;
  for (uint32_t seed : {1u, 2u, 3u, 4u})
    for (OcrDamage kind : {OcrDamage::kVietnameseOcr, OcrDamage::kLatinOcr}) {
      std::string damaged = damage_like_ocr(kHeldOut, seed, kind);
      for (const Token& t : tokenize(damaged))
        if (t.kind != TokKind::kNewline) words.emplace_back(t.text(damaged));
    }
  for (std::string w : {"ng&y", "c0ng", "Thirơng", "nhlễm", "tr", "rnột", "ciia", "C&c", "PH0NG", "đ@", "xyz", "ưởng"})
    words.push_back(w);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  ASSERT_GT(words.size(), 300u);
  ChannelCosts marked, bare;
  bare.drop_tone = bare.drop_modifier = 0.05f;
  bare.rule_tone = 0.05f;
  marked.drop_tone = marked.drop_modifier = 1.0f;
  size_t with_candidates = 0;
  for (const ChannelCosts& k : {ChannelCosts{}, marked, bare})
    for (const std::string& w : words) {
      auto found = ocr_candidates(model(), w, conf, k);
      EXPECT_EQ(found, ocr_candidates(model(), w, conf, k, true)) << w;
      with_candidates += !found.empty();
    }
  EXPECT_GT(with_candidates, words.size());
}

TEST_F(WithModel, MappedAndInMemoryModelsAgree) {
  std::string path = std::string(DONDOC_BINARY_DIR) + "/restore.model";
  std::ifstream in(path, std::ios::binary);
  auto copy = Model::from_bytes(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->size_bytes(), model().size_bytes());
  std::string text = viet::strip_marks(kHeldOut);
  EXPECT_EQ(restore_text(*copy, text).text, restore_text(model(), text).text);
  std::string damaged = damage_like_ocr(kHeldOut, 5, OcrDamage::kVietnameseOcr);
  EXPECT_EQ(repair_ocr(*copy, damaged).text, repair_ocr(model(), damaged).text);
  // A mapped model outlives the Model it was loaded as: copies share it.
  Model again = *Model::load(path);
  Model kept = again;
  again = std::move(*copy);
  EXPECT_EQ(restore_text(kept, text).text, restore_text(model(), text).text);
}

TEST(Model, EmptyOrMissingFilesAreErrors) {
  std::string path = testing::TempDir() + "/empty.model";
  { std::ofstream(path, std::ios::binary); }
  auto empty = Model::load(path);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidInput);
  auto dir = Model::load(testing::TempDir());
  ASSERT_FALSE(dir.ok());
}

TEST_F(WithModel, AnyBytesIn) {
  std::string junk = "\xff\xfe Uy ban \xc3 nhan \xe1\xbb dan\n\0tinh \x80\x80";
  junk += std::string("\0\0\n", 3);
  Restored a = restore_text(model(), junk);
  Restored b = repair_ocr(model(), junk);
  EXPECT_NE(a.text.find("\xff\xfe"), std::string::npos);
  EXPECT_FALSE(b.text.empty());
  EXPECT_EQ(restore_text(model(), "").text, "");
  EXPECT_EQ(repair_ocr(model(), "").text, "");
}

}  // namespace
}  // namespace dondoc::restore

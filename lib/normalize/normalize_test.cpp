#include "normalize/normalize.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "core/utf8.h"

namespace dondoc::normalize {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

class NormalizeTest : public ::testing::TestWithParam<Case> {};

TEST_P(NormalizeTest, Normalizes) {
  EXPECT_EQ(normalize(GetParam().input).text, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NormalizeTest,
    ::testing::Values(
        // Old tone placement -> modern; quý, qua, hoàn stay.
        Case{"Hoà Bình, khoá học, thuý, uỷ ban", "Hòa Bình, khóa học, thúy, ủy ban\n"},
        Case{"quý II, qua đó, hoàn thành, thuở", "quý II, qua đó, hoàn thành, thuở\n"},
        Case{"UỶ BAN NHÂN DÂN TỈNH HOÀ BÌNH", "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\n"},
        // Markdown emphasis and escapes.
        Case{"**T/M BAN THƯỜNG VỤ**", "T/M BAN THƯỜNG VỤ\n"},
        Case{"*Kính gửi:* - Ủy ban nhân dân tỉnh,", "Kính gửi: - Ủy ban nhân dân tỉnh,\n"},
        Case{"\\*", "*\n"},
        Case{"***Dấu chân mùa nước đổ***", "Dấu chân mùa nước đổ\n"},
        Case{"# V/v hướng dẫn", "V/v hướng dẫn\n"},
        Case{"Số: ____/QĐ-UBND", "Số: ____/QĐ-UBND\n"},
        // Italics closing after a digit or a mark (web copies of the date and basis lines).
        Case{"_Hà Nội, ngày 14 tháng 11 năm 2019_", "Hà Nội, ngày 14 tháng 11 năm 2019\n"},
        Case{"_Căn cứ Luật Trồng trọt ngày 19 tháng 11 năm 2018;_", "Căn cứ Luật Trồng trọt ngày 19 tháng 11 năm 2018;\n"},
        // Tables: one line per cell, delimiter rows dropped.
        Case{"| Số: 12/UBND-VX | Hà Nội, ngày 09 tháng 04 năm 2012 |\n|---|---|\n",
             "Số: 12/UBND-VX\nHà Nội, ngày 09 tháng 04 năm 2012\n"},
        // Spaces, dashes, Icelandic eth, footnote marks, zero-width.
        Case{"Số   07-CT/TU  ", "Số 07-CT/TU\n"},
        Case{"Độc lập – Tự do — Hạnh phúc", "Độc lập - Tự do - Hạnh phúc\n"},
        Case{"NÐ-CP", "NĐ-CP\n"},
        Case{"213-KL/TW¹ ngày", "213-KL/TW ngày\n"},
        Case{"Đảng\u200b ủy", "Đảng ủy\n"},
        Case{"a\r\nb\rc", "a\nb\nc\n"},
        // Syllables split by spaces in PDF copies.
        Case{"- Nh ư tr ê n; - Bộ tr ưở n g (để báo cáo);", "- Như trên; - Bộ trưởng (để báo cáo);\n"},
        Case{"Hà Nội , ngà y 22 tháng 07", "Hà Nội , ngày 22 tháng 07\n"},
        Case{"Xã hộ i, UBND các t ỉ nh", "Xã hội, UBND các tỉnh\n"},
        Case{"Hội Cự u Chiế n binh", "Hội Cựu Chiến binh\n"},
        Case{"B Ộ LAO ĐỘNG - THƯƠNG BINH V À X Ã HỘI", "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n"},
        Case{"KT. CHỦ TỊ CH", "KT. CHỦ TỊCH\n"},
        // Fixed words and joins earlier on a line move the words after them (carried, not scanned
        // again, from one pass to the next).
        Case{"NÐ-CP, Hoà Bình - Nh ư tr ê n; - Bộ tr ưở n g; Xã hộ i, các t ỉ nh, uỷ ban",
             "NĐ-CP, Hòa Bình - Như trên; - Bộ trưởng; Xã hội, các tỉnh, ủy ban\n"},
        // ...but real words and abbreviations stay apart.
        Case{"điểm a khoản 2; Lưu: VT, NCC; ô tô; TP Hà Nội", "điểm a khoản 2; Lưu: VT, NCC; ô tô; TP Hà Nội\n"},
        // In text without marks a lone vowel is a word ("nhà ở"), split names still join.
        Case{"ve nha o theo quy dinh; Ngu y ễn", "ve nha o theo quy dinh; Nguyễn\n"},
        Case{"NHIEM VU QUOC TE O CAM-PU-CHI-A", "NHIEM VU QUOC TE O CAM-PU-CHI-A\n"},
        // Only real vowel nuclei make syllables: "lưu ý" is two words, not "lứuy".
        Case{"cần lưu ý: giấy tờ", "cần lưu ý: giấy tờ\n"},
        // Where a run copied as it is stops: a character hidden inside a word, a control
        // character, a space before a dropped marker or before the end, a tab, two spaces.
        Case{"Ủy ban nhân\u200bdân tỉnh", "Ủy ban nhândân tỉnh\n"},
        Case{"Sở Tài\x01" "chính", "Sở Tàichính\n"},
        Case{"Sở Y tế *", "Sở Y tế\n"}, Case{"Sở Y tế *Hà Nội*", "Sở Y tế Hà Nội\n"},
        Case{"Sở\tY tế  Hà  Nội ", "Sở Y tế Hà Nội\n"}, Case{"giữa\u00a0hai", "giữa hai\n"}));

TEST(Normalize, DecomposedInputBecomesNfc) {
  // "Đà" written as D-stroke + a + combining grave.
  EXPECT_EQ(normalize("\xC4\x90" "a\xCC\x80").text, "Đà\n");
}

TEST(Normalize, IsIdempotent) {
  const char* inputs[] = {"**Kính gửi:** Ủy ban nhân dân tỉnh Hoà Bình", "| a | b |\n|--|--|\n| c | d |",
                          "Số -CV/ĐU\n\n\n*\n", "  x  \t y ", "Thuỷ *nghiêng* _gạch_ __đậm__",
                          // Marks that only show once others go, and lines that stay as they are.
                          "**# Tiêu đề**", "*> trích*", "_|_ a | b\n|--|--|", "\\*x\\*", "a\n>\nb", "năm 2019_\nb",
                          "___/2025/QĐ-UBND", "x ._3. y", "lĩnh|\nvực", "a\n**\nb", "_(kèm theo)_"};
  for (const char* in : inputs) {
    std::string once = normalize(in).text;
    EXPECT_EQ(normalize(once).text, once) << in;
  }
}

TEST(Normalize, SpansMapBackToTheInput) {
  std::string input = "**Kính gửi:** Ủy ban nhân dân tỉnh Hoà Bình";
  NormText n = normalize(input);
  size_t at = n.text.find("Hòa");
  ASSERT_NE(at, std::string::npos);
  Span src = n.map.to_source(Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + std::string("Hòa").size())});
  EXPECT_EQ(std::string(src.of(input)), "Hoà");
  size_t k = n.text.find("Kính");
  Span s2 = n.map.to_source(Span{static_cast<uint32_t>(k), static_cast<uint32_t>(k + 5)});
  EXPECT_EQ(std::string(s2.of(input)), "Kính");
}

TEST(Normalize, SpansMapBackOverDroppedCharacters) {
  // A word with a zero-width space inside maps back to the whole word; the words around it to
  // themselves.
  std::string input = "Giao Sở Nội\u200bvụ chủ trì, thời hạn trước ngày 15/12/2026.";
  NormText n = normalize(input);
  ASSERT_EQ(n.text, "Giao Sở Nộivụ chủ trì, thời hạn trước ngày 15/12/2026.\n");
  auto back = [&](std::string_view w) {
    size_t at = n.text.find(w);
    return std::string(n.map.to_source(Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + w.size())}).of(input));
  };
  EXPECT_EQ(back("Nộivụ"), "Nội\u200bvụ");
  EXPECT_EQ(back("Sở"), "Sở");
  EXPECT_EQ(back("15/12/2026"), "15/12/2026");
}

// Answers come from a per-thread cache of short words: words that share its sets push each other
// out, and every answer stays the same however many words came between (40,000 here, five times
// surely_nfc's characters are the ones Unicode says are NFC whatever surrounds them (asked of
// ICU, code point by code point), and it says nothing of others or of broken UTF-8.
TEST(Nfc, SurelyNfcCharactersAreStableInIcu) {
  auto utf8_of = [](char32_t cp) {
    std::string s;
    utf8::append(s, cp);
    return s;
  };
  size_t sure = 0;
  for (char32_t cp = 1; cp < 0x3000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string s = utf8_of(cp);
    if (!surely_nfc(s)) continue;
    ++sure;
    EXPECT_EQ(u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_NFC_QUICK_CHECK), UNORM_YES) << std::hex << static_cast<uint32_t>(cp);
    EXPECT_EQ(u_getCombiningClass(static_cast<UChar32>(cp)), 0) << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_EQ(sure, 0x300u - 1 + 0x100 + (0x2070 - 0x2002));
  EXPECT_TRUE(surely_nfc("Ủy ban nhân dân tỉnh – “Đảng ủy” …"));
  EXPECT_FALSE(surely_nfc("100 ₫"));                      // U+20AB: outside, ICU decides
  EXPECT_FALSE(surely_nfc("Ha\xcc\x80 No\xcc\xa3i"));   // combining marks
  EXPECT_FALSE(surely_nfc("\xe2\x80\x80"));              // U+2000, NFC is U+2002
  EXPECT_FALSE(surely_nfc("\xc3"));                        // cut short
  EXPECT_FALSE(surely_nfc("\xe1\xbb"));
  EXPECT_FALSE(surely_nfc("\xe2\x80"));
  // Whatever it says, nfc() gives ICU's answer.
  EXPECT_EQ(nfc("Ha\xcc\x80 No\xcc\xa3i").text, "Hà Nọi");
  EXPECT_EQ(nfc("Hà Nội – 2026").text, "Hà Nội – 2026");
}

// the cache's room), short or long, syllable or not.
TEST(Tone, SyllableAnswersSurviveAFullCache) {
  const char* onsets[] = {"", "b", "ch", "ngh", "tr", "qu", "gi", "x", "đ", "Th"};
  const char* rhymes[] = {"a", "ươ", "uyên", "ach", "iêng", "ôi", "ưng", "oa", "ê", "y", "oong", "ưc", "uê"};
  const char* tails[] = {"", "z", "q", "ng", "nh", "tt", "x1"};
  std::vector<std::string> words;
  for (const char* o : onsets)
    for (const char* r : rhymes)
      for (const char* t : tails) words.push_back(std::string(o) + r + t);
  std::vector<bool> first;
  for (const auto& w : words) first.push_back(is_syllable(w));
  for (int i = 0; i < 40000; ++i) is_syllable("x" + std::to_string(i * 7919) + "ab");
  for (size_t round = 0; round < 2; ++round)
    for (size_t i = 0; i < words.size(); ++i) {
      size_t k = round ? words.size() - 1 - i : i;
      EXPECT_EQ(is_syllable(words[k]), first[k]) << words[k];
    }
  EXPECT_TRUE(is_syllable("nghiêng"));
  EXPECT_TRUE(is_syllable("Thuyên"));
  EXPECT_FALSE(is_syllable("trươz"));
}

TEST(Tone, SyllableValidity) {
  EXPECT_TRUE(is_syllable("người"));
  EXPECT_TRUE(is_syllable("Trưởng"));
  EXPECT_TRUE(is_syllable("quốc"));
  EXPECT_FALSE(is_syllable("tr"));
  EXPECT_FALSE(is_syllable("UBND"));
  EXPECT_FALSE(is_syllable("café"));
  // A glide or an open "a" ends the syllable; p, t, c, ch close it only with sắc, nặng or no mark.
  EXPECT_TRUE(is_syllable("tài"));
  EXPECT_FALSE(is_syllable("tàich"));
  EXPECT_FALSE(is_syllable("Thirơng"));
  EXPECT_TRUE(is_syllable("chất"));
  EXPECT_TRUE(is_syllable("chat"));
  EXPECT_FALSE(is_syllable("chầt"));
  EXPECT_FALSE(is_syllable("sừc"));
  EXPECT_TRUE(is_syllable("huỵch"));
  EXPECT_TRUE(is_syllable("xoong"));
  EXPECT_TRUE(is_syllable("tuan"));  // "tuân" written without marks
  EXPECT_FALSE(is_syllable("NGHÒA"));  // gh, ngh, k only before e, ê, i (k also y)
  EXPECT_TRUE(is_syllable("nghiêng"));
  EXPECT_TRUE(is_syllable("kỹ"));
  EXPECT_FALSE(is_syllable("kong"));
}

TEST(Normalize, PiecesJoinOnlyIntoSyllables) {
  // "Tài ch!nh" (OCR) must not become "Taìch!nh": "tàich" is no syllable.
  EXPECT_EQ(normalize("Bộ Tài ch!nh").text, "Bộ Tài ch!nh\n");
  EXPECT_EQ(normalize("CỘ NG HÒA XÃ HỘI").text, "CỘNG HÒA XÃ HỘI\n");
}

}  // namespace
}  // namespace dondoc::normalize

// core: decimal numbers, files written whole or not at all, errno in Vietnamese, SHA-256.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/atomic_file.h"
#include "core/cancel.h"
#include "core/numbers.h"
#include "core/os_error.h"
#include "core/sha256.h"
#include "core/short_key.h"
#include "core/text_map.h"
#include "core/tokens.h"
#include "core/utf8.h"
#include "core/viet.h"

namespace fs = std::filesystem;

namespace dondoc {
namespace {

TEST(ParseDecimal, LeadingZerosAreDecimalNeverOctal) {
  EXPECT_EQ(*parse_decimal("010", 1, 1000), 10);  // not 8
  EXPECT_EQ(*parse_decimal("0", 0, 10), 0);
  EXPECT_EQ(*parse_decimal("-5", -10, 10), -5);
  EXPECT_EQ(*parse_decimal("9223372036854775807", 0, INT64_MAX), INT64_MAX);
  EXPECT_EQ(*parse_decimal("-9223372036854775808", INT64_MIN, 0), INT64_MIN);
}

TEST(ParseDecimal, BasePrefixesSignsAndJunkAreRefused) {
  for (const char* s : {"0x10", "0X10", "0b1", "1e3", "+5", " 5", "5 ", "", "-", "--1", "1.0", "٣", "0o7"}) {
    auto r = parse_decimal(s, INT64_MIN, INT64_MAX);
    EXPECT_FALSE(r) << s;
    if (!r) {
      EXPECT_NE(r.error().message.find("thập phân"), std::string::npos) << r.error().message;
    }
  }
}

TEST(ParseDecimal, OutOfRangeIsRefusedNotClamped) {
  // strtoll would give INT64_MAX for this: task #9223372036854775807.
  auto big = parse_decimal("99999999999999999999", 1, INT64_MAX);
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().message.find("từ 1 đến"), std::string::npos);
  EXPECT_FALSE(parse_decimal("-5", 0, 36500));
  EXPECT_FALSE(parse_decimal("36501", 0, 36500));
  EXPECT_FALSE(parse_decimal("-9223372036854775809", INT64_MIN, 0));
}

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dondoc-core-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {})); }
  fs::path dir_;
};

TEST_F(AtomicFileTest, ReplacesWholeAndKeepsPermissions) {
  fs::path p = dir_ / "r.md";
  std::ofstream(p) << "old";
  fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  ASSERT_TRUE(write_file_atomic(p.string(), "new content"));
  EXPECT_EQ(slurp(p), "new content");
  EXPECT_EQ(fs::status(p).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(entries(), 1u);  // no temporary left
}

// A full disk, simulated by a file size limit: the old report survives whole, nothing else is left.
TEST_F(AtomicFileTest, FailedWriteLeavesTheOldFileAndNoTemporary) {
  fs::path p = dir_ / "r.csv";
  std::string old(5000, 'x');
  std::ofstream(p, std::ios::binary) << old;
  fs::path fresh = dir_ / "new.xlsx";
  struct rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto prev = signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = saved;
  small.rlim_cur = 1000;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  auto s = write_file_atomic(p.string(), std::string(200000, 'y'));
  auto t = write_file_atomic(fresh.string(), std::string(200000, 'y'));
  setrlimit(RLIMIT_FSIZE, &saved);
  signal(SIGXFSZ, prev);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("không ghi được"), std::string::npos) << s.error().message;
  EXPECT_EQ(slurp(p), old);
  EXPECT_FALSE(t);
  EXPECT_FALSE(fs::exists(fresh));  // no 0-byte file
  EXPECT_EQ(entries(), 1u);
}

TEST_F(AtomicFileTest, AbandonedWriteRemovesTheTemporary) {
  fs::path p = dir_ / "export.jsonl";
  {
    auto f = AtomicFile::create(p.string());
    ASSERT_TRUE(f);
    std::fputs("{\"type\":\"dondoc-export\"}\n", f->stream());
  }  // no commit: an export that failed half-way
  EXPECT_FALSE(fs::exists(p));
  EXPECT_EQ(entries(), 0u);
}

TEST_F(AtomicFileTest, FileWrittenByNameAndSymlinkTargets) {
  fs::path real = dir_ / "real.xlsx", link = dir_ / "link.xlsx";
  std::ofstream(real) << "old";
  fs::create_symlink(real, link);
  auto f = AtomicFile::create(link.string());
  ASSERT_TRUE(f);
  f->close_stream();
  std::ofstream(f->temp_path()) << "written by a library";
  ASSERT_TRUE(f->commit());
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(slurp(real), "written by a library");
  EXPECT_FALSE(write_file_atomic((dir_ / "missing" / "r.md").string(), "x"));
  EXPECT_FALSE(write_file_atomic(dir_.string(), "x"));  // a folder is never replaced
}

TEST(OsError, MessagesAreVietnamese) {
  EXPECT_EQ(os_error_message(EACCES), "không có quyền truy cập");
  EXPECT_NE(os_error_message(ELOOP).find("vòng lặp"), std::string::npos);
  EXPECT_NE(os_error_message(12345).find("12345"), std::string::npos);
}

TEST(Sha256, KnownDigest) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CancelToken, SecondCancelReportsTheFirst) {
  CancelToken t;
  EXPECT_FALSE(cancelled(&t));
  EXPECT_FALSE(cancelled(nullptr));
  EXPECT_FALSE(t.cancel());
  EXPECT_TRUE(t.cancel());
  EXPECT_TRUE(cancelled(&t));
}


}  // namespace
}  // namespace dondoc

namespace dondoc {
namespace {
// The character table the hot paths read says, for every code point in it, what the rules do;
// and the letters of Vietnamese come out as they should.
TEST(VietTable, AgreesWithTheRulesForEveryCodePoint) {
  for (char32_t cp = 0; cp < viet::detail::kFactsEnd; ++cp) {
    auto at = static_cast<uint32_t>(cp);
    ASSERT_EQ(viet::is_letter(cp), viet::detail::is_letter_beyond(cp)) << std::hex << at;
    ASSERT_EQ(viet::is_upper(cp), viet::detail::is_upper_beyond(cp)) << std::hex << at;
    ASSERT_EQ(uint32_t{viet::to_lower(cp)}, uint32_t{viet::detail::to_lower_beyond(cp)}) << std::hex << at;
    ASSERT_EQ(uint32_t{viet::fold_char(cp)}, uint32_t{viet::detail::fold_char_beyond(cp)}) << std::hex << at;
  }
  EXPECT_EQ(viet::fold("ỦY BAN Đảng ưởng"), "uy ban dang uong");
  EXPECT_EQ(uint32_t{viet::to_lower(U'Ữ')}, uint32_t{U'ữ'});
  EXPECT_TRUE(viet::is_upper(U'Ặ'));
  EXPECT_FALSE(viet::is_letter(U'×'));
  EXPECT_TRUE(viet::is_letter(U'\u0301'));
  EXPECT_EQ(uint32_t{viet::to_lower(U'Ж')}, uint32_t{U'ж'});
}

// Invalid bytes are counted wherever they stand, before, inside or after runs of ASCII read eight
// bytes at a time.
TEST(Utf8, CountsInvalidBytesAroundAsciiRuns) {
  for (size_t pad = 0; pad < 20; ++pad) {
    std::string ascii(pad, 'a');
    EXPECT_EQ(utf8::count_invalid(ascii + "\xFF" + ascii), 1u) << pad;
    EXPECT_EQ(utf8::count_invalid(ascii + "Nguyễn" + ascii + "\xC3"), 1u) << pad;
    EXPECT_EQ(utf8::count_invalid("\x80" + ascii + "\xE1\xBB" + ascii + "ư"), 3u) << pad;
    EXPECT_EQ(utf8::count_invalid(ascii + "Đảng ủy"), 0u) << pad;
  }
}

// skip_ascii lands on the first byte >= 0x80 at or after its start, wherever it lies in or past
// an eight-byte step.
TEST(Utf8, SkipAsciiFindsTheFirstNonAsciiByte) {
  for (size_t len = 0; len < 30; ++len)
    for (size_t at = 0; at <= len; ++at) {
      std::string s(len, 'x');
      if (at < len) s[at] = static_cast<char>(0xC3);
      for (size_t from = 0; from <= len; ++from) {
        size_t want = from <= at ? at : len;
        if (at == len) want = len;
        EXPECT_EQ(utf8::skip_ascii(s, from), want) << len << " " << at << " " << from;
      }
    }
}

// A word's fold is gathered in a 64-byte buffer: words longer than that fold whole, and a fold
// is the word's letters lower-cased without marks, whatever the case and length.
TEST(Tokens, LongWordsFoldWhole) {
  for (size_t n : {1u, 15u, 16u, 17u, 18u, 21u, 22u, 40u, 64u, 100u}) {
    std::string word, fold;
    for (size_t i = 0; i < n; ++i) {
      word += i % 3 == 0 ? "Ữ" : i % 3 == 1 ? "a" : "Đ";
      fold += i % 3 == 0 ? "u" : i % 3 == 1 ? "a" : "d";
    }
    auto toks = tokenize("x " + word + " y");
    ASSERT_EQ(toks.size(), 3u) << n;
    EXPECT_EQ(toks[1].fold, fold) << n;
    EXPECT_TRUE(toks[1].diacritics) << n;
    EXPECT_TRUE(toks[1].capitalized) << n;
    EXPECT_EQ(toks[1].upper, n == 1) << n;
  }
}

// A fold is kept in place up to Fold::kInline bytes and on the heap beyond: copies, moves and
// assignments (from itself too) keep the text whole, at either size.
TEST(Tokens, FoldKeepsItsTextAtEverySize) {
  for (size_t n : {size_t{0}, size_t{1}, Fold::kInline - 1, Fold::kInline, Fold::kInline + 1, size_t{40}}) {
    std::string text;
    for (size_t i = 0; i < n; ++i) text += static_cast<char>('a' + i % 26);
    Fold f(text);
    EXPECT_EQ(f.size(), n);
    EXPECT_EQ(f.view(), text);
    EXPECT_EQ(std::string(f.c_str()), text);
    Fold copy(f), assigned;
    assigned = f;
    EXPECT_TRUE(copy == f && assigned == f) << n;
    Fold moved(std::move(copy));
    EXPECT_EQ(moved.view(), text);
    EXPECT_TRUE(copy.empty());  // NOLINT: a moved-from fold is empty
    assigned = std::move(moved);
    EXPECT_EQ(assigned.view(), text);
    if (n > 1) {
      assigned = assigned.substr(1);  // from its own bytes
      EXPECT_EQ(assigned.view(), text.substr(1));
    }
    std::ostringstream os;
    os << f;
    EXPECT_EQ(os.str(), text);
  }
  // Numbers and punctuation take their text's bytes, also at the very end of a text.
  std::string digits(30, '7');
  for (std::string text : {digits, "a " + digits + " b", std::string("x."), std::string("123")}) {
    auto toks = tokenize(text);
    ASSERT_FALSE(toks.empty()) << text;
    std::string joined;
    for (const Token& t : toks) joined += t.text(text);
    std::string folds;
    for (const Token& t : toks) folds += t.fold.view();
    EXPECT_EQ(folds, joined) << text;
  }
}

// A TextIndex finds every key it was given, short (in its slots) or long (beside them), through
// its growth, and no other; values keep the order their keys came in.
TEST(TextIndex, FindsEveryKeyAndNoOther) {
  TextIndex<int> ix;
  EXPECT_EQ(ix.find("a"), nullptr);
  EXPECT_EQ(ix.index_of(""), -1);
  std::vector<std::string> keys;
  for (int i = 0; i < 300; ++i) {
    std::string k = "k" + std::to_string(i);
    if (i % 7 == 0) k += std::string(20, 'x');  // longer than a ShortKey
    if (i % 11 == 0) k = k.substr(0, 1) + "\xC3\xA1" + k.substr(1);  // bytes >= 0x80
    keys.push_back(k);
    bool fresh = false;
    ix.at(k, &fresh) = i;
    EXPECT_TRUE(fresh) << k;
  }
  bool fresh = true;
  EXPECT_EQ(ix.at(keys[5], &fresh), 5);
  EXPECT_FALSE(fresh);
  ASSERT_EQ(ix.values().size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSERT_NE(ix.find(keys[i]), nullptr) << keys[i];
    EXPECT_EQ(*ix.find(keys[i]), static_cast<int>(i));
    EXPECT_EQ(ix.index_of(keys[i]), static_cast<int32_t>(i));
    EXPECT_EQ(ix.values()[i], static_cast<int>(i));
    EXPECT_EQ(ix.find(keys[i] + "y"), nullptr);
    EXPECT_EQ(ix.find(keys[i].substr(1)), nullptr);
  }
  EXPECT_EQ(ix.find(""), nullptr);
}

// A word's case flags and fold, whatever mix of ASCII and Vietnamese letters, combining marks
// and case it has; ASCII symbols next to letters end the word.
TEST(Tokens, CaseFlagsAndFoldOfEveryMix) {
  struct Case {
    const char* text;
    const char* fold;
    bool upper, capitalized, diacritics;
  };
  const Case cases[] = {
      {"UBND", "ubnd", true, true, false},        {"ubnd", "ubnd", false, false, false},
      {"Sở", "so", false, true, true},            {"SỞ", "so", true, true, true},
      {"sỞ", "so", false, false, true},           {"ĐẢNG", "dang", true, true, true},
      {"đảng", "dang", false, false, true},       {"Đảng", "dang", false, true, true},
      {"TP", "tp", true, true, false},            {"Tp", "tp", false, true, false},
      {"tP", "tp", false, false, false},          {"A\xCC\x81", "a", true, true, true},
      {"Ha\xCC\x80", "ha", false, true, true},  {"ÂU", "au", true, true, true},
      {"âU", "au", false, false, true},           {"Z", "z", true, true, false},
      {"z", "z", false, false, false},            {"Ư", "u", true, true, true},
  };
  for (const Case& c : cases) {
    for (const char* glue : {"", "@", "[", "`", "{"}) {
      std::string text = std::string(c.text) + glue;
      auto toks = tokenize(text);
      ASSERT_FALSE(toks.empty()) << text;
      EXPECT_EQ(toks[0].fold, c.fold) << text;
      EXPECT_EQ(toks[0].upper, c.upper) << text;
      EXPECT_EQ(toks[0].capitalized, c.capitalized) << text;
      EXPECT_EQ(toks[0].diacritics, c.diacritics) << text;
      EXPECT_EQ(toks.size(), *glue ? 2u : 1u) << text;
    }
  }
}

TEST(Tokens, SameTextComparesEveryByte) {
  EXPECT_TRUE(same_text("", ""));
  EXPECT_TRUE(same_text("ubnd", std::string("ubnd")));
  EXPECT_FALSE(same_text("ubnd", "ubn"));
  EXPECT_FALSE(same_text("ubnd", "ubne"));
  EXPECT_FALSE(same_text("ubnd", "vbnd"));
  EXPECT_FALSE(same_text(std::string("a\0b", 3), std::string("a\0c", 3)));
  EXPECT_TRUE(tokenize("Sở")[0].is("so"));
  EXPECT_FALSE(tokenize("Sở")[0].is("s"));
}

// Two strings of up to 16 bytes have equal ShortKeys exactly when they are equal: every length,
// a difference at every position.
TEST(ShortKey, EqualKeysExactlyForEqualStrings) {
  for (size_t n = 0; n <= ShortKey::kMax; ++n) {
    std::string a(n, 'a');
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i);
    EXPECT_EQ(ShortKey::of(a), ShortKey::of(std::string(a))) << n;
    for (size_t i = 0; i < n; ++i) {
      std::string b = a;
      b[i] = '\xC3';
      EXPECT_FALSE(ShortKey::of(a) == ShortKey::of(b)) << n << " at " << i;
    }
    if (n > 0) {
      EXPECT_FALSE(ShortKey::of(a) == ShortKey::of(std::string_view(a).substr(0, n - 1))) << n;
    }
  }
  EXPECT_FALSE(ShortKey::of("ab") == ShortKey::of(std::string("ab\0", 3)));
}

// lower_equals(s, l) is to_lower(s) == l, on letters of every kind, odd bytes and cut strings.
TEST(VietLower, EqualsAgreesWithToLower) {
  const char* words[] = {"", "a", "A", "Đảng", "ĐẢNG", "đảng", "Ủy ban", "ủy ban", "Жук", "жук", "x\xFFy",
                         "\xE1\xBA", "ab", "abc", "ĐẢNG ỦY", "đảng ủy"};
  for (const char* a : words)
    for (const char* b : words)
      EXPECT_EQ(viet::lower_equals(a, b), viet::to_lower(a) == b) << a << " | " << b;
  for (const char* a : words)
    for (const char* b : words) {
      std::string lower = viet::to_lower(b);
      EXPECT_EQ(viet::lower_equals_lowered(a, lower), viet::to_lower(a) == lower) << a << " | " << lower;
    }
}
}  // namespace
}  // namespace dondoc

// Plain text (.txt, .md): encodings and binary detection.
#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>
#include <optional>

#include "core/tokens.h"
#include "core/utf8.h"
#include "ingest/ingest.h"
#include "ingest/readers.h"
#include "normalize/normalize.h"
#include "rules/rules.h"

namespace dondoc::ingest {
namespace {

using Table = std::array<std::string, 256>;

const Table& windows1258() {
  static const Table t = [] {
    Table tab;
    UErrorCode st = U_ZERO_ERROR;
    UConverter* c = ucnv_open("windows-1258", &st);
    for (int b = 0; b < 256; ++b) {
      if (b < 0x80 || U_FAILURE(st)) { tab[b] = std::string(1, static_cast<char>(b)); continue; }
      char in = static_cast<char>(b);
      UChar out[4];
      UErrorCode e = U_ZERO_ERROR;
      int32_t n = ucnv_toUChars(c, out, 4, &in, 1, &e);
      if (U_FAILURE(e) || n < 1 || out[0] == 0xFFFD || out[0] == 0x1A) tab[b] = "\xEF\xBF\xBD";
      else tab[b] = utf8::encode(out[0]);
    }
    if (c) ucnv_close(c);
    return tab;
  }();
  return t;
}

const Table& tcvn3() {
  static const Table t = [] {
    Table tab;
    for (int b = 0; b < 256; ++b) tab[b] = b < 0x80 ? std::string(1, static_cast<char>(b)) : "\xEF\xBF\xBD";
    for (const auto& row : rules::Rules::builtin().table("tcvn3")) {
      if (row.size() < 2) continue;
      int b = std::stoi(row[0], nullptr, 16);
      if (b > 0 && b < 256) tab[b] = row[1];
    }
    return tab;
  }();
  return t;
}

RawText decode_single_byte(std::string_view bytes, const Table& tab, const char* name) {
  RawText r;
  r.text.reserve(bytes.size() * 2);
  SourceMapBuilder b;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const std::string& s = tab[static_cast<unsigned char>(bytes[i])];
    b.replace(static_cast<uint32_t>(r.text.size()), static_cast<uint32_t>(s.size()), static_cast<uint32_t>(i), 1);
    r.text += s;
  }
  r.map.maps.push_back(b.build());
  r.info.encoding = name;
  return r;
}

RawText decode_utf16(std::string_view bytes, bool le, size_t skip, const char* name) {
  RawText r;
  SourceMapBuilder b;
  auto unit = [&](size_t i) -> uint16_t {
    auto lo = static_cast<unsigned char>(bytes[i]), hi = static_cast<unsigned char>(bytes[i + 1]);
    return le ? static_cast<uint16_t>(lo | (hi << 8)) : static_cast<uint16_t>(hi | (lo << 8));
  };
  size_t i = skip;
  while (i + 1 < bytes.size()) {
    uint16_t u = unit(i);
    char32_t cp = u;
    size_t used = 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      uint16_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        cp = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
        used = 4;
      } else {
        cp = utf8::kInvalid;
      }
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      cp = utf8::kInvalid;
    }
    auto before = static_cast<uint32_t>(r.text.size());
    utf8::append(r.text, cp);
    b.replace(before, static_cast<uint32_t>(r.text.size()) - before, static_cast<uint32_t>(i), static_cast<uint32_t>(used));
    i += used;
  }
  r.map.maps.push_back(b.build());
  r.info.encoding = name;
  return r;
}

// Vietnamese-looking score of a decoded text: valid syllables with diacritics count for it,
// words with odd letters against it.
long vietnamese_score(std::string_view text) {
  long score = 0;
  size_t limit = std::min<size_t>(text.size(), 200000);
  for (const Token& t : tokenize(text.substr(0, limit))) {
    if (!t.is_word() || !t.diacritics) continue;
    score += normalize::is_syllable(t.text(text)) ? 1 : -2;
  }
  return score;
}

size_t control_bytes(std::string_view s) {
  size_t n = 0;
  for (char c : s) {  // without branches, so that the compiler can vectorise it
    auto u = static_cast<unsigned char>(c);
    n += static_cast<size_t>((u < 0x20) & (u != '\n') & (u != '\r') & (u != '\t') & (u != '\f'));
  }
  return n;
}

// Text is judged by its share of control bytes: a binary file has many, a text file at most a
// few strays (a NUL left by an editor or a copy; dropped with a note).
bool binary_share(size_t controls, size_t size) { return controls * 20 > size + 20; }
bool looks_binary(std::string_view s) { return binary_share(control_bytes(s), s.size()); }

// UTF-16 without a BOM puts a zero in every other byte of ASCII text: true for little endian,
// false for big endian, nullopt when the zeros (if any) are strays in 8-bit text.
std::optional<bool> utf16_without_bom(std::string_view bytes) {
  size_t even = 0, odd = 0, sample = std::min<size_t>(bytes.size(), 4096);
  for (size_t i = 0; i < sample; ++i)
    if (bytes[i] == 0) (i % 2 ? odd : even)++;
  if (odd > sample / 4 && even < sample / 50) return true;
  if (even > sample / 4 && odd < sample / 50) return false;
  return std::nullopt;
}

// Removes NUL characters from decoded text, with a source map layer and a note.
void drop_nuls(RawText& r) {
  size_t n = static_cast<size_t>(std::count(r.text.begin(), r.text.end(), '\0'));
  if (n == 0) return;
  std::string out;
  out.reserve(r.text.size() - n);
  SourceMapBuilder b;
  size_t from = 0;
  for (size_t i = 0; i <= r.text.size(); ++i) {
    if (i < r.text.size() && r.text[i] != '\0') continue;
    if (i > from)
      b.copy(static_cast<uint32_t>(out.size()), static_cast<uint32_t>(i - from), static_cast<uint32_t>(from));
    out.append(r.text, from, i - from);
    from = i + 1;
  }
  r.text = std::move(out);
  r.map.maps.push_back(b.build());
  r.notes.push_back(Diagnostic{"text.nul_dropped", "đã bỏ " + std::to_string(n) + " ký tự NUL lạc trong văn bản", {}});
}

}  // namespace

Result<RawText> decode_text(std::string_view bytes) {
  if (bytes.empty()) return make_error(ErrorCode::kInvalidInput, "tệp rỗng, không có nội dung");
  RawText r;
  bool as_is = false;  // r.text is `bytes` (or all of it after a BOM), already judged not binary
  size_t controls = 0;  // control bytes in `bytes`, NUL among them (counted where as_is is set)
  if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) {
    r.text.assign(bytes.substr(3));
    r.map.maps.push_back(SourceMap({{0, static_cast<uint32_t>(r.text.size()), 3, static_cast<uint32_t>(r.text.size())}}));
    r.info.encoding = "utf-8";
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
    r = decode_utf16(bytes, true, 2, "utf-16le");
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF) {
    r = decode_utf16(bytes, false, 2, "utf-16be");
  } else if (auto bom_less = utf16_without_bom(bytes)) {
    r = decode_utf16(bytes, *bom_less, 0, *bom_less ? "utf-16le" : "utf-16be");
  } else if (controls = control_bytes(bytes); binary_share(controls, bytes.size())) {
    return make_error(ErrorCode::kInvalidInput, "tệp nhị phân, không phải văn bản");
  } else if (utf8::count_invalid(bytes) == 0) {
    as_is = true;
    r.text.assign(bytes);
    r.map.maps.push_back(SourceMap::identity(static_cast<uint32_t>(bytes.size())));
    r.info.encoding = "utf-8";
  } else {
    // Not valid UTF-8: a damaged UTF-8 copy, or a legacy Vietnamese encoding. The reading that
    // looks most like Vietnamese wins.
    size_t bad = utf8::count_invalid(bytes);
    RawText w = decode_single_byte(bytes, windows1258(), "windows-1258");
    RawText t = decode_single_byte(bytes, tcvn3(), "tcvn3");
    long su = vietnamese_score(normalize::nfc(bytes).text);
    long sw = vietnamese_score(normalize::nfc(w.text).text), st = vietnamese_score(t.text);
    if (su >= sw && su >= st && (su >= 3 || bad * 100 < bytes.size())) {
      r.text.assign(bytes);
      r.map.maps.push_back(SourceMap::identity(static_cast<uint32_t>(bytes.size())));
      r.info.encoding = "utf-8";
      r.notes.push_back(Diagnostic{"text.invalid_utf8", std::to_string(bad) + " byte không hợp lệ trong UTF-8 đã được bỏ qua", {}});
    } else if (std::max(sw, st) >= 3) {
      r = st > sw ? std::move(t) : std::move(w);
    } else {
      return make_error(ErrorCode::kInvalidInput, "không đọc được: nội dung không phải UTF-8 hay một bảng mã tiếng Việt đã biết (TCVN3, Windows-1258)");
    }
  }
  if (!as_is && looks_binary(r.text)) return make_error(ErrorCode::kInvalidInput, "tệp nhị phân, không phải văn bản");
  if (!as_is || controls > 0) drop_nuls(r);
  r.info.reader = "txt";
  return r;
}

namespace {

class TextReader : public Reader {
 public:
  const char* name() const override { return "txt"; }
  int score(std::string_view head, std::string_view filename) const override {
    (void)head;
    auto ends = [&](std::string_view ext) {
      return filename.size() >= ext.size() &&
             strncasecmp(filename.data() + filename.size() - ext.size(), ext.data(), ext.size()) == 0;
    };
    if (ends(".txt") || ends(".md") || ends(".markdown") || ends(".text")) return 50;
    return 10;  // anything else that is not claimed by a binary format is tried as text
  }
  Result<RawText> read(std::string_view bytes, const ReaderContext& ctx) const override {
    auto r = decode_text(bytes);
    if (r && r->text.size() > ctx.max_text_bytes) {
      r->text.resize(utf8::floor_boundary(r->text, ctx.max_text_bytes));
      r->notes.push_back(Diagnostic{"text.truncated", "văn bản bị cắt ở " + std::to_string(ctx.max_text_bytes >> 20) + " MB", {}});
    }
    return r;
  }
};

}  // namespace

std::unique_ptr<Reader> make_text_reader() { return std::make_unique<TextReader>(); }

}  // namespace dondoc::ingest

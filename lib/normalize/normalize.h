#pragma once
// normalize: decoded UTF-8 text -> NormText, the text every later stage reads.
//
// What it does: Unicode NFC; modern tone placement (hoà -> hòa, uỷ -> ủy, thuý -> thúy; quý,
// qua, hoàn unchanged); Markdown removed (**, *, \*, #, links) with table rows turned into one
// line per cell; spaces collapsed and trimmed; dash and hyphen variants -> '-'; Icelandic Ð -> Đ;
// zero-width characters, soft hyphens and footnote superscripts dropped; CR/CRLF -> LF.
//
// Guarantees: total (never fails); idempotent: normalize(normalize(x).text).text ==
// normalize(x).text; every byte of the result maps back to the input through `map`.
//
//   NormText n = normalize("**Kính gửi:** Ủy ban nhân dân tỉnh Hoà Bình");
//   n.text;                      // "Kính gửi: Ủy ban nhân dân tỉnh Hòa Bình\n"
//   n.map.to_source(Span{0, 4}); // where "Kính" was in the input
#include <string>
#include <string_view>
#include <vector>

#include "core/source_map.h"

namespace dondoc::normalize {

// A row of a Markdown table: each cell became lines [first_line, end_line) of the text (line
// numbers count '\n'); an empty cell has first_line == -1. Rows of one table share `table`.
struct TableCell {
  int first_line = -1, end_line = -1;
};
struct TableRow {
  int table = 0;
  std::vector<TableCell> cells;
};

struct NormText {
  std::string text;
  SourceMapChain map;  // normalised text -> input text
  std::vector<TableRow> tables;
};

NormText normalize(std::string_view input);

// Modern tone placement for one syllable (UTF-8, NFC); returns the syllable unchanged when it is
// not a well-formed Vietnamese syllable or is already right.
std::string fix_tone_placement(std::string_view syllable);

// True for a well-formed Vietnamese syllable (onset, vowel nucleus, final consonant), any case.
bool is_syllable(std::string_view syllable);

// Only NFC (with its map), for callers that need exact text without Markdown handling.
NormText nfc(std::string_view input);
// True when s is valid UTF-8 made only of characters that are NFC whatever surrounds them (Unicode
// NFC_Quick_Check = Yes, combining class 0): ASCII, U+0080..U+02FF, the precomposed letters of
// U+1E00..U+1EFF and the punctuation of U+2002..U+206F; then s is in NFC without asking ICU, whose
// check costs several times more a byte. False says nothing (ICU decides).
bool surely_nfc(std::string_view s);

}  // namespace dondoc::normalize

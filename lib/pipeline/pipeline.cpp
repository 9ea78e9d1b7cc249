#include "pipeline/pipeline.h"

#include <cstdio>

#include "calendar/calendar.h"
#include "extract/calendar_days.h"
#include "core/tokens.h"
#include "core/viet.h"
#include "extract/extract.h"
#include "normalize/normalize.h"
#include "structure/structure.h"

namespace dondoc::pipeline {

namespace {
std::vector<structure::TextTableRow> table_rows(const normalize::NormText& norm) {
  std::vector<structure::TextTableRow> rows;
  for (const auto& r : norm.tables) {
    structure::TextTableRow tr;
    tr.table = r.table;
    for (const auto& c : r.cells) tr.cells.emplace_back(c.first_line, c.end_line);
    rows.push_back(std::move(tr));
  }
  return rows;
}
}  // namespace

namespace {

struct Prepared {
  normalize::NormText norm;
  bool restored = false, ocr = false;
};

// Rewrites words written in capitals (2 to 8 bytes; OCR may lower the first letter) that
// `code_for` maps to a code, keeping the source map.
template <typename F>
void replace_code_words(normalize::NormText& norm, F code_for) {
  const std::string& t = norm.text;
  std::string out;
  SourceMapBuilder b;
  size_t pos = 0;
  bool any = false;
  std::vector<Token> toks = tokenize(t);
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& tok = toks[i];
    if (!tok.is_word() || tok.end - tok.begin < 2 || tok.end - tok.begin > 8) continue;
    std::string_view w = tok.text(t);
    bool caps_tail = true;
    for (size_t k = 1; k < w.size(); ++k)
      if (w[k] >= 'a' && w[k] <= 'z') caps_tail = false;
    if (!caps_tail) continue;
    // Inside a symbol: glued to '/' or '-' ("CV/DU", "QD-UBND").
    auto glued = [&](size_t k) { return toks[k].kind == TokKind::kPunct && (toks[k].fold == "/" || toks[k].fold == "-"); };
    bool in_symbol = (i > 0 && !tok.space_before && glued(i - 1)) ||
                     (i + 1 < toks.size() && !toks[i + 1].space_before && glued(i + 1));
    std::optional<std::string> code = code_for(w, in_symbol);
    if (!code || *code == w) continue;
    any = true;
    b.copy(static_cast<uint32_t>(out.size()), static_cast<uint32_t>(tok.begin - pos), static_cast<uint32_t>(pos));
    out.append(t, pos, tok.begin - pos);
    b.replace(static_cast<uint32_t>(out.size()), static_cast<uint32_t>(code->size()), tok.begin, tok.end - tok.begin);
    out += *code;
    pos = tok.end;
  }
  if (!any) return;
  b.copy(static_cast<uint32_t>(out.size()), static_cast<uint32_t>(t.size() - pos), static_cast<uint32_t>(pos));
  out.append(t, pos, std::string::npos);
  norm.text = std::move(out);
  norm.map.maps.push_back(b.build());
}

// The one known code that a part of a symbol becomes by one of the letter misreadings of
// data/rules/code_ocr_letters.tsv ("FW" -> "TW", "TLI" -> "TU"); none when it is a known code
// already, or when two codes are within reach.
std::optional<std::string> misread_code(std::string_view w, const rules::Rules& rules) {
  auto known = [&](std::string_view c) -> const std::string* {
    auto it = rules.code_spelling.find(rules::code_key_exact(c));
    if (it == rules.code_spelling.end()) it = rules.code_spelling.find(rules::code_key_folded(c));
    return it == rules.code_spelling.end() ? nullptr : &it->second;
  };
  if (known(w)) return std::nullopt;
  std::optional<std::string> found;
  for (const auto& row : rules.table("code_ocr_letters")) {
    if (row.size() < 2 || row[0].empty()) continue;
    for (size_t at = w.find(row[0]); at != std::string_view::npos; at = w.find(row[0], at + 1)) {
      std::string c = std::string(w.substr(0, at)) + row[1] + std::string(w.substr(at + row[0].size()));
      const std::string* code = known(c);
      if (!code) continue;
      if (found && *found != *code) return std::nullopt;
      found = *code;
    }
  }
  return found;
}

// OCR copies misread codes in running text as in symbols ("Thường trực BUK" for ĐUK): words
// that are a misread listed in data/rules/code_ocr.tsv are replaced by the code; inside a
// symbol, also a part that one letter misreading makes a known code ("KL/FW" is KL/TW).
void fix_ocr_codes(normalize::NormText& norm, const rules::Rules& rules) {
  replace_code_words(norm, [&](std::string_view w, bool in_symbol) -> std::optional<std::string> {
    auto it = rules.code_ocr.find(rules::code_key_exact(w));
    if (it != rules.code_ocr.end()) return it->second;
    return in_symbol ? misread_code(w, rules) : std::nullopt;
  });
}

// Text typed without marks writes codes with D for Đ ("QD-UBND", "HDND", "CV/DU"): known codes
// get their Đ back where the word cannot be a Vietnamese word ("DU" stays outside a symbol).
void fix_unmarked_codes(normalize::NormText& norm, const rules::Rules& rules) {
  replace_code_words(norm, [&](std::string_view w, bool in_symbol) -> std::optional<std::string> {
    if (w.find('D') == std::string_view::npos) return std::nullopt;
    if (!in_symbol && normalize::is_syllable(viet::to_lower(w))) return std::nullopt;
    auto it = rules.code_spelling.find(rules::code_key_folded(w));
    if (it == rules.code_spelling.end() || viet::fold(it->second) != viet::fold(w)) return std::nullopt;
    return it->second;
  });
}

// Normalised text; restored and repaired first when it has (almost) no diacritics or comes
// from OCR.
Prepared prepare(std::string_view text, const rules::Rules& rules, const ExtractOptions& opts) {
  Prepared p;
  p.norm = normalize::normalize(text);
  normalize::NormText& norm = p.norm;
  p.ocr = opts.ocr;
  restore::MarkAssessment marks;
  if (opts.restorer && !opts.ocr) marks = restore::assess_marks(norm.text);
  if (opts.restorer && (opts.ocr || marks.needs_restoration || marks.ocr_damaged)) {
    // OCR output read from a text file is repaired as OCR output: with its marks (some of
    // them wrong) or with accents only.
    bool ocr_like = opts.ocr || marks.ocr_damaged || marks.ocr_unmarked || marks.ratio > 0.05;
    // Text typed without marks is restored as a whole (names, hyphenated words too); OCR output
    // is repaired conservatively, words it already carries with marks serving as context.
    restore::Restored r = opts.ocr || ocr_like ? restore::repair_ocr(*opts.restorer, norm.text)
                                               : restore::restore_text(*opts.restorer, norm.text);
    if (r.changed > 0) {
      normalize::NormText again = normalize::normalize(r.text);
      norm.map.maps.push_back(std::move(r.map));
      for (auto& m : again.map.maps) norm.map.maps.push_back(std::move(m));
      // Table rows keep their lines: restoration changes words, not line breaks.
      norm.text = std::move(again.text);
      p.restored = opts.ocr ? restore::needs_restoration(text) : marks.needs_restoration;
      p.ocr = p.ocr || (p.restored && ocr_like);
    }
  }
  p.ocr = p.ocr || marks.ocr_damaged;
  if (p.ocr) fix_ocr_codes(norm, rules);
  if (p.restored) fix_unmarked_codes(norm, rules);
  return p;
}

}  // namespace

Document extract(std::string_view text, const rules::Rules& rules, const ExtractOptions& opts) {
  Prepared prep = prepare(text, rules, opts);
  normalize::NormText& norm = prep.norm;
  structure::Parsed parsed = structure::parse(norm.text, rules, table_rows(norm));
  parsed.restored = prep.restored;
  parsed.doc.citations = extract::find_citations(parsed, rules);
  if (opts.tasks) {
    // Working days for "N ngày làm việc" and for due dates that fall on a day off; the lunar
    // calendar for days set by it.
    extract::CalendarDays days(calendar::Calendar::builtin());
    extract::TaskOptions to;
    to.calendar = &days;
    to.received = opts.received;
    parsed.doc.tasks = extract::find_tasks(parsed, rules, to);
  }
  Document doc = std::move(parsed.doc);
  doc.text.restored = prep.restored;
  doc.text.ocr = prep.ocr;
  // Spans: normalised text -> input text.
  auto map = [&](Span s) { return norm.map.to_source(s); };
  for (auto& [k, s] : doc.spans) s = map(s);
  for (auto& c : doc.citations) c.span = map(c.span);
  if (doc.signer) doc.signer->span = map(doc.signer->span);
  for (auto& t : doc.tasks) {
    t.span = map(t.span);
    for (auto& d : t.deadlines) d.span = map(d.span);
    for (auto* v : {&t.lead, &t.support, &t.report_to})
      for (auto& a : *v) a.span = map(a.span);
  }
  for (auto& d : doc.diagnostics) d.span = map(d.span);
  return doc;
}

std::string explain(std::string_view text, const rules::Rules& rules, const ExtractOptions& opts) {
  static const char* kKinds[] = {"text",   "blank", "rule",   "national",     "motto",     "party", "number",
                                 "date",   "vv",    "recip",  "type",         "dist",      "auth",  "front",
                                 "table"};
  Prepared prep = prepare(text, rules, opts);
  const normalize::NormText& norm = prep.norm;
  structure::Parsed p = structure::parse(norm.text, rules, table_rows(norm));
  std::string out;
  for (size_t i = 0; i < p.lines.size(); ++i) {
    const auto& l = p.lines[i];
    int node = i < p.outline.line_node.size() ? p.outline.line_node[i] : -1;
    std::string label;
    if (node >= 0) {
      for (int a = node; a >= 0; a = p.outline.nodes[a].parent)
        label = (p.outline.nodes[a].label.empty() ? "-" : p.outline.nodes[a].label) + (label.empty() ? "" : ">" + label);
    }
    char head[96];
    std::snprintf(head, sizeof head, "%4zu %-8s %s%s %-14s| ", i, kKinds[static_cast<int>(l.kind)],
                  i == p.body_begin ? "B" : " ", i == p.body_end ? "E" : " ", label.substr(0, 14).c_str());
    out += head;
    out += std::string(norm.text.substr(l.span.begin, std::min<uint32_t>(l.span.size(), 110)));
    out += "\n";
  }
  return out;
}

}  // namespace dondoc::pipeline

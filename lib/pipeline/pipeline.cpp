#include "pipeline/pipeline.h"

#include <cstdio>

#include "calendar/calendar.h"
#include "extract/calendar_days.h"
#include "core/tokens.h"
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
  std::optional<std::vector<Token>> toks;  // tokenize(norm.text), when it was needed already
};

// Normalised text; restored and repaired first when it has (almost) no diacritics or comes
// from OCR.
Prepared prepare(std::string_view text, const rules::Rules& rules, const ExtractOptions& opts) {
  Prepared p;
  p.norm = normalize::normalize(text);
  normalize::NormText& norm = p.norm;
  p.ocr = opts.ocr;
  restore::MarkAssessment marks;
  // One tokenisation serves the assessment, the restoration and, when neither changes the text,
  // the structure.
  if (opts.restorer) p.toks = tokenize(norm.text);
  if (opts.restorer && !opts.ocr) marks = restore::assess_marks(norm.text, *p.toks);
  if (opts.restorer && (opts.ocr || marks.needs_restoration || marks.ocr_damaged)) {
    // OCR output read from a text file is repaired as OCR output: with its marks (some of
    // them wrong) or with accents only.
    bool ocr_like = opts.ocr || marks.ocr_damaged || marks.ocr_unmarked || marks.ratio > 0.05;
    // Text typed without marks is restored as a whole (names, hyphenated words too); OCR output
    // is repaired conservatively, words it already carries with marks serving as context.
    restore::Restored r = opts.ocr || ocr_like ? restore::repair_ocr(*opts.restorer, norm.text, *p.toks, rules)
                                               : restore::restore_text(*opts.restorer, norm.text, *p.toks);
    if (r.changed > 0) {
      p.toks.reset();
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
  // Codes OCR misread, codes typed without Đ.
  auto apply = [&p, &norm](restore::Restored r) {
    if (r.changed == 0) return;
    p.toks.reset();
    norm.text = std::move(r.text);
    norm.map.maps.push_back(std::move(r.map));
  };
  if (p.ocr) apply(restore::fix_ocr_codes(norm.text, rules));
  if (p.restored) apply(restore::fix_unmarked_codes(norm.text, rules));
  return p;
}

}  // namespace

Document extract(std::string_view text, const rules::Rules& rules, const ExtractOptions& opts) {
  Prepared prep = prepare(text, rules, opts);
  normalize::NormText& norm = prep.norm;
  structure::Parsed parsed = structure::parse(norm.text, prep.toks ? std::move(*prep.toks) : tokenize(norm.text),
                                              rules, table_rows(norm));
  parsed.restored = prep.restored;
  parsed.doc.citations = extract::find_citations(parsed, rules);
  if (opts.tasks) {
    // Working days for "N ngày làm việc" and for due dates that fall on a day off; the lunar
    // calendar for days set by it. The calendar comes in through ExtractOptions.
    std::optional<extract::CalendarDays> days;
    if (opts.calendar) days.emplace(*opts.calendar);
    extract::TaskOptions to;
    to.calendar = days ? &*days : nullptr;
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
  structure::Parsed p = structure::parse(norm.text, prep.toks ? std::move(*prep.toks) : tokenize(norm.text),
                                         rules, table_rows(norm));
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

#include "pipeline/pipeline.h"

#include "extract/extract.h"
#include "normalize/normalize.h"
#include "structure/structure.h"

namespace dondoc::pipeline {

Document extract(std::string_view text, const rules::Rules& rules, const ExtractOptions& opts) {
  (void)opts;
  normalize::NormText norm = normalize::normalize(text);
  structure::Parsed parsed = structure::parse(norm.text, rules);
  parsed.doc.citations = extract::find_citations(parsed, rules);
  if (opts.tasks) {
    extract::TaskOptions to;
    parsed.doc.tasks = extract::find_tasks(parsed, rules, to);
  }
  Document doc = std::move(parsed.doc);
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

}  // namespace dondoc::pipeline

#pragma once
// extract: finders over a structured document: citations, tasks and their deadlines.
//
//   auto parsed = structure::parse(text, rules);
//   parsed.doc.citations = extract::find_citations(parsed, rules);
//   parsed.doc.tasks = extract::find_tasks(parsed, rules, {.today = ...});
//
// Finders are total and pure: no files, clock or locale. Every Span they return lies in
// parsed.text; a task's deadline spans lie inside the task's span.
#include <optional>
#include <vector>

#include "core/document.h"
#include "rules/rules.h"
#include "structure/structure.h"

namespace dondoc::extract {

// Every other document the text names with a type and a number, once each, in order of first
// mention. The document's own number is not a citation.
std::vector<Citation> find_citations(const structure::Parsed& p, const rules::Rules& rules);

}  // namespace dondoc::extract

#pragma once
// Helpers shared by commands: reading a file into a Document, formatting dates and deadlines.
#include <string>

#include "core/document.h"
#include "core/result.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"

namespace dondoc::cli {

struct LoadedDocument {
  Document doc;
  std::string sha256;
  std::string bytes;      // the file as read
  SourceMapChain raw_map; // decoded text -> file bytes
  std::string text;       // decoded UTF-8 text
};

ingest::ReaderContext default_reader_context();
// read -> decode (by content) -> extract; errors carry the message for the user.
Result<LoadedDocument> load_document(const std::string& path, const rules::Rules& rules,
                                     const pipeline::ExtractOptions& opts, const ingest::ReaderContext& ctx);

std::string format_partial_date(const PartialDate& d);  // "07/04/2026", "04/2026", "2026"
std::string format_deadline(const Deadline& d);          // "trước 20/04/2026", "05 ngày trước ..."
std::string format_deadlines(const Task& t);

}  // namespace dondoc::cli

#pragma once
// Helpers shared by commands: reading a file into a Document, formatting dates and deadlines.
#include <CLI/CLI.hpp>
#include <string>

#include "core/cancel.h"
#include "core/document.h"
#include "core/result.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "restore/restore.h"
#include "rules/rules.h"

namespace dondoc::cli {

struct LoadedDocument {
  Document doc;
  std::string sha256;
  std::string bytes;      // the file as read
  SourceMapChain raw_map; // decoded text -> file bytes
  std::string text;       // decoded UTF-8 text
};

// The process's one cancellation token, set by the first Ctrl-C or SIGTERM (a second one quits at
// once). The handlers are installed on the first call; commands never install their own.
const CancelToken& interrupt_token();
// Readers' context for the CLI: cancelled by interrupt_token(), progress on a terminal.
ingest::ReaderContext default_reader_context();
// --ocr-seconds and --ocr-megapixels: the OCR budget of one document (ReaderContext).
void add_ocr_budget_options(CLI::App& app, ingest::ReaderContext& ctx);

// The diacritics model: `explicit_path`, else $DONDOC_RESTORE_MODEL, else restore.model next to
// the executable, else /usr/local/share/dondoc/restore.model. The error lists what was tried.
Result<restore::Model> find_restore_model(const std::string& explicit_path = {});
// The default model, loaded once; nullptr (and one note on stderr) when there is none: texts
// without diacritics are then read as they are.
const restore::Model* default_restore_model();
// Extraction options for documents read from files: the default model.
pipeline::ExtractOptions file_extract_options();
// read -> decode (by content) -> extract; errors carry the message for the user.
Result<LoadedDocument> load_document(const std::string& path, const rules::Rules& rules,
                                     const pipeline::ExtractOptions& opts, const ingest::ReaderContext& ctx);

std::string format_partial_date(const PartialDate& d);  // "07/04/2026", "04/2026", "2026"
std::string format_deadline(const Deadline& d);          // "trước 20/04/2026", "05 ngày trước ..."
std::string format_deadlines(const Task& t);

}  // namespace dondoc::cli

#pragma once
// Helpers shared by commands: reading a file into a Document, formatting dates and deadlines.
#include <string>

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

ingest::ReaderContext default_reader_context();

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
// The same for a file's bytes already read (sha256: their hash when known, else computed).
Result<LoadedDocument> load_bytes(std::string bytes, const std::string& path, const rules::Rules& rules,
                                  const pipeline::ExtractOptions& opts, const ingest::ReaderContext& ctx,
                                  std::string sha256 = {});

// The line `dondoc extract --json` prints for a document (without the newline): file, sha256,
// then the extraction contract's fields, spans mapped to the file's bytes.
std::string json_line(const std::string& file, const LoadedDocument& d);

std::string format_partial_date(const PartialDate& d);  // "07/04/2026", "04/2026", "2026"
std::string format_deadline(const Deadline& d);          // "trước 20/04/2026", "05 ngày trước ..."
std::string format_deadlines(const Task& t);

}  // namespace dondoc::cli

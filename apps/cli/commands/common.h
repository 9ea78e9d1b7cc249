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
#include "service/service.h"

namespace dondoc::cli {

// Reading files lives in the service (the server reads uploads the same way).
using service::LoadedDocument;
using service::find_restore_model;
using service::default_restore_model;
using service::file_extract_options;
using service::load_document;

// The process's one cancellation token, set by the first Ctrl-C or SIGTERM (a second one quits at
// once). The handlers are installed on the first call; commands never install their own.
const CancelToken& interrupt_token();
// Readers' context for the CLI: cancelled by interrupt_token(), progress on a terminal.
ingest::ReaderContext default_reader_context();

using service::load_bytes;

// The line `dondoc extract --json` prints for a document (without the newline): file, sha256,
// then the extraction contract's fields, spans mapped to the file's bytes.
std::string json_line(const std::string& file, const LoadedDocument& d);

std::string format_partial_date(const PartialDate& d);  // "07/04/2026", "04/2026", "2026"
std::string format_deadline(const Deadline& d);          // "trước 20/04/2026", "05 ngày trước ..."
std::string format_deadlines(const Task& t);

}  // namespace dondoc::cli

#pragma once
// Helpers shared by the readers of ingest. Internal: not part of the public interface.
#include <string>
#include <string_view>

#include "ingest/ingest.h"

namespace dondoc::ingest::internal {

// Case-insensitive "name ends with ext" (ext with its dot: ".docx").
bool has_extension(std::string_view filename, std::string_view ext);

inline bool cancelled(const ReaderContext& ctx) { return dondoc::cancelled(ctx.cancelled); }

// Cuts r.text at ctx.max_text_bytes on a code point boundary, with a note.
void limit_text(RawText& r, const ReaderContext& ctx);

void add_note(RawText& r, std::string code, std::string message);

// The DOCX reader's work, shared with the .doc reader (which converts to DOCX first).
Result<RawText> read_docx(std::string_view bytes, const ReaderContext& ctx);

// "1.5 MB", "320 KB": sizes in messages for people.
std::string human_size(size_t bytes);

// How the PDF and image readers (in the scan module, scan_module.h) recognise their files: known
// without loading the module, so that it is loaded only for a file one of them reads.
bool has_pdf_magic(std::string_view head);
int pdf_score(std::string_view head, std::string_view filename);
enum class ImageKind { kNone, kPng, kJpeg, kTiff };
ImageKind sniff_image(std::string_view head);
int image_score(std::string_view head, std::string_view filename);

}  // namespace dondoc::ingest::internal

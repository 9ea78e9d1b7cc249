#pragma once
// Constructors of the built-in readers, listed by registry.cpp. Internal to ingest.
#include <memory>

#include "ingest/ingest.h"

namespace dondoc::ingest {
std::unique_ptr<Reader> make_text_reader();
std::unique_ptr<Reader> make_docx_reader();   // DOCX: libzip + pugixml
std::unique_ptr<Reader> make_pdf_reader();    // PDF: poppler text layer, OCR for scanned pages
std::unique_ptr<Reader> make_image_reader();  // PNG, JPEG, TIFF: OCR (Tesseract, vie)
std::unique_ptr<Reader> make_doc_reader();    // legacy .doc, .rtf: LibreOffice -> DOCX
}  // namespace dondoc::ingest

#pragma once
// Fixtures for the tests of ingest, built at test time: DOCX packages (libzip), text PDFs written
// by hand, image-only PDFs (a scan without a text layer), pages rendered at 300 dpi (poppler +
// Leptonica), and LibreOffice conversions, cached by content in the build folder. Test-only.
//
//   std::string docx = fixtures::zip_folder(fixtures::path("cong_van_123.docx.d"));
//   auto pdf = fixtures::soffice_convert(docx, "docx", "pdf");   // error when soffice is absent
//   auto png = fixtures::render_pdf_page(*pdf, 0, 300, "png");
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace dondoc::ingest::fixtures {

std::string path(const std::string& relative);  // <source>/tests/fixtures/<relative>
std::string read(const std::string& relative);   // the file's bytes; aborts when missing

// A ZIP in memory; entries deflated unless `store`.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries, bool store = false);
// Every file under `dir`, named by its path relative to `dir`.
std::string zip_folder(const std::string& dir);
// A minimal DOCX: `body` is the content of <w:body>; the other parts are added when not empty.
std::string make_docx(const std::string& body, const std::string& numbering = "",
                      const std::string& footnotes = "", const std::string& styles = "");

bool soffice_available();
// LibreOffice conversion of `bytes` (a file with extension `from`) to format `to` ("pdf",
// "doc"); cached under <build>/ingest-fixtures by content, as conversions take seconds.
Result<std::string> soffice_convert(const std::string& bytes, const std::string& from, const std::string& to);

// Page `index` of a PDF rendered as an 8-bit grey image, encoded as "png" or "jpeg"; turned by
// `skew_degrees` (a crooked scan) when not 0.
Result<std::string> render_pdf_page(const std::string& pdf, int index, int dpi, const std::string& format,
                                    double skew_degrees = 0);
// A PDF whose pages are the given JPEG images, printed at `dpi`: a scan, no text layer.
Result<std::string> make_image_pdf(const std::vector<std::string>& jpegs, int dpi);
// A PDF of `pages` pages that all show one 1-bit image of width × height pixels printed at `dpi`
// (one image object, run-length encoded: a large scan in a small file). `byte(x, y)` gives the
// 8 pixels x*8 .. x*8+7 of row y, a set bit black.
std::string make_bitmap_pdf(int pages, int width, int height, int dpi, const std::function<unsigned char(int, int)>& byte);
// A one-page PDF showing `text`, one PDF text line per line (Helvetica; bytes as they are).
std::string make_text_page_pdf(std::string_view text);
// A PDF of `pages` A4 pages, page i reading "Trang i" (Helvetica), written by hand.
std::string make_text_pdf(int pages);

// Several images as the pages of one TIFF.
Result<std::string> multipage_tiff(const std::vector<std::string>& images);

// The test document, a công văn of UBND tỉnh Lạng Sơn: tests/fixtures/cong_van_123.txt is its
// text copy, cong_van_123.docx.d the parts of its DOCX.
std::string cong_van_docx();
Result<std::string> cong_van_pdf();  // LibreOffice's PDF of the DOCX

}  // namespace dondoc::ingest::fixtures

#include "ingest/testing.h"

#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/sha256.h"
#include "ingest/ingest.h"
#include "ingest/process.h"

namespace dondoc::ingest::fixtures {
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct PixOwner {
  Pix* p = nullptr;
  ~PixOwner() {
    if (p) pixDestroy(&p);
  }
};

std::string encode(Pix* pix, const std::string& format) {
  l_uint8* data = nullptr;
  size_t size = 0;
  int rc = format == "jpeg" ? pixWriteMemJpeg(&data, &size, pix, 80, 0) : pixWriteMemPng(&data, &size, pix, 0);
  std::string out;
  if (rc == 0 && data) out.assign(reinterpret_cast<char*>(data), size);
  if (data) lept_free(data);
  return out;
}

// A PDF file of numbered objects (object i+1 = objects[i], the catalog first) with its xref table.
std::string assemble_pdf(const std::vector<std::string>& objects, std::string pdf) {
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace

std::string path(const std::string& relative) { return std::string(DONDOC_SOURCE_DIR) + "/tests/fixtures/" + relative; }

std::string read(const std::string& relative) {
  std::string p = path(relative);
  if (!fs::exists(p)) {
    std::fprintf(stderr, "missing fixture %s\n", p.c_str());
    std::abort();
  }
  return slurp(p);
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries, bool store) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &err);
  zip_source_keep(out);
  for (const auto& [name, content] : entries) {
    // libzip reads the data when the archive is closed; it must stay alive until then.
    zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
    zip_int64_t i = zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    // A fixed date: the same entries give the same bytes, which keys the conversion cache.
    zip_file_set_mtime(za, static_cast<zip_uint64_t>(i), 1775520000, 0);
    if (store) zip_set_file_compression(za, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
  }
  zip_close(za);
  std::string bytes;
  zip_stat_t st;
  if (zip_source_stat(out, &st) == 0 && zip_source_open(out) == 0) {
    bytes.resize(st.size);
    zip_int64_t n = zip_source_read(out, bytes.data(), st.size);
    bytes.resize(n > 0 ? static_cast<size_t>(n) : 0);
    zip_source_close(out);
  }
  zip_source_free(out);
  zip_error_fini(&err);
  return bytes;
}

std::string zip_folder(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) entries.emplace_back(fs::relative(e.path(), dir).generic_string(), slurp(e.path()));
  // [Content_Types].xml first, as Word writes it; the rest in a stable order.
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    bool ca = a.first == "[Content_Types].xml", cb = b.first == "[Content_Types].xml";
    return ca != cb ? ca : a.first < b.first;
  });
  return make_zip(entries);
}

std::string make_docx(const std::string& body, const std::string& numbering, const std::string& footnotes,
                      const std::string& styles) {
  const std::string w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::vector<std::pair<std::string, std::string>> e;
  e.emplace_back("[Content_Types].xml",
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
                 "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
                 "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
                 "ContentType=\"application/xml\"/></Types>");
  e.emplace_back("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                                "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
                                "Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
  std::string rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                     "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  if (!numbering.empty()) rels += "<Relationship Id=\"rId2\" Type=\"" + rel + "/numbering\" Target=\"numbering.xml\"/>";
  if (!footnotes.empty()) rels += "<Relationship Id=\"rId3\" Type=\"" + rel + "/footnotes\" Target=\"footnotes.xml\"/>";
  if (!styles.empty()) rels += "<Relationship Id=\"rId4\" Type=\"" + rel + "/styles\" Target=\"styles.xml\"/>";
  rels += "</Relationships>";
  e.emplace_back("word/_rels/document.xml.rels", rels);
  e.emplace_back("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" + w +
                                          "\" xmlns:r=\"" + rel + "\"><w:body>" + body + "</w:body></w:document>");
  if (!numbering.empty())
    e.emplace_back("word/numbering.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"" + w +
                                             "\">" + numbering + "</w:numbering>");
  if (!footnotes.empty())
    e.emplace_back("word/footnotes.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes xmlns:w=\"" + w +
                                             "\">" + footnotes + "</w:footnotes>");
  if (!styles.empty())
    e.emplace_back("word/styles.xml",
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"" + w + "\">" + styles + "</w:styles>");
  return make_zip(e);
}

bool soffice_available() { return find_executable("soffice").has_value(); }

Result<std::string> soffice_convert(const std::string& bytes, const std::string& from, const std::string& to) {
  if (!soffice_available()) return make_error(ErrorCode::kUnsupported, "soffice is not installed");
  fs::path cache = fs::path(DONDOC_BINARY_DIR) / "ingest-fixtures";
  std::error_code ec;
  fs::create_directories(cache, ec);
  fs::path cached = cache / (sha256_hex(bytes).substr(0, 24) + "." + to);
  if (fs::exists(cached)) return slurp(cached);
  DONDOC_TRY(dir, TempDir::create("dondoc-test-soffice-"));
  std::string input = dir.path() + "/input." + from;
  spit(input, bytes);
  auto run = run_process({"soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + dir.path() + "/profile",
                          "--convert-to", to, "--outdir", dir.path() + "/out", input},
                         180);
  if (!run) return run.error();
  fs::path produced = fs::path(dir.path()) / "out" / ("input." + to);
  if (!fs::exists(produced))
    return make_error(ErrorCode::kInternal, "soffice produced nothing: " + run->output);
  std::string out = slurp(produced);
  // Rename into place: tests that run at the same time may convert the same input.
  fs::path tmp = cache / (cached.filename().string() + "." + std::to_string(::getpid()));
  spit(tmp, out);
  fs::rename(tmp, cached, ec);
  return out;
}

Result<std::string> render_pdf_page(const std::string& pdf, int index, int dpi, const std::string& format,
                                    double skew_degrees) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc || doc->is_locked()) return make_error(ErrorCode::kInvalidInput, "cannot open the PDF");
  std::unique_ptr<poppler::page> page(doc->create_page(index));
  if (!page) return make_error(ErrorCode::kInvalidInput, "no such page");
  poppler::page_renderer r;
  r.set_image_format(poppler::image::format_gray8);
  r.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing);
  poppler::image img = r.render_page(page.get(), dpi, dpi);
  if (!img.is_valid()) return make_error(ErrorCode::kInternal, "render failed");
  PixOwner pix;
  pix.p = pixCreate(img.width(), img.height(), 8);
  pixSetResolution(pix.p, dpi, dpi);
  for (int y = 0; y < img.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(img.const_data() + static_cast<size_t>(y) * img.bytes_per_row());
    l_uint32* line = pixGetData(pix.p) + static_cast<size_t>(y) * pixGetWpl(pix.p);
    for (int x = 0; x < img.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  if (skew_degrees != 0) {
    PixOwner turned;
    turned.p = pixRotate(pix.p, static_cast<float>(skew_degrees * 3.14159265358979 / 180.0), L_ROTATE_AREA_MAP,
                         L_BRING_IN_WHITE, 0, 0);
    std::swap(pix.p, turned.p);
  }
  std::string out = encode(pix.p, format);
  if (out.empty()) return make_error(ErrorCode::kInternal, "encoding failed");
  return out;
}

Result<std::string> make_image_pdf(const std::vector<std::string>& jpegs, int dpi) {
  // Objects: 1 catalog, 2 page tree, then per page: page, contents, image.
  std::vector<std::string> objects(2);
  std::string kids;
  for (size_t i = 0; i < jpegs.size(); ++i) {
    l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    if (pixReadHeaderMem(reinterpret_cast<const l_uint8*>(jpegs[i].data()), jpegs[i].size(), &fmt, &w, &h, &bps, &spp,
                         &cmap) != 0)
      return make_error(ErrorCode::kInvalidInput, "not an image");
    size_t page_obj = objects.size() + 1;
    double pw = w * 72.0 / dpi, ph = h * 72.0 / dpi;
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %zu 0 R "
                  "/Resources << /XObject << /Im0 %zu 0 R >> >> >>",
                  pw, ph, page_obj + 1, page_obj + 2);
    objects.emplace_back(buf);
    std::snprintf(buf, sizeof buf, "q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph);
    std::string content = buf;
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
    std::snprintf(buf, sizeof buf,
                  "<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 "
                  "/Filter /DCTDecode /Length %zu >>\nstream\n",
                  w, h, spp == 3 ? "DeviceRGB" : "DeviceGray", jpegs[i].size());
    objects.push_back(std::string(buf) + jpegs[i] + "\nendstream");
    kids += std::to_string(page_obj) + " 0 R ";
  }
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(jpegs.size()) + " >>";
  return assemble_pdf(objects, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
}

std::string make_bitmap_pdf(int pages, int width, int height, int dpi,
                            const std::function<unsigned char(int, int)>& byte) {
  // PDF's RunLengthDecode: a length byte 257-n then one byte repeated n times (n <= 128), or a
  // length byte n-1 then n literal bytes.
  std::string data;
  int row_bytes = (width + 7) / 8;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < row_bytes;) {
      unsigned char b = byte(x, y);
      int n = 1;
      while (x + n < row_bytes && n < 128 && byte(x + n, y) == b) ++n;
      if (n > 1) {
        data += static_cast<char>(257 - n);
        data += static_cast<char>(b);
      } else {
        data += '\0';
        data += static_cast<char>(b);
      }
      x += n;
    }
  }
  data += static_cast<char>(128);  // end of data
  double pw = width * 72.0 / dpi, ph = height * 72.0 / dpi;
  // Objects: 1 catalog, 2 page tree, 3 the image, 4 the content stream, then one per page.
  std::vector<std::string> objects(4);
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 "
                "/Decode [1 0] /Filter /RunLengthDecode /Length %zu >>\nstream\n",
                width, height, data.size());
  objects[2] = std::string(buf) + data + "\nendstream";
  std::snprintf(buf, sizeof buf, "q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph);
  std::string content = buf;
  objects[3] = "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream";
  std::string kids;
  for (int i = 0; i < pages; ++i) {
    std::snprintf(buf, sizeof buf,
                  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R "
                  "/Resources << /XObject << /Im0 3 0 R >> >> >>",
                  pw, ph);
    objects.emplace_back(buf);
    kids += std::to_string(objects.size()) + " 0 R ";
  }
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>";
  return assemble_pdf(objects, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
}

std::string make_text_page_pdf(std::string_view text) {
  std::string content = "BT /F1 10 Tf 12 TL 20 820 Td\n";
  for (size_t start = 0; start <= text.size();) {
    size_t nl = std::min(text.find('\n', start), text.size());
    content += "(";
    for (char c : text.substr(start, nl - start)) {
      if (c == '(' || c == ')' || c == '\\') content += '\\';
      content += c;
    }
    content += ") Tj T*\n";
    start = nl + 1;
  }
  content += "ET";
  return assemble_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                       "/Resources << /Font << /F1 5 0 R >> >> >>",
                       "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
                       "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
                      "%PDF-1.4\n");
}

std::string make_text_pdf(int pages) {
  std::vector<std::string> objects(3);
  std::string kids;
  for (int i = 1; i <= pages; ++i) {
    size_t page_obj = objects.size() + 1;
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + std::to_string(page_obj + 1) +
                      " 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
    std::string content = "BT /F1 24 Tf 72 720 Td (Trang " + std::to_string(i) + ") Tj ET";
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
    kids += std::to_string(page_obj) + " 0 R ";
  }
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>";
  objects[2] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  return assemble_pdf(objects, "%PDF-1.4\n");
}

std::string cong_van_docx() { return zip_folder(path("cong_van_123.docx.d")); }

Result<std::string> cong_van_pdf() { return soffice_convert(cong_van_docx(), "docx", "pdf"); }

Result<std::string> multipage_tiff(const std::vector<std::string>& images) {
  Pixa* pixa = pixaCreate(static_cast<l_int32>(images.size()));
  for (const auto& img : images) {
    Pix* p = pixReadMem(reinterpret_cast<const l_uint8*>(img.data()), img.size());
    if (!p) {
      pixaDestroy(&pixa);
      return make_error(ErrorCode::kInvalidInput, "not an image");
    }
    pixaAddPix(pixa, p, L_INSERT);
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  int rc = pixaWriteMemMultipageTiff(&data, &size, pixa);
  pixaDestroy(&pixa);
  std::string out;
  if (rc == 0 && data) out.assign(reinterpret_cast<char*>(data), size);
  if (data) lept_free(data);
  if (out.empty()) return make_error(ErrorCode::kInternal, "TIFF encoding failed");
  return out;
}

}  // namespace dondoc::ingest::fixtures

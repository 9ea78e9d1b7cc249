// Fuzz target: the DOCX reader on bytes in memory. A custom mutator keeps the ZIP valid and
// mutates one of its XML parts, so that inputs get past the ZIP checks into the XML walk, the
// numbering and the notes; plain byte mutations still exercise the ZIP and bomb checks.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/readers.h"
#include "ingest/testing.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

const dondoc::ingest::ReaderContext& context() {
  static const dondoc::ingest::ReaderContext ctx = [] {
    dondoc::ingest::ReaderContext c;
    c.max_text_bytes = 1u << 20;  // small limits: many runs per second, same code paths
    return c;
  }();
  return ctx;
}

// The entries of a ZIP, or nothing when it does not open.
std::vector<std::pair<std::string, std::string>> unzip(const uint8_t* data, size_t size) {
  std::vector<std::pair<std::string, std::string>> out;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(data, size, 0, &err);
  zip_t* za = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : nullptr;
  if (!za) {
    if (src) zip_source_free(src);
    zip_error_fini(&err);
    return out;
  }
  zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n && i < 64; ++i) {
    zip_stat_t st;
    if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0 || st.size > (1u << 20)) continue;
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    if (!f) continue;
    std::string content(st.size, '\0');
    zip_int64_t got = zip_fread(f, content.data(), content.size());
    zip_fclose(f);
    if (got < 0) continue;
    content.resize(static_cast<size_t>(got));
    out.emplace_back(st.name, std::move(content));
  }
  zip_discard(za);
  zip_error_fini(&err);
  return out;
}


}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto reader = dondoc::ingest::make_docx_reader();
  auto r = reader->read(std::string_view(reinterpret_cast<const char*>(data), size), context());
  if (r && r->text.size() > context().max_text_bytes) __builtin_trap();  // the text limit holds
  return 0;
}

// The scaling check's runs go into the text of the document: one paragraph per line of the run,
// so that long paragraphs and long lists of paragraphs both grow.
std::string DondocFuzzEmbed(const std::string& seed, const std::string& run) {
  auto entries = unzip(reinterpret_cast<const uint8_t*>(seed.data()), seed.size());
  std::string paragraphs;
  size_t start = 0;
  while (start <= run.size()) {
    size_t nl = run.find('\n', start);
    if (nl == std::string::npos) nl = run.size();
    paragraphs += "<w:p><w:r><w:t xml:space=\"preserve\">";
    for (char c : run.substr(start, nl - start)) {
      if (c == '<') paragraphs += "&lt;";
      else if (c == '>') paragraphs += "&gt;";
      else if (c == '&') paragraphs += "&amp;";
      else paragraphs += c;
    }
    paragraphs += "</w:t></w:r></w:p>";
    if (nl == run.size()) break;
    start = nl + 1;
  }
  for (auto& [name, part] : entries) {
    if (name != "word/document.xml") continue;
    size_t at = part.find("<w:sectPr");
    if (at == std::string::npos) at = part.find("</w:body>");
    if (at != std::string::npos) part.insert(at, paragraphs);
  }
  return dondoc::ingest::fixtures::make_zip(entries, /*store=*/true);
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  auto entries = unzip(data, size);
  if (entries.empty() || seed % 8 == 0) return LLVMFuzzerMutate(data, size, max_size);
  // Mostly the XML that carries the text; sometimes any part.
  size_t pick = seed % entries.size();
  for (size_t i = 0; i < entries.size() && seed % 3 != 0; ++i)
    if (entries[i].first == "word/document.xml" || entries[i].first == "word/numbering.xml") pick = i;
  std::string& part = entries[pick].second;
  size_t room = part.size() + 512;
  part.resize(room);
  size_t n = LLVMFuzzerMutate(reinterpret_cast<uint8_t*>(part.data()), room - 512, room);
  part.resize(n);
  std::string zipped = dondoc::ingest::fixtures::make_zip(entries, /*store=*/true);
  if (zipped.empty() || zipped.size() > max_size) return LLVMFuzzerMutate(data, size, max_size);
  std::memcpy(data, zipped.data(), zipped.size());
  return zipped.size();
}

// DOCX (Office Open XML) -> text: paragraphs in order, table rows cell by cell, list labels
// rebuilt from numbering.xml, soft line breaks and tabs, footnotes and endnotes at the end.
#include <pugixml.hpp>

#include <map>
#include <optional>
#include <vector>

#include "core/utf8.h"
#include "ingest/docx_numbering.h"
#include "ingest/internal.h"
#include "ingest/ooxml.h"
#include "ingest/readers.h"
#include "ingest/zip_archive.h"

namespace dondoc::ingest {
namespace {

using ooxml::attr;
using ooxml::child;
using ooxml::local_name;

// XML nesting deeper than this is not walked (a hostile file could otherwise exhaust the stack).
constexpr int kMaxDepth = 200;

std::string_view prefix(const pugi::xml_node& n) {
  std::string_view s = n.name();
  size_t c = s.find(':');
  return c == std::string_view::npos ? std::string_view{} : s.substr(0, c);
}

std::string superscript_digits(std::string_view digits) {
  static const char* kSup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out;
  for (char c : digits) out += (c >= '0' && c <= '9') ? kSup[c - '0'] : std::string(1, c);
  return out;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Relationship targets of one part: id/type -> path inside the package.
struct Rels {
  std::map<std::string, std::string> by_type_suffix;  // "/footnotes" -> "word/footnotes.xml"
};

std::string join_path(std::string_view base_dir, std::string_view target) {
  if (!target.empty() && target[0] == '/') return std::string(target.substr(1));
  std::string path(base_dir);
  std::string_view t = target;
  while (t.substr(0, 3) == "../") {
    t.remove_prefix(3);
    size_t s = path.find_last_of('/', path.empty() ? 0 : path.size() - 2);
    path = s == std::string::npos ? "" : path.substr(0, s + 1);
  }
  return path + std::string(t);
}

Rels parse_rels(std::string_view xml, std::string_view base_dir) {
  Rels r;
  pugi::xml_document doc;
  if (xml.empty() || !doc.load_buffer(xml.data(), xml.size())) return r;
  for (pugi::xml_node c = doc.document_element().first_child(); c; c = c.next_sibling()) {
    if (local_name(c) != "Relationship" || attr(c, "TargetMode") == "External") continue;
    std::string_view type = attr(c, "Type");
    size_t s = type.find_last_of('/');
    if (s == std::string_view::npos) continue;
    r.by_type_suffix.emplace(std::string(type.substr(s)), join_path(base_dir, attr(c, "Target")));
  }
  return r;
}

struct NumRef {
  std::string num_id;
  int ilvl = 0;
};

// Walks the body of document.xml (and the note parts) and writes text.
class Writer {
 public:
  Writer(DocxNumbering& numbering, const std::map<std::string, NumRef>& style_numbering, size_t limit)
      : numbering_(numbering), style_numbering_(style_numbering), limit_(limit) {}

  std::string out;
  std::vector<std::string> footnote_order, endnote_order;  // ids, in order of first reference
  int images = 0;
  int alt_chunks = 0;
  bool too_deep = false;

  void blocks(const pugi::xml_node& parent, int depth) {
    if (depth > kMaxDepth) { too_deep = true; return; }
    for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
      if (n.type() != pugi::node_element) continue;
      std::string_view name = local_name(n);
      if (name == "p") {
        paragraph(n, depth + 1);
      } else if (name == "tbl") {
        table(n, depth + 1);
      } else if (name == "sdt") {
        if (auto c = child(n, "sdtContent")) blocks(c, depth + 1);
      } else if (name == "customXml" || name == "ins" || name == "moveTo") {
        blocks(n, depth + 1);
      } else if (name == "altChunk") {
        ++alt_chunks;
      } else if (name == "AlternateContent") {
        if (auto c = child(n, "Choice")) blocks(c, depth + 1);
      }
    }
  }

  // Note parts: one line per note, "[n] text".
  std::string note_text(const pugi::xml_node& note) {
    Writer w(numbering_, style_numbering_, limit_);
    w.in_note_ = true;
    w.blocks(note, 0);
    images += w.images;
    std::string s;
    size_t i = 0;
    while (i < w.out.size()) {
      size_t j = w.out.find('\n', i);
      if (j == std::string::npos) j = w.out.size();
      std::string_view line(w.out.data() + i, j - i);
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      if (!line.empty()) s += (s.empty() ? "" : " ") + std::string(line);
      i = j + 1;
    }
    return s;
  }

 private:
  void table(const pugi::xml_node& tbl, int depth) {
    if (depth > kMaxDepth) { too_deep = true; return; }
    for (pugi::xml_node n = tbl.first_child(); n; n = n.next_sibling()) {
      std::string_view name = local_name(n);
      if (name == "tr") {
        row(n, depth + 1);
      } else if (name == "sdt") {
        if (auto c = child(n, "sdtContent")) table(c, depth + 1);
      } else if (name == "customXml") {
        table(n, depth + 1);
      }
    }
  }

  void row(const pugi::xml_node& tr, int depth) {
    if (depth > kMaxDepth) { too_deep = true; return; }
    for (pugi::xml_node n = tr.first_child(); n; n = n.next_sibling()) {
      std::string_view name = local_name(n);
      if (name == "tc") {
        blocks(n, depth + 1);  // each cell's paragraphs on their own lines
      } else if (name == "sdt") {
        if (auto c = child(n, "sdtContent")) row(c, depth + 1);
      } else if (name == "customXml") {
        row(n, depth + 1);
      }
    }
  }

  std::optional<NumRef> numbering_of(const pugi::xml_node& ppr) {
    if (!ppr) return std::nullopt;
    if (auto np = child(ppr, "numPr")) {
      NumRef r;
      if (auto id = child(np, "numId")) r.num_id = std::string(attr(id, "val"));
      if (auto lv = child(np, "ilvl")) r.ilvl = std::atoi(std::string(attr(lv, "val")).c_str());
      if (!r.num_id.empty()) return r;  // numId 0 turns numbering off: next_label gives ""
    }
    if (auto ps = child(ppr, "pStyle")) {
      auto it = style_numbering_.find(std::string(attr(ps, "val")));
      if (it != style_numbering_.end()) return it->second;
    }
    return std::nullopt;
  }

  void paragraph(const pugi::xml_node& p, int depth) {
    std::string text;
    std::vector<pugi::xml_node> boxes;  // text boxes anchored here: written after the paragraph
    inline_content(p, text, boxes, depth + 1);
    std::string label;
    if (!in_note_) {
      if (auto ref = numbering_of(child(p, "pPr"))) label = numbering_.next_label(ref->num_id, ref->ilvl);
    }
    // Trailing spaces carry nothing; leading tabs (indents) are layout, not text.
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    size_t lead = text.find_first_not_of(" \t");
    text.erase(0, lead == std::string::npos ? text.size() : lead);
    if (!label.empty()) text = label + (text.empty() ? "" : " " + text);
    emit_line(text);
    for (const auto& b : boxes) blocks(b, depth + 1);
  }

  void emit_line(const std::string& line) {
    if (out.size() > limit_) return;  // past the text limit: the caller cuts and notes it
    if (line.empty()) {
      // Keep one blank line for a run of empty paragraphs, none at the start.
      if (!out.empty() && out.size() >= 2 && out.compare(out.size() - 2, 2, "\n\n") != 0) out += '\n';
      return;
    }
    out += line;
    out += '\n';
  }

  void inline_content(const pugi::xml_node& parent, std::string& text, std::vector<pugi::xml_node>& boxes,
                      int depth) {
    if (depth > kMaxDepth) { too_deep = true; return; }
    for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
      if (n.type() != pugi::node_element) continue;
      std::string_view name = local_name(n);
      if (name == "pPr" || name == "rPr" || name == "del" || name == "moveFrom" || name == "delText" ||
          name == "instrText" || name == "Fallback" || name == "footnoteRef" || name == "endnoteRef" ||
          name == "separator" || name == "continuationSeparator" || name == "sectPr") {
        continue;
      }
      if (name == "r") {
        run(n, text, boxes, depth + 1);
      } else if (name == "txbxContent") {
        boxes.push_back(n);
      } else if (name == "AlternateContent") {
        if (auto c = child(n, "Choice")) inline_content(c, text, boxes, depth + 1);
      } else if (name == "t" && prefix(n) != "a") {
        text += n.child_value();  // m:t (equations) and stray w:t
      } else {
        inline_content(n, text, boxes, depth + 1);  // hyperlink, smartTag, ins, fldSimple, sdt, oMath...
      }
    }
  }

  void run(const pugi::xml_node& r, std::string& text, std::vector<pugi::xml_node>& boxes, int depth) {
    bool superscript = false;
    if (auto rpr = child(r, "rPr"))
      if (auto va = child(rpr, "vertAlign")) superscript = attr(va, "val") == "superscript";
    for (pugi::xml_node n = r.first_child(); n; n = n.next_sibling()) {
      if (n.type() != pugi::node_element) continue;
      std::string_view name = local_name(n);
      if (name == "t") {
        std::string_view t = n.child_value();
        // A footnote number typed by hand as a raised digit: keep it raised so that it does not
        // glue onto a year ("2026" + "1").
        text += superscript && all_digits(t) ? superscript_digits(t) : std::string(t);
      } else if (name == "tab" || name == "ptab") {
        text += '\t';
      } else if (name == "br" || name == "cr") {
        text += '\n';
      } else if (name == "noBreakHyphen") {
        text += '-';
      } else if (name == "footnoteReference" || name == "endnoteReference") {
        bool foot = name == "footnoteReference";
        auto& order = foot ? footnote_order : endnote_order;
        auto& index = foot ? footnote_index_ : endnote_index_;
        std::string id(attr(n, "id"));
        auto [it, fresh] = index.emplace(id, order.size());
        if (fresh) order.push_back(id);
        size_t k = it->second;
        std::string num = std::to_string(k + 1);
        text += foot ? superscript_digits(num) : "[" + format_list_number(static_cast<int>(k + 1), "lowerRoman") + "]";
      } else if (name == "drawing" || name == "pict" || name == "object") {
        size_t before = boxes.size();
        collect_boxes(n, boxes, depth + 1);
        if (boxes.size() == before) ++images;
      } else if (name == "AlternateContent") {
        if (auto c = child(n, "Choice")) {
          size_t before = boxes.size();
          collect_boxes(c, boxes, depth + 1);
          if (boxes.size() == before && child(c, "drawing")) ++images;
        }
      }
    }
  }

  void collect_boxes(const pugi::xml_node& n, std::vector<pugi::xml_node>& boxes, int depth) {
    if (depth > kMaxDepth) { too_deep = true; return; }
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (local_name(c) == "txbxContent") boxes.push_back(c);
      else if (local_name(c) != "Fallback") collect_boxes(c, boxes, depth + 1);
    }
  }

  DocxNumbering& numbering_;
  const std::map<std::string, NumRef>& style_numbering_;
  size_t limit_;
  bool in_note_ = false;
  std::map<std::string, size_t> footnote_index_, endnote_index_;  // id -> position in *_order
};

// Paragraph styles that carry numbering (Heading styles in many templates), basedOn resolved.
std::map<std::string, NumRef> parse_style_numbering(std::string_view xml) {
  std::map<std::string, NumRef> direct;
  std::map<std::string, std::string> based_on;
  pugi::xml_document doc;
  if (xml.empty() || !doc.load_buffer(xml.data(), xml.size())) return direct;
  for (pugi::xml_node s = doc.document_element().first_child(); s; s = s.next_sibling()) {
    if (local_name(s) != "style" || attr(s, "type") != "paragraph") continue;
    std::string id(attr(s, "styleId"));
    if (auto b = child(s, "basedOn")) based_on[id] = std::string(attr(b, "val"));
    if (auto ppr = child(s, "pPr"))
      if (auto np = child(ppr, "numPr")) {
        NumRef r;
        if (auto n = child(np, "numId")) r.num_id = std::string(attr(n, "val"));
        if (auto l = child(np, "ilvl")) r.ilvl = std::atoi(std::string(attr(l, "val")).c_str());
        direct[id] = r;
      }
  }
  std::map<std::string, NumRef> resolved = direct;
  for (const auto& [id, base] : based_on) {
    if (resolved.count(id)) continue;
    std::string cur = base;
    for (int hops = 0; hops < 20 && !cur.empty(); ++hops) {
      auto it = direct.find(cur);
      if (it != direct.end()) { resolved[id] = it->second; break; }
      auto b = based_on.find(cur);
      cur = b == based_on.end() ? "" : b->second;
    }
  }
  return resolved;
}

// Notes of one part, in the order the document refers to them.
std::vector<std::string> note_lines(const std::string& xml, const std::vector<std::string>& order, bool foot,
                                    Writer& w) {
  std::vector<std::string> lines;
  if (xml.empty() || order.empty()) return lines;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single)) return lines;
  std::map<std::string, pugi::xml_node> by_id;
  for (pugi::xml_node n = doc.document_element().first_child(); n; n = n.next_sibling())
    if (local_name(n) == (foot ? "footnote" : "endnote")) by_id[std::string(attr(n, "id"))] = n;
  for (size_t k = 0; k < order.size(); ++k) {
    auto it = by_id.find(order[k]);
    if (it == by_id.end()) continue;
    std::string text = w.note_text(it->second);
    std::string mark = foot ? std::to_string(k + 1) : format_list_number(static_cast<int>(k + 1), "lowerRoman");
    lines.push_back("[" + mark + "] " + text);
  }
  return lines;
}

}  // namespace

namespace internal {

Result<RawText> read_docx(std::string_view bytes, const ReaderContext& ctx) {
  if (bytes.empty()) return make_error(ErrorCode::kInvalidInput, "tệp DOCX rỗng (0 byte)");
  auto zip = ZipArchive::open(bytes);
  if (!zip)
    return make_error(zip.error().code, "tệp không phải DOCX hợp lệ: " + zip.error().message);
  // Inflated XML is larger than its text; allow twice the text limit for the whole package.
  InflateBudget budget{ctx.max_text_bytes * 2 + (4u << 20)};
  auto part = [&](const std::string& name) -> Result<std::string> {
    auto r = zip->read(name, budget);
    if (!r) return make_error(r.error().code, "tệp DOCX: " + r.error().message, name);
    return r->value_or("");
  };

  DONDOC_TRY(root_rels_xml, part("_rels/.rels"));
  std::string main_part = "word/document.xml";
  {
    Rels rr = parse_rels(root_rels_xml, "");
    auto it = rr.by_type_suffix.find("/officeDocument");
    if (it != rr.by_type_suffix.end() && zip->contains(it->second)) main_part = it->second;
  }
  if (!zip->contains(main_part))
    return make_error(ErrorCode::kInvalidInput,
                      "tệp nén không có word/document.xml: đây không phải văn bản Word (.docx)");
  std::string dir = main_part.substr(0, main_part.find_last_of('/') + 1);
  std::string rels_name = dir + "_rels/" + main_part.substr(dir.size()) + ".rels";
  DONDOC_TRY(rels_xml, part(rels_name));
  Rels rels = parse_rels(rels_xml, dir);
  auto target = [&](const char* type, const char* fallback) {
    auto it = rels.by_type_suffix.find(type);
    return it != rels.by_type_suffix.end() ? it->second : dir + fallback;
  };

  DONDOC_TRY(document_xml, part(main_part));
  DONDOC_TRY(numbering_xml, part(target("/numbering", "numbering.xml")));
  DONDOC_TRY(styles_xml, part(target("/styles", "styles.xml")));

  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(document_xml.data(), document_xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed)
    return make_error(ErrorCode::kInvalidInput, std::string("tệp DOCX bị hỏng: XML không hợp lệ (") +
                                                    parsed.description() + ")", main_part);
  document_xml.clear();
  document_xml.shrink_to_fit();
  pugi::xml_node body = child(doc.document_element(), "body");
  if (!body) return make_error(ErrorCode::kInvalidInput, "tệp DOCX bị hỏng: word/document.xml không có phần thân (w:body)");

  DocxNumbering numbering = DocxNumbering::parse(numbering_xml);
  auto style_numbering = parse_style_numbering(styles_xml);
  Writer w(numbering, style_numbering, ctx.max_text_bytes);
  w.blocks(body, 0);

  RawText r;
  r.info.reader = "docx";
  r.info.encoding = "utf-8";
  std::vector<std::string> notes;
  if (!w.footnote_order.empty()) {
    DONDOC_TRY(xml, part(target("/footnotes", "footnotes.xml")));
    notes = note_lines(xml, w.footnote_order, true, w);
  }
  if (!w.endnote_order.empty()) {
    DONDOC_TRY(xml, part(target("/endnotes", "endnotes.xml")));
    for (auto& l : note_lines(xml, w.endnote_order, false, w)) notes.push_back(std::move(l));
  }
  r.text = std::move(w.out);
  while (!r.text.empty() && r.text.back() == '\n') r.text.pop_back();
  if (!notes.empty()) {
    r.text += "\n";
    for (const auto& l : notes) r.text += "\n" + l;
  }
  if (!r.text.empty()) r.text += '\n';
  if (utf8::count_invalid(r.text) > 0)
    internal::add_note(r, "docx.invalid_utf8", "văn bản có ký tự không hợp lệ (không phải UTF-8)");
  if (w.images > 0)
    internal::add_note(r, "docx.images", "văn bản có " + std::to_string(w.images) +
                                             " hình ảnh; chữ trong hình ảnh không được đọc");
  if (w.alt_chunks > 0)
    internal::add_note(r, "docx.alt_chunk", "văn bản có phần nhúng (altChunk) không được đọc");
  if (w.too_deep)
    internal::add_note(r, "docx.too_deep", "một phần văn bản lồng quá sâu nên không được đọc");
  internal::limit_text(r, ctx);
  return r;
}

}  // namespace internal

namespace {

class DocxReader : public Reader {
 public:
  const char* name() const override { return "docx"; }
  int score(std::string_view head, std::string_view filename) const override {
    bool named = internal::has_extension(filename, ".docx") || internal::has_extension(filename, ".docm") ||
                 internal::has_extension(filename, ".dotx") || internal::has_extension(filename, ".dotm");
    bool zip = head.substr(0, 4) == std::string_view("PK\x03\x04", 4);
    if (zip && (named || head.find("word/") != std::string_view::npos)) return 100;
    if (zip) return 60;    // a ZIP of another kind gets a clear "not a Word document"
    if (named) return 60;  // named .docx but not a ZIP: say so rather than read it as text
    return 0;
  }
  Result<RawText> read(std::string_view bytes, const ReaderContext& ctx) const override {
    return internal::read_docx(bytes, ctx);
  }
};

}  // namespace

std::unique_ptr<Reader> make_docx_reader() { return std::make_unique<DocxReader>(); }

}  // namespace dondoc::ingest

#include "ingest/docx_numbering.h"

#include <cstdlib>

#include "ingest/ooxml.h"

namespace dondoc::ingest {
namespace {

using ooxml::attr;
using ooxml::child;
using ooxml::local_name;

int to_int(std::string_view s, int fallback) {
  if (s.empty()) return fallback;
  std::string t(s);
  char* end = nullptr;
  long v = std::strtol(t.c_str(), &end, 10);
  if (end == t.c_str() || v < -1000000 || v > 1000000) return fallback;
  return static_cast<int>(v);
}

std::string roman(int v, bool upper) {
  if (v <= 0 || v >= 4000) return std::to_string(v);
  static const struct { int n; const char* s; } kTable[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},   {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& r : kTable)
    while (v >= r.n) {
      out += r.s;
      v -= r.n;
    }
  if (upper)
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Word's letter numbering repeats the letter: a..z, aa..zz, aaa... Absurd values (a hostile
// startOverride) are written as numbers rather than as thousands of letters.
std::string letters(int v, bool upper) {
  if (v <= 0 || v > 26 * 8) return std::to_string(v);
  char c = static_cast<char>((upper ? 'A' : 'a') + (v - 1) % 26);
  return std::string(static_cast<size_t>((v - 1) / 26 + 1), c);
}

}  // namespace

std::string format_list_number(int value, std::string_view fmt) {
  if (fmt == "lowerLetter") return letters(value, false);
  if (fmt == "upperLetter") return letters(value, true);
  if (fmt == "lowerRoman") return roman(value, false);
  if (fmt == "upperRoman") return roman(value, true);
  if (fmt == "decimalZero") return (value >= 0 && value < 10 ? "0" : "") + std::to_string(value);
  if (fmt == "none") return "";
  return std::to_string(value);
}

DocxNumbering DocxNumbering::parse(std::string_view xml) {
  DocxNumbering n;
  if (xml.empty()) return n;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single)) return n;
  pugi::xml_node root = doc.document_element();
  auto parse_level = [](const pugi::xml_node& lvl, Level& l) {
    l.defined = true;
    if (auto s = child(lvl, "start")) l.start = to_int(attr(s, "val"), 1);
    if (auto f = child(lvl, "numFmt")) l.fmt = std::string(attr(f, "val"));
    // Real label templates are short ("%1.%2.%3."); a long one would multiply the text.
    if (auto t = child(lvl, "lvlText")) l.text = std::string(attr(t, "val").substr(0, 32));
  };
  for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
    if (local_name(c) == "abstractNum") {
      Abstract a;
      for (pugi::xml_node lvl = c.first_child(); lvl; lvl = lvl.next_sibling()) {
        if (local_name(lvl) != "lvl") continue;
        int i = to_int(attr(lvl, "ilvl"), -1);
        if (i >= 0 && i < kLevels) parse_level(lvl, a.levels[static_cast<size_t>(i)]);
      }
      n.abstracts_[std::string(attr(c, "abstractNumId"))] = a;
    } else if (local_name(c) == "num") {
      Num num;
      if (auto a = child(c, "abstractNumId")) num.abstract_id = std::string(attr(a, "val"));
      for (pugi::xml_node o = c.first_child(); o; o = o.next_sibling()) {
        if (local_name(o) != "lvlOverride") continue;
        int i = to_int(attr(o, "ilvl"), -1);
        if (i < 0 || i >= kLevels) continue;
        if (auto s = child(o, "startOverride")) num.start_override[i] = to_int(attr(s, "val"), 1);
        if (auto lvl = child(o, "lvl")) parse_level(lvl, num.level_override[i]);
      }
      n.nums_[std::string(attr(c, "numId"))] = num;
    }
  }
  return n;
}

std::string DocxNumbering::next_label(const std::string& num_id, int ilvl) {
  auto ni = nums_.find(num_id);
  if (ni == nums_.end()) return "";
  auto ai = abstracts_.find(ni->second.abstract_id);
  if (ai == abstracts_.end()) return "";
  if (ilvl < 0 || ilvl >= kLevels) ilvl = 0;
  const Num& num = ni->second;
  auto level = [&](int i) -> const Level& {
    auto o = num.level_override.find(i);
    return o != num.level_override.end() ? o->second : ai->second.levels[static_cast<size_t>(i)];
  };
  Counters& c = counters_[num.abstract_id];
  if (started_.insert(num_id).second) {
    for (const auto& [i, v] : num.start_override) {
      c.value[static_cast<size_t>(i)] = v - 1;
      c.active[static_cast<size_t>(i)] = true;
    }
  }
  auto at = static_cast<size_t>(ilvl);
  if (c.active[at]) {
    ++c.value[at];
  } else {
    c.value[at] = level(ilvl).start;
    c.active[at] = true;
  }
  for (size_t d = at + 1; d < kLevels; ++d) c.active[d] = false;

  const Level& l = level(ilvl);
  if (!l.defined || l.fmt == "none") return "";
  if (l.fmt == "bullet") return "-";
  std::string out;
  const std::string& t = l.text;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '%' && i + 1 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9') {
      int k = t[i + 1] - '1';
      auto ks = static_cast<size_t>(k);
      int v = c.active[ks] ? c.value[ks] : level(k).start;
      out += format_list_number(v, level(k).fmt == "bullet" ? "decimal" : level(k).fmt);
      ++i;
    } else {
      out += t[i];
    }
  }
  return out;
}

}  // namespace dondoc::ingest

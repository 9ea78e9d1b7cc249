#include "table.h"

#include "core/utf8.h"

namespace dondoc::cli {

size_t display_width(std::string_view s) {
  size_t w = 0, len = 0;
  for (size_t i = 0; i < s.size(); i += len) {
    char32_t cp = utf8::decode(s, i, &len);
    if (cp >= 0x300 && cp <= 0x36F) continue;
    if (cp == '\n') continue;
    ++w;
  }
  return w;
}

std::string truncate_display(std::string_view s, size_t width) {
  if (display_width(s) <= width) return std::string(s);
  std::string out;
  size_t w = 0, len = 0;
  for (size_t i = 0; i < s.size(); i += len) {
    char32_t cp = utf8::decode(s, i, &len);
    bool mark = cp >= 0x300 && cp <= 0x36F;
    if (!mark && w + 1 >= width) break;
    out.append(s.substr(i, len));
    if (!mark) ++w;
  }
  return out + "…";
}

void TextTable::print(FILE* out) const {
  size_t n = header_.size();
  std::vector<size_t> w(n, 0);
  auto cell = [&](const std::vector<std::string>& r, size_t c) -> std::string {
    std::string s = c < r.size() ? r[c] : "";
    for (auto& ch : s)
      if (ch == '\n') ch = ' ';
    if (c < max_.size() && max_[c]) s = truncate_display(s, max_[c]);
    return s;
  };
  for (size_t c = 0; c < n; ++c) {
    w[c] = display_width(cell(header_, c));
    for (const auto& r : rows_) w[c] = std::max(w[c], display_width(cell(r, c)));
  }
  auto line = [&](const std::vector<std::string>& r) {
    std::string s;
    for (size_t c = 0; c < n; ++c) {
      std::string v = cell(r, c);
      s += v;
      if (c + 1 < n) s += std::string(w[c] - display_width(v) + 2, ' ');
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    std::fprintf(out, "%s\n", s.c_str());
  };
  line(header_);
  std::vector<std::string> rule;
  for (size_t c = 0; c < n; ++c) {
    std::string d;
    for (size_t k = 0; k < w[c]; ++k) d += "─";
    rule.push_back(d);
  }
  line(rule);
  for (const auto& r : rows_) line(r);
}

}  // namespace dondoc::cli

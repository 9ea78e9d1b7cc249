#pragma once
// Plain-text tables for terminals: columns sized by display width (combining marks take no
// space), long cells cut with "…".
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace dondoc::cli {

size_t display_width(std::string_view s);
std::string truncate_display(std::string_view s, size_t width);

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::vector<size_t> max_widths = {})
      : header_(std::move(header)), max_(std::move(max_widths)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  void print(FILE* out) const;

 private:
  std::vector<std::string> header_;
  std::vector<size_t> max_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace dondoc::cli

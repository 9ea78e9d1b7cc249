#include "ingest/layout.h"

#include <algorithm>
#include <string_view>

namespace dondoc::ingest {
namespace {

// Thresholds in units of the row's median word height (about one em of its font).
constexpr double kRowOverlap = 0.5;      // a word joins a row when it overlaps this much of it
constexpr double kWideGap = 1.6;         // a wider horizontal gap separates segments
constexpr double kLabelReach = 8.0;      // "1." is kept with text that starts within this
constexpr double kMinGutter = 0.8;       // a column gutter narrower than this closes the region
constexpr double kRegionBreak = 1.5;     // vertical white space that closes a column region
constexpr double kBlankLine = 0.9;       // vertical white space written as an empty line
constexpr double kSpaceGap = 0.15;       // a gap wider than this is a space between words
constexpr size_t kMaxColumns = 12;

double height(const LayoutWord& w) { return w.y1 - w.y0; }

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

struct Row {
  std::vector<size_t> w;  // word indices, left to right
  double top = 0, bottom = 0;
  double center_sum = 0, height_sum = 0;
  double h = 0;           // median word height
  double base = 0;        // median bottom
  double center() const { return center_sum / static_cast<double>(w.size()); }
  double mean_h() const { return height_sum / static_cast<double>(w.size()); }
};

struct Gutter {
  double l, r;
};

// "1.", "12)", "1.2.", "a)", "đ)", "IV.", "-", "+", "•", "(3)": list labels that a tab separates
// from their text.
bool is_label(std::string_view t) {
  if (t == "-" || t == "+" || t == "*" || t == "\xE2\x80\xA2" /* • */ || t == "\xE2\x80\x93" /* – */) return true;
  if (t.size() >= 3 && t.front() == '(' && t.back() == ')') t = t.substr(1, t.size() - 2);
  else if (t.size() >= 2 && (t.back() == '.' || t.back() == ')')) t.remove_suffix(1);
  else return false;
  if (t.empty()) return false;
  bool digits = true, roman = true;
  for (char c : t) {
    digits = digits && ((c >= '0' && c <= '9') || c == '.');
    roman = roman && std::string_view("IVXLC").find(c) != std::string_view::npos;
  }
  if (digits && t.front() != '.' && t.size() <= 8) return true;
  if (roman && t.size() <= 6) return true;
  if (t.size() == 1 && t[0] >= 'a' && t[0] <= 'z') return true;
  return t == "\xC4\x91";  // đ
}

bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 3) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string superscript(std::string_view digits) {
  static const char* kSup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out;
  for (char c : digits) out += kSup[c - '0'];
  return out;
}

class Page {
 public:
  explicit Page(std::vector<LayoutWord> words) : w_(std::move(words)) {}

  std::string run() {
    build_rows();
    if (rows_.empty()) return "";
    std::vector<double> hs;
    for (const auto& r : rows_) hs.push_back(r.h);
    page_h_ = median(hs);
    drop_page_numbers();
    size_t i = 0;
    while (i < rows_.size()) i = region_from(i);
    return std::move(out_);
  }

 private:
  void build_rows() {
    std::vector<size_t> order;
    for (size_t i = 0; i < w_.size(); ++i) {
      LayoutWord& w = w_[i];
      if (w.text.find_first_not_of(" \t\r\n") == std::string::npos || !(w.x1 >= w.x0) || !(w.y1 >= w.y0)) continue;
      if (w.y1 - w.y0 < 1e-6) w.y1 = w.y0 + 1e-6;
      order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      double ca = w_[a].y0 + w_[a].y1, cb = w_[b].y0 + w_[b].y1;
      return ca != cb ? ca < cb : w_[a].x0 < w_[b].x0;
    });
    for (size_t i : order) {
      const LayoutWord& w = w_[i];
      Row* best = nullptr;
      double best_ratio = kRowOverlap;
      for (size_t k = rows_.size() >= 3 ? rows_.size() - 3 : 0; k < rows_.size(); ++k) {
        Row& r = rows_[k];
        double c = r.center(), h = r.mean_h();
        double overlap = std::min(w.y1, c + h / 2) - std::max(w.y0, c - h / 2);
        double ratio = overlap / std::min(height(w), h);
        if (ratio >= best_ratio) {
          best_ratio = ratio;
          best = &r;
        }
      }
      if (!best) {
        rows_.emplace_back();
        best = &rows_.back();
        best->top = w.y0;
        best->bottom = w.y1;
      }
      best->w.push_back(i);
      best->top = std::min(best->top, w.y0);
      best->bottom = std::max(best->bottom, w.y1);
      best->center_sum += (w.y0 + w.y1) / 2;
      best->height_sum += height(w);
    }
    for (Row& r : rows_) {
      std::sort(r.w.begin(), r.w.end(), [&](size_t a, size_t b) { return w_[a].x0 < w_[b].x0; });
      std::vector<double> hs, bs;
      for (size_t i : r.w) {
        hs.push_back(height(w_[i]));
        bs.push_back(w_[i].y1);
      }
      r.h = median(hs);
      r.base = median(bs);
    }
    std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) { return a.center() < b.center(); });
  }

  std::string row_text(const Row& r) {
    std::string s;
    for (size_t i : r.w) s += w_[i].text;
    return s;
  }

  static bool is_page_number(std::string_view s) {
    if (s.rfind("Trang", 0) == 0) s.remove_prefix(5);
    size_t digits = 0;
    for (char c : s) {
      if (c >= '0' && c <= '9') ++digits;
      else if (c != '-' && c != '/' && c != ' ') return false;
    }
    return digits >= 1 && digits <= 8;
  }

  // Page numbers printed alone above or below the text are not part of it.
  void drop_page_numbers() {
    if (rows_.size() < 3) return;
    if (is_page_number(row_text(rows_.back())) && rows_.back().top - rows_[rows_.size() - 2].bottom > page_h_)
      rows_.pop_back();
    if (is_page_number(row_text(rows_.front())) && rows_[1].top - rows_.front().bottom > page_h_ * 0.5)
      rows_.erase(rows_.begin());
  }

  // Segments of a set of words of one row (left to right): split at wide gaps, labels kept.
  std::vector<std::vector<size_t>> segments(const Row& r, const std::vector<size_t>& ws) const {
    std::vector<std::vector<size_t>> segs;
    for (size_t k = 0; k < ws.size(); ++k) {
      if (k == 0 || w_[ws[k]].x0 - w_[ws[k - 1]].x1 >= kWideGap * r.h) segs.emplace_back();
      segs.back().push_back(ws[k]);
    }
    std::vector<std::vector<size_t>> merged;
    for (size_t s = 0; s < segs.size(); ++s) {
      const LayoutWord& last = w_[segs[s].back()];
      if (segs[s].size() == 1 && s + 1 < segs.size() && is_label(last.text) &&
          w_[segs[s + 1].front()].x0 - last.x1 < kLabelReach * r.h) {
        segs[s].insert(segs[s].end(), segs[s + 1].begin(), segs[s + 1].end());
        merged.push_back(std::move(segs[s]));
        ++s;
      } else {
        merged.push_back(std::move(segs[s]));
      }
    }
    return merged;
  }

  // Narrows gutter g to the widest part of it that the words of row r leave free; false when
  // that is too narrow to be a gutter (a space between two words is not one).
  bool narrow(const Row& r, Gutter& g) const {
    double l = -1e300;
    Gutter best{0, 0};
    double best_w = -1;
    for (size_t k = 0; k <= r.w.size(); ++k) {
      double rr = k < r.w.size() ? w_[r.w[k]].x0 : 1e300;
      double nl = std::max(l, g.l), nr = std::min(rr, g.r);
      if (nr - nl > best_w) {
        best_w = nr - nl;
        best = {nl, nr};
      }
      if (k < r.w.size()) l = std::max(l, w_[r.w[k]].x1);
    }
    if (best_w < kMinGutter * r.h) return false;
    g = best;
    return true;
  }

  void blank_line_before(const Row& r) {
    if (have_prev_ && r.top - prev_bottom_ > kBlankLine * page_h_ && !out_.empty() &&
        out_.compare(out_.size() - 2 < out_.size() ? out_.size() - 2 : 0, 2, "\n\n") != 0)
      out_ += '\n';
  }

  void emit(const Row& r, const std::vector<size_t>& ws) {
    for (const auto& seg : segments(r, ws)) {
      std::string line;
      for (size_t k = 0; k < seg.size(); ++k) {
        const LayoutWord& w = w_[seg[k]];
        bool raised = all_digits(w.text) && height(w) < 0.75 * r.h && w.y1 < r.base - 0.12 * r.h;
        if (raised && k > 0 && w.x0 - w_[seg[k - 1]].x1 < 0.5 * r.h) {
          line += superscript(w.text);  // a footnote mark after a word
          continue;
        }
        if (raised && k == 0 && seg.size() > 1) {
          line += "[" + w.text + "] ";  // the mark that starts a footnote, written as DOCX notes are
          continue;
        }
        if (k > 0 && !line.empty() && line.back() != ' ') {
          const LayoutWord& p = w_[seg[k - 1]];
          double gap = w.x0 - p.x1;
          bool space = p.space_after >= 0 ? (p.space_after == 1 || gap > 0.5 * r.h) : gap > kSpaceGap * r.h;
          if (space) line += ' ';
        }
        line += w.text;
      }
      out_ += line;
      out_ += '\n';
    }
  }

  // Writes the region that starts at row i; returns the first row after it.
  size_t region_from(size_t i) {
    const Row& first = rows_[i];
    blank_line_before(first);
    auto segs = segments(first, first.w);
    std::vector<Gutter> gutters;
    // More columns than any table of an official document: spaced-out text, not columns.
    if (segs.size() <= kMaxColumns)
      for (size_t s = 0; s + 1 < segs.size(); ++s)
        gutters.push_back({w_[segs[s].back()].x1, w_[segs[s + 1].front()].x0});
    size_t j = i + 1;
    if (!gutters.empty()) {
      while (j < rows_.size()) {
        const Row& r = rows_[j];
        if (r.top - rows_[j - 1].bottom > kRegionBreak * first.h) break;
        std::vector<Gutter> g = gutters;
        bool ok = true;
        for (auto& gg : g) ok = ok && narrow(r, gg);
        if (!ok) break;
        gutters = std::move(g);
        ++j;
      }
    }
    write_region(i, j, gutters);
    have_prev_ = true;
    prev_bottom_ = rows_[j - 1].bottom;
    return j;
  }

  size_t column_of(const LayoutWord& w, const std::vector<Gutter>& gutters) const {
    double c = (w.x0 + w.x1) / 2;
    size_t col = 0;
    for (const auto& g : gutters)
      if (c > (g.l + g.r) / 2) ++col;
    return col;
  }

  void write_region(size_t b, size_t e, const std::vector<Gutter>& gutters) {
    size_t ncol = gutters.size() + 1;
    // cells[row][col]: the words of each row in each column.
    std::vector<std::vector<std::vector<size_t>>> cells(e - b, std::vector<std::vector<size_t>>(ncol));
    size_t two_sided = 0;
    for (size_t i = b; i < e; ++i) {
      for (size_t k : rows_[i].w) cells[i - b][column_of(w_[k], gutters)].push_back(k);
      size_t used = 0;
      for (const auto& c : cells[i - b]) used += c.empty() ? 0 : 1;
      if (used >= 2) ++two_sided;
    }
    if (ncol == 1 || two_sided < 2) {
      // Not columns, only a wide gap or two: each row on its own, split at its gaps.
      for (size_t i = b; i < e; ++i) {
        if (i > b) blank_line_before(rows_[i]);
        for (const auto& c : cells[i - b])
          if (!c.empty()) emit(rows_[i], c);
        have_prev_ = true;
        prev_bottom_ = rows_[i].bottom;
      }
      return;
    }
    if (ncol == 2) {
      for (size_t c = 0; c < ncol; ++c)
        for (size_t i = b; i < e; ++i)
          if (!cells[i - b][c].empty()) emit(rows_[i], cells[i - b][c]);
      return;
    }
    // A table: a band is a row where several cells start, with the rows that continue it.
    size_t band = b;
    while (band < e) {
      size_t end = band + 1;
      while (end < e) {
        size_t used = 0;
        for (const auto& c : cells[end - b]) used += c.empty() ? 0 : 1;
        if (used >= 2) break;
        ++end;
      }
      for (size_t c = 0; c < ncol; ++c)
        for (size_t i = band; i < end; ++i)
          if (!cells[i - b][c].empty()) emit(rows_[i], cells[i - b][c]);
      band = end;
    }
  }

  std::vector<LayoutWord> w_;
  std::vector<Row> rows_;
  double page_h_ = 0;
  std::string out_;
  bool have_prev_ = false;
  double prev_bottom_ = 0;
};

}  // namespace

std::string lay_out_page(std::vector<LayoutWord> words) { return Page(std::move(words)).run(); }

}  // namespace dondoc::ingest

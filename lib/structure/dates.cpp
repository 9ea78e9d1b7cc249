// Vietnamese dates: "ngày 07 tháng 4 năm 2026", "07/4/2026", "07-4-2026", "ngày 7/4", drafts.
#include <cstdlib>

#include "structure/structure.h"

namespace dondoc::structure {
namespace {

bool num_value(const Token& t, int* v, int max_digits) {
  if (t.kind != TokKind::kNumber || t.fold.size() > static_cast<size_t>(max_digits)) return false;
  *v = std::atoi(t.fold.c_str());
  return true;
}

// A year: four digits 1900..2100. A footnote number glued to the year ("20242") is cut off.
bool year_value(const Token& t, int* y) {
  if (t.kind != TokKind::kNumber || t.fold.size() < 4 || t.fold.size() > 6) return false;
  int v = std::atoi(std::string(t.fold.substr(0, 4)).c_str());
  if (v < 1900 || v > 2100) return false;
  *y = v;
  return true;
}

// A day or month in "ngày ... tháng ... năm": one or two digits, or two single digits that a
// flattened table or a PDF copy set apart ("ngày 1 5 tháng 0 8 năm 2019"). Returns the tokens used.
size_t spaced_num_value(const std::vector<Token>& toks, size_t k, size_t end, int* v) {
  if (k >= end || !num_value(toks[k], v, 2)) return 0;
  if (toks[k].fold.size() == 1 && k + 1 < end && toks[k + 1].kind == TokKind::kNumber && toks[k + 1].fold.size() == 1 &&
      toks[k + 1].space_before) {
    *v = *v * 10 + (toks[k + 1].fold[0] - '0');
    return 2;
  }
  return 1;
}

bool is_sep(const Token& t) { return t.kind == TokKind::kPunct && (t.is("/") || t.is("-") || t.is(".")); }

// A word OCR may have printed for "tháng" or "năm": short, lower case, not a number.
bool misread_word(const Token& t) {
  return t.is_word() && !t.capitalized && t.fold.size() >= 2 && t.fold.size() <= 5;
}

bool plausible(int d, int m) { return d >= 1 && d <= 31 && m >= 1 && m <= 12; }

}  // namespace

std::optional<DateMatch> parse_date(const std::vector<Token>& toks, size_t i, size_t end, bool allow_partial) {
  if (end > toks.size()) end = toks.size();
  if (i >= end) return std::nullopt;
  DateMatch m;
  m.tb = i;
  size_t j = i;
  if (toks[j].is_word() && toks[j].is("ngay")) {
    m.has_ngay = true;
    ++j;
    // "ngày ... tháng ... năm ..." with each number optional in drafts.
    size_t k = j;
    int d = 0, mo = 0, y = 0;
    k += spaced_num_value(toks, k, end, &d);
    if (k < end && toks[k].is_word() && toks[k].is("thang")) {
      ++k;
      k += spaced_num_value(toks, k, end, &mo);
      if (k < end && toks[k].is_word() && toks[k].is("nam")) {
        ++k;
        if (k < end && year_value(toks[k], &y)) {
          ++k;
          if ((d && !plausible(d, mo ? mo : 1)) || (mo && (mo < 1 || mo > 12))) return std::nullopt;
          if (d && mo && d > days_in_month(y, mo)) return std::nullopt;
          if ((!d || !mo) && !allow_partial) return std::nullopt;
          if (!mo) d = 0;  // "ngày 5 tháng   năm 2026" keeps only the year
          m.date = PartialDate{y, mo, d};
          m.te = k;
          return m;
        }
      }
      // "ngày 15 tháng 6" without a year.
      if (d && mo && plausible(d, mo)) {
        m.date = PartialDate{0, mo, d};
        m.year_given = false;
        m.te = k;
        return m;
      }
      return std::nullopt;
    }
    // OCR misreads the words but keeps the numbers ("ngày 03 thing 4 ncfm 2026"): a short word
    // in place of each of "tháng" and "năm", a month and a year, is the same date.
    if (k + 3 < end && misread_word(toks[k]) && num_value(toks[k + 1], &mo, 2) && mo >= 1 && mo <= 12 &&
        misread_word(toks[k + 2]) && year_value(toks[k + 3], &y) && (!d || d <= days_in_month(y, mo)) &&
        (d || allow_partial)) {
      m.date = PartialDate{y, mo, d};
      m.te = k + 4;
      return m;
    }
    if (j >= end) return std::nullopt;
  }
  // Numeric forms: D/M/YYYY, D-M-YYYY, D.M.YYYY, and D/M after "ngày".
  int d = 0, mo = 0, y = 0;
  if (j < end && num_value(toks[j], &d, 2) && j + 2 < end && is_sep(toks[j + 1]) && !toks[j + 1].space_before &&
      num_value(toks[j + 2], &mo, 2) && !toks[j + 2].space_before && plausible(d, mo)) {
    const Fold& sep = toks[j + 1].fold;
    size_t k = j + 3;
    if (k + 1 < end && toks[k].fold == sep && !toks[k].space_before && !toks[k + 1].space_before &&
        year_value(toks[k + 1], &y)) {
      if (d > days_in_month(y, mo)) return std::nullopt;
      m.date = PartialDate{y, mo, d};
      m.te = k + 2;
      return m;
    }
    // A two-digit year ("07/4/26") is not accepted: too easily a reference number.
    if (sep == "/" && (k >= end || !(toks[k].kind == TokKind::kPunct && toks[k].is("/") && !toks[k].space_before))) {
      if (d > days_in_month(2024, mo)) return std::nullopt;
      m.date = PartialDate{0, mo, d};
      m.year_given = false;
      m.te = k;
      return m;
    }
  }
  return std::nullopt;
}

}  // namespace dondoc::structure

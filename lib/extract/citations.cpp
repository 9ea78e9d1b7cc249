// Citations: "Chỉ thị số 07-CT/TU, ngày 07/4/2026 của Ban Thường vụ Tỉnh ủy",
// "Nghị định số 30/2020/NĐ-CP", "văn bản số 87/TB-VPCP", "280/2026/NĐ-CP" (type from the code).
#include <algorithm>
#include <map>
#include <tuple>

#include "core/viet.h"
#include "extract/extract.h"

namespace dondoc::extract {
namespace {

bool is_word(const Token& t, std::string_view f) { return t.kind == TokKind::kWord && t.fold == f; }
bool is_punct(const Token& t, std::string_view f) { return t.kind == TokKind::kPunct && t.fold == f; }

// Words that stand for "số" (number), including OCR forms.
bool is_so_word(const Token& t) {
  return t.kind == TokKind::kWord && (t.is("so") || t.is("se") || t.is("sb") || t.is("s"));
}

// A phrase table of data/rules/<name>.tsv (column 2 "any": the phrase counts in any case, value 2;
// "before_lower": only before a lower-case word, value 3; otherwise 1).
rules::PhraseTable phrase_table(const rules::Rules& r, const std::string& name) {
  rules::PhraseTable t;
  for (const auto& row : r.table(name))
    if (!row.empty())
      t.add(row[0], row.size() > 1 && row[1] == "any" ? 2 : row.size() > 1 && row[1] == "before_lower" ? 3 : 1);
  return t;
}

// The phrase tables citations are read with: built once per Rules value and owned by it.
struct CitationPhrases {
  explicit CitationPhrases(const rules::Rules& r)
      : verbs(phrase_table(r, "citation_verbs")), issuer_stops(phrase_table(r, "issuer_stops")) {}
  rules::PhraseTable verbs, issuer_stops;
};

class CitationFinder {
 public:
  CitationFinder(const structure::Parsed& p, const rules::Rules& r)
      : p_(p), r_(r), toks_(p.toks), verbs_(r.view<CitationPhrases>().verbs),
        issuer_stops_(r.view<CitationPhrases>().issuer_stops) {}

  std::vector<Citation> run() {
    for (const auto& [k, s] : p_.doc.spans)
      if (k == "number") own_ = s;
    skip_front_matter();
    for (size_t k = 0; k < toks_.size(); ++k) {
      if (in_front_matter(k)) continue;
      if (!toks_[k].is_number()) continue;
      // Do not start inside a previous number ("2020" of "30/2020/NĐ-CP").
      if (k > 0 && (is_punct(toks_[k - 1], "/") || is_punct(toks_[k - 1], "-") || is_punct(toks_[k - 1], ".")) &&
          !toks_[k - 1].space_before && k >= 2 && toks_[k - 2].is_number() && !toks_[k].space_before)
        continue;
      if (k > 0 && toks_[k - 1].is_word() && !toks_[k].space_before && !toks_[k - 1].is("s")) continue;
      auto dn = structure::parse_doc_number(p_.text, toks_, k, std::min(toks_.size(), k + 24), r_, false);
      if (!dn) continue;
      consider(*dn, k);
      k = dn->te - 1;
    }
    std::vector<Citation> out;
    for (auto& c : cits_) out.push_back(std::move(c));
    return out;
  }

 private:
  void skip_front_matter() {
    for (const auto& l : p_.lines)
      if (l.kind == structure::LineKind::kFrontMatter) fm_end_ = std::max(fm_end_, l.te);
  }
  bool in_front_matter(size_t k) const { return k < fm_end_; }

  // The type phrase ending right before token `end` (exclusive), searching back a few tokens.
  // Returns {start token, type index} or {SIZE_MAX, -1}.
  std::pair<size_t, int> type_before(size_t end, size_t max_back) const {
    size_t best_start = SIZE_MAX;
    int best = -1;
    size_t lo = end > max_back ? end - max_back : 0;
    for (size_t q = end; q-- > lo;) {
      auto m = r_.type_names.match(toks_, q, true);
      if (m.length > 0 && q + m.length == end) {
        best_start = q;
        best = m.value;
      }
    }
    return {best_start, best};
  }

  void consider(structure::DocNumber dn, size_t k) {
    // "s6180": the OCR'd "số" glued to the number.
    if (k > 0 && toks_[k - 1].is_word() && toks_[k - 1].is("s") && !toks_[k].space_before && dn.number &&
        dn.number->size() > 1 && ((*dn.number)[0] == '6' || (*dn.number)[0] == '0' || (*dn.number)[0] == '8')) {
      dn.number = dn.number->substr(1);
    }
    if (!own_.empty() && dn.span.begin >= own_.begin && dn.span.end <= own_.end) return;
    if (p_.doc.number && dn.number == p_.doc.number &&
        rules::code_key_folded(dn.symbol) == rules::code_key_folded(p_.doc.symbol.value_or("")))
      return;  // the document naming itself (web copies repeat it in a title line)
    strip_footnote_digits(dn);
    // Look left for the type: skip "số", ":", line breaks and OCR "số" numbers.
    size_t j = k;
    bool saw_so = false;
    while (j > 0) {
      const Token& t = toks_[j - 1];
      if (is_so_word(t) || is_punct(t, ":") || t.kind == TokKind::kNewline) {
        if (is_so_word(t)) saw_so = true;
        --j;
        continue;
      }
      if (t.is_number() && t.fold.size() <= 2 && j == k) { --j; continue; }  // "Chi thi 86 26-CT/TU"
      break;
    }
    auto [tstart, word_type] = type_before(j, 6);
    // A law or decree named by its title: "Luật Đất đai số 31/2024/QH15".
    if (word_type < 0 && saw_so) {
      size_t q = j;
      int steps = 0;
      while (q > 0 && steps < 12) {
        const Token& t = toks_[q - 1];
        if (t.kind == TokKind::kNumber || t.kind == TokKind::kNewline) break;
        if (t.kind == TokKind::kPunct && !is_punct(t, ",") && !is_punct(t, "-")) break;
        --q;
        ++steps;
        auto m = r_.type_names.match(toks_, q, false);
        if (m.length > 0 && toks_[q].capitalized) {
          word_type = m.value;
          tstart = q;
          break;
        }
      }
    }
    DocKind style = dn.style;
    int code_type = dn.type_code.empty() ? -1 : r_.type_for_code(dn.type_code, style);
    int type = -1;
    if (word_type >= 0) {
      const std::string& wname = r_.doc_types[word_type].name;
      bool generic = wname == "Công văn" && code_type >= 0;  // "văn bản số 87/TB-VPCP" is a Thông báo
      type = generic ? code_type : word_type;
      if (code_type >= 0 && word_type != code_type) {
        // The word wins when it refines the code (QĐ: Quyết định or Quy định); a different
        // official type in the code wins over a generic word.
        type = generic ? code_type : word_type;
      }
    } else if (code_type >= 0) {
      type = code_type;
    } else if (inherit_ok(j)) {
      type = last_type_;
    }
    if (type < 0) return;
    Citation c;
    c.type = r_.doc_types[type].name;
    c.number = dn.number;
    c.symbol = dn.symbol;
    c.year = dn.year;
    size_t begin_tok = tstart != SIZE_MAX ? tstart : (j < k ? j : k);
    size_t end_tok = dn.te;
    // Date: ", ngày 07/4/2026", "ngày 27 tháng 7 năm 2013", "25-10-2017".
    size_t e = dn.te;
    while (e < toks_.size() && (is_punct(toks_[e], ",") || toks_[e].kind == TokKind::kNewline)) ++e;
    if (auto dm = structure::parse_date(toks_, e, std::min(toks_.size(), e + 12), false); dm && dm->date.complete()) {
      c.date = dm->date.date();
      end_tok = dm->te;
    } else {
      c.date = date_before(begin_tok);
    }
    // Issuer: "của <body>".
    size_t f = end_tok;
    while (f < toks_.size() && (is_punct(toks_[f], ",") || toks_[f].kind == TokKind::kNewline)) ++f;
    if (f < toks_.size() && is_word(toks_[f], "cua")) {
      size_t g = f + 1, last = f + 1;
      int words = 0;
      while (g < toks_.size() && words < 14) {
        const Token& t = toks_[g];
        if (t.kind == TokKind::kNewline) { ++g; continue; }
        if (t.kind == TokKind::kPunct && t.is("-") && g + 1 < toks_.size() && toks_[g + 1].is_word()) { ++g; continue; }
        if (t.kind != TokKind::kWord || (words > 0 && issuer_stop(g))) break;
        if (words > 0 && r_.type_names.match(toks_, g, false).length > 0 && t.capitalized) break;
        ++words;
        ++g;
        if (!is_word(t, "va")) last = g;  // "của Chính phủ và Nghị quyết ...": "và" is not the issuer's
      }
      if (words > 0) {
        c.issuer = structure::clean_value(text_of(f + 1, last));
        end_tok = last;
      }
    }
    c.span = Span{toks_[begin_tok].begin, toks_[end_tok - 1].end};
    c.text = structure::clean_value(text_of(begin_tok, end_tok));
    last_type_ = type;
    last_end_ = dn.te;
    add(std::move(c));
  }

  // The date a sentence opens with, when the sentence goes on to the citation at toks[b] with
  // an issuer and a verb: "Ngày 09/4/2013, Chính phủ đã ban hành Nghị định số 31/2013/NĐ-CP".
  std::optional<Date> date_before(size_t b) const {
    // The verb right before the citation.
    size_t v = SIZE_MAX;
    for (size_t len = 1; len <= 4 && len <= b; ++len)
      if (verbs_.match(toks_, b - len, false, p_.text).length == static_cast<int>(len)) v = b - len;
    if (v == SIZE_MAX) return std::nullopt;
    // Back over the issuer's words to the comma after the date.
    size_t q = v;
    int words = 0;
    while (q > 0 && words <= 14) {
      const Token& t = toks_[q - 1];
      if (t.is_word()) { ++words; --q; continue; }
      if (is_punct(t, "-") || is_punct(t, "&")) { --q; continue; }
      break;
    }
    if (q == 0 || !is_punct(toks_[q - 1], ",")) return std::nullopt;
    size_t comma = q - 1;
    for (size_t a = comma >= 10 ? comma - 10 : 0; a < comma; ++a) {
      if (!is_word(toks_[a], "ngay")) continue;
      auto dm = structure::parse_date(toks_, a, comma, false);
      if (!dm || dm->te != comma || !dm->date.complete()) continue;
      // The date opens the sentence (or follows a linking word: "Vì vậy ngày 23/5/2011, ...").
      size_t s = a;
      int lead = 0;
      while (s > 0 && toks_[s - 1].is_word() && lead < 3) { --s; ++lead; }
      if (s > 0 && !(toks_[s - 1].kind == TokKind::kNewline || is_punct(toks_[s - 1], ".") ||
                     is_punct(toks_[s - 1], ";") || is_punct(toks_[s - 1], ":")))
        return std::nullopt;
      return dm->date.date();
    }
    return std::nullopt;
  }

  // "Nghị định số 30/... và số 31/...": a bare "số N/..." right after a citation takes its type.
  bool inherit_ok(size_t j) const {
    if (last_type_ < 0 || j == 0) return false;
    size_t q = j;
    if (q > 0 && (is_word(toks_[q - 1], "va") || is_punct(toks_[q - 1], ",") || is_punct(toks_[q - 1], ";"))) --q;
    return q <= last_end_ + 1 && q >= last_end_;
  }

  void strip_footnote_digits(structure::DocNumber& dn) const {
    // "37-NQ/TW1": a footnote number glued to a Party issuer code.
    if (dn.style != DocKind::kParty) return;
    size_t slash = dn.symbol.rfind('/');
    if (slash == std::string::npos) return;
    std::string issuer = dn.symbol.substr(slash + 1);
    size_t d = issuer.size();
    while (d > 0 && issuer[d - 1] >= '0' && issuer[d - 1] <= '9') --d;
    if (d == issuer.size() || d == 0) return;
    if (r_.issuer_code(issuer)) return;
    if (const auto* ic = r_.issuer_code(issuer.substr(0, d)); ic && ic->kind != "state")
      dn.symbol = dn.symbol.substr(0, slash + 1) + issuer.substr(0, d);
  }

  std::string text_of(size_t a, size_t b) const {
    if (a >= b) return {};
    return std::string(p_.text.substr(toks_[a].begin, toks_[b - 1].end - toks_[a].begin));
  }

  void add(Citation c) {
    std::string num = c.number.value_or("");
    num.erase(0, std::min(num.size() - 1, num.find_first_not_of('0')));  // leading zeros, in one erase
    auto key = std::make_tuple(c.type, num, rules::code_key_folded(c.symbol.value_or("")), c.year.value_or(0));
    auto it = index_.find(key);
    if (it != index_.end()) {
      Citation& old = cits_[it->second];
      if (!old.date && c.date) old.date = c.date;
      if (!old.issuer && c.issuer) old.issuer = c.issuer;
      return;
    }
    index_.emplace(key, cits_.size());
    cits_.push_back(std::move(c));
  }

  const structure::Parsed& p_;
  const rules::Rules& r_;
  const std::vector<Token>& toks_;
  const rules::PhraseTable& verbs_;
  const rules::PhraseTable& issuer_stops_;

  // A word that ends an issuer name written after "của" (data/rules/issuer_stops.tsv): in lower
  // case ("... Thủ tướng Chính phủ phê duyệt ..."), or in any case for the ones marked so ("Về").
  bool issuer_stop(size_t g) const {
    // Written with marks, a word must match with its marks: "giáo" of "Ban Tuyên giáo" is not
    // "giao", "tư" of "Đầu tư" not "từ".
    auto m = issuer_stops_.match(toks_, g, false, p_.text);
    if (m.length == 0) return false;
    if (m.value == 2) return true;
    if (toks_[g].capitalized) return false;
    if (m.value == 3) {
      size_t n = g + static_cast<size_t>(m.length);
      return n >= toks_.size() || !(toks_[n].capitalized || toks_[n].upper);
    }
    return true;
  }
  Span own_;
  size_t fm_end_ = 0;
  int last_type_ = -1;
  size_t last_end_ = 0;
  std::vector<Citation> cits_;
  std::map<std::tuple<std::string, std::string, std::string, int>, size_t> index_;
};

}  // namespace

std::vector<Citation> find_citations(const structure::Parsed& p, const rules::Rules& rules) {
  return CitationFinder(p, rules).run();
}

}  // namespace dondoc::extract

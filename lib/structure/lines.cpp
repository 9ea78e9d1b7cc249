// Lines of a normalised document: split where flattened layouts glued header elements into one
// line, then classified.
#include <algorithm>
#include <map>

#include "structure/internal.h"

namespace dondoc::structure::internal {

FoldPhrase make_phrase(std::string_view spec) {
  FoldPhrase p;
  size_t i = 0;
  while (i < spec.size()) {
    while (i < spec.size() && spec[i] == ' ') ++i;
    size_t j = spec.find(' ', i);
    if (j == std::string_view::npos) j = spec.size();
    if (j > i) {
      std::vector<std::string> alts;
      std::string_view w = spec.substr(i, j - i);
      size_t a = 0;
      while (a <= w.size()) {
        size_t b = w.find('|', a);
        if (b == std::string_view::npos) b = w.size();
        if (b > a) alts.emplace_back(w.substr(a, b - a));
        a = b + 1;
      }
      p.words.push_back(std::move(alts));
    }
    i = j;
  }
  return p;
}

size_t FoldPhrase::match(const std::vector<Token>& toks, size_t i, size_t end) const {
  if (words.empty()) return 0;
  size_t j = i, w = 0;
  while (w < words.size()) {
    if (j >= end) return 0;
    const Token& t = toks[j];
    if (w > 0 && (t.is_punct('-') || t.is_punct(','))) { ++j; continue; }
    if (t.kind != TokKind::kWord) return 0;
    if (std::none_of(words[w].begin(), words[w].end(), [&](const std::string& x) { return same_text(x, t.fold); }))
      return 0;
    ++w;
    ++j;
  }
  return j - i;
}

namespace {
HeaderPhrases build_header_phrases(const rules::Rules& rules) {
  HeaderPhrases h;
  for (const auto& row : rules.table("header_phrases")) {
    if (row.size() < 2) continue;
    FoldPhrase p = make_phrase(row[1]);
    if (row[0] == "national") h.national = p;
    else if (row[0] == "motto") h.motto = p;
    else if (row[0] == "party_title") h.party_title = p;
    else if (row[0] == "recipients") h.recipients = p;
    else if (row[0] == "distribution") h.distribution = p;
  }
  for (const auto& row : rules.table("authorities")) {
    if (row.size() < 3) continue;
    HeaderPhrases::Authority a;
    std::string_view m = row[0];
    size_t i = 0;
    while (i < m.size()) {
      size_t j = m.find(' ', i);
      if (j == std::string_view::npos) j = m.size();
      if (j > i) a.toks.emplace_back(m.substr(i, j - i));
      i = j + 1;
    }
    a.value = row[1];
    a.style = row[2] == "party" ? DocKind::kParty : DocKind::kState;
    h.authorities.push_back(std::move(a));
  }
  std::stable_sort(h.authorities.begin(), h.authorities.end(),
                   [](const auto& a, const auto& b) { return a.toks.size() > b.toks.size(); });
  for (const auto& row : rules.table("body_openers"))
    if (!row.empty()) h.body_openers.push_back(make_phrase(row[0]));
  for (const auto& row : rules.table("unit_heads"))
    if (!row.empty()) h.body_heads.add(row[0], 1);
  for (const auto& [key, ic] : rules.issuer_codes) h.body_heads.add(ic.name, 1);
  for (const auto& row : rules.table("metadata_labels"))
    if (row.size() >= 2) h.metadata_labels.emplace_back(rules::fold_words(row[0]), row[1]);
  for (const auto& row : rules.table("attribute_sections"))
    if (!row.empty()) h.field_labels.add(row[0], 1);
  return h;
}
}  // namespace

// Built once per Rules value and owned by it; documents of one run share it.
const HeaderPhrases& header_phrases(const rules::Rules& rules) {
  return rules.view<HeaderPhrases>(build_header_phrases);
}

std::string text_of(std::string_view text, const std::vector<Token>& toks, size_t a, size_t b) {
  if (a >= b) return {};
  return std::string(text.substr(toks[a].begin, toks[b - 1].end - toks[a].begin));
}

AuthorityMatch match_authority(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end,
                               const rules::Rules& rules) {
  // Markers start with T, K or Q: "T/M", "TM.", "KT.", "K/T", "TL.", "TUQ.", "Q.".
  if (i >= end || !toks[i].is_word() || toks[i].fold.size() > 3) return {};
  char c0 = toks[i].fold[0];
  if (c0 != 't' && c0 != 'k' && c0 != 'q') return {};
  const auto& h = header_phrases(rules);
  for (const auto& a : h.authorities) {
    if (i + a.toks.size() > end) continue;
    bool ok = true;
    for (size_t k = 0; k < a.toks.size() && ok; ++k) {
      const Token& t = toks[i + k];
      if (k > 0 && t.space_before && a.toks[k] != ".") {
        // "K / T" with spaces is accepted (OCR), other gaps are not.
        if (!(t.kind == TokKind::kPunct || toks[i + k - 1].kind == TokKind::kPunct)) ok = false;
      }
      std::string_view tt = t.text(text);
      std::string up = rules::code_key_exact(tt);
      if (up != a.toks[k]) ok = false;
    }
    if (!ok) continue;
    size_t after = i + a.toks.size();
    // The marker must be followed by the upper-case name of a body or title on the same line.
    if (after >= end || !toks[after].is_word() || !toks[after].upper || toks[after].fold.size() < 2) continue;
    // Bare "TM"/"KT"/"TL" without a dot must not be a word of an upper-case line ("KT" is rare).
    return AuthorityMatch{a.toks.size(), a.value, a.style};
  }
  return {};
}

bool is_vv(const std::vector<Token>& toks, size_t i, size_t end) {
  return i + 2 < end && toks[i].is_word() && toks[i].is("v") &&
         toks[i + 1].kind == TokKind::kPunct && toks[i + 1].is("/") && toks[i + 2].is_word() &&
         toks[i + 2].is("v") && !toks[i + 1].space_before && !toks[i + 2].space_before;
}

size_t match_so(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end) {
  if (i >= end) return 0;
  const Token& t = toks[i];
  if (t.is_word() && (t.is("so") || t.is("se")) && t.capitalized) {
    size_t j = i + 1;
    if (j < end && toks[j].kind == TokKind::kPunct && toks[j].is(":")) ++j;
    return j - i;
  }
  // OCR: "S6 1275", "S0 12"
  if (t.is_word() && t.is("s") && t.capitalized && i + 1 < end && toks[i + 1].is_number() &&
      !toks[i + 1].space_before && toks[i + 1].fold.size() == 1 &&
      (toks[i + 1].is("6") || toks[i + 1].is("0") || toks[i + 1].is("8"))) {
    size_t j = i + 2;
    if (j < end && toks[j].kind == TokKind::kPunct && toks[j].is(":")) ++j;
    (void)text;
    return j - i;
  }
  return 0;
}

namespace {

bool is_rule_tokens(const std::vector<Token>& toks, size_t a, size_t b) {
  if (a >= b) return false;
  for (size_t k = a; k < b; ++k) {
    const Token& t = toks[k];
    if (t.kind != TokKind::kPunct) return false;
    const Fold& f = t.fold;
    if (!(f == "-" || f == "*" || f == "_" || f == "=" || f == "." || f == "~" || f == "☆" || f == "★" ||
          f == "o"))
      return false;
  }
  return true;
}

size_t dash_run(const std::vector<Token>& toks, size_t i, size_t end) {
  size_t j = i;
  while (j < end && toks[j].kind == TokKind::kPunct && (toks[j].is("-") || toks[j].is("_") || toks[j].is("="))) ++j;
  return j - i;
}

// The label before toks[k] ends with a full stop ("2.1." not "2.1 ").
bool punct_is_dot_before(const std::vector<Token>& toks, size_t k) {
  return k > 0 && toks[k - 1].kind == TokKind::kPunct && toks[k - 1].is(".");
}

bool all_upper_words(const std::vector<Token>& toks, size_t a, size_t b) {
  bool any = false;
  for (size_t k = a; k < b; ++k) {
    if (!toks[k].is_word()) continue;
    if (!toks[k].upper) return false;
    any = true;
  }
  return any;
}

// The signer's title laid out beside a Nơi nhận item, or glued after the list's last item by a
// copy that flattened the signature's column: "- Văn phòng Chính phủ; THỨ TRƯỞNG", "- Lưu: VT,
// ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng". At toks[k]: upper-case words that
// open with a title and run to the end of the line, or to a name that ends it. The item before
// it (from `seg`, a dash or "Nơi nhận") has words of its own.
bool signer_title_tail(const std::vector<Token>& toks, size_t seg, size_t k, size_t b, const rules::Rules& rules,
                       const HeaderPhrases& h) {
  if (!toks[k].upper || (toks[k - 1].is_word() && toks[k - 1].upper)) return false;
  bool list_item = (toks[seg].kind == TokKind::kPunct && toks[seg].is("-")) || h.distribution.match(toks, seg, b);
  if (!list_item) return false;
  bool words_before = false;
  for (size_t q = seg + 1; q < k; ++q)
    if (toks[q].is_word()) words_before = true;
  auto m = rules.term_table.match(toks, k, false);
  if (!words_before || m.length == 0 || rules.term_kinds[m.value] != rules::TermKind::kTitle) return false;
  size_t j = k;
  while (j < b && ((toks[j].is_word() && toks[j].upper) ||
                   (toks[j].kind == TokKind::kPunct && (toks[j].is(",") || toks[j].is("-")))))
    ++j;
  int name = 0;
  while (j < b && toks[j].is_word() && toks[j].capitalized && !(toks[j].upper && toks[j].fold.size() > 1)) {
    ++name;
    ++j;
  }
  return j == b && (name == 0 || name >= 2);
}

// "Công văn 2739/VPCP-ĐMDN năm 2019 ... do Văn phòng Chính phủ ban hành. VĂN PHÒNG CHÍNH PHỦ
// -------": a web copy's title sentence glued before the issuer of the header block. At
// toks[k], after the sentence's full stop: the upper-case name of a body that runs to the end
// of the line or to a rule.
bool issuer_after_sentence(const std::vector<Token>& toks, size_t seg, size_t k, size_t b, const HeaderPhrases& h) {
  if (!toks[k].space_before || toks[k - 1].kind != TokKind::kPunct || !toks[k - 1].is(".")) return false;
  bool lower_before = false;
  for (size_t q = seg; q < k; ++q)
    if (toks[q].is_word() && !toks[q].upper) lower_before = true;
  if (!lower_before || h.body_heads.match(toks, k, false).length == 0) return false;
  for (size_t q = k; q < b && dash_run(toks, q, b) < 3; ++q)
    if (toks[q].kind == TokKind::kNumber || (toks[q].is_word() && !toks[q].upper)) return false;
  return true;
}

// A document number [seg, k) and a place and date from k ("Hà Nội, ngày 10 tháng 11 năm 1980").
bool date_after_number(std::string_view text, const std::vector<Token>& toks, size_t seg, size_t k, size_t b,
                       const rules::Rules& rules) {
  if (!toks[seg].is_number() || k < seg + 3) return false;
  auto dn = parse_doc_number(text, toks, seg, b, rules, false);
  if (!dn || dn->te != k) return false;
  for (size_t q = k + 1; q < b && q < k + 8; ++q)
    if (toks[q].is_word() && toks[q].is("ngay")) {
      auto dm = parse_date(toks, q, b, true);
      return dm && dm->date.y;
    }
  return false;
}

// Token indices inside [a, b) where a new header element starts.
std::vector<size_t> split_points(std::string_view text, const std::vector<Token>& toks, size_t a, size_t b,
                                 const rules::Rules& rules) {
  const auto& h = header_phrases(rules);
  std::vector<size_t> cuts;
  for (size_t k = a; k < b; ++k) {
    const Token& t = toks[k];
    size_t run = dash_run(toks, k, b);
    if (run >= 3) {
      if (k > a) cuts.push_back(k);
      if (k + run < b) cuts.push_back(k + run);
      k += run - 1;
      continue;
    }
    if (k == a) continue;
    // "2. Nhiệm vụ và giải pháp chủ yếu 2.1. Tiếp tục rà soát ...": a decimal item label glued
    // at the end of its parent's heading starts a line (copies that lost the line break). Not a
    // reference ("khoản 2.1.", "mục 1.2.").
    if (t.is_number() && t.fold.size() <= 2 && toks[k - 1].is_word() && toks[k - 1].upper == false) {
      static const char* kRefWords[] = {"khoan", "diem", "muc", "tai", "dieu", "phan", "chuong", "so", "theo"};
      bool ref = std::any_of(std::begin(kRefWords), std::end(kRefWords), [&](const char* w) { return toks[k - 1].fold == w; });
      auto m = ref ? std::nullopt : match_marker(toks, text, k, b);
      if (m && m->style == MarkerStyle::kArabic && m->depth >= 2 && k + m->length < b &&
          toks[k + m->length].is_word() && toks[k + m->length].capitalized && punct_is_dot_before(toks, k + m->length)) {
        cuts.push_back(k);
        continue;
      }
      // "2. Nâng cao năng lực quản lý nhà nước 2.1.": the label alone at the end of the line,
      // its text on the next one; only the first sub-label of the line's own item ("2" -> "2.1").
      if (m && m->style == MarkerStyle::kArabic && m->depth >= 2 && k + m->length == b &&
          punct_is_dot_before(toks, b)) {
        auto own = match_marker(toks, text, a, b);
        if (own && own->style == MarkerStyle::kArabic && m->label == own->label + ".1") {
          cuts.push_back(k);
          continue;
        }
      }
    }
    // "a) Cơ quan chủ trì: Sở Nội vụ; b) Cơ quan phối hợp: ... c) Thời gian thực hiện: ...": the
    // fields of a plan's item flattened onto one line; each lettered field starts a line.
    auto is_punct = [&](size_t q, std::string_view p) { return toks[q].kind == TokKind::kPunct && toks[q].fold == p; };
    if (t.is_word() && t.fold.size() == 1 && t.space_before && k + 2 < b && is_punct(k + 1, ")") &&
        !toks[k + 1].space_before && toks[k + 2].is_word()) {
      auto fl = h.field_labels.match(toks, k + 2, false, {});
      size_t after = k + 2 + static_cast<size_t>(fl.length);
      if (fl.length > 0 && after < b && is_punct(after, ":")) {
        cuts.push_back(k);
        continue;
      }
    }
    // Only capitalised words can start a header element; most words of a line are not.
    if (!t.is_word() || !(t.capitalized || t.upper)) continue;
    if (h.national.match(toks, k, b) || h.motto.match(toks, k, b) ||
        (t.upper && h.party_title.match(toks, k, b))) {
      cuts.push_back(k);
      continue;
    }
    if (is_vv(toks, k, b) && t.capitalized) { cuts.push_back(k); continue; }
    if ((h.recipients.match(toks, k, b) || h.distribution.match(toks, k, b)) && t.capitalized) {
      size_t m = std::max(h.recipients.match(toks, k, b), h.distribution.match(toks, k, b));
      if (k + m < b && toks[k + m].kind == TokKind::kPunct && toks[k + m].is(":")) {
        cuts.push_back(k);
        continue;
      }
    }
    if (t.upper) {
      AuthorityMatch am = match_authority(text, toks, k, b, rules);
      if (am.length > 1 || (am.length == 1 && (toks[k - 1].kind == TokKind::kPunct || !toks[k - 1].upper))) {
        cuts.push_back(k);
        continue;
      }
      if (signer_title_tail(toks, cuts.empty() ? a : cuts.back(), k, b, rules, h)) {
        cuts.push_back(k);
        continue;
      }
      if (issuer_after_sentence(toks, cuts.empty() ? a : cuts.back(), k, b, h)) {
        cuts.push_back(k);
        continue;
      }
    }
    // "Hà Nội, ngày 29 tháng 01 năm 2015 QUYẾT ĐỊNH ...", "BỘ TRƯỞNG Đặng Quốc Khánh CHƯƠNG TRÌNH
    // HÀNH ĐỘNG ...": a type title glued after a date or a name (copies that flattened the
    // layout) starts a line of its own. It is upper case, followed by upper-case words or
    // nothing, after a number or a word in normal case.
    if (t.upper && (toks[k - 1].is_number() || (toks[k - 1].is_word() && toks[k - 1].capitalized && !toks[k - 1].upper))) {
      auto tm = rules.type_titles.match(toks, k, false, text);
      size_t after = k + static_cast<size_t>(tm.length);
      if (tm.length > 0 && (after >= b || !toks[after].is_word() || toks[after].upper)) {
        cuts.push_back(k);
        continue;
      }
    }
    // "Kính gửi: Chủ tịch UBND các tỉnh Trong thời gian qua, ...": the body's first sentence glued
    // to the recipients (copies that flattened the layout) starts a line of its own: a body
    // opener in capitals after a word in the middle of a line that began with Kính gửi.
    if (t.capitalized && toks[k - 1].is_word() && !cuts.empty() && toks[cuts.back()].is_word() &&
        h.recipients.match(toks, cuts.back(), b) && std::none_of(cuts.begin(), cuts.end(), [&](size_t c) { return c > cuts.back(); })) {
      bool opener = false;
      for (const auto& o : h.body_openers)
        if (o.match(toks, k, b)) opener = true;
      if (opener) {
        cuts.push_back(k);
        continue;
      }
    }
    // "Số:" / "299/TTg Hà Nội, ngày 10 tháng 11 năm 1980": the date line glued after a number
    // that stands alone at the start of the line (its "Số:" on the line above).
    if (t.capitalized && !t.upper && date_after_number(text, toks, cuts.empty() ? a : cuts.back(), k, b, rules)) {
      cuts.push_back(k);
      continue;
    }
    // "TỈNH ỦY LẠNG SƠN Số 12-CV/TU": a number after an upper-case issuer.
    if (size_t so = match_so(text, toks, k, b); so > 0 && !t.upper && all_upper_words(toks, a, k)) {
      if (parse_doc_number(text, toks, k + so, b, rules, true)) cuts.push_back(k);
    }
  }
  return cuts;
}

}  // namespace

namespace {

// The sentence that starts at toks[a] ("Quyết định 435/QĐ-UBND năm 2020.", "CHƯƠNG TRÌNH HÀNH
// ĐỘNG."): one past its full stop, or a when there is none within a few words, or it is an item.
size_t leading_sentence(std::string_view text, const std::vector<Token>& toks, size_t a, size_t b) {
  if (a >= b || !toks[a].is_word() || match_marker(toks, text, a, b)) return a;
  int words = 0;
  for (size_t k = a; k < b && k < a + 16; ++k) {
    if (toks[k].is_word()) ++words;
    if (toks[k].kind == TokKind::kPunct && toks[k].is(".") && k + 1 < b && toks[k + 1].space_before)
      return words >= 2 ? k + 1 : a;
  }
  return a;
}

// Copies whose every section repeats a running title ("Quyết định 435/QĐ-UBND năm 2020. Điều 1.",
// "... CHƯƠNG TRÌNH HÀNH ĐỘNG. II. NỘI DUNG"): sentences that open three lines or more, cut off
// so that what follows is read as the line it is.
std::vector<std::string> running_titles(std::string_view text, const std::vector<Token>& toks) {
  std::map<std::string, int> count;
  size_t n = toks.size();
  for (int pass = 0; pass < 2; ++pass) {
    std::map<std::string, int> next;
    for (size_t a = 0; a < n;) {
      size_t b = a;
      while (b < n && toks[b].kind != TokKind::kNewline) ++b;
      size_t s = a;
      for (int guard = 0; guard < 4; ++guard) {
        size_t e = leading_sentence(text, toks, s, b);
        if (e == s) break;
        std::string key(text.substr(toks[s].begin, toks[e - 1].end - toks[s].begin));
        if (pass == 0) { ++next[key]; break; }
        if (count[key] < 3) { ++next[key]; break; }
        s = e;
      }
      a = b + 1;
    }
    if (pass == 0) count = next;
    else for (auto& [k, v] : next) count[k] = std::max(count[k], v);
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : count)
    if (v >= 3) out.push_back(k);
  return out;
}

}  // namespace

std::vector<Line> build_lines(std::string_view text, const std::vector<Token>& toks, const rules::Rules& rules) {
  const auto& h = header_phrases(rules);
  std::vector<Line> lines;
  size_t n = toks.size();
  const auto banners = running_titles(text, toks);
  size_t a = 0;
  bool blank_before = false;
  int text_line = 0;
  auto push = [&](size_t s, size_t e) {
    // Recursive split of a segment whose start is a number: "S6 1275 CV/BUK Lang Son, ngày ...".
    while (s < e) {
      size_t cut = e;
      if (size_t so = match_so(text, toks, s, e)) {
        if (auto dn = parse_doc_number(text, toks, s + so, e, rules, true); dn && dn->te < e) cut = dn->te;
      }
      Line l;
      l.tb = s;
      l.te = cut;
      l.span = Span{toks[s].begin, toks[cut - 1].end};
      l.text_line = text_line;
      l.blank_before = blank_before;
      blank_before = false;
      lines.push_back(l);
      s = cut;
    }
  };
  while (a <= n) {
    size_t b = a;
    while (b < n && toks[b].kind != TokKind::kNewline) ++b;
    if (b == a) {
      if (b < n) {
        // Empty line.
        Line l;
        l.tb = l.te = a;
        l.span = Span{toks[b].begin, toks[b].begin};
        l.kind = LineKind::kBlank;
        l.text_line = text_line;
        lines.push_back(l);
        blank_before = true;
      }
    } else {
      auto cuts = split_points(text, toks, a, b, rules);
      if (!banners.empty()) {
        // Running titles at the start of the line are lines of their own.
        size_t p = a;
        for (int guard = 0; guard < 4; ++guard) {
          size_t e = leading_sentence(text, toks, p, b);
          if (e == p || e >= b) break;
          std::string key(text.substr(toks[p].begin, toks[e - 1].end - toks[p].begin));
          if (std::find(banners.begin(), banners.end(), key) == banners.end()) break;
          cuts.push_back(e);
          p = e;
        }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
      }
      size_t s = a;
      for (size_t c : cuts) {
        if (c > s) push(s, c);
        s = c;
      }
      push(s, b);
    }
    if (b >= n) break;
    a = b + 1;
    ++text_line;
  }
  // Classify.
  for (auto& l : lines) {
    if (l.kind == LineKind::kBlank) continue;
    size_t s = l.tb, e = l.te;
    for (size_t k = s; k < e; ++k)
      if (toks[k].is_word()) ++l.words;
    l.upper = all_upper_words(toks, s, e);
    if (is_rule_tokens(toks, s, e)) { l.kind = LineKind::kRule; continue; }
    if (h.national.match(toks, s, e)) { l.kind = LineKind::kNational; continue; }
    if (h.motto.match(toks, s, e)) { l.kind = LineKind::kMotto; continue; }
    if (h.party_title.match(toks, s, e) && l.upper) { l.kind = LineKind::kPartyTitle; continue; }
    if (is_vv(toks, s, e)) { l.kind = LineKind::kSubjectVv; continue; }
    if (size_t m = h.recipients.match(toks, s, e); m && toks[s].capitalized) { l.kind = LineKind::kRecipients; continue; }
    if (size_t m = h.distribution.match(toks, s, e); m && toks[s].capitalized &&
        (s + m >= e || toks[s + m].is(":") || toks[s + m].is("-"))) {
      l.kind = LineKind::kDistribution;
      continue;
    }
    if (match_authority(text, toks, s, e, rules).length) { l.kind = LineKind::kAuthority; continue; }
    if (size_t so = match_so(text, toks, s, e)) {
      if (parse_doc_number(text, toks, s + so, e, rules, true)) { l.kind = LineKind::kNumber; continue; }
    }
    // Date line: "<Place>, ngày ... tháng ... năm ..." - a short place name of capitalised
    // words ("Hà Nội", "TP. Hồ Chí Minh"), then the date, then nothing but a full stop.
    if (l.words <= 14) {
      for (size_t k = s; k < e && k < s + 9; ++k) {
        if (toks[k].is_word() && toks[k].is("ngay") && k > s) {
          auto dm = parse_date(toks, k, e, true);
          bool place_ok = true;
          int place_words = 0;
          for (size_t q = s; q < k; ++q) {
            if (toks[q].is_word()) {
              ++place_words;
              // "Thành phố Hồ Chí Minh", "Thị xã ...": the level word is written in lower case.
              bool level_word = toks[q].is("pho") || toks[q].is("xa") || toks[q].is("tran");
              if (!toks[q].capitalized && !toks[q].upper && !level_word) place_ok = false;
            } else if (!(toks[q].kind == TokKind::kPunct && (toks[q].is(",") || toks[q].is(".") || toks[q].is("-")))) {
              place_ok = false;
            }
          }
          bool ends = dm && (dm->te >= e || (dm->te + 1 == e && toks[dm->te].kind == TokKind::kPunct && toks[dm->te].is(".")));
          if (dm && dm->date.y && ends && place_ok && place_words <= 6) l.kind = LineKind::kDateLine;
          break;
        }
      }
      if (l.kind == LineKind::kDateLine) continue;
    }
    if (l.upper && l.words <= 6) {
      auto m = rules.type_titles.match(toks, s, false, text);
      if (m.length > 0 && s + static_cast<size_t>(m.length) == e) { l.kind = LineKind::kTypeTitle; continue; }
    }
  }
  // Running titles are page furniture, like a rule; a part title among them stays a title.
  if (!banners.empty())
    for (auto& l : lines)
      if (l.kind == LineKind::kText && !l.upper &&
          std::find(banners.begin(), banners.end(), std::string(text.substr(l.span.begin, l.span.size()))) != banners.end())
        l.kind = LineKind::kRule;
  // "Số: 18" with the symbol on a following line: one number line.
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    Line& l = lines[i];
    if (l.kind != LineKind::kText && l.kind != LineKind::kNumber) continue;
    size_t so = match_so(text, toks, l.tb, l.te);
    if (!so || l.tb + so + 1 != l.te || !toks[l.tb + so].is_number()) continue;
    size_t k = i + 1;
    while (k < lines.size() && k <= i + 4 && lines[k].kind == LineKind::kBlank) ++k;
    if (k >= lines.size() || k > i + 4 || lines[k].te <= lines[k].tb) continue;
    auto dn = parse_doc_number(text, toks, l.tb + so, lines[k].te, rules, true);
    if (!dn || dn->te != lines[k].te) continue;
    l.kind = LineKind::kNumber;
    l.te = lines[k].te;
    l.span.end = lines[k].span.end;
    for (size_t q = i + 1; q <= k; ++q) {
      lines[q].kind = LineKind::kBlank;
      lines[q].tb = lines[q].te = lines[q].te;
      lines[q].span = Span{lines[q].span.end, lines[q].span.end};
    }
  }
  // YAML front matter of web copies: "---", lines of "key: value", "---" at the very top.
  size_t first = 0;
  while (first < lines.size() && lines[first].kind == LineKind::kBlank) ++first;
  auto is_fence = [&](size_t k) {
    return lines[k].kind == LineKind::kRule && text.substr(lines[k].span.begin, lines[k].span.size()) == "---";
  };
  if (first < lines.size() && is_fence(first)) {
    bool yaml = true;
    size_t keys = 0;
    for (size_t k = first + 1; k < lines.size() && k < first + 60; ++k) {
      if (is_fence(k)) {
        if (yaml && keys > 0)
          for (size_t q = first; q <= k; ++q) lines[q].kind = LineKind::kFrontMatter;
        break;
      }
      if (lines[k].kind == LineKind::kBlank) continue;
      // "layout: vanban" - a lower-case ASCII key and a colon.
      std::string_view lt = text.substr(lines[k].span.begin, lines[k].span.size());
      size_t colon = lt.find(':');
      bool key = colon != std::string_view::npos && colon > 0;
      for (size_t c = 0; key && c < colon; ++c)
        key = (lt[c] >= 'a' && lt[c] <= 'z') || lt[c] == '_' || lt[c] == '-';
      if (key) ++keys;
      else if (!(lt.size() > 2 && (lt[0] == ' ' || lt[0] == '-'))) yaml = false;
    }
  }
  return lines;
}

}  // namespace dondoc::structure::internal

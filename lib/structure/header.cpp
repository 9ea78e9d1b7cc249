// Header, signature and distribution of a document.
#include <algorithm>

#include "core/utf8.h"
#include "core/viet.h"
#include "structure/internal.h"

namespace dondoc::structure {

using internal::text_of;

namespace {

class HeaderParser {
 public:
  HeaderParser(Parsed& p, const rules::Rules& rules) : p_(p), r_(rules), h_(internal::header_phrases(rules)) {}

  void run() {
    find_window();
    find_number();
    find_date();
    find_issuer();
    find_type_and_subject();
    find_recipients();
    find_issuer_after_title();
    find_late_header();
    from_metadata();
    find_body_begin();
    find_distribution_and_signer();
    decide_kind();
  }

 private:
  const Line& L(size_t i) const { return p_.lines[i]; }
  LineKind kind(size_t i) const { return p_.lines[i].kind; }
  std::string line_text(size_t i) const { return text_of(p_.text, p_.toks, L(i).tb, L(i).te); }
  std::string tok_text(size_t a, size_t b) const { return text_of(p_.text, p_.toks, a, b); }
  Span tok_span(size_t a, size_t b) const {
    if (a >= b) return {};
    return Span{p_.toks[a].begin, p_.toks[b - 1].end};
  }
  void note_span(const std::string& key, Span s) { p_.doc.spans.emplace_back(key, s); }
  size_t next_nonblank(size_t i) const {
    while (i < p_.lines.size() && kind(i) == LineKind::kBlank) ++i;
    return i;
  }
  bool starts_with_dash(size_t i) const {
    return L(i).te > L(i).tb && p_.toks[L(i).tb].kind == TokKind::kPunct &&
           (p_.toks[L(i).tb].is("-") || p_.toks[L(i).tb].is("+"));
  }
  bool is_body_opener(size_t i) const {
    for (const auto& ph : h_.body_openers)
      if (ph.match(p_.toks, L(i).tb, L(i).te)) return true;
    return false;
  }

  void find_window() {
    size_t n = p_.lines.size();
    start_ = 0;
    while (start_ < n && (kind(start_) == LineKind::kFrontMatter || kind(start_) == LineKind::kBlank)) ++start_;
    window_ = std::min(n, start_ + 90);
  }

  void find_number() {
    int best = -1;
    for (size_t i = start_; i < window_; ++i) {
      if (kind(i) != LineKind::kNumber) continue;
      int score = 0;
      for (size_t k = (i >= 8 ? i - 8 : 0); k < std::min(window_, i + 4); ++k) {
        if (kind(k) == LineKind::kNational || kind(k) == LineKind::kPartyTitle || kind(k) == LineKind::kMotto) {
          score += 3;
          break;
        }
      }
      for (size_t k = (i >= 2 ? i - 2 : 0); k < std::min(window_, i + 4); ++k) {
        if (kind(k) == LineKind::kDateLine) { score += 2; break; }
      }
      if (i > 0) {
        size_t k = i - 1;
        while (k > 0 && (kind(k) == LineKind::kBlank || kind(k) == LineKind::kRule)) --k;
        if (kind(k) == LineKind::kText && L(k).upper) score += 1;
      }
      if (score > best) {
        best = score;
        number_line_ = i;
      }
    }
    if (number_line_ != SIZE_MAX && header_after_body(number_line_)) {
      size_t i = number_line_;
      number_line_ = SIZE_MAX;
      if (read_late_header(i)) return;
    }
    if (number_line_ == SIZE_MAX && number_after_label()) return;
    if (number_line_ == SIZE_MAX) {
      number_from_title();
      return;
    }
    const Line& l = L(number_line_);
    size_t so = internal::match_so(p_.text, p_.toks, l.tb, l.te);
    auto dn = parse_doc_number(p_.text, p_.toks, l.tb + so, l.te, r_, true);
    if (!dn) return;
    number_ = *dn;
    p_.doc.number = dn->number;
    p_.doc.symbol = dn->symbol;
    p_.doc.year = dn->year;
    note_span("number", dn->span);
    note_span("symbol", dn->span);
  }

  // "Số:" or "Nghị quyết số:" at the end of a line, the number alone on the next: "Số:" /
  // "299/TTg". The label's line stands for the number line (the issuer is above it).
  bool number_after_label() {
    for (size_t i = start_; i < window_; ++i) {
      const Line& l = L(i);
      if (l.kind != LineKind::kText || l.words > 4 || l.te < l.tb + 2) continue;
      const Token& colon = p_.toks[l.te - 1];
      const Token& so = p_.toks[l.te - 2];
      if (!(colon.kind == TokKind::kPunct && colon.is(":") && so.is_word() && so.is("so"))) continue;
      if (l.te - 2 > l.tb && r_.type_titles.match(p_.toks, l.tb, false, p_.text).length != static_cast<int>(l.te - 2 - l.tb))
        continue;  // "Số:" alone or after the type name
      size_t nx = next_nonblank(i + 1);
      if (nx >= window_ || nx > i + 2) continue;
      auto dn = parse_doc_number(p_.text, p_.toks, L(nx).tb, L(nx).te, r_, false);
      if (!dn || dn->te != L(nx).te) continue;
      number_line_ = i;
      number_end_line_ = nx;
      set_number(*dn);
      return true;
    }
    return false;
  }

  // Web copies without a "Số:" line: a metadata row "Số hiệu | 34/2026/QĐ-TTg", or a title line
  // at the top "Quyết định số 34/2026/QĐ-TTg".
  void number_from_title() {
    bool first_line = true;
    for (size_t i = start_; i < window_ && i < start_ + 40; ++i) {
      const Line& l = L(i);
      if (l.kind == LineKind::kBlank) continue;
      bool was_first = first_line;
      first_line = false;
      if (l.kind != LineKind::kText && l.kind != LineKind::kTypeTitle) continue;
      size_t k = l.tb;
      bool label = p_.toks[k].is_word() && p_.toks[k].is("so") && k + 1 < l.te && p_.toks[k + 1].is_word() &&
                   (p_.toks[k + 1].is("hieu") || p_.toks[k + 1].is("ky"));
      if (label) {
        size_t nx = next_nonblank(i + 1);
        if (nx >= p_.lines.size()) continue;
        auto dn = parse_doc_number(p_.text, p_.toks, L(nx).tb, L(nx).te, r_, false);
        if (dn && dn->te == L(nx).te) {
          set_number(*dn);
          return;
        }
        continue;
      }
      // Only the document's own title line (the first line of a web copy) names it.
      if (!was_first) continue;
      auto m = r_.type_titles.match(p_.toks, k, false, p_.text);
      if (m.length == 0) continue;
      size_t j = k + m.length;
      if (j < l.te && p_.toks[j].is_word() && p_.toks[j].is("so")) ++j;
      auto dn = parse_doc_number(p_.text, p_.toks, j, l.te, r_, false);
      if (dn) {
        set_number(*dn);
        if (!p_.doc.type) p_.doc.type = r_.doc_types[m.value].name;
        return;
      }
    }
  }

  void set_number(const DocNumber& dn) {
    number_ = dn;
    p_.doc.number = dn.number;
    p_.doc.symbol = dn.symbol;
    p_.doc.year = dn.year;
    note_span("number", dn.span);
    note_span("symbol", dn.span);
  }

  void find_date() {
    if (late_header_ != SIZE_MAX) return;
    size_t pick = SIZE_MAX;
    size_t anchor = number_line_ != SIZE_MAX ? number_line_ : start_;
    size_t best_dist = SIZE_MAX;
    for (size_t i = start_; i < window_; ++i) {
      if (kind(i) != LineKind::kDateLine) continue;
      size_t dist = i > anchor ? i - anchor : anchor - i;
      if (dist < best_dist) {
        best_dist = dist;
        pick = i;
      }
    }
    if (pick == SIZE_MAX) return;
    date_line_ = pick;
    read_date_line(pick);
  }

  void read_date_line(size_t pick) {
    const Line& l = L(pick);
    for (size_t k = l.tb; k < l.te; ++k) {
      if (!(p_.toks[k].is_word() && p_.toks[k].is("ngay"))) continue;
      auto dm = parse_date(p_.toks, k, l.te, true);
      if (!dm) break;
      PartialDate d = dm->date;
      if (d.y) {
        p_.doc.date = d;
        note_span("date", tok_span(dm->tb, dm->te));
        if (d.complete()) p_.reference_date = d.date();
      }
      size_t pe = k;
      while (pe > l.tb && p_.toks[pe - 1].kind == TokKind::kPunct) --pe;
      if (pe > l.tb) {
        std::string place = normal_case(tok_text(l.tb, pe), r_);
        if (!place.empty()) {
          p_.doc.place = place;
          note_span("place", tok_span(l.tb, pe));
        }
      }
      break;
    }
  }

  // Copies that moved the header block after the body (a DOCX whose header table came out
  // last): the title and the numbered items of the body come first, then a number line with the
  // national title and a date line around it. Its fields are read there; the body ends above it.
  bool header_after_body(size_t i) const {
    size_t t = SIZE_MAX;
    for (size_t k = start_; k < i && t == SIZE_MAX; ++k) {
      LineKind lk = kind(k);
      if (lk == LineKind::kNational || lk == LineKind::kPartyTitle || lk == LineKind::kMotto ||
          lk == LineKind::kNumber || lk == LineKind::kDateLine)
        return false;
      if (lk == LineKind::kTypeTitle) t = k;
    }
    if (t == SIZE_MAX) return false;
    int items = 0;
    for (size_t k = t + 1; k < i && items < 2; ++k)
      if (auto m = match_marker(p_.toks, p_.text, L(k).tb, L(k).te); m && m->style != MarkerStyle::kDash) ++items;
    return items >= 2;
  }

  // Reads the header block around number line i; false when it is none (no national title near).
  bool read_late_header(size_t i) {
    size_t date = SIZE_MAX;
    bool national = false;
    for (size_t k = i > 6 ? i - 6 : 0; k < std::min(p_.lines.size(), i + 7); ++k) {
      if (kind(k) == LineKind::kNational || kind(k) == LineKind::kMotto) national = true;
      if (kind(k) == LineKind::kDateLine && date == SIZE_MAX) date = k;
    }
    if (!national) return false;
    const Line& l = L(i);
    size_t so = internal::match_so(p_.text, p_.toks, l.tb, l.te);
    auto dn = parse_doc_number(p_.text, p_.toks, l.tb + so, l.te, r_, true);
    if (!dn) return false;
    number_ = *dn;
    set_number(*dn);
    size_t first = i;
    if (date != SIZE_MAX) {
      read_date_line(date);
      first = std::min(first, date);
    }
    if (!p_.doc.issuer) first = std::min(first, find_issuer_above(i));
    while (first > 0 && (kind(first - 1) == LineKind::kBlank || kind(first - 1) == LineKind::kRule)) --first;
    late_header_ = first;
    return true;
  }

  // A late header block beyond the window of the header.
  void find_late_header() {
    if (number_line_ != SIZE_MAX || date_line_ != SIZE_MAX || p_.doc.number || p_.doc.symbol) return;
    for (size_t i = window_; i < p_.lines.size(); ++i)
      if (kind(i) == LineKind::kNumber && header_after_body(i) && read_late_header(i)) return;
  }

  bool is_level_start(size_t i) const {
    auto m = r_.term_table.match(p_.toks, L(i).tb, false);
    return m.length > 0 && r_.term_kinds[m.value] == rules::TermKind::kLevel;
  }

  void find_issuer() {
    size_t anchor = number_line_ != SIZE_MAX ? number_line_ : date_line_;
    if (anchor == SIZE_MAX || anchor == 0) return;
    find_issuer_above(anchor);
  }

  // The issuer (and parent) in the upper-case lines above line `anchor`; returns the first line
  // of the issuer block (anchor when none).
  size_t find_issuer_above(size_t anchor) {
    std::vector<size_t> got;
    size_t k = anchor;
    while (k > start_ && anchor - k < 14) {
      --k;
      LineKind lk = kind(k);
      // The right column's lines come between the left column's when a two-column header is
      // laid out as text ("HUYỆN ỦY TIÊN YÊN / Tiên Yên, ngày ... / Số 245-TB/HU").
      if (lk == LineKind::kBlank || lk == LineKind::kRule || lk == LineKind::kNational || lk == LineKind::kMotto ||
          lk == LineKind::kPartyTitle || lk == LineKind::kDateLine)
        continue;
      if (lk == LineKind::kText && L(k).upper && L(k).words >= 1 && L(k).words <= 14) {
        got.push_back(k);
        continue;
      }
      break;
    }
    if (got.empty()) return anchor;
    std::reverse(got.begin(), got.end());
    // Segments of the lines: a line that holds a body and the one under it ("BỘ TÀI CHÍNH TỔNG
    // CỤC HẢI QUAN") is two.
    struct Segment {
      size_t line, tb, te;
      bool sub;  // starts at a subunit head inside the line
    };
    std::vector<Segment> segs;
    for (size_t i : got) {
      size_t s = L(i).tb;
      for (size_t cut : subunit_cuts(i)) {
        segs.push_back({i, s, cut, s != L(i).tb});
        s = cut;
      }
      segs.push_back({i, s, L(i).te, s != L(i).tb});
    }
    // A line that does not start with the name of a body continues the line above: "ỦY BAN
    // NHÂN DÂN / THÀNH PHỐ HÀ NỘI", "NGÂN HÀNG NHÀ NƯỚC / VIỆT NAM". A group that never starts
    // with one ("VĂN BẢN", a web section title) is not an issuer.
    std::vector<std::vector<Segment>> groups;
    for (const Segment& sg : segs) {
      // Folded: header lines are where OCR and restoration get marks wrong ("ĐANG BỘ").
      bool head = sg.sub || (h_.body_heads.match(p_.toks, sg.tb, false).length > 0 && !is_level_start(sg.line));
      if (!groups.empty() && !head) groups.back().push_back(sg);
      else if (head) groups.push_back({sg});
    }
    if (groups.empty()) return anchor;
    auto group_text = [&](const std::vector<Segment>& g) {
      std::string s;
      for (const Segment& sg : g) {
        if (!s.empty()) s += ' ';
        s += tok_text(sg.tb, sg.te);
      }
      return normal_case(s, r_);
    };
    auto group_span = [&](const std::vector<Segment>& g) { return tok_span(g.front().tb, g.back().te); };
    if (groups.size() == 1) {
      p_.doc.issuer = group_text(groups[0]);
      note_span("issuer", group_span(groups[0]));
    } else {
      p_.doc.parent = group_text(groups[groups.size() - 2]);
      note_span("parent", group_span(groups[groups.size() - 2]));
      p_.doc.issuer = group_text(groups.back());
      note_span("issuer", group_span(groups.back()));
    }
    return groups[groups.size() >= 2 ? groups.size() - 2 : 0].front().line;
  }

  // Where a header line that starts with a body goes on with the body under it
  // (data/rules/subunit_heads.tsv): the token indices of the cuts.
  std::vector<size_t> subunit_cuts(size_t i) const {
    std::vector<size_t> cuts;
    const Line& l = L(i);
    if (h_.body_heads.match(p_.toks, l.tb, false).length == 0 || is_level_start(i)) return cuts;
    const auto& rows = r_.table("subunit_heads");
    size_t from = l.tb;
    for (size_t k = l.tb + 1; k < l.te; ++k) {
      if (!p_.toks[k].is_word()) continue;
      size_t len = 0;
      for (const auto& row : rows) {
        if (row.empty()) continue;
        auto words = rules::fold_words(row[0]);
        size_t q = k, w = 0;
        while (w < words.size() && q < l.te && p_.toks[q].is_word() && p_.toks[q].fold == words[w]) { ++q; ++w; }
        if (w < words.size() || q - k <= len) continue;
        // "ỦY BAN" after "ĐẢNG ỦY", "VIỆN" in "BỆNH VIỆN": the head ends a longer word.
        bool blocked = false;
        if (row.size() >= 2 && p_.toks[k - 1].is_word())
          for (const auto& nw : rules::fold_words(row[1]))
            if (nw == p_.toks[k - 1].fold) blocked = true;
        if (!blocked) len = q - k;
      }
      if (len == 0) continue;
      // What comes before names a body of its own: a head and two more words, or a known issuer.
      size_t words_before = 0;
      for (size_t q = from; q < k; ++q)
        if (p_.toks[q].is_word()) ++words_before;
      bool known = false;
      std::string before = viet::fold(tok_text(from, k));
      for (const auto& [key, ic] : r_.issuer_codes)
        if (viet::fold(ic.name) == before) known = true;
      if (words_before >= 3 || known) {
        cuts.push_back(k);
        from = k;
      }
      k += len - 1;
    }
    return cuts;
  }

  // Subject lines from `from`: consecutive text lines up to a blank line or another element.
  std::pair<std::string, Span> collect_subject(size_t from, size_t first_tok, size_t max_lines) {
    std::string s;
    Span span;
    size_t i = from;
    size_t taken = 0;
    bool upper = true;      // the subject so far is in capitals
    size_t last_tok = 0;    // one past the last token taken
    auto lower_start = [&](size_t k) {
      const Token& t = p_.toks[L(k).tb];
      return t.is_word() && !t.capitalized && !t.upper;
    };
    while (i < window_ && taken < max_lines) {
      if (taken > 0 && kind(i) == LineKind::kBlank) {
        // Web copies put a blank line between the lines of one subject: a line in lower case
        // after a line that ended no sentence goes on with it ("... của Hội đồng nhân dân" /
        // "thành phố Hà Nội quy định ...").
        size_t nx = next_nonblank(i);
        bool open = last_tok > 0 && !(p_.toks[last_tok - 1].kind == TokKind::kPunct &&
                                      (p_.toks[last_tok - 1].is(".") || p_.toks[last_tok - 1].is(";") ||
                                       p_.toks[last_tok - 1].is(":")));
        if (open && nx < window_ && nx <= i + 3 && kind(nx) == LineKind::kText && L(nx).te > L(nx).tb && lower_start(nx)) {
          i = nx;
        } else {
          break;
        }
      }
      const Line& l = L(i);
      if (taken > 0 && (l.kind != LineKind::kText || (l.blank_before && !lower_start(i)))) break;
      // A body opens with a sentence ("Thực hiện ...", "Tại Hội nghị ..."); a lower-case line
      // goes on with the subject ("tại buổi làm việc với ...").
      if (taken > 0 && is_body_opener(i) && l.te > l.tb && !lower_start(i)) break;
      // An upper-case subject goes on over upper-case lines, also one that a hyphen opens ("...
      // KINH TẾ" / "- XÃ HỘI VÀ ..."), and ends where a sentence in normal case starts (".. TRONG
      // CẢ NƯỚC" / "Ngày 24 tháng 6 năm 1977 ...").
      bool upper_going_on = taken > 0 && upper && l.upper;
      if (!upper_going_on && match_marker(p_.toks, p_.text, l.tb, l.te)) break;  // "II. NHIỆM VỤ" opens the body
      if (upper_going_on && match_marker(p_.toks, p_.text, l.tb, l.te) &&
          match_marker(p_.toks, p_.text, l.tb, l.te)->style != MarkerStyle::kDash)
        break;
      if (taken > 0 && upper && !l.upper && !lower_start(i)) break;
      if (taken > 0 && l.upper) {
        auto m = r_.term_table.match(p_.toks, l.tb, false);
        if (m.length > 0 && r_.term_kinds[m.value] != rules::TermKind::kTitle &&
            r_.term_kinds[m.value] != rules::TermKind::kLevel)
          break;  // "HỘI ĐỒNG NHÂN DÂN TỈNH ..." after the subject names the issuer
      }
      size_t tb = taken == 0 ? first_tok : l.tb;
      if (tb < l.te) {
        std::string part = tok_text(tb, l.te);
        s += (s.empty() ? "" : " ") + part;
        if (span.empty()) span.begin = p_.toks[tb].begin;
        span.end = p_.toks[l.te - 1].end;
        for (size_t k = tb; k < l.te; ++k)
          if (p_.toks[k].is_word() && !p_.toks[k].upper) upper = false;
        last_tok = l.te;
      }
      ++taken;
      ++i;
      subject_end_ = i;
    }
    return {clean_value(s), span};
  }

  void find_type_and_subject() {
    // Type title line near the top (after the number when there is one).
    size_t from = number_line_ != SIZE_MAX ? number_line_ : start_;
    for (size_t i = from; i < window_; ++i) {
      if (kind(i) == LineKind::kTypeTitle) { type_line_ = i; break; }
      if (kind(i) == LineKind::kRecipients || (kind(i) == LineKind::kText && L(i).words > 25)) break;
    }
    if (type_line_ == SIZE_MAX && number_line_ != SIZE_MAX) {
      for (size_t i = start_; i < number_line_; ++i)
        if (kind(i) == LineKind::kTypeTitle) { type_line_ = i; break; }
    }
    // Web copies without a number line open with a table of metadata: the title follows the
    // header's date line.
    if (type_line_ == SIZE_MAX && number_line_ == SIZE_MAX && date_line_ != SIZE_MAX) {
      for (size_t i = date_line_ + 1; i < window_; ++i) {
        if (kind(i) == LineKind::kTypeTitle) { type_line_ = i; break; }
        if (kind(i) == LineKind::kRecipients || (kind(i) == LineKind::kText && L(i).words > 25)) break;
      }
    }
    if (type_line_ != SIZE_MAX) {
      const Line& l = L(type_line_);
      auto m = r_.type_titles.match(p_.toks, l.tb, false, p_.text);
      if (m.length > 0) p_.doc.type = r_.doc_types[m.value].name;
      note_span("type", l.span);
    }
    // V/v subject: the last V/v line before the body, preferring one after the number.
    size_t vv = SIZE_MAX;
    for (size_t i = start_; i < window_; ++i) {
      if (kind(i) == LineKind::kSubjectVv) {
        vv = i;
        if (number_line_ == SIZE_MAX || i > number_line_) break;
      }
      if (kind(i) == LineKind::kRecipients) break;
    }
    if (vv != SIZE_MAX) {
      size_t t = L(vv).tb + 3;
      if (t < L(vv).te && p_.toks[t].kind == TokKind::kPunct && p_.toks[t].is(":")) ++t;
      auto [s, span] = collect_subject(vv, t, 6);
      if (!s.empty()) {
        p_.doc.subject = s;
        note_span("subject", span);
      }
      if (!p_.doc.type) p_.doc.type = "Công văn";
      subject_line_ = vv;
      return;
    }
    if (type_line_ != SIZE_MAX) {
      size_t i = type_line_ + 1;
      if (i < window_ && kind(i) == LineKind::kBlank) ++i;
      if (i < window_ && kind(i) == LineKind::kText) {
        // "CỦA BAN THƯỜNG VỤ TỈNH ỦY" names the issuer; the subject follows ("về ...").
        // Copies from the web put a blank line between them.
        const Line& l = L(i);
        size_t next = i + 1;
        if (next < window_ && kind(next) == LineKind::kBlank) ++next;
        if (p_.toks[l.tb].is_word() && p_.toks[l.tb].is("cua") && next < window_ && kind(next) == LineKind::kText &&
            (!L(next).blank_before || (p_.toks[L(next).tb].is_word() && p_.toks[L(next).tb].is("ve")))) {
          if (!p_.doc.issuer) {
            p_.doc.issuer = normal_case(tok_text(l.tb + 1, l.te), r_);
            note_span("issuer", tok_span(l.tb + 1, l.te));
          }
          i = next;
        }
        // "Thực hiện Chương trình ..." can be a subject; "Căn cứ Luật ...;" never is.
        const Line& sl = L(i);
        bool ends_clause = sl.te > sl.tb && p_.toks[sl.te - 1].kind == TokKind::kPunct &&
                           (p_.toks[sl.te - 1].is(";") || p_.toks[sl.te - 1].is(",") || p_.toks[sl.te - 1].is(":"));
        bool basis = p_.toks[sl.tb].is_word() && p_.toks[sl.tb].is("can") && sl.tb + 1 < sl.te &&
                     p_.toks[sl.tb + 1].is("cu");
        if (!basis && !ends_clause && sl.words <= 100) {
          auto [s, span] = collect_subject(i, L(i).tb, 5);
          if (!s.empty()) {
            p_.doc.subject = s;
            note_span("subject", span);
            subject_line_ = i;
          }
        }
      }
      return;
    }
    // Công văn without "V/v": the text between the number/date and "Kính gửi".
    size_t after = std::max(number_line_ == SIZE_MAX ? 0 : number_line_, date_line_ == SIZE_MAX ? 0 : date_line_);
    if (number_line_ == SIZE_MAX && date_line_ == SIZE_MAX) return;
    for (size_t i = after + 1; i < window_; ++i) {
      LineKind lk = kind(i);
      if (lk == LineKind::kBlank || lk == LineKind::kRule || lk == LineKind::kDateLine || lk == LineKind::kNational ||
          lk == LineKind::kMotto || lk == LineKind::kPartyTitle)
        continue;
      if (lk != LineKind::kText || is_body_opener(i) || L(i).words > 40) break;
      // It must be followed (after its paragraph) by Kính gửi, or be short.
      auto [s, span] = collect_subject(i, L(i).tb, 6);
      size_t nx = next_nonblank(subject_end_);
      bool before_recipients = nx < p_.lines.size() && (kind(nx) == LineKind::kRecipients || kind(nx) == LineKind::kDateLine);
      if (!s.empty() && before_recipients) {
        p_.doc.subject = s;
        note_span("subject", span);
        subject_line_ = i;
      } else {
        subject_end_ = 0;
      }
      break;
    }
  }

  // Splits the items of a list line: "- A; - B", "- A, - B". Returns [tb, te) ranges.
  std::vector<std::pair<size_t, size_t>> split_items(size_t tb, size_t te) const {
    std::vector<std::pair<size_t, size_t>> out;
    size_t s = tb;
    for (size_t k = tb; k < te; ++k) {
      const Token& t = p_.toks[k];
      if (t.kind != TokKind::kPunct || !(t.is("-") || t.is("+"))) continue;
      bool at_start = k == tb;
      bool after_end = k > tb && p_.toks[k - 1].kind == TokKind::kPunct &&
                       (p_.toks[k - 1].is(";") || p_.toks[k - 1].is(",") || p_.toks[k - 1].is(".") ||
                        p_.toks[k - 1].is(":") || p_.toks[k - 1].is(")"));
      bool spaced = k + 1 < te && p_.toks[k + 1].space_before;
      if (at_start || (after_end && (t.space_before || k == tb) && spaced)) {
        if (k > s) out.emplace_back(s, k);
        s = k + 1;
      }
    }
    if (te > s) out.emplace_back(s, te);
    return out;
  }

  void add_item(std::vector<std::string>& list, const std::string& key, size_t a, size_t b) {
    std::string v = clean_value(tok_text(a, b));
    if (v.empty()) return;
    note_span(key + "." + std::to_string(list.size()), tok_span(a, b));
    list.push_back(std::move(v));
  }

  // The list item that ends before token te ends with ; , . or :.
  bool item_closed(size_t te) const {
    if (te == 0) return true;
    const Token& t = p_.toks[te - 1];
    return t.kind == TokKind::kPunct && (t.is(";") || t.is(",") || t.is(".") || t.is(":"));
  }

  // A dashed list starting on line `li` after token `first`; returns the line after the list.
  size_t parse_list(size_t li, size_t first, std::vector<std::string>& list, const std::string& key, bool stop_at_signer) {
    std::vector<std::pair<size_t, size_t>> ranges;  // token ranges of items, in order
    auto flush_line = [&](size_t a, size_t b) {
      for (auto [s, e] : split_items(a, b)) ranges.emplace_back(s, e);
    };
    const Line& l = L(li);
    if (first < l.te) flush_line(first, l.te);
    size_t i = li + 1;
    size_t last = li;
    while (i < p_.lines.size()) {
      const Line& x = L(i);
      if (x.kind == LineKind::kBlank) { ++i; continue; }
      bool dash = starts_with_dash(i);
      if (dash && (ranges.empty() || i == last + 1 || next_nonblank(last + 1) == i)) {
        flush_line(x.tb, x.te);
        last = i;
        ++i;
        continue;
      }
      if (stop_at_signer && ranges.empty() && x.kind == LineKind::kAuthority) { last = i; ++i; continue; }
      // Continuation of the previous item: no blank line, not another element; a lower-case
      // line, or any line after an item cut off without its ; , . ("- Cục Kiểm tra văn bản (Bộ"
      // / "Tư pháp);").
      if (!ranges.empty() && !x.blank_before && x.kind == LineKind::kText && i == last + 1 && !x.upper &&
          x.words <= 14 && !is_image_line(i) && (!p_.toks[x.tb].capitalized || (stop_at_signer && !item_closed(ranges.back().second) &&
                                                           !is_signature_line(i)))) {
        ranges.back().second = x.te;
        last = i;
        ++i;
        continue;
      }
      // The signature laid out beside the list (a table's right column, a column of spaces)
      // comes between its items: "- Như Điều 2;" / "CHỦ TỊCH" / "- Các Bộ: ...". Its lines are
      // skipped when the list goes on right after them.
      if (stop_at_signer && !ranges.empty() && i == last + 1) {
        size_t j = i;
        while (j < p_.lines.size() && j < i + 4 && kind(j) != LineKind::kBlank && is_signature_line(j)) ++j;
        if (j > i && j < p_.lines.size() && starts_with_dash(j)) {
          last = j - 1;
          i = j;
          continue;
        }
      }
      break;
    }
    for (auto [a, b] : ranges) add_item(list, key, a, b);
    return last + 1;
  }

  void find_recipients() {
    for (size_t i = start_; i < window_; ++i) {
      if (kind(i) != LineKind::kRecipients) continue;
      const Line& l = L(i);
      size_t m = h_.recipients.match(p_.toks, l.tb, l.te);
      size_t t = l.tb + m;
      if (t < l.te && p_.toks[t].kind == TokKind::kPunct && p_.toks[t].is(":")) ++t;
      bool inline_items = t < l.te && !(p_.toks[t].kind == TokKind::kPunct && p_.toks[t].is("-"));
      if (inline_items) {
        // "Kính gửi: Ủy ban nhân dân tỉnh Long An" - one item, or several separated by ';'.
        size_t s = t;
        for (size_t k = t; k <= l.te; ++k) {
          if (k == l.te || (p_.toks[k].kind == TokKind::kPunct && p_.toks[k].is(";"))) {
            add_item(p_.doc.recipients, "recipients", s, k);
            s = k + 1;
          }
        }
        recipients_end_ = parse_list(i, l.te, p_.doc.recipients, "recipients", false);
      } else {
        recipients_end_ = parse_list(i, t, p_.doc.recipients, "recipients", false);
      }
      recipients_line_ = i;
      return;
    }
  }

  // Copies without the header block name the issuer after the title: "HỘI ĐỒNG NHÂN DÂN TỈNH
  // BẮC GIANG / KHÓA XVIII, KỲ HỌP THỨ 3", or the authority line of a decision ("ỦY BAN NHÂN DÂN
  // THÀNH PHỐ HÀ NỘI" before "Căn cứ").
  void find_issuer_after_title() {
    if (p_.doc.issuer) return;
    size_t from = type_line_ != SIZE_MAX ? type_line_ + 1 : start_;
    for (size_t i = from; i < window_ && i < from + 12; ++i) {
      const Line& l = L(i);
      if (l.kind == LineKind::kBlank) continue;
      if (l.kind != LineKind::kText || is_body_opener(i)) {
        if (l.kind == LineKind::kText) break;
        continue;
      }
      if (!l.upper) continue;
      auto m = r_.term_table.match(p_.toks, l.tb, false);
      if (m.length == 0) continue;
      auto tk = r_.term_kinds[m.value];
      if (tk != rules::TermKind::kBody && tk != rules::TermKind::kPlaceBody) continue;
      // "HỘI ĐỒNG NHÂN DÂN" / "TỈNH ĐỒNG THÁP": a name wrapped onto the next line.
      size_t last = i;
      size_t nx = i + 1;
      if (nx < window_ && kind(nx) == LineKind::kText && L(nx).upper && !L(nx).blank_before && is_level_start(nx))
        last = nx;
      p_.doc.issuer = normal_case(tok_text(l.tb, L(last).te), r_);
      note_span("issuer", tok_span(l.tb, L(last).te));
      return;
    }
  }

  // Web copies: "Số hiệu" / "34/2026/QĐ-TTg" rows or "Cơ quan ban hành: X" lines fill what the
  // header did not give.
  void from_metadata() {
    const auto& labels = h_.metadata_labels;
    if (labels.empty()) return;
    size_t limit = std::min(p_.lines.size(), start_ + 140);
    for (size_t i = 0; i < limit; ++i) {
      const Line& l = L(i);
      if (l.kind == LineKind::kBlank || l.te <= l.tb) continue;
      if (!p_.toks[l.tb].is_word() || !p_.toks[l.tb].capitalized) continue;
      for (const auto& [words, field] : labels) {
        size_t k = l.tb, w = 0;
        while (w < words.size() && k < l.te && p_.toks[k].is_word() && p_.toks[k].fold == words[w]) { ++k; ++w; }
        if (w < words.size()) continue;
        size_t vb, ve;
        if (k < l.te && p_.toks[k].kind == TokKind::kPunct && p_.toks[k].is(":")) {
          vb = k + 1;
          ve = l.te;
        } else if (k == l.te) {
          size_t nx = next_nonblank(i + 1);
          if (nx >= p_.lines.size() || nx > i + 2) continue;
          vb = L(nx).tb;
          ve = L(nx).te;
        } else {
          continue;
        }
        if (vb >= ve) continue;
        apply_metadata(field, vb, ve);
        break;
      }
    }
  }

  void apply_metadata(const std::string& field, size_t vb, size_t ve) {
    std::string value = clean_value(tok_text(vb, ve));
    std::string f = viet::fold(value);
    if (value.empty() || f.rfind("dang cap nhat", 0) == 0) return;
    if (field == "number" && !p_.doc.symbol) {
      if (auto dn = parse_doc_number(p_.text, p_.toks, vb, ve, r_, false)) set_number(*dn);
    } else if (field == "type" && !p_.doc.type) {
      auto m = r_.type_titles.match(p_.toks, vb, false, p_.text);
      if (m.length > 0) p_.doc.type = r_.doc_types[m.value].name;
    } else if (field == "issuer" && !p_.doc.issuer) {
      size_t paren = value.find(" (");
      p_.doc.issuer = paren == std::string::npos ? value : value.substr(0, paren);
      note_span("issuer", tok_span(vb, ve));
    } else if (field == "date" && !p_.doc.date) {
      size_t k = vb;
      if (auto dm = parse_date(p_.toks, k, ve, false); dm && dm->date.y) p_.doc.date = dm->date;
      else if (ve - vb >= 5 && p_.toks[vb].is_number()) {
        // "08 tháng 7 năm 2026" without "ngày"
        std::vector<Token> tmp;
        Token ngay;
        ngay.kind = TokKind::kWord;
        ngay.fold = "ngay";
        tmp.push_back(ngay);
        tmp.insert(tmp.end(), p_.toks.begin() + static_cast<long>(vb), p_.toks.begin() + static_cast<long>(ve));
        if (auto d2 = parse_date(tmp, 0, tmp.size(), false); d2 && d2->date.y) p_.doc.date = d2->date;
      }
      if (p_.doc.date && p_.doc.date->complete() && !p_.reference_date) p_.reference_date = p_.doc.date->date();
    } else if (field == "subject" && !p_.doc.subject) {
      p_.doc.subject = value;
    } else if (field == "signer" && !p_.doc.signer) {
      // "Phó Thủ tướng Phạm Thị Thanh Trà"; not "Thủ tướng Chính phủ" (the issuer named as signer).
      Signer s;
      auto m = r_.term_table.match(p_.toks, vb, false, p_.text);
      size_t nb = vb;
      if (m.length > 0 && r_.term_kinds[m.value] == rules::TermKind::kTitle) {
        s.title = normal_case(tok_text(vb, vb + m.length), r_);
        nb = vb + m.length;
      }
      if (nb < ve) {
        auto b = r_.term_table.match(p_.toks, nb, false, p_.text);
        if (b.length > 0 && r_.term_kinds[b.value] != rules::TermKind::kLevel) return;
        s.name = clean_value(tok_text(nb, ve));
      }
      p_.doc.signer = s;
    }
  }

  void find_body_begin() {
    size_t b = start_;
    for (size_t x : {number_line_, number_end_line_, date_line_, type_line_, subject_line_, recipients_line_})
      if (x != SIZE_MAX) b = std::max(b, x + 1);
    if (subject_end_ != SIZE_MAX && subject_end_ > 0) b = std::max(b, subject_end_);
    if (recipients_end_ != SIZE_MAX) b = std::max(b, recipients_end_);
    // Skip remaining header furniture.
    while (b < p_.lines.size()) {
      LineKind lk = kind(b);
      if (lk == LineKind::kBlank || lk == LineKind::kRule || lk == LineKind::kNational || lk == LineKind::kMotto ||
          lk == LineKind::kPartyTitle || lk == LineKind::kDateLine)
        ++b;
      else
        break;
    }
    p_.body_begin = b;
    p_.body_end = late_header_ > b && late_header_ != SIZE_MAX ? late_header_ : p_.lines.size();
  }

  bool is_name_line(size_t i) const {
    const Line& l = L(i);
    if (l.kind != LineKind::kText || l.words < 2 || l.words > 6) return false;
    for (size_t k = l.tb; k < l.te; ++k) {
      const Token& t = p_.toks[k];
      if (t.kind == TokKind::kNumber) return false;
      if (t.is_word() && !t.capitalized) return false;
      if (t.kind == TokKind::kPunct && !t.is(".") && !t.is("-")) return false;
    }
    // An upper-case line that is a title is not a name.
    auto m = r_.term_table.match(p_.toks, l.tb, false);
    if (m.length > 0 && r_.term_kinds[m.value] == rules::TermKind::kTitle) return false;
    return true;
  }

  bool is_signature_noise(size_t i) const {
    const Line& l = L(i);
    std::string f;
    for (size_t k = l.tb; k < l.te; ++k)
      if (p_.toks[k].is_word()) f.append(p_.toks[k].fold.view()).push_back(' ');
    static const char* kNoise[] = {"da ky", "ky ", "daky", "ky boi", "dong dau", "ky ten", "ky va", "chu ky",
                                   "ky, ", "ky so", "ky dien tu"};
    for (const char* x : kNoise)
      if (f.rfind(x, 0) == 0) return true;
    return false;
  }

  // An image a web copy left in the signature ("![](https://...png)"): a seal or a scanned signature.
  bool is_image_line(size_t i) const {
    const Line& l = L(i);
    return l.te >= l.tb + 2 && p_.toks[l.tb].kind == TokKind::kPunct && p_.toks[l.tb].is("!") &&
           p_.toks[l.tb + 1].is("[");
  }

  bool is_title_at(size_t k, size_t te) const {
    if (k >= te || !p_.toks[k].is_word()) return false;
    auto m = r_.term_table.match(p_.toks, k, false);
    return m.length > 0 && r_.term_kinds[m.value] == rules::TermKind::kTitle && k + static_cast<size_t>(m.length) <= te;
  }

  // End of the upper-case words from tb and the punctuation between them ("BỘ TRƯỞNG, CHỦ NHIỆM").
  size_t upper_run(size_t tb, size_t te) const {
    size_t end = tb;
    for (size_t k = tb; k < te; ++k) {
      const Token& t = p_.toks[k];
      if (t.is_word()) {
        if (!t.upper) break;
        end = k + 1;
      } else if (!(t.kind == TokKind::kPunct && (t.is(",") || t.is("-") || t.is(".")))) {
        break;
      }
    }
    return end;
  }

  // A person's name from k: two to six capitalised words, not in capitals ("Nguyễn Tấn Dũng",
  // "Nguyễn Văn A"), ending the line or followed by something that is no word of a sentence
  // (punctuation, an upper-case word). Returns its end, or k when there is none.
  size_t name_run(size_t k, size_t te) const {
    size_t j = k;
    int words = 0;
    while (j < te && words < 6) {
      const Token& t = p_.toks[j];
      if (!t.is_word() || !t.capitalized || (t.upper && t.fold.size() > 1 && words == 0)) break;
      if (t.upper && t.fold.size() > 1) break;
      ++words;
      ++j;
    }
    if (words < 2) return k;
    if (j < te && p_.toks[j].is_word() && !p_.toks[j].upper) return k;  // "Sở Tài chính ..."
    auto m = r_.term_table.match(p_.toks, k, false);
    if (m.length > 0 && r_.term_kinds[m.value] != rules::TermKind::kLevel) return k;  // "Chính phủ"
    return j;
  }

  // "(Đã ký)", "(đã ký)" between a title and a name: the index after it.
  size_t skip_signed_mark(size_t k, size_t te) const {
    if (k + 3 < te && p_.toks[k].is("(") && p_.toks[k + 1].is("da") && p_.toks[k + 2].is("ky")) {
      size_t j = k + 3;
      while (j < te && j < k + 8 && !p_.toks[j].is(")")) ++j;
      if (j < te) return j + 1;
    }
    return k;
  }

  // The titles and the name of a signature line: "PHÓ CHỦ TỊCH Nguyễn Văn A", "BỘ TRƯỞNG, CHỦ
  // NHIỆM Mai Tiến Dũng", "THỦ TƯỚNG (Đã ký) Nguyễn Tấn Dũng", "TỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC
  // TRƯỞNG Vũ Ngọc Anh TÊN ĐƠN VỊ ..." (an attached form glued after the name). Titles are
  // [tb, ue); the name [nb, ne), empty when there is none.
  struct TitleName {
    size_t ue = 0, nb = 0, ne = 0;
  };
  TitleName title_and_name(size_t tb, size_t te) const {
    TitleName r;
    r.ue = upper_run(tb, te);
    size_t k = r.ue;
    while (k < te && p_.toks[k].kind == TokKind::kPunct && (p_.toks[k].is("-") || p_.toks[k].is(":"))) ++k;
    k = skip_signed_mark(k, te);
    r.nb = k;
    r.ne = name_run(k, te);
    if (r.ne == k) r.nb = r.ne = te;
    return r;
  }

  // A line that opens with an upper-case title, alone or followed by a name: "THỨ TRƯỞNG",
  // "CHỦ TỊCH Đặng Văn Minh". Returns its title-and-name split, or nothing.
  std::optional<TitleName> title_line(size_t i) const {
    const Line& l = L(i);
    if (l.kind != LineKind::kText || !is_title_at(l.tb, l.te) || !p_.toks[l.tb].upper) return std::nullopt;
    TitleName tn = title_and_name(l.tb, l.te);
    size_t words = 0;
    for (size_t k = l.tb; k < tn.ue; ++k)
      if (p_.toks[k].is_word()) ++words;
    if (words > 8) return std::nullopt;
    // Nothing but the titles, the name and what a form glued after it.
    size_t rest = tn.nb < l.te ? tn.ne : skip_signed_mark(tn.ue, l.te);
    if (rest < l.te && !(p_.toks[rest].is_word() && p_.toks[rest].upper && tn.nb < l.te)) return std::nullopt;
    return tn;
  }

  // A title written in normal case on a line of its own: "Phó Thủ tướng", "Thứ trưởng".
  bool is_plain_title_line(size_t i) const {
    const Line& l = L(i);
    if (l.kind != LineKind::kText || l.te <= l.tb) return false;
    auto m = r_.term_table.match(p_.toks, l.tb, false);
    if (m.length == 0 || r_.term_kinds[m.value] != rules::TermKind::kTitle) return false;
    size_t end = l.tb + static_cast<size_t>(m.length);
    while (end < l.te && p_.toks[end].kind == TokKind::kPunct) ++end;
    return end == l.te;
  }

  // A line of the signature block: authority, title, name, "(Đã ký)", an image of the seal.
  bool is_signature_line(size_t i) const {
    return authority_line(i) || title_line(i) || is_plain_title_line(i) || is_name_line(i) ||
           is_signature_noise(i) || is_image_line(i);
  }

  // Upper-case words [tb, te) -> on_behalf and title: "BỘ TRƯỞNG THỨ TRƯỞNG",
  // "ỦY BAN NHÂN DÂN TỈNH CHỦ TỊCH", "BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM". The title is the last
  // run of the line that is a title name; what comes before it is on whose behalf.
  std::pair<std::string, std::string> split_titles(size_t tb, size_t te) const {
    size_t k = tb;
    while (k < te && !p_.toks[k].is_word()) ++k;
    for (size_t cut = k + 1; cut < te; ++cut) {
      if (!p_.toks[cut].is_word()) continue;
      auto m = r_.term_table.match(p_.toks, cut, false);
      if (m.length == 0 || r_.term_kinds[m.value] != rules::TermKind::kTitle) continue;
      if (cut + static_cast<size_t>(m.length) != te) continue;  // the title ends the line
      // "BỘ TRƯỞNG, CHỦ NHIỆM" is one title; do not cut inside a longer title that starts earlier.
      auto whole = r_.term_table.match(p_.toks, k, false);
      if (whole.length > 0 && k + static_cast<size_t>(whole.length) >= te) break;
      size_t end = cut;
      while (end > k && p_.toks[end - 1].kind == TokKind::kPunct) --end;
      return {normal_case(tok_text(tb, end), r_), normal_case(tok_text(cut, te), r_)};
    }
    return {normal_case(tok_text(tb, te), r_), {}};
  }

  // An authority marker on line i ("KT. BỘ TRƯỞNG", or "KT." alone with what it signs for on the
  // next line): the marker and the tokens after it, up to the end of line `last`.
  struct AuthorityLine {
    internal::AuthorityMatch am;
    size_t tb = 0, te = 0, last = 0;
  };
  std::optional<AuthorityLine> authority_line(size_t i) const {
    const Line& l = L(i);
    if (l.kind == LineKind::kAuthority) {
      auto am = internal::match_authority(p_.text, p_.toks, l.tb, l.te, r_);
      if (am.length) return AuthorityLine{am, l.tb + am.length, l.te, i};
    }
    if (l.kind != LineKind::kText || l.te <= l.tb || l.te - l.tb > 4) return std::nullopt;
    size_t nx = next_nonblank(i + 1);
    if (nx >= p_.lines.size() || nx > i + 2 || kind(nx) != LineKind::kText || !p_.toks[L(nx).tb].is_word() ||
        !p_.toks[L(nx).tb].upper)
      return std::nullopt;
    std::vector<Token> joined(p_.toks.begin() + static_cast<long>(l.tb), p_.toks.begin() + static_cast<long>(l.te));
    joined.push_back(p_.toks[L(nx).tb]);
    auto am = internal::match_authority(p_.text, joined, 0, joined.size(), r_);
    if (am.length != l.te - l.tb) return std::nullopt;
    return AuthorityLine{am, L(nx).tb, L(nx).te, nx};
  }

  void find_distribution_and_signer() {
    size_t n = p_.lines.size();
    size_t dist = SIZE_MAX, auth = SIZE_MAX;
    for (size_t i = p_.body_begin; i < n; ++i) {
      if (kind(i) == LineKind::kDistribution && dist == SIZE_MAX) dist = i;
    }
    size_t list_end = dist;
    if (dist != SIZE_MAX) {
      const Line& l = L(dist);
      size_t m = h_.distribution.match(p_.toks, l.tb, l.te);
      size_t t = l.tb + m;
      if (t < l.te && p_.toks[t].kind == TokKind::kPunct && p_.toks[t].is(":")) ++t;
      list_end = parse_list(dist, t, p_.doc.distribution, "distribution", true);
      p_.body_end = std::min(p_.body_end, dist);
    }
    // Signature blocks: the first one that carries a name wins (appendices repeat the
    // signature or hold blank forms "TM. UBND XÃ/PHƯỜNG ..."); else the first one.
    std::vector<size_t> blocks;
    for (size_t i = p_.body_begin; i < n; ++i) {
      auto al = authority_line(i);
      if (!al) continue;
      if (!blocks.empty()) {
        size_t prev = blocks.back();
        size_t q = i;
        while (q > prev && (kind(q - 1) == LineKind::kBlank || authority_line(q - 1))) --q;
        if (q <= prev) continue;  // stacked under the previous block
      }
      if (line_text(i).find("...") != std::string::npos) continue;  // a blank form
      blocks.push_back(i);
    }
    auto in_list = [&](size_t b) { return dist != SIZE_MAX && b > dist && b < list_end ? list_end : 0; };
    for (size_t b : blocks) {
      Signer s = signer_at(b, in_list(b));
      if (s.name) { auth = b; break; }
    }
    if (auth == SIZE_MAX && !blocks.empty()) auth = blocks.front();
    if (auth != SIZE_MAX) {
      p_.doc.signer = signer_at(auth, in_list(auth));
      note_span("signer", p_.doc.signer->span);
      p_.body_end = std::min(p_.body_end, auth);
    } else {
      parse_signer_without_authority(dist, list_end);
    }
  }

  // The signature that starts at authority line a. Lines up to list_end belong to the Nơi nhận
  // list laid out beside it (a table's or a text column's right side): its items are skipped.
  Signer signer_at(size_t a, size_t list_end) {
    Signer s;
    size_t i = a;
    size_t tb = 0, te = 0;
    Span span = L(a).span;
    // Innermost authority of a stack decides.
    while (auto al = authority_line(i)) {
      s.authority = al->am.value;
      authority_style_ = al->am.style;
      tb = al->tb;
      te = al->te;
      i = al->last;
      span.end = L(i).span.end;
      size_t nx = next_nonblank(i + 1);
      if (nx < p_.lines.size() && nx - i <= 2 && authority_line(nx)) i = nx;
      else break;
    }
    TitleName tn = title_and_name(tb, te);
    auto [on_behalf, title] = split_titles(tb, tn.ue);
    if (!on_behalf.empty()) s.on_behalf = on_behalf;
    if (!title.empty()) s.title = title;
    if (tn.ne > tn.nb) s.name = clean_value(tok_text(tn.nb, tn.ne));
    // Following lines: title (upper case), then the name.
    size_t k = i + 1;
    size_t seen = 0;
    size_t title_at = i;  // the line that ended the title so far
    while (k < p_.lines.size() && seen < 8 && !s.name) {
      const Line& l = L(k);
      if (l.kind == LineKind::kBlank || l.kind == LineKind::kRule || is_image_line(k)) { ++k; continue; }
      if (k < list_end && !title_line(k) && !is_plain_title_line(k) && !is_name_line(k)) { ++k; continue; }
      if (l.kind == LineKind::kDistribution || starts_with_dash(k)) break;
      ++seen;
      if (is_signature_noise(k)) { ++k; continue; }
      if (!s.title) {
        if (auto t = title_line(k)) {
          s.title = normal_case(tok_text(l.tb, t->ue), r_);
          if (t->ne > t->nb) s.name = clean_value(tok_text(t->nb, t->ne));
          span.end = l.span.end;
          title_at = k++;
          continue;
        }
        if (is_plain_title_line(k)) {
          s.title = clean_value(line_text(k));
          span.end = l.span.end;
          title_at = k++;
          continue;
        }
        if (l.kind == LineKind::kText && l.upper && l.words <= 8) {
          s.title = normal_case(line_text(k), r_);
          span.end = l.span.end;
          title_at = k++;
          continue;
        }
      }
      if (l.kind == LineKind::kText && l.upper && s.title && l.words <= 4 && seen <= 2 && !is_name_line(k) &&
          next_nonblank(title_at + 1) == k) {
        // A title wrapped onto a second line.
        s.title = *s.title + " " + normal_case(line_text(k), r_);
        title_at = k++;
        continue;
      }
      if (is_name_line(k) || (l.kind == LineKind::kText && l.upper && l.words >= 2 && l.words <= 5 && s.title)) {
        s.name = name_of_line(k);
        span.end = l.span.end;
        break;
      }
      break;
    }
    s.span = span;
    return s;
  }

  // The name printed on line k, in normal case when printed in capitals ("NGUYỄN VĂN A").
  std::string name_of_line(size_t k) const {
    std::string nm = clean_value(line_text(k));
    if (!L(k).upper) return nm;
    std::string out;
    auto toks = tokenize(nm);
    for (const auto& t : toks) {
      std::string w(t.text(nm));
      std::string low = viet::to_lower(w);
      if (t.is_word() && !low.empty()) {
        size_t len = 0;
        char32_t c0 = utf8::decode(low, 0, &len);
        w = utf8::encode(viet::to_upper(c0)) + low.substr(len);
      }
      out += (out.empty() || !t.space_before ? "" : " ") + w;
    }
    return out;
  }

  // The titles of a head who signs in person: one title ("THỦ TƯỚNG", "CHỦ TỊCH QUỐC HỘI"), or
  // two offices held at once ("TRƯỞNG BAN PHÓ THỦ TƯỚNG" -> "Trưởng ban, Phó Thủ tướng").
  std::string head_titles(size_t tb, size_t te) const {
    auto [first, second] = split_titles(tb, te);
    if (second.empty()) return first;
    auto toks = tokenize(first);
    auto m = r_.term_table.match(toks, 0, false);
    bool first_is_title = m.length > 0 && r_.term_kinds[m.value] == rules::TermKind::kTitle &&
                          static_cast<size_t>(m.length) == toks.size();
    return first_is_title ? first + ", " + second : normal_case(tok_text(tb, te), r_);
  }

  // A signature without TM./KT. whose title is on line i: the head signing in person.
  std::optional<Signer> head_signer_at(size_t i, size_t list_end) const {
    auto tn = title_line(i);
    if (!tn) return std::nullopt;
    const Line& l = L(i);
    Signer s;
    s.title = head_titles(l.tb, tn->ue);
    if (tn->ne > tn->nb) s.name = clean_value(tok_text(tn->nb, tn->ne));
    size_t seen = 0;
    for (size_t k = i + 1; k < p_.lines.size() && seen < 5 && !s.name; ++k) {
      if (kind(k) == LineKind::kBlank || kind(k) == LineKind::kRule || is_image_line(k) || is_signature_noise(k)) continue;
      if (k < list_end && !is_name_line(k)) continue;  // the list's items beside the signature
      ++seen;
      if (is_name_line(k)) s.name = name_of_line(k);
      break;
    }
    if (!s.name) return std::nullopt;
    s.span = l.span;
    return s;
  }

  // Documents signed by the head in person: "THỦ TƯỚNG" / name, without TM./KT. The signature
  // stands after the Nơi nhận list, beside it, before it, or at the very end of the document.
  void parse_signer_without_authority(size_t dist, size_t list_end) {
    size_t n = p_.lines.size();
    std::vector<size_t> order;
    if (dist != SIZE_MAX) {
      for (size_t i = list_end; i < n && i < list_end + 6; ++i) order.push_back(i);
      for (size_t i = dist; i-- > p_.body_begin && i + 15 > dist;) order.push_back(i);
      for (size_t i = dist + 1; i < list_end; ++i) order.push_back(i);
    }
    size_t from = std::max(n > 25 ? n - 25 : size_t{0}, p_.body_begin);
    for (size_t i = n; i-- > from;) order.push_back(i);
    for (size_t i : order) {
      auto s = head_signer_at(i, list_end == SIZE_MAX ? 0 : list_end);
      if (!s) continue;
      p_.doc.signer = *s;
      note_span("signer", s->span);
      if (dist == SIZE_MAX || i < dist) p_.body_end = std::min(p_.body_end, i);
      return;
    }
  }

  void decide_kind() {
    bool national = false, party = false;
    for (size_t i = start_; i < window_; ++i) {
      if (kind(i) == LineKind::kNational) national = true;
      if (kind(i) == LineKind::kPartyTitle) party = true;
    }
    DocKind k = DocKind::kUnknown;
    if (national && !party) k = DocKind::kState;
    else if (party && !national) k = DocKind::kParty;
    else if (number_.style != DocKind::kUnknown) k = number_.style;
    else if (authority_style_ != DocKind::kUnknown) k = authority_style_;
    else if (p_.doc.issuer) {
      std::string f = " " + viet::fold(*p_.doc.issuer) + " ";
      static const char* kParty[] = {" dang ", " tinh uy ", " thanh uy ", " huyen uy ", " quan uy ", " chi bo ",
                                     " ban chap hanh ", " ban thuong vu ", " bo chinh tri ", " ban bi thu "};
      static const char* kState[] = {" hoi dong nhan dan ", " uy ban nhan dan ", " chinh phu ", " quoc hoi ",
                                     " thu tuong ", " bo ", " so ", " ubnd ", " hdnd "};
      for (const char* x : kParty)
        if (f.find(x) != std::string::npos) k = DocKind::kParty;
      if (k == DocKind::kUnknown)
        for (const char* x : kState)
          if (f.find(x) != std::string::npos) k = DocKind::kState;
    }
    if (k == DocKind::kUnknown && p_.doc.type) {
      // Types only the State issues.
      static const char* kStateTypes[] = {"Nghị định", "Thông tư", "Luật", "Pháp lệnh", "Thông tư liên tịch", "Công điện"};
      for (const char* x : kStateTypes)
        if (*p_.doc.type == x) k = DocKind::kState;
    }
    p_.doc.kind = k;
    // Type from the symbol's code when no title line said it.
    if (!p_.doc.type && !number_.symbol.empty()) {
      if (!number_.type_code.empty()) {
        int t = r_.type_for_code(number_.type_code, k == DocKind::kUnknown ? number_.style : k);
        if (t >= 0) p_.doc.type = r_.doc_types[t].name;
      } else if (number_.style == DocKind::kState) {
        // State công văn carry no type code: the symbol starts with the issuer.
        p_.doc.type = "Công văn";
      }
    }
  }

  Parsed& p_;
  const rules::Rules& r_;
  const internal::HeaderPhrases& h_;
  size_t start_ = 0, window_ = 0;
  size_t late_header_ = SIZE_MAX;
  size_t number_line_ = SIZE_MAX, number_end_line_ = SIZE_MAX, date_line_ = SIZE_MAX, type_line_ = SIZE_MAX, subject_line_ = SIZE_MAX;
  size_t subject_end_ = SIZE_MAX, recipients_line_ = SIZE_MAX, recipients_end_ = SIZE_MAX;
  DocNumber number_;
  DocKind authority_style_ = DocKind::kUnknown;
};

// Copies that flattened the title block glue the subject, and sometimes the body's first
// sentence, to the type name: "QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH ...", "NGHỊ QUYẾT VỀ ...", "CHỈ THỊ
// VỀ CÔNG TÁC ... TRONG CẢ NƯỚC Ngày 24 tháng 6 năm 1977 Hội đồng Chính phủ ...", "KẾ HOẠCH Thực
// hiện công tác ...". In a copy whose header has no title line, the first such line (before
// Kính gửi or a numbered item) is cut: the type name, an upper-case subject, the text after it.
void split_glued_title(Parsed& p, const rules::Rules& rules) {
  auto& lines = p.lines;
  const auto& toks = p.toks;
  size_t i = 0;
  while (i < lines.size() && (lines[i].kind == LineKind::kFrontMatter || lines[i].kind == LineKind::kBlank)) ++i;
  size_t end = std::min(lines.size(), i + 90);
  for (size_t k = i; k < end; ++k)
    if (lines[k].kind == LineKind::kTypeTitle) return;
  for (; i < end; ++i) {
    const Line l = lines[i];
    if (l.kind == LineKind::kRecipients || l.kind == LineKind::kDistribution || l.kind == LineKind::kAuthority) return;
    if (l.kind != LineKind::kText || l.te <= l.tb) continue;
    if (auto mk = match_marker(toks, p.text, l.tb, l.te); mk && mk->style != MarkerStyle::kDash) return;
    auto m = rules.type_titles.match(toks, l.tb, false, p.text);
    if (m.length == 0) continue;
    size_t t = l.tb + static_cast<size_t>(m.length);
    bool title_upper = true;
    for (size_t k = l.tb; k < t; ++k)
      if (toks[k].is_word() && !toks[k].upper) title_upper = false;
    // "QUYẾT ĐỊNH:" before the articles, "QUYẾT ĐỊNH SỐ 12/QĐ-UBND" name no subject.
    if (!title_upper || t >= l.te || !toks[t].is_word() || (toks[t].is("so") && t + 1 < l.te && toks[t + 1].is_number()))
      continue;
    std::vector<size_t> cuts{l.tb, t};
    if (toks[t].upper) {
      size_t k = t;
      while (k < l.te && !(toks[k].is_word() && !toks[k].upper)) ++k;
      if (k < l.te && toks[k].capitalized) cuts.push_back(k);
    }
    cuts.push_back(l.te);
    std::vector<Line> parts;
    for (size_t c = 0; c + 1 < cuts.size(); ++c) {
      Line x = l;
      x.tb = cuts[c];
      x.te = cuts[c + 1];
      x.span = Span{toks[x.tb].begin, toks[x.te - 1].end};
      x.words = 0;
      x.upper = true;
      for (size_t k = x.tb; k < x.te; ++k)
        if (toks[k].is_word()) {
          ++x.words;
          if (!toks[k].upper) x.upper = false;
        }
      x.kind = c == 0 ? LineKind::kTypeTitle : LineKind::kText;
      if (c > 0) x.blank_before = false;
      parts.push_back(x);
    }
    lines.erase(lines.begin() + static_cast<long>(i));
    lines.insert(lines.begin() + static_cast<long>(i), parts.begin(), parts.end());
    return;
  }
}

}  // namespace

Parsed parse(std::string_view text, const rules::Rules& rules, const std::vector<TextTableRow>& tables) {
  return parse(text, tokenize(text), rules, tables);
}

Parsed parse(std::string_view text, std::vector<Token> toks, const rules::Rules& rules,
             const std::vector<TextTableRow>& tables) {
  Parsed p;
  p.text = text;
  p.toks = std::move(toks);
  p.lines = internal::build_lines(text, p.toks, rules);
  split_glued_title(p, rules);
  p.task_tables = internal::find_task_tables(p.lines, p.toks, tables, rules);
  HeaderParser(p, rules).run();
  internal::find_parts(p, rules);
  std::vector<std::string> issuer_words;
  if (p.doc.issuer) issuer_words = rules::fold_words(*p.doc.issuer);
  p.outline = parse_outline(p.lines, p.toks, p.text, p.body_begin, p.body_end, issuer_words);
  for (auto& part : p.parts)
    part.outline = parse_outline(p.lines, p.toks, p.text, part.begin, part.end, issuer_words);
  return p;
}

}  // namespace dondoc::structure

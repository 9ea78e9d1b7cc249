// Outline of the body: numbered items and their nesting.
#include <algorithm>
#include <cstdlib>

#include "structure/internal.h"

namespace dondoc::structure {
namespace {

bool punct_is(const Token& t, std::string_view p) { return t.kind == TokKind::kPunct && t.fold == p; }

bool is_roman(std::string_view w) {
  if (w.empty() || w.size() > 6) return false;
  for (char c : w)
    if (c != 'I' && c != 'V' && c != 'X' && c != 'L') return false;
  return true;
}

bool followed_by_content(const std::vector<Token>& toks, size_t k, size_t te) {
  return k < te && toks[k].space_before;
}

}  // namespace

std::optional<Marker> match_marker(const std::vector<Token>& toks, std::string_view text, size_t tb, size_t te) {
  if (tb >= te) return std::nullopt;
  const Token& t0 = toks[tb];
  // Dashes and bullets.
  if (t0.kind == TokKind::kPunct && (t0.is("-") || t0.is("•") || t0.is("·") || t0.is("+") ||
                                     t0.is("*"))) {
    if (tb + 1 < te && toks[tb + 1].kind == TokKind::kPunct && toks[tb + 1].is("-")) return std::nullopt;  // "--"
    // "- a) ...", "- 1. ...": a Markdown list bullet before the document's own label (web copies
    // that render lettered and numbered points as lists); the label is the marker.
    if (tb + 1 < te && toks[tb + 1].space_before) {
      auto inner = match_marker(toks, text, tb + 1, te);
      if (inner && (inner->style == MarkerStyle::kLetter || inner->style == MarkerStyle::kArabic ||
                    inner->style == MarkerStyle::kParen)) {
        inner->length += 1;
        return inner;
      }
    }
    Marker m{t0.is("+") ? MarkerStyle::kPlus : MarkerStyle::kDash, 1, "", 1};
    return m;
  }
  // (1), (a)
  if (punct_is(t0, "(") && tb + 2 < te && punct_is(toks[tb + 2], ")") && !toks[tb + 1].space_before &&
      followed_by_content(toks, tb + 3, te)) {
    const Token& x = toks[tb + 1];
    if (x.is_number() && x.fold.size() <= 3) return Marker{MarkerStyle::kParen, 1, "(" + std::string(x.fold.view()) + ")", 3};
    if (x.is_word() && x.fold.size() == 1 && !x.upper)
      return Marker{MarkerStyle::kLetter, 1, std::string(x.text(text)), 3};
  }
  // Phần I, Chương II, Mục 1, Điều 5.
  if (t0.is_word() && t0.capitalized && tb + 1 < te) {
    const Token& x = toks[tb + 1];
    MarkerStyle st;
    bool ok = true;
    if (t0.is("phan")) st = MarkerStyle::kPart;
    else if (t0.is("chuong")) st = MarkerStyle::kChapter;
    else if (t0.is("muc")) st = MarkerStyle::kSection;
    else if (t0.is("dieu")) st = MarkerStyle::kArticle;
    else ok = false;
    if (ok && (x.is_number() || (x.is_word() && is_roman(std::string(x.text(text)))))) {
      size_t k = tb + 2;
      if (k < te && (punct_is(toks[k], ".") || punct_is(toks[k], ":"))) ++k;
      // "Điều 5 Luật ..." in running text is a reference, not an article heading: require the
      // line to start with it and be followed by a title or end.
      if (st != MarkerStyle::kArticle || k > tb + 2 || k == te) {
        return Marker{st, 1, std::string(t0.text(text)) + " " + std::string(x.text(text)), k - tb};
      }
    }
  }
  // I. II- (Roman) and A. B. (upper letters)
  if (t0.is_word() && t0.upper && tb + 1 < te && !toks[tb + 1].space_before &&
      (punct_is(toks[tb + 1], ".") || punct_is(toks[tb + 1], "-") || punct_is(toks[tb + 1], ")"))) {
    std::string w(t0.text(text));
    size_t k = tb + 2;
    if (k < te && !toks[k].space_before && !(toks[k].is_word())) return std::nullopt;
    if (k >= te) return std::nullopt;
    if (is_roman(w)) return Marker{MarkerStyle::kRoman, 1, w, 2};
    if (t0.fold.size() == 1 && punct_is(toks[tb + 1], ".")) return Marker{MarkerStyle::kUpperLetter, 1, w, 2};
  }
  // 1. 1) 1.1. 2.3.4
  if (t0.is_number() && t0.fold.size() <= 2) {
    std::string label(t0.fold.view());
    int depth = 1;
    size_t k = tb + 1;
    while (k + 1 < te && punct_is(toks[k], ".") && !toks[k].space_before && toks[k + 1].is_number() &&
           !toks[k + 1].space_before && toks[k + 1].fold.size() <= 2) {
      label.append(".").append(toks[k + 1].fold.view());
      ++depth;
      k += 2;
    }
    // "2.1.a." / "4.1.b)": a lettered point written under its decimal item.
    if (depth > 1 && k + 1 < te && punct_is(toks[k], ".") && !toks[k].space_before && toks[k + 1].is_word() &&
        !toks[k + 1].space_before && toks[k + 1].fold.size() == 1 && !toks[k + 1].upper) {
      label += "." + std::string(toks[k + 1].text(text));
      ++depth;
      k += 2;
    }
    // "5 - Rà soát ...": an OCR copy that read the label's dot as a dash (before a capitalised
    // word; "5 - 7 ngày" is a range).
    if (depth == 1 && k + 1 < te && punct_is(toks[k], "-") && toks[k].space_before && toks[k + 1].space_before &&
        toks[k + 1].is_word() && toks[k + 1].capitalized && !toks[k + 1].upper)
      return Marker{MarkerStyle::kArabic, depth, label, k + 1 - tb};
    bool closed = false;
    if (k < te && !toks[k].space_before && (punct_is(toks[k], ".") || punct_is(toks[k], ")"))) {
      ++k;
      closed = true;
    }
    // "1.4." alone on its line, its text on the next one (copies that broke the line after the
    // label).
    if (closed && k == te) return Marker{MarkerStyle::kArabic, depth, label, k - tb};
    // "1.Các sở, ban, ngành ...": a copy that lost the space after a top-level label; only before
    // a capitalised word (not "1.5", "3.000").
    if (closed && depth == 1 && k < te && !toks[k].space_before && toks[k].is_word() && toks[k].capitalized &&
        !toks[k].upper)
      return Marker{MarkerStyle::kArabic, depth, label, k - tb};
    if ((closed || depth > 1) && k < te && toks[k].space_before) {
      // "1.600.000 đồng" has three-digit groups: not a label (rejected above by size <= 2).
      // "2. " followed by a number with a unit ("2. 15 ngày") is still an item.
      for (auto& c : label)
        if (c == ' ') return std::nullopt;
      return Marker{MarkerStyle::kArabic, depth, label, k - tb};
    }
  }
  // a) b) đ)
  if (t0.is_word() && !t0.upper && tb + 1 < te && punct_is(toks[tb + 1], ")") && !toks[tb + 1].space_before) {
    std::string w(t0.text(text));
    if (t0.fold.size() == 1 && followed_by_content(toks, tb + 2, te)) return Marker{MarkerStyle::kLetter, 1, w, 2};
  }
  return std::nullopt;
}

namespace {

int rank(MarkerStyle s) { return static_cast<int>(s); }

// A paragraph that closes the list: the document's closing formula or a note in parentheses.
bool is_closing(const std::vector<Token>& toks, std::string_view text, const Line& l) {
  if (l.te <= l.tb) return false;
  if (punct_is(toks[l.tb], "(")) return true;
  std::string_view s = text.substr(l.span.begin, l.span.size());
  if (s.size() >= 3 && s.substr(s.size() - 3) == "./.") return true;
  // "... thông báo để thực hiện./": OCR copies drop the last dot of the closing mark.
  if (s.size() >= 2 && s.substr(s.size() - 2) == "./") return true;
  // "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc ..."
  std::string f;
  for (size_t k = l.tb; k < l.te && k < l.tb + 6; ++k)
    if (toks[k].is_word()) f.append(toks[k].fold.view()).push_back(' ');
  static const char* kClosers[] = {"trong qua trinh", "tren day la", "nhan duoc cong van", "qua trinh thuc hien"};
  for (const char* c : kClosers)
    if (f.rfind(c, 0) == 0) return true;
  return false;
}

}  // namespace

Outline parse_outline(const std::vector<Line>& lines, const std::vector<Token>& toks, std::string_view text,
                      size_t begin, size_t end, const std::vector<std::string>& issuer_words) {
  Outline o;
  size_t last_marker = begin;
  for (size_t i = begin; i < end && i < lines.size(); ++i)
    if (lines[i].kind != LineKind::kBlank && match_marker(toks, text, lines[i].tb, lines[i].te)) last_marker = i;
  // A paragraph after the last item that opens a new request or has the issuer as its subject.
  auto after_list = [&](const Line& l) {
    if (l.te <= l.tb || !toks[l.tb].capitalized) return false;
    std::string f;
    for (size_t k = l.tb; k < l.te && k < l.tb + 12; ++k)
      if (toks[k].is_word()) f.append(toks[k].fold.view()).push_back(' ');
    if (f.rfind("de nghi ", 0) == 0 || f.rfind("yeu cau ", 0) == 0) return true;
    if (!issuer_words.empty()) {
      std::string iw;
      for (const auto& w : issuer_words) iw += w + " ";
      if (f.rfind(iw, 0) == 0) return true;
    }
    return false;
  };
  o.line_node.assign(lines.size(), -1);
  std::vector<int> stack;  // open nodes, outermost first
  auto close_to = [&](size_t line) {
    for (int id : stack) o.nodes[id].end_line = line;
  };
  for (size_t i = begin; i < end && i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.kind == LineKind::kTable) continue;  // read as rows by the task finder
    if (l.kind == LineKind::kBlank || l.kind == LineKind::kRule) {
      if (!stack.empty()) o.line_node[i] = stack.back();
      continue;
    }
    auto m = match_marker(toks, text, l.tb, l.te);
    // "KINH TẾ" / "- XÃ HỘI VÀ ...", "... kinh tế" / "- xã hội (KTXH) ...": a hyphenated phrase
    // broken at its hyphen (copies that lost the layout) goes on the previous line; it is no
    // dash item. The previous line ends with a word, and the words on both sides of the break
    // have the same case.
    if (m && m->style == MarkerStyle::kDash && i > begin && l.tb + 1 < l.te && toks[l.tb + 1].is_word() &&
        punct_is(toks[l.tb], "-")) {
      size_t pl = i;
      while (pl > begin && lines[pl - 1].kind == LineKind::kBlank) --pl;
      if (pl == i && pl > begin) {
        const Line& prev = lines[pl - 1];
        const Token& last = toks[prev.te - 1];
        const Token& next = toks[l.tb + 1];
        // In lower case only after a long line (a paragraph broken by the copy, not a short
        // heading such as "1. Các nhiệm vụ sau" with its dash list below).
        bool same_case = (last.upper && next.upper) ||
                         (!last.upper && !last.capitalized && !next.upper && !next.capitalized && prev.words >= 15);
        if (prev.te > prev.tb && last.is_word() && same_case && prev.kind == LineKind::kText) m.reset();
      }
    }
    // "A.", "B.": a letter section must follow the one before it ("Z." alone is OCR noise).
    if (m && m->style == MarkerStyle::kUpperLetter) {
      char want = 'A';
      for (auto it = o.nodes.rbegin(); it != o.nodes.rend(); ++it)
        if (it->style == MarkerStyle::kUpperLetter) { want = static_cast<char>(it->label[0] + 1); break; }
      if (m->label.size() != 1 || m->label[0] != want) m.reset();
    }
    if (!m) {
      // The first paragraph of an item whose marker stands alone on its line ("Điều 3." then
      // "Chánh Văn phòng ... chịu trách nhiệm thi hành Quyết định này./.") is its text.
      bool bare_item = !stack.empty() && o.nodes[stack.back()].text_tb >= lines[o.nodes[stack.back()].line].te &&
                       o.nodes[stack.back()].line + 1 < lines.size() &&
                       std::all_of(lines.begin() + static_cast<long>(o.nodes[stack.back()].line) + 1,
                                   lines.begin() + static_cast<long>(i),
                                   [](const Line& x) { return x.kind == LineKind::kBlank || x.kind == LineKind::kRule; });
      // The last article of a decision ends with "./." ("Chánh Văn phòng ... chịu trách nhiệm thi
      // hành Quyết định này./."): that paragraph is the article's, not a closing after a list.
      bool in_article = std::any_of(stack.begin(), stack.end(),
                                    [&](int id) { return o.nodes[id].style == MarkerStyle::kArticle; }) &&
                        !punct_is(toks[l.tb], "(");
      if (!stack.empty() && i > last_marker && !bare_item && !in_article && (is_closing(toks, text, l) || after_list(l))) {
        // Only a numbered list ends here; dashes inside a note do not matter.
        close_to(i);
        stack.clear();
        continue;
      }
      if (!stack.empty()) o.line_node[i] = stack.back();
      continue;
    }
    OutlineNode n;
    n.style = m->style;
    n.depth = m->depth;
    n.label = m->label;
    n.line = i;
    n.text_tb = l.tb + m->length;
    // Find the parent: pop to a node of the same style (a sibling) or stay as a child.
    auto same = [&](int id) {
      const auto& x = o.nodes[id];
      return x.style == n.style && x.depth == n.depth;
    };
    auto it = std::find_if(stack.begin(), stack.end(), same);
    if (it != stack.end()) {
      for (auto j = it; j != stack.end(); ++j) o.nodes[*j].end_line = i;
      stack.erase(it, stack.end());
    } else if (n.style == MarkerStyle::kArabic && n.depth > 1) {
      // "2.1." closes deeper levels and sits under the item whose label is its prefix.
      while (!stack.empty()) {
        const auto& top = o.nodes[stack.back()];
        bool prefix = top.style == MarkerStyle::kArabic && top.depth < n.depth &&
                      n.label.rfind(top.label + ".", 0) == 0;
        if (prefix || rank(top.style) < rank(MarkerStyle::kArabic)) break;
        o.nodes[stack.back()].end_line = i;
        stack.pop_back();
      }
    } else {
      // A higher-ranked style than something open closes the lower ones ("II." after "1.").
      while (!stack.empty() && n.numbered() && o.nodes[stack.back()].numbered() &&
             rank(o.nodes[stack.back()].style) > rank(n.style) &&
             std::none_of(stack.begin(), stack.end(), [&](int id) { return rank(o.nodes[id].style) == rank(n.style); }) &&
             rank(n.style) <= rank(MarkerStyle::kRoman)) {
        o.nodes[stack.back()].end_line = i;
        stack.pop_back();
      }
      // Dashes after a dash list of a different parent are siblings of nothing: child of top.
    }
    int id = static_cast<int>(o.nodes.size());
    n.parent = stack.empty() ? -1 : stack.back();
    if (n.parent >= 0) o.nodes[n.parent].children.push_back(id);
    o.nodes.push_back(std::move(n));
    stack.push_back(id);
    o.line_node[i] = id;
  }
  close_to(std::min(end, lines.size()));
  return o;
}

}  // namespace dondoc::structure

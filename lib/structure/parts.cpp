// Parts attached to the main document: the Kế hoạch a Quyết định issues, the Phụ lục of a công
// văn. Each starts at a title line (data/rules/part_titles.tsv) and has its own outline.
#include <algorithm>

#include "structure/internal.h"

namespace dondoc::structure::internal {
namespace {

struct PartTitle {
  std::vector<std::string> words;  // folded
  std::string kind;
  bool rules = false;
};

std::vector<PartTitle> part_titles(const rules::Rules& rules) {
  std::vector<PartTitle> out;
  for (const auto& row : rules.table("part_titles"))
    if (row.size() >= 2) out.push_back({rules::fold_words(row[0]), row[1], row.size() > 2 && row[2] == "rules"});
  // Longest first, so that a longer title wins over its prefix.
  std::stable_sort(out.begin(), out.end(), [](const PartTitle& a, const PartTitle& b) { return a.words.size() > b.words.size(); });
  return out;
}

// The kind of part that line i opens, or "" when it opens none: an upper-case line that starts
// with a part title ("KẾ HOẠCH", "PHỤ LỤC I", "KẾ HOẠCH TRIỂN KHAI ...") and does not end right
// after it with a colon ("QUYẾT ĐỊNH:", "KẾ HOẠCH:" introduce text, they are no title).
const PartTitle* title_at(const Parsed& p, size_t i, const std::vector<PartTitle>& titles) {
  const Line& l = p.lines[i];
  if ((l.kind != LineKind::kText && l.kind != LineKind::kTypeTitle) || l.te <= l.tb) return nullptr;
  // Upper case up to a note in parentheses: "KẾ HOẠCH ... (Ban hành kèm theo Quyết định số ...)".
  bool words = false;
  for (size_t k = l.tb; k < l.te; ++k) {
    const Token& t = p.toks[k];
    if (t.kind == TokKind::kPunct && t.is("(")) break;
    if (!t.is_word()) continue;
    if (!t.upper) return nullptr;
    words = true;
  }
  if (!words) return nullptr;
  for (const auto& t : titles) {
    size_t k = l.tb, w = 0;
    while (w < t.words.size() && k < l.te && p.toks[k].is_word() && p.toks[k].fold == t.words[w]) {
      ++k;
      ++w;
    }
    if (w < t.words.size()) continue;
    if (k + 1 == l.te && p.toks[k].kind == TokKind::kPunct && p.toks[k].is(":")) return nullptr;
    // A title continues with its number, its subject or nothing; not with a lower-case word.
    if (k < l.te && p.toks[k].is_word() && !p.toks[k].upper) return nullptr;
    return &t;
  }
  return nullptr;
}

bool is_article(const Parsed& p, size_t i) {
  const Line& l = p.lines[i];
  auto m = match_marker(p.toks, p.text, l.tb, l.te);
  return m && m->style == MarkerStyle::kArticle;
}

}  // namespace

void find_parts(Parsed& p, const rules::Rules& rules) {
  const auto titles = part_titles(rules);
  const size_t n = p.lines.size();
  std::vector<std::pair<size_t, const PartTitle*>> starts;
  // After the main part's signature and Nơi nhận.
  for (size_t i = p.body_end; i < n; ++i)
    if (auto k = title_at(p, i, titles)) starts.emplace_back(i, k);
  // A copy without signature or Nơi nhận, or one that put them at the very end: a decision's
  // plan starts at a title line of its own ("KẾ HOẠCH") after the decision's articles, before
  // the end of the main body.
  {
    bool articles = false;
    for (size_t i = p.body_begin; i < p.body_end; ++i) {
      if (is_article(p, i)) articles = true;
      if (articles && p.lines[i].kind == LineKind::kTypeTitle) {
        if (auto k = title_at(p, i, titles)) {
          std::vector<std::pair<size_t, const PartTitle*>> inner{{i, k}};
          for (size_t j = i + 1; j < p.body_end; ++j)
            if (auto k2 = title_at(p, j, titles)) inner.emplace_back(j, k2);
          inner.insert(inner.end(), starts.begin(), starts.end());
          starts = std::move(inner);
          p.body_end = i;
          break;
        }
      }
    }
  }
  // A running title repeated before each section ("CHƯƠNG TRÌNH HÀNH ĐỘNG.") is one part.
  for (size_t s = 1; s < starts.size();) {
    const Line& a = p.lines[starts[s - 1].first];
    const Line& b = p.lines[starts[s].first];
    if (p.text.substr(a.span.begin, a.span.size()) == p.text.substr(b.span.begin, b.span.size()))
      starts.erase(starts.begin() + static_cast<long>(s));
    else
      ++s;
  }
  for (size_t s = 0; s < starts.size(); ++s) {
    Part part;
    part.kind = starts[s].second->kind;
    part.rules = starts[s].second->rules;
    part.title_line = starts[s].first;
    part.begin = part.title_line + 1;
    size_t limit = s + 1 < starts.size() ? starts[s + 1].first : n;
    part.end = limit;
    // A part signed on its own ends at its signature or Nơi nhận.
    for (size_t i = part.begin; i < limit; ++i) {
      LineKind k = p.lines[i].kind;
      if (k == LineKind::kAuthority || k == LineKind::kDistribution) {
        part.end = i;
        break;
      }
    }
    p.parts.push_back(std::move(part));
  }
}

}  // namespace dondoc::structure::internal

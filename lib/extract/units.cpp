#include "extract/units.h"

#include <algorithm>

#include "core/viet.h"
#include "structure/structure.h"

namespace dondoc::extract {

namespace {
VerbRole role_of(const std::string& s) {
  if (s == "assign") return VerbRole::kAssign;
  if (s == "lead") return VerbRole::kLead;
  if (s == "support") return VerbRole::kSupport;
  if (s == "report") return VerbRole::kReport;
  return VerbRole::kAction;
}
bool punct_is(const Token& t, std::string_view p) { return t.kind == TokKind::kPunct && t.fold == p; }
}  // namespace

UnitLexicon::UnitLexicon(const rules::Rules& rules) : rules_(rules) {
  for (const auto& row : rules.table("unit_heads"))
    if (!row.empty())
      heads_.add(row[0], (row.size() > 1 && row[1] == "any" ? 1 : 0) | (row.size() > 2 && row[2] == "closed" ? 2 : 0));
  for (const auto& row : rules.table("unit_level_words"))
    if (!row.empty()) levels_.add(row[0], 1);
  for (const auto& row : rules.table("task_verbs"))
    if (row.size() >= 2) verbs_.add(row[0], static_cast<int>(role_of(row[1])));
  for (const auto& row : rules.table("unit_nouns"))
    if (!row.empty()) nouns_.add(row[0], 1);
  for (const auto& row : rules.table("unit_stops"))
    if (!row.empty()) stops_.add(row[0], 1);
  for (const auto& row : rules.table("heading_lead_openers"))
    if (!row.empty()) heading_openers_.add(row[0], 1);
  for (const auto& row : rules.table("clause_openers"))
    if (!row.empty()) clause_openers_.add(row[0], 1);
  for (const auto& row : rules.table("subject_adverbials"))
    if (!row.empty()) adverbials_.add(row[0], 1);
  for (const auto& row : rules.table("unit_false_heads"))
    if (!row.empty()) false_heads_.add(row[0], 1);
  for (const auto& row : rules.table("non_task_sections")) {
    if (row.empty()) continue;
    if (row.size() > 1 && row[1] == "work") work_titles_.push_back(rules::fold_words(row[0]));
    else if (row.size() > 1 && row[1] == "standing") standing_titles_.push_back(rules::fold_words(row[0]));
    else non_task_titles_.push_back(rules::fold_words(row[0]));
  }
  for (const auto& row : rules.table("attribute_sections"))
    if (row.size() >= 2) attribute_titles_.emplace_back(rules::fold_words(row[0]), row[1]);
  for (const auto& row : rules.table("unit_vague"))
    if (!row.empty()) vague_.insert(key(row[0]));
  for (const auto& row : rules.table("unit_generic")) {
    if (row.size() < 2) continue;
    if (row[0] == "name") generic_names_.insert(key(row[1]));
    else if (row[0] == "kind") {
      generic_kinds_.push_back(rules::fold_words(row[1]));
      kinds_.add(row[1], 1);
    }
  }
  std::stable_sort(generic_kinds_.begin(), generic_kinds_.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& row : rules.table("agreement_verbs"))
    if (!row.empty()) agreement_verbs_.push_back(rules::fold_words(row[0]));
  for (const auto& row : rules.table("decision_clauses"))
    if (row.size() >= 2) decision_clauses_.emplace_back(rules::fold_words(row[0]), row[1]);
  for (const auto& row : rules.table("units")) {
    if (row.size() < 2) continue;
    directory_[key(row[1])] = row[0];
    if (row.size() > 2) {
      std::string_view al = row[2];
      size_t a = 0;
      while (a <= al.size()) {
        size_t b = al.find('|', a);
        if (b == std::string_view::npos) b = al.size();
        if (b > a) directory_[key(al.substr(a, b - a))] = row[0];
        a = b + 1;
      }
    }
  }
}

const UnitLexicon& UnitLexicon::get(const rules::Rules& rules) { return rules.view<UnitLexicon>(); }

std::pair<VerbRole, size_t> UnitLexicon::verb_at(std::string_view text, const std::vector<Token>& toks, size_t i,
                                                 size_t end) const {
  if (i >= end || !toks[i].is_word() || toks[i].capitalized) return {VerbRole::kNone, 0};
  if (nouns_.match(toks, i, true, text).length > 0) return {VerbRole::kNone, 0};
  auto m = verbs_.match(toks, i, true, text);
  if (m.length == 0 || i + m.length > end) return {VerbRole::kNone, 0};
  return {static_cast<VerbRole>(m.value), static_cast<size_t>(m.length)};
}

bool UnitLexicon::head_at(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end,
                          bool allow_lower, size_t* len, bool exact, bool* closed) const {
  if (!exact) text = {};
  if (i >= end || !toks[i].is_word()) return false;
  auto m = heads_.match(toks, i, true, text);
  if (m.length == 0 || i + m.length > end) return false;
  if (false_heads_.match(toks, i, false, text).length > 0) return false;  // "Trường hợp", "Hội nghị"
  bool any_case = (m.value & 1) != 0;
  if (!toks[i].capitalized && !toks[i].upper && !(any_case || allow_lower)) return false;
  // A capitalised-only head written in lower case ("nhiệm vụ do ...", "xã hội") is a unit only
  // before a proper name ("giao sở Nội vụ") or after "các", "cấp".
  if (!toks[i].capitalized && !toks[i].upper && !any_case) {
    size_t nx = i + static_cast<size_t>(m.length);
    bool name_follows = nx < end && toks[nx].is_word() && (toks[nx].capitalized || toks[nx].upper);
    bool group = i > 0 && toks[i - 1].is_word() && (toks[i - 1].is("cac") || toks[i - 1].is("cap"));
    if (!name_follows && !group) return false;
  }
  *len = static_cast<size_t>(m.length);
  if (closed) *closed = (m.value & 2) != 0;
  return true;
}

std::optional<UnitSpan> UnitLexicon::unit_at(std::string_view text, const std::vector<Token>& toks, size_t i,
                                             size_t end, bool allow_lower, bool exact) const {
  std::string_view mt = exact ? text : std::string_view{};  // text for matching
  size_t hl = 0;
  bool closed = false;
  if (!head_at(text, toks, i, end, allow_lower, &hl, exact, &closed)) return std::nullopt;
  // "Ban hành ...", "Tổ chức ..." at the start of a sentence are verbs, not "Ban ..." names.
  if (toks[i].capitalized || toks[i].upper) {
    std::vector<Token> low(toks.begin() + static_cast<long>(i), toks.begin() + static_cast<long>(std::min(end, i + 4)));
    for (auto& x : low) x.capitalized = false;
    if (verb_at(text, low, 0, low.size()).second >= hl) return std::nullopt;
  }
  size_t j = i + hl;
  size_t last = j;  // one past the last token kept
  int words = 0;
  int proper = -1;  // lower-case syllables since the last capitalised word of a proper name
  bool prev_newline = false;
  size_t name_start = i;  // where the current body of a list began
  // A list of bodies may be long ("Chính phủ, Thủ tướng Chính phủ, Bộ, cơ quan ngang Bộ, ..."); one
  // name is not.
  while (j < end && j - name_start < 40 && j - i < 120) {
    const Token& t = toks[j];
    if (t.kind == TokKind::kNewline) {
      if (prev_newline) break;
      prev_newline = true;
      ++j;
      continue;
    }
    prev_newline = false;
    // A list goes on with another body ("Sở Y tế, Hội nạn nhân chất độc da cam"): its own head
    // decides how its name goes on.
    if (t.is_word() && j > i &&
        (punct_is(toks[j - 1], ",") || punct_is(toks[j - 1], ";") || (toks[j - 1].is_word() && toks[j - 1].is("va")))) {
      size_t hl2 = 0;
      bool closed2 = false;
      if (head_at(text, toks, j, end, false, &hl2, exact, &closed2)) {
        closed = closed2;
        proper = -1;
        name_start = j;
        j += hl2;
        last = j;
        continue;
      }
    }
    if (closed && (t.capitalized || t.upper) && t.is_word()) {
      // A capitalised level ("Thành phố", "Tỉnh Lạng Sơn") is a level, not a proper name; "Xã
      // hội" is a name.
      auto lv = levels_.match(toks, j, false, mt);
      bool next_lower = j + 1 < end && toks[j + 1].is_word() && !toks[j + 1].capitalized && !toks[j + 1].upper;
      if (lv.length > 1 || (lv.length == 1 && !next_lower)) {
        j += lv.length;
        last = j;
        proper = -1;
        continue;
      }
      proper = 0;
    }
    if (t.kind == TokKind::kPunct) {
      if (t.is("-") || t.is("/") || t.is("&")) { ++j; continue; }
      if (t.is(",")) {
        // "Các sở, ban, ngành": keep going when a name continues after the comma.
        size_t n = j + 1;
        if (n < end && toks[n].is_word() && verb_at(text, toks, n, end).first == VerbRole::kNone &&
            stops_.match(toks, n, false, mt).length == 0) {
          ++j;
          continue;
        }
      }
      break;
    }
    if (t.is_number()) {
      ++j;
      last = j;
      continue;
    }
    // A known name or a verb-like noun goes in whole.
    if (auto nm = nouns_.match(toks, j, false, mt); nm.length > 0) {
      j += nm.length;
      last = j;
      continue;
    }
    if (!t.capitalized && !t.upper) {
      // The syllable right after a capitalised word of the name belongs to it even when it reads
      // as a one-syllable verb ("Cục Trợ giúp pháp lý"); a longer verb still ends the name
      // ("UBND tỉnh Long An chỉ đạo").
      bool compound = j > i + hl && (toks[j - 1].capitalized || toks[j - 1].upper) && toks[j - 1].is_word() &&
                      verb_at(text, toks, j, end).second == 1;
      if (!compound && verb_at(text, toks, j, end).first != VerbRole::kNone) break;
      if (stops_.match(toks, j, false, mt).length > 0) break;
      // After "Ủy ban nhân dân", "Sở": only levels and proper names go on the name.
      // "Sở Lao động - Thương binh và xã hội" (typed in lower case): "và" inside a proper name.
      if (closed && t.is("va") && proper >= 0 && proper < 3) {
        ++j;
        continue;
      }
      if (closed && !t.is("va")) {
        auto lv = levels_.match(toks, j, false, mt);
        if (lv.length > 0) {
          j += lv.length;
          last = j;
          proper = -1;
          continue;
        }
        if (proper < 0 || proper >= 3) break;
        ++proper;
        ++j;
        last = j;
        continue;
      }
      // "và" joins two names only when a name follows ("Ban A và Văn phòng B", "Giáo dục và Đào tạo").
      if (t.is("va")) {
        size_t hl2 = 0;
        bool next_name = j + 1 < end && (toks[j + 1].capitalized || head_at(text, toks, j + 1, end, true, &hl2, exact) ||
                                         kind_at(mt, toks, j + 1, end));
        if (!next_name) break;
      }
    }
    ++words;
    ++j;
    last = j;
  }
  while (last > i + hl && toks[last - 1].kind == TokKind::kPunct) --last;
  if (last <= i) return std::nullopt;
  // "Sở Nội vụ (Ban Thi đua - Khen thưởng Thành phố)", "Bộ Quốc phòng (Cục Bản đồ)": the office
  // of the body that does the work, named in parentheses right after it, belongs to the name. Not
  // a note ("(b/c)", "(gọi tắt là ...)") nor an assignment ("(Giao Công an tỉnh chủ trì)").
  size_t inner = 0;
  if (last + 2 < end && punct_is(toks[last], "(") && toks[last + 1].is_word() &&
      (toks[last + 1].capitalized || toks[last + 1].upper) && head_at(text, toks, last + 1, end, false, &inner, exact)) {
    for (size_t z = last + 1; z < end && z < last + 16; ++z) {
      if (toks[z].kind == TokKind::kNewline || punct_is(toks[z], "(") || punct_is(toks[z], ";")) break;
      // "(Cục Bản đồ Bộ Tổng tham mưu)": a verb-like word inside a proper name is fine; one who
      // leads, supports or is reported to makes it an assignment.
      if (toks[z].is_word()) {
        VerbRole v = verb_at(text, toks, z, end).first;
        if (v != VerbRole::kNone && v != VerbRole::kAction) break;
      }
      if (punct_is(toks[z], ")")) {
        last = z + 1;
        break;
      }
    }
  }
  UnitSpan u;
  u.tb = i;
  u.te = last;
  u.name = structure::clean_value(text.substr(toks[i].begin, toks[last - 1].end - toks[i].begin));
  (void)words;
  return u;
}

size_t UnitLexicon::adverbial_at(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end) const {
  if (i >= end || !toks[i].is_word() || toks[i].capitalized) return 0;
  auto m = adverbials_.match(toks, i, true, text);
  return m.length > 0 && i + static_cast<size_t>(m.length) <= end ? static_cast<size_t>(m.length) : 0;
}

size_t UnitLexicon::heading_opener_at(std::string_view text, const std::vector<Token>& toks, size_t i,
                                      size_t end) const {
  auto m = heading_openers_.match(toks, i, true, text);
  return m.length > 0 && i + static_cast<size_t>(m.length) <= end ? static_cast<size_t>(m.length) : 0;
}

size_t UnitLexicon::clause_opener_at(std::string_view text, const std::vector<Token>& toks, size_t i,
                                     size_t end) const {
  // Words with diacritics must match them: "Để" opens a clause, "Đề nghị" does not.
  auto m = clause_openers_.match(toks, i, true, text);
  return m.length > 0 && i + static_cast<size_t>(m.length) <= end ? static_cast<size_t>(m.length) : 0;
}

std::vector<UnitSpan> UnitLexicon::split(std::string_view text, const std::vector<Token>& toks,
                                         const UnitSpan& u, bool exact) const {
  std::vector<UnitSpan> out;
  size_t s = u.tb;
  for (size_t k = u.tb + 1; k < u.te; ++k) {
    const Token& t = toks[k];
    bool sep = punct_is(t, ",") || punct_is(t, ";") || (t.is_word() && t.is("va"));
    if (!sep || k + 1 >= u.te) continue;
    size_t hl = 0;
    // A new unit starts after the separator with its own capitalised head (Sở, Ban, UBND...).
    if ((toks[k + 1].capitalized || toks[k + 1].upper) && head_at(text, toks, k + 1, u.te, false, &hl, exact)) {
      if (k > s) {
        UnitSpan part{s, k, structure::clean_value(text.substr(toks[s].begin, toks[k - 1].end - toks[s].begin))};
        if (!part.name.empty()) out.push_back(part);
      }
      s = k + 1;
    }
  }
  if (s < u.te) {
    UnitSpan part{s, u.te, structure::clean_value(text.substr(toks[s].begin, toks[u.te - 1].end - toks[s].begin))};
    if (!part.name.empty()) out.push_back(part);
  }
  return out;
}

std::string UnitLexicon::key(std::string_view name) const {
  // Abbreviations expanded, folded, punctuation dropped: "UBND tỉnh" == "Ủy ban nhân dân tỉnh".
  std::string out;
  for (const Token& t : tokenize(name)) {
    if (t.kind != TokKind::kWord && t.kind != TokKind::kNumber) continue;
    std::string w(t.text(name));
    auto it = rules_.abbreviations.find(rules::code_key_exact(w));
    std::string f = it != rules_.abbreviations.end() ? viet::fold(it->second) : std::string(t.fold.view());
    if (!out.empty()) out += ' ';
    out += f;
  }
  return out;
}

std::string UnitLexicon::unit_id(std::string_view name) const {
  std::string k = key(name);
  if (auto it = directory_.find(k); it != directory_.end()) return it->second;
  // "các sở, ban, ngành" and "Các sở, ban, ngành" are one unit: lower-cased slug.
  std::string slug;
  for (char c : k) slug += c == ' ' ? '-' : c;
  return slug;
}

bool UnitLexicon::is_vague(std::string_view name) const {
  return vague_.count(key(name)) > 0;
}

// Words for bodies in general at toks[i] ("tổ chức", "đơn vị"): "Các tổ chức chính trị - xã hội
// và tổ chức, đoàn thể có liên quan" goes on over "và".
bool UnitLexicon::kind_at(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end) const {
  auto m = kinds_.match(toks, i, false, text);  // with the text: "số lượng" is no "sở"
  return m.length > 0 && i + static_cast<size_t>(m.length) <= end;
}

bool UnitLexicon::is_generic(std::string_view name) const {
  std::string k = key(name);
  if (generic_names_.count(k)) return true;
  // "các cơ quan, đơn vị có liên quan", "các Bộ, ngành liên quan": "các", words for bodies in
  // general, then "(có) liên quan" or "chức năng".
  std::vector<std::string> w;
  for (size_t i = 0; i < k.size();) {
    size_t j = k.find(' ', i);
    if (j == std::string::npos) j = k.size();
    w.emplace_back(k.substr(i, j - i));
    i = j + 1;
  }
  if (w.size() < 3 || w.front() != "cac") return false;
  size_t end = w.size();
  if (w[end - 2] == "lien" && w[end - 1] == "quan") end -= 2;
  else if (w[end - 2] == "chuc" && w[end - 1] == "nang") end -= 2;
  else return false;
  if (end > 1 && w[end - 1] == "co") --end;
  size_t i = 1;
  if (i >= end) return false;
  while (i < end) {
    if (w[i] == "va" || w[i] == "cac") { ++i; continue; }
    bool hit = false;
    for (const auto& kind : generic_kinds_)
      if (i + kind.size() <= end && std::equal(kind.begin(), kind.end(), w.begin() + static_cast<long>(i))) {
        i += kind.size();
        hit = true;
        break;
      }
    if (!hit) return false;
  }
  return true;
}

}  // namespace dondoc::extract

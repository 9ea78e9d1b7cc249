#include "rules/rules.h"

#include <cstdio>
#include <cstdlib>

#include "core/utf8.h"
#include "core/viet.h"
#include "data/data.h"

namespace dondoc::rules {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) p = s.size();
    auto f = trim(s.substr(start, p - start));
    if (!f.empty()) out.emplace_back(f);
    start = p + 1;
  }
  return out;
}

// Every table file the rules know about; a missing one is an error in the build, not at run time.
constexpr const char* kRequired[] = {"rules/doc_types.tsv", "rules/issuer_codes.tsv",
                                     "rules/org_terms.tsv", "rules/abbreviations.tsv"};

}  // namespace

std::vector<std::vector<std::string>> parse_tsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || trim(line).front() == '#') continue;
    std::vector<std::string> row;
    size_t f = 0;
    while (true) {
      size_t tab = line.find('\t', f);
      if (tab == std::string_view::npos) {
        row.emplace_back(trim(line.substr(f)));
        break;
      }
      row.emplace_back(trim(line.substr(f, tab - f)));
      f = tab + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string code_key_exact(std::string_view code) {
  std::string out;
  size_t len = 0;
  for (size_t i = 0; i < code.size(); i += len) {
    char32_t cp = utf8::decode(code, i, &len);
    if (cp == U'Ð' || cp == U'ð' || cp == U'đ') cp = U'Đ';
    utf8::append(out, viet::to_upper(cp));
  }
  return out;
}

std::string code_key_folded(std::string_view code) {
  std::string f = viet::fold(code);
  for (char& c : f)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return f;
}

int Rules::type_for_code(std::string_view code, DocKind kind) const {
  std::string ex = code_key_exact(code), fo = code_key_folded(code);
  auto look = [&](const std::unordered_map<std::string, int>& exact,
                  const std::unordered_map<std::string, int>& folded) -> int {
    if (auto it = exact.find(ex); it != exact.end()) return it->second;
    if (auto it = folded.find(fo); it != folded.end()) return it->second;
    return -1;
  };
  if (kind == DocKind::kParty) return look(party_code_exact, party_code_folded);
  if (kind == DocKind::kState) return look(state_code_exact, state_code_folded);
  int t = look(state_code_exact, state_code_folded);
  return t >= 0 ? t : look(party_code_exact, party_code_folded);
}

int Rules::type_by_name(std::string_view name) const {
  auto toks = tokenize(name);
  auto m = type_names.match(toks, 0);
  if (m.length > 0 && static_cast<size_t>(m.length) == toks.size()) return m.value;
  return -1;
}

const Rules::IssuerCode* Rules::issuer_code(std::string_view code) const {
  if (auto it = issuer_codes.find(code_key_exact(code)); it != issuer_codes.end()) return &it->second;
  if (auto it = issuer_codes.find(code_key_folded(code)); it != issuer_codes.end()) return &it->second;
  return nullptr;
}

std::string Rules::canonical_code(std::string_view code) const {
  if (auto it = code_spelling.find(code_key_exact(code)); it != code_spelling.end()) return it->second;
  if (auto it = code_ocr.find(code_key_exact(code)); it != code_ocr.end()) return it->second;
  if (auto it = code_spelling.find(code_key_folded(code)); it != code_spelling.end()) return it->second;
  return std::string(code);
}

const std::vector<std::vector<std::string>>& Rules::table(std::string_view name) const {
  static const std::vector<std::vector<std::string>> kEmpty;
  auto it = tables.find(std::string(name));
  return it == tables.end() ? kEmpty : it->second;
}

Result<Rules> Rules::load(const std::function<std::string_view(std::string_view)>& file) {
  Rules r;
  for (const char* req : kRequired) {
    if (file(req).empty()) return make_error(ErrorCode::kNotFound, "missing rule table", req);
  }
  auto spell = [&r](const std::string& code) {
    r.code_spelling.emplace(code_key_exact(code), code);
    r.code_spelling.emplace(code_key_folded(code), code);
  };
  for (const auto& row : parse_tsv(file("rules/doc_types.tsv"))) {
    DocType t;
    t.name = row[0];
    if (row.size() > 1) t.state_codes = split(row[1], ',');
    if (row.size() > 2) t.party_codes = split(row[2], ',');
    int idx = static_cast<int>(r.doc_types.size());
    r.type_names.add(t.name, idx);
    r.type_titles.add(t.name, idx);
    if (row.size() > 3)
      for (const auto& alias : split(row[3], ',')) {
        r.type_names.add(alias, idx);
        // "Chương trình hành động" heads a document; "Văn bản" or "TB" never does.
        if (fold_words(alias).size() >= 2 && t.name != "Công văn") r.type_titles.add(alias, idx);
      }
    for (const auto& c : t.state_codes) {
      r.state_code_exact.emplace(code_key_exact(c), idx);
      r.state_code_folded.emplace(code_key_folded(c), idx);
      spell(c);
    }
    for (const auto& c : t.party_codes) {
      r.party_code_exact.emplace(code_key_exact(c), idx);
      r.party_code_folded.emplace(code_key_folded(c), idx);
      spell(c);
    }
    r.doc_types.push_back(std::move(t));
  }
  for (const auto& row : parse_tsv(file("rules/issuer_codes.tsv"))) {
    if (row.size() < 3) continue;
    IssuerCode ic{row[0], row[1], row[2]};
    r.issuer_codes.emplace(code_key_exact(row[0]), ic);
    r.issuer_codes.emplace(code_key_folded(row[0]), ic);
    spell(row[0]);
  }
  for (const auto& row : parse_tsv(file("rules/org_terms.tsv"))) {
    if (row.size() < 2) continue;
    TermKind k = row[1] == "title"        ? TermKind::kTitle
                 : row[1] == "level"      ? TermKind::kLevel
                 : row[1] == "place_body" ? TermKind::kPlaceBody
                                          : TermKind::kBody;
    r.term_table.add(row[0], static_cast<int>(r.terms.size()));
    r.terms.push_back(row[0]);
    r.term_kinds.push_back(k);
  }
  for (const auto& row : parse_tsv(file("rules/abbreviations.tsv"))) {
    if (row.size() < 2) continue;
    r.abbreviations.emplace(code_key_exact(row[0]), row[1]);
  }
  for (const auto& row : parse_tsv(file("rules/code_ocr.tsv"))) {
    if (row.size() >= 2) r.code_ocr.emplace(code_key_exact(row[0]), row[1]);
  }
  // Every other table is kept raw for the stage that owns it.
  for (const auto& path : data::files()) {
    if (path.rfind("rules/", 0) != 0) continue;
    std::string name = path.substr(6);
    if (name.size() > 4 && name.substr(name.size() - 4) == ".tsv") name.resize(name.size() - 4);
    r.tables[name] = parse_tsv(file(path));
  }
  return r;
}

const Rules& Rules::builtin() {
  static const Rules r = [] {
    auto res = load([](std::string_view p) { return data::file(p); });
    if (!res) {
      // The tables are compiled in; failing here is a build defect.
      std::fprintf(stderr, "dondoc: built-in rules are broken: %s\n", res.error().to_string().c_str());
      std::abort();
    }
    return std::move(*res);
  }();
  return r;
}

}  // namespace dondoc::rules

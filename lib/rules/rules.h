#pragma once
// Rules: the project's data tables (data/rules/*.tsv) parsed into lookup structures, loaded once
// and passed down to every stage. Adding a document type, a body or a phrase is a data change.
//
//   const Rules& r = Rules::builtin();          // the tables compiled into the binary
//   int t = r.type_for_code("NĐ", DocKind::kState);   // index of "Nghị định"
//   r.doc_types[t].name;                        // "Nghị định"
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/result.h"
#include "rules/phrase_table.h"
#include "rules/views.h"

namespace dondoc::rules {

// Tab-separated rows; '#' starts a comment line; empty lines skipped; fields trimmed.
std::vector<std::vector<std::string>> parse_tsv(std::string_view text);

// Upper case with Đ kept ("QĐ", "TTG"); and fully folded ("QD"): the two keys codes are looked up by.
std::string code_key_exact(std::string_view code);
std::string code_key_folded(std::string_view code);

struct DocType {
  std::string name;
  std::vector<std::string> state_codes, party_codes;
};

enum class TermKind { kBody, kPlaceBody, kTitle, kLevel };

struct Rules {
  std::vector<DocType> doc_types;
  PhraseTable type_names;   // names and prose aliases -> index in doc_types
  PhraseTable type_titles;  // what a title line may say: names and longer aliases ("Thông báo kết luận")

  // Codes -> doc type index, per kind, by exact and folded key.
  std::unordered_map<std::string, int> state_code_exact, state_code_folded;
  std::unordered_map<std::string, int> party_code_exact, party_code_folded;

  struct IssuerCode {
    std::string code;  // canonical spelling
    std::string kind;  // state | party | any
    std::string name;
  };
  std::unordered_map<std::string, IssuerCode> issuer_codes;  // by exact key, then folded key
  std::unordered_map<std::string, std::string> code_spelling;  // exact key -> canonical spelling
  std::unordered_map<std::string, std::string> code_ocr;       // exact key of a misread -> code

  std::vector<std::string> terms;  // normal-case phrases
  std::vector<TermKind> term_kinds;
  PhraseTable term_table;          // -> index in terms

  std::unordered_map<std::string, std::string> abbreviations;  // exact key -> expansion

  // Extra tables registered by later stages (deadline phrases, units, OCR fixes...), raw rows.
  std::unordered_map<std::string, std::vector<std::vector<std::string>>> tables;

  // Index of the document type for a code ("NĐ", "nd", "CTr"), -1 when unknown. kind picks the
  // table (Party "TT" is Thông tri, state "TT" is Thông tư); kUnknown tries state then party.
  int type_for_code(std::string_view code, DocKind kind) const;
  int type_by_name(std::string_view name) const;
  const IssuerCode* issuer_code(std::string_view code) const;
  // Canonical spelling of a code if known ("TTG" -> "TTg", "ND" -> "NĐ"), else the input.
  std::string canonical_code(std::string_view code) const;
  const std::vector<std::vector<std::string>>& table(std::string_view name) const;

  // The compiled view of type V that a later stage builds from these tables (rules/views.h):
  // built by `build(*this)` the first time, or by V's constructor from a Rules, then kept and
  // shared by every document read with this value, on any thread.
  //   const UnitLexicon& lex = rules.view<UnitLexicon>();
  template <typename V, typename Build>
  const V& view(Build&& build) const {
    return views_.get<V>([&] { return build(*this); });
  }
  template <typename V>
  const V& view() const {
    return views_.get<V>([&] { return V(*this); });
  }

  // Builds rules from a file provider (relative path -> contents, "" when absent).
  static Result<Rules> load(const std::function<std::string_view(std::string_view)>& file);
  // The tables compiled into the binary.
  static const Rules& builtin();

 private:
  ViewCache views_;
};

}  // namespace dondoc::rules

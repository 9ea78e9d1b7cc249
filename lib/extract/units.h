#pragma once
// Units named in running text ("Sở Văn hóa, Thể thao và Du lịch", "Đảng ủy các xã, phường",
// "UBND tỉnh") and the unit directory that gives each a stable id. Internal to extract.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/tokens.h"
#include "rules/rules.h"

namespace dondoc::extract {

enum class VerbRole { kNone, kAssign, kLead, kSupport, kReport, kAction };

struct UnitSpan {
  size_t tb = 0, te = 0;  // tokens
  std::string name;       // cleaned text
};

class UnitLexicon {
 public:
  explicit UnitLexicon(const rules::Rules& rules);
  // The lexicon of a rule set: built once, owned by the Rules value (Rules::view).
  static const UnitLexicon& get(const rules::Rules& rules);

  // The verb phrase at toks[i] (lower-case words only): its role and length in tokens. Words
  // with diacritics must match them, also in restored text: the model put "giáo" in "Ban Tuyên
  // giáo" from context, and folding it back to the verb "giao" would cut the unit's name.
  std::pair<VerbRole, size_t> verb_at(std::string_view text, const std::vector<Token>& toks, size_t i,
                                      size_t end) const;
  // A unit name starting at toks[i], if a unit head is there.
  // exact: words that carry diacritics must match them ("giáo" is not "giao"); false for texts
  // whose diacritics were restored by a model, which may get a word's marks wrong.
  std::optional<UnitSpan> unit_at(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end,
                                  bool allow_lower, bool exact = true) const;
  // Length of an adverbial phrase that may stand between a subject and its verb ("theo chức
  // năng, nhiệm vụ được giao"), 0 when none starts at toks[i] (subject_adverbials.tsv).
  size_t adverbial_at(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end) const;
  // Length of a heading opener that names the body of the duties below ("Trách nhiệm của",
  // "Đối với"; heading_lead_openers.tsv), of an adverbial clause opener ("Trên cơ sở", "Sau
  // khi"; clause_openers.tsv), 0 when none starts at toks[i]. Any case.
  size_t heading_opener_at(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end) const;
  size_t clause_opener_at(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end) const;
  // Splits "Sở A, Sở B" / "Ban A và Văn phòng B" into units.
  std::vector<UnitSpan> split(std::string_view text, const std::vector<Token>& toks, const UnitSpan& u,
                              bool exact = true) const;
  // Stable id: the directory's when listed, else the folded, abbreviation-expanded name.
  std::string unit_id(std::string_view name) const;
  // "các cơ quan liên quan", "các đơn vị có liên quan": not a unit one can follow up.
  bool is_generic(std::string_view name) const;
  // "các địa phương", "các đơn vị": addressees too vague to follow up when recipients are known.
  bool is_vague(std::string_view name) const;

  // Section titles, folded: non_task_sections.tsv and attribute_sections.tsv (with their attribute).
  const std::vector<std::vector<std::string>>& non_task_titles() const { return non_task_titles_; }
  const std::vector<std::pair<std::vector<std::string>, std::string>>& attribute_titles() const {
    return attribute_titles_;
  }
  // Words that, later in a section title, make it name work ("Mục tiêu, nhiệm vụ và giải pháp").
  const std::vector<std::vector<std::string>>& work_titles() const { return work_titles_; }
  // ... unless it is about standing functions ("Chức năng, nhiệm vụ và quyền hạn").
  const std::vector<std::vector<std::string>>& standing_titles() const { return standing_titles_; }
  // Verbs by which a meeting records its agreement (agreement_verbs.tsv), folded.
  const std::vector<std::vector<std::string>>& agreement_verbs() const { return agreement_verbs_; }
  // Clauses of decisions (decision_clauses.tsv): folded phrase and role (act, effect, execute).
  const std::vector<std::pair<std::vector<std::string>, std::string>>& decision_clauses() const {
    return decision_clauses_;
  }

 private:
  bool head_at(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end, bool allow_lower,
               size_t* len, bool exact = true, bool* closed = nullptr) const;
  std::string key(std::string_view name) const;
  bool kind_at(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end) const;

  const rules::Rules& rules_;
  rules::PhraseTable heads_;        // value: bit 1 = any case (else capitalised only), bit 2 = closed
  rules::PhraseTable levels_;       // words that go on a closed head's name (unit_level_words.tsv)
  rules::PhraseTable verbs_;        // value: VerbRole
  rules::PhraseTable nouns_;        // verb-like nouns inside names
  rules::PhraseTable stops_;        // words that end a name
  rules::PhraseTable false_heads_;  // look like a head but are no unit ("Trường hợp")
  rules::PhraseTable adverbials_;   // openers of adverbial phrases after a subject ("theo", "căn cứ")
  rules::PhraseTable heading_openers_;  // "trách nhiệm của", "đối với"
  rules::PhraseTable clause_openers_;   // "trên cơ sở", "sau khi"
  std::unordered_map<std::string, std::string> directory_;  // key -> id
  std::unordered_set<std::string> vague_;                     // keys of unit_vague.tsv
  std::unordered_set<std::string> generic_names_;             // unit_generic.tsv "name" rows, keys
  std::vector<std::vector<std::string>> generic_kinds_;       // "kind" rows, folded words, longest first
  rules::PhraseTable kinds_;                                  // the same, matched with their diacritics
  std::vector<std::vector<std::string>> non_task_titles_;
  std::vector<std::vector<std::string>> work_titles_;
  std::vector<std::vector<std::string>> agreement_verbs_;
  std::vector<std::vector<std::string>> standing_titles_;
  std::vector<std::pair<std::vector<std::string>, std::string>> attribute_titles_;
  std::vector<std::pair<std::vector<std::string>, std::string>> decision_clauses_;
};

}  // namespace dondoc::extract

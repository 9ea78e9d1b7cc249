#pragma once
// Helpers shared by the structure stage's files. Not part of the public API.
#include <string>
#include <string_view>
#include <vector>

#include "structure/structure.h"

namespace dondoc::structure::internal {

// A phrase of folded words, each with alternatives ("dang|pang cong san").
struct FoldPhrase {
  std::vector<std::vector<std::string>> words;
  // Number of tokens matched at toks[i] (0: none). Punctuation '-' between words is skipped.
  size_t match(const std::vector<Token>& toks, size_t i, size_t end) const;
};
FoldPhrase make_phrase(std::string_view spec);

struct HeaderPhrases {
  FoldPhrase national, motto, party_title, recipients, distribution;
  struct Authority {
    std::vector<std::string> toks;  // exact token texts, upper case
    std::string value;
    DocKind style;
  };
  std::vector<Authority> authorities;  // longest first
  std::vector<FoldPhrase> body_openers;
  rules::PhraseTable body_heads;  // words that start the name of a body (unit_heads + org terms)
  std::vector<std::pair<std::vector<std::string>, std::string>> metadata_labels;  // folded label -> field
  rules::PhraseTable field_labels;  // labels of a plan item's fields (attribute_sections.tsv)
};
const HeaderPhrases& header_phrases(const rules::Rules& rules);

// Authority marker at toks[i]: value and number of tokens, or 0 tokens.
struct AuthorityMatch {
  size_t length = 0;
  std::string value;
  DocKind style = DocKind::kUnknown;
};
AuthorityMatch match_authority(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end,
                               const rules::Rules& rules);

bool is_vv(const std::vector<Token>& toks, size_t i, size_t end);
// Is toks[i] the word "Số" (or its OCR forms "S6", "Sé", "Sô")? Returns tokens consumed (0: no).
size_t match_so(std::string_view text, const std::vector<Token>& toks, size_t i, size_t end);

std::vector<Line> build_lines(std::string_view text, const std::vector<Token>& toks, const rules::Rules& rules);

std::string text_of(std::string_view text, const std::vector<Token>& toks, size_t a, size_t b);

// Finds task tables among the rows and marks their lines LineKind::kTable.
std::vector<TaskTable> find_task_tables(std::vector<Line>& lines, const std::vector<Token>& toks,
                                        const std::vector<TextTableRow>& rows, const rules::Rules& rules);

// Finds the parts attached after the main document (Parsed::parts, without their outlines);
// may end the main body earlier (a copy without signature whose plan follows the articles).
void find_parts(Parsed& p, const rules::Rules& rules);

}  // namespace dondoc::structure::internal

#pragma once
// restore: Vietnamese diacritics restoration and conservative OCR repair.
//
// A Model (built by dondoc-train-restorer from the corpus) holds a syllable n-gram language
// model (interpolated modified Kneser-Ney, backoff form) and the table folded syllable -> real
// syllables. restore_text decodes every word written without marks over its candidates with a
// beam search; repair_ocr does the same over the spellings an OCR engine may have produced.
//
// Guarantees: total (never fails, any bytes in); only letter-words are rewritten, everything
// else (spaces, line breaks, numbers, punctuation, codes like ND-CP, URLs) is copied byte for
// byte; each rewritten word keeps the case of each input letter; `map` maps every byte of the
// output back to the input word it came from. Words already written with marks are kept (in
// restore_text) and serve as context. The library never looks up paths: the caller passes one.
//
//   auto model = restore::Model::load("build/restore.model");
//   if (!model) return fail(model.error());
//   restore::Restored r = restore::restore_text(*model, "Uy ban nhan dan tinh");
//   r.text;  // "Ủy ban nhân dân tỉnh"
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/source_map.h"
#include "core/tokens.h"

namespace dondoc::rules {
struct Rules;
}

namespace dondoc::restore {

namespace detail {
struct ModelData;
}

class Model {
 public:
  // The model file, memory-mapped: loads in milliseconds, and processes share its pages.
  static Result<Model> load(const std::string& path);
  static Result<Model> from_bytes(std::string bytes);

  int order() const;               // n-gram order (2..4)
  size_t vocabulary_size() const;  // words, punctuation and reserved tokens
  size_t candidate_keys() const;   // folded syllables with at least one candidate
  size_t size_bytes() const;       // the model file's size
  // The model's tables, built on first use (thread-safe): loading only maps and checks the file,
  // so a run that restores nothing does not build them.
  const detail::ModelData& data() const;

 private:
  explicit Model(std::shared_ptr<detail::ModelData> d) : d_(std::move(d)) {}
  static Result<Model> parse(std::shared_ptr<detail::ModelData> d);
  std::shared_ptr<detail::ModelData> d_;
};

struct Restored {
  std::string text;
  SourceMap map;       // output -> input bytes
  size_t changed = 0;  // words rewritten
};

// Adds diacritics to words written without them. In a text that mostly carries marks, a word
// without marks is trusted more (it is then likely meant as written).
Restored restore_text(const Model& m, std::string_view text);
// The same over the text's tokens (tokenize(text)), for a caller that has them already.
Restored restore_text(const Model& m, std::string_view text, const std::vector<Token>& toks);

// Share of Vietnamese-looking letter-words (syllable-shaped once folded) that carry marks.
double diacritics_ratio(std::string_view text);

// What a text's marks say, from one pass over its words: the share that carry marks
// (diacritics_ratio), whether it needs restoring (needs_restoration) and whether it is OCR output
// with its marks but damaged: of the words that carry marks, three or more and at least 0.3% of
// the syllable-shaped words are no Vietnamese syllable ("Thirơng", "nhlễm", "cáe"), which typed
// text almost never has.
// ocr_unmarked: a text that needs restoring and has symbols or digits OCR printed inside words
// ("ng&y", "c0ng", three or more and 0.3% of the words): OCR output without marks, to repair
// rather than restore as typed text.
struct MarkAssessment {
  double ratio = 0;
  bool needs_restoration = false;
  bool ocr_damaged = false;
  bool ocr_unmarked = false;
};
MarkAssessment assess_marks(std::string_view text);
MarkAssessment assess_marks(std::string_view text, const std::vector<Token>& toks);  // toks: tokenize(text)

// True when the text is Vietnamese written (almost) without marks: most of its letter-words are
// syllable-shaped (so that English or code is not "restored") and fewer than 5% of those carry
// marks, or (30 words or more) the only marks are accents a Latin OCR engine prints (é, à) and
// under 2% of the words have a letter only Vietnamese has (ă ơ ư đ; a fifth of real text does).
bool needs_restoration(std::string_view text);

// Conservative repair of OCR output: letters OCR engines confuse (the rules' ocr_confusions
// table), marks put on the wrong vowel, syllables split by spaces. A known word in a plausible
// context is never replaced; an unknown or clearly implausible one is replaced by the best
// candidate. Words without marks are restored as by restore_text when the text needs restoration.
Restored repair_ocr(const Model& m, std::string_view text, const rules::Rules& rules);
Restored repair_ocr(const Model& m, std::string_view text, const std::vector<Token>& toks,
                    const rules::Rules& rules);  // toks: tokenize(text)
// The same with the rules compiled into the binary (rules::Rules::builtin()).
Restored repair_ocr(const Model& m, std::string_view text);

// Codes in an OCR copy: words the rules' code_ocr table lists as misreadings become the code
// ("Thường trực BUK" -> ĐUK); inside a symbol, a part that one letter misreading of the
// code_ocr_letters table makes a known code becomes that code ("KL/FW" -> "KL/TW").
Restored fix_ocr_codes(std::string_view text, const rules::Rules& rules);
// Codes in text typed without marks get their Đ back ("QD-UBND" -> "QĐ-UBND", "HDND" -> "HĐND")
// where the word cannot be a Vietnamese word ("DU" stays outside a symbol).
Restored fix_unmarked_codes(std::string_view text, const rules::Rules& rules);

// True when `syllable` (any case, NFC or not, old or new tone placement) is a Vietnamese
// syllable seen often enough in the training corpus to be trusted.
bool is_known_syllable(const Model& m, std::string_view syllable);

}  // namespace dondoc::restore

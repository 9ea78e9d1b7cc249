#pragma once
// List labels of a DOCX ("1.", "a)", "II.", "1.2.") rebuilt from word/numbering.xml: Word does not
// store them in document.xml. A paragraph names a list (numId) and a level (ilvl); the list
// points to an abstract definition whose level gives the format and the label text ("%1.%2.").
// Counters run per abstract definition, as Word continues a list across numIds that share one,
// unless a numId restarts a level with startOverride. Internal to ingest.
//
//   auto numbering = DocxNumbering::parse(numbering_xml);  // "" when the part is absent
//   numbering.next_label("1", 0);  // "1."
//   numbering.next_label("1", 1);  // "a)"
#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace dondoc::ingest {

// One counter value in a numFmt: decimal 4 -> "4", lowerLetter 28 -> "bb", upperRoman 14 ->
// "XIV", decimalZero 5 -> "05". Unknown formats are written as decimal.
std::string format_list_number(int value, std::string_view num_fmt);

class DocxNumbering {
 public:
  static constexpr int kLevels = 9;

  static DocxNumbering parse(std::string_view numbering_xml);
  // The label of the next paragraph at (num_id, ilvl), advancing the counters; "" when the list
  // is unknown or the level has no label. Bullets come out as "-".
  std::string next_label(const std::string& num_id, int ilvl);

 private:
  struct Level {
    std::string fmt = "decimal";
    std::string text;
    int start = 1;
    bool defined = false;
  };
  struct Abstract {
    std::array<Level, kLevels> levels;
  };
  struct Num {
    std::string abstract_id;
    std::map<int, int> start_override;
    std::map<int, Level> level_override;
  };
  struct Counters {
    std::array<int, kLevels> value{};
    std::array<bool, kLevels> active{};
  };

  std::map<std::string, Abstract> abstracts_;
  std::map<std::string, Num> nums_;
  std::map<std::string, Counters> counters_;  // by abstract id
  std::set<std::string> started_;             // numIds whose overrides were applied
};

}  // namespace dondoc::ingest

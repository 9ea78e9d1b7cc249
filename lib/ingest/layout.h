#pragma once
// Page layout: positioned words (from a PDF text layer or from OCR) -> lines of text in reading
// order. Internal to ingest; pure (no I/O), so it is tested on hand-made word boxes.
//
// Words are grouped into rows by vertical overlap. A row splits into segments where a wide
// horizontal gap separates words (a list label such as "1." or "a)" stays with its text).
// Consecutive rows that share such a gap form a column region, as in the two-column header of an
// official document (issuer left, Quốc hiệu and date right) and its signature block (Nơi nhận
// left, signer right). A two-column region is written column by column, like the cells of the
// table it was typeset from; a region of three or more columns (a table of tasks) is written row
// by row, each row's cells on their own lines, so that a task stays next to its deadline.
// Never two columns on one line. Digits set small and raised (footnote marks) become
// superscript digits so they cannot glue onto a year. A page number alone at the top or the
// bottom of the page is dropped.
//
//   std::vector<LayoutWord> words = {{"ỦY", 60, 40, 80, 54}, ...};
//   std::string text = lay_out_page(words);  // lines separated by '\n', ends with '\n'
#include <string>
#include <vector>

namespace dondoc::ingest {

struct LayoutWord {
  std::string text;               // UTF-8, no spaces inside
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // box; y grows downwards; any unit
  int space_after = -1;           // 1/0 when the source knows (PDF), -1: judge by the gap
};

std::string lay_out_page(std::vector<LayoutWord> words);

}  // namespace dondoc::ingest

// Task tables: a phụ lục with columns STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |
// Thời gian hoàn thành, recognised by its heading row.
#include <algorithm>
#include <map>

#include "structure/internal.h"

namespace dondoc::structure::internal {

namespace {

struct Heading {
  std::vector<std::string> words;
  int role;
};

std::vector<Heading> headings(const rules::Rules& rules) {
  std::vector<Heading> out;
  for (const auto& row : rules.table("task_table_columns")) {
    if (row.size() < 2) continue;
    static const char* kRoles[] = {"ref", "task", "lead", "support", "deadline", "note"};
    for (int r = 0; r < TaskTable::kRoles; ++r)
      if (row[1] == kRoles[r]) out.push_back(Heading{rules::fold_words(row[0]), r});
  }
  return out;
}

}  // namespace

std::vector<TaskTable> find_task_tables(std::vector<Line>& lines, const std::vector<Token>& toks,
                                        const std::vector<TextTableRow>& rows, const rules::Rules& rules) {
  std::vector<TaskTable> out;
  if (rows.empty()) return out;
  // text line -> the Line indices made from it
  std::map<int, std::pair<size_t, size_t>> by_text_line;
  for (size_t i = 0; i < lines.size(); ++i) {
    auto it = by_text_line.find(lines[i].text_line);
    if (it == by_text_line.end()) by_text_line[lines[i].text_line] = {i, i + 1};
    else it->second.second = i + 1;
  }
  auto cell_lines = [&](std::pair<int, int> c) -> std::pair<size_t, size_t> {
    if (c.first < 0) return {0, 0};
    auto a = by_text_line.find(c.first), b = by_text_line.find(c.second - 1);
    if (a == by_text_line.end() || b == by_text_line.end()) return {0, 0};
    return {a->second.first, b->second.second};
  };
  const auto heads = headings(rules);
  auto role_of = [&](std::pair<size_t, size_t> cell) {
    if (cell.first == cell.second) return -1;
    std::vector<std::string> words;
    for (size_t l = cell.first; l < cell.second && words.size() < 8; ++l)
      for (size_t k = lines[l].tb; k < lines[l].te && words.size() < 8; ++k)
        if (toks[k].is_word()) words.emplace_back(toks[k].fold);
    int best = -1;
    size_t best_len = 0;
    for (const auto& h : heads) {
      if (h.words.size() <= best_len || h.words.size() > words.size()) continue;
      if (std::equal(h.words.begin(), h.words.end(), words.begin())) {
        best = h.role;
        best_len = h.words.size();
      }
    }
    // A heading names its column in a few words; a data cell says more.
    if (best >= 0 && words.size() > best_len + 4) return -1;
    return best;
  };
  size_t i = 0;
  while (i < rows.size()) {
    size_t j = i;
    while (j < rows.size() && rows[j].table == rows[i].table) ++j;
    // The heading row: the first row that names a task column and a lead or a time column.
    for (size_t h = i; h < j && h < i + 3; ++h) {
      TaskTable t;
      for (size_t c = 0; c < rows[h].cells.size(); ++c) {
        int role = role_of(cell_lines(rows[h].cells[c]));
        if (role >= 0 && t.col[role] < 0) t.col[role] = static_cast<int>(c);
      }
      if (t.col[TaskTable::kTask] < 0 || (t.col[TaskTable::kLead] < 0 && t.col[TaskTable::kDeadline] < 0)) continue;
      if (int d = t.col[TaskTable::kDeadline]; d >= 0)
        for (size_t c = static_cast<size_t>(d) + 1; c < rows[h].cells.size(); ++c) {
          auto cl = cell_lines(rows[h].cells[c]);
          if (cl.first != cl.second) break;
          t.more_deadline_cols.push_back(static_cast<int>(c));
        }
      auto mark = [&](size_t r) {
        for (const auto& c : rows[r].cells) {
          auto [a, b] = cell_lines(c);
          for (size_t l = a; l < b; ++l) lines[l].kind = LineKind::kTable;
        }
      };
      mark(h);
      for (size_t r = h + 1; r < j; ++r) {
        std::vector<std::pair<size_t, size_t>> cells;
        for (const auto& c : rows[r].cells) cells.push_back(cell_lines(c));
        t.rows.push_back(std::move(cells));
        mark(r);
      }
      out.push_back(std::move(t));
      break;
    }
    i = j;
  }
  return out;
}

}  // namespace dondoc::structure::internal

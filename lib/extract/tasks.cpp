// Tasks: the numbered items (or, without numbering, the requests in running text) that ask a
// unit to do something, with who leads, who supports, whom to report to, and by when.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/viet.h"
#include "extract/deadlines.h"
#include "extract/extract.h"
#include "extract/time_grammar.h"
#include "extract/units.h"

namespace dondoc::extract {
namespace {

using structure::Line;
using structure::LineKind;
using structure::OutlineNode;

bool punct_is(const Token& t, std::string_view p) { return t.kind == TokKind::kPunct && t.fold == p; }

struct Range {
  size_t tb = 0, te = 0;
};

class TaskFinder {
  static constexpr size_t kMaxUnits = 200;  // units of one role (lead, support, report to) of a task

 public:
  TaskFinder(const structure::Parsed& p, const rules::Rules& r, const TaskOptions& o)
      : p_(p), r_(r), opt_(o), lex_(UnitLexicon::get(r)), time_lex_(r.view<TimeLexicon>()),
        time_memo_(time_lex_, p.toks), toks_(p.toks), out_(&p.outline),
        exact_(!p.restored) {}

  std::vector<Task> run() {
    setup_context();
    std::vector<Task> tasks;
    // A normative decision or resolution (a year in its number: "35/2024/QĐ-UBND") sets rules:
    // only its items that name the body that acts are tasks, as in an attached Quy chế.
    bool normative = p_.doc.year.has_value() && p_.doc.type &&
                     (*p_.doc.type == "Quyết định" || *p_.doc.type == "Nghị quyết");
    outline_tasks(p_.outline, p_.body_begin, normative, tasks);
    // Attached parts (the Kế hoạch a Quyết định issues): their items, with refs from their own
    // outline. In a Quy chế only items that name the body that acts are tasks.
    for (const auto& part : p_.parts) outline_tasks(part.outline, part.begin, part.rules, tasks);
    for (const auto& table : p_.task_tables)
      for (auto& t : table_tasks(table)) tasks.push_back(std::move(t));
    if (tasks.empty()) {
      tasks = running_text_tasks(false);
    } else if (p_.doc.type && *p_.doc.type == "Công văn") {
      // A letter that also asks for work in paragraphs outside its numbered items ("Đề nghị quý
      // Bộ khẩn trương báo cáo ..."): those requests too, as #1, #2...
      for (auto& t : running_text_tasks(true)) tasks.push_back(std::move(t));
    }
    return tasks;
  }

 private:
  // The tasks of one outline (the main body's or an attached part's) whose text starts at line
  // `begin`.
  void outline_tasks(const structure::Outline& outline, size_t begin, bool named_only, std::vector<Task>& tasks) {
    out_ = &outline;
    intro_begin_ = begin;
    attr_cache_.clear();
    heading_cache_.clear();
    attr_children_.clear();
    intro_done_ = false;
    intro_.clear();
    std::vector<char> covered(out_->nodes.size(), 0);
    // Items kept and items that are work only by the company they keep (below), by node.
    std::vector<std::pair<size_t, Task>> found;
    std::vector<size_t> undecided;
    std::vector<char> kept(out_->nodes.size(), 0);
    for (size_t id = 0; id < out_->nodes.size(); ++id) {
      const OutlineNode& n = out_->nodes[id];
      if (n.parent >= 0 && covered[static_cast<size_t>(n.parent)]) {
        covered[id] = 1;
        continue;
      }
      // "1. <work> / a) Cơ quan chủ trì: X / b) Thời gian: Quý II": one task, its lines its fields.
      if (n.numbered() && field_item(static_cast<int>(id)) && !in_excluded_section(static_cast<int>(id))) {
        covered[id] = 1;
        kept[id] = 1;
        found.emplace_back(id, make_task(static_cast<int>(id)));
        continue;
      }
      if (!n.numbered() || has_numbered_children(n)) continue;
      int nested = -1;
      bool excluded = in_excluded_section(static_cast<int>(id), &nested);
      if (in_attribute_section(static_cast<int>(id))) continue;
      Range own = node_range(static_cast<int>(id), true);
      if (own.te <= own.tb) continue;
      // Inside "4. Phương thức thực hiện" / "4.1. Yêu cầu về kỹ thuật:", an item that names the
      // body that acts ("Sở Xây dựng nghiên cứu, thiết kế ...") is still work; top-level purpose,
      // requirement and assessment sections give none.
      if (excluded && (nested == 0 || !names_actor(own))) continue;
      if (is_non_task_clause(static_cast<int>(id)) || records_agreement(own)) continue;
      if (!is_directive(own) && !under_unit_heading(static_cast<int>(id)) && !execution_clause(static_cast<int>(id))) {
        if (!named_only) undecided.push_back(id);
        continue;
      }
      Task t = make_task(static_cast<int>(id));
      if (named_only && (t.lead.empty() || lead_from_intro_) && !execution_clause(static_cast<int>(id))) continue;
      kept[id] = 1;
      found.emplace_back(id, std::move(t));
    }
    // The items of one list are of one kind: "a) Tháo gỡ bất cập pháp lý ...", "đ) Tăng khả năng
    // tiếp cận vốn ..." among lettered siblings that are all work are work too, though their verb
    // is not in the lexicon: when at least three siblings of its marker style are kept and at
    // most one in four is not, and the item has a lead.
    for (size_t id : undecided) {
      const OutlineNode& n = out_->nodes[id];
      if (n.parent < 0) continue;
      size_t yes = 0, no = 0;
      for (int c : out_->nodes[static_cast<size_t>(n.parent)].children) {
        const OutlineNode& sib = out_->nodes[static_cast<size_t>(c)];
        if (static_cast<size_t>(c) == id || sib.style != n.style || !sib.numbered()) continue;
        (kept[static_cast<size_t>(c)] ? yes : no)++;
      }
      if (yes < 3 || yes < 3 * no) continue;
      Task t = make_task(static_cast<int>(id));
      if (t.lead.empty()) continue;  // and it has someone to do it
      found.emplace_back(id, std::move(t));
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [id, t] : found) tasks.push_back(std::move(t));
  }

  // ---- context -----------------------------------------------------------------------------
  void setup_context() {
    for (const auto& c : p_.doc.citations) excluded_.push_back(c.span);
    excluded_ = exclusions(std::move(excluded_));
    dctx_.excluded = excluded_;
    dctx_.lexicon = &time_lex_;
    dctx_.memo = &time_memo_;
    dctx_.calendar = opt_.calendar;
    if (p_.doc.date && p_.doc.date->complete()) dctx_.issued = p_.doc.date->date();
    if (p_.reference_date) {
      dctx_.reference = p_.reference_date;
    } else if (p_.doc.date && p_.doc.date->y) {
      dctx_.reference_year = p_.doc.date->y;
      if (p_.doc.date->m) dctx_.reference = Date{p_.doc.date->y, p_.doc.date->m, 1};
    }
    if (!dctx_.reference && !dctx_.reference_year) {
      // No date line (a Kết luận draft): the latest date the document sets for itself, such as
      // the conference it records.
      std::optional<Date> latest;
      for (size_t k = 0; k < toks_.size(); ++k) {
        if (!(toks_[k].is_word() && toks_[k].is("ngay"))) continue;
        if (overlaps(excluded_, Span{toks_[k].begin, toks_[k].begin + 1})) continue;  // inside a citation
        auto dm = structure::parse_date(toks_, k, std::min(toks_.size(), k + 10), false);
        if (dm && dm->date.complete() && (!latest || dm->date.date() > *latest)) latest = dm->date.date();
      }
      if (latest) dctx_.reference = latest;
    }
  }

  // ---- outline helpers ---------------------------------------------------------------------
  bool has_numbered_children(const OutlineNode& n) const {
    return std::any_of(n.children.begin(), n.children.end(), [&](int c) { return out_->nodes[c].numbered(); });
  }

  // Tokens of a node: from its text to the end of its last line. `own` stops at the first
  // numbered child (the heading text of a parent).
  Range node_range(int id, bool own) const {
    const OutlineNode& n = out_->nodes[id];
    size_t end_line = n.end_line;
    if (own) {
      for (int c : n.children)
        if (out_->nodes[c].numbered()) { end_line = std::min(end_line, out_->nodes[c].line); break; }
    }
    size_t te = n.text_tb;
    for (size_t l = n.line; l < end_line && l < p_.lines.size(); ++l)
      if (p_.lines[l].te > te) te = p_.lines[l].te;
    return Range{n.text_tb, te};
  }

  Range title_range(int id) const {
    const OutlineNode& n = out_->nodes[id];
    if (n.text_tb < p_.lines[n.line].te) return Range{n.text_tb, p_.lines[n.line].te};
    // A marker alone on its line ("1." / "Mục tiêu chung ..."): the title is the next line.
    for (size_t l = n.line + 1; l < n.end_line && l < p_.lines.size(); ++l)
      if (p_.lines[l].kind != LineKind::kBlank) return Range{p_.lines[l].tb, p_.lines[l].te};
    return Range{n.text_tb, n.text_tb};
  }

  bool in_excluded_section(int id) const {
    int nested = -1;
    return in_excluded_section(id, &nested);
  }

  // *nested: how many numbered items stand above the excluding section (0: a top-level section
  // such as "I. MỤC ĐÍCH, YÊU CẦU").
  bool in_excluded_section(int id, int* nested) const {
    std::vector<std::string_view> words;  // a title's first eight words, folded
    words.reserve(8);
    for (int a = id; a >= 0; a = out_->nodes[a].parent) {
      Range t = title_range(a);
      words.clear();
      size_t upper_run = 0;  // leading words in capitals: a heading with its table glued after it
      bool in_run = true;
      for (size_t k = t.tb; k < t.te && (words.size() < 8 || in_run); ++k)
        if (toks_[k].is_word()) {
          if (words.size() < 8) words.emplace_back(toks_[k].fold);
          in_run = in_run && toks_[k].upper;
          if (in_run) ++upper_run;
        }
      // "II. MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP": a title that also names the work is a task section.
      if (names_work(words)) continue;
      for (const auto& w : lex_.non_task_titles()) {
        if (w.size() <= words.size() && std::equal(w.begin(), w.end(), words.begin())) {
          // A short title ("Mục đích", "1. Tình hình") names the section; a sentence that starts
          // with the same words ("Đánh giá, rà soát ...") may still be a task.
          // "I. CHỈ TIÊU CHỦ YẾU TT Chỉ tiêu Đơn vị ...": a heading in capitals names its section
          // however long, even with the table of the section glued after it.
          if (a != id || words.size() <= w.size() + 4 || upper_run >= w.size()) {
            *nested = 0;
            using structure::MarkerStyle;
            for (int b = out_->nodes[a].parent; b >= 0; b = out_->nodes[b].parent) {
              MarkerStyle st = out_->nodes[b].style;
              // Phần, Chương, Mục group articles: an article under them is still top level.
              if (out_->nodes[b].numbered() && st != MarkerStyle::kPart && st != MarkerStyle::kChapter &&
                  st != MarkerStyle::kSection)
                ++*nested;
            }
            return true;
          }
        }
      }
    }
    return false;
  }

  // Words of a section title that name work to do (non_task_sections.tsv, "work" rows).
  bool names_work(const std::vector<std::string_view>& words) const {
    auto has = [&](const std::vector<std::string>& w, size_t from) {
      for (size_t k = from; k + w.size() <= words.size(); ++k)
        if (std::equal(w.begin(), w.end(), words.begin() + static_cast<long>(k))) return true;
      return false;
    };
    for (const auto& w : lex_.standing_titles())
      if (has(w, 0)) return false;
    for (const auto& w : lex_.work_titles())
      for (size_t k = 1; k + w.size() <= words.size(); ++k)
        if (std::equal(w.begin(), w.end(), words.begin() + static_cast<long>(k))) return true;
    return false;
  }

  struct Parties {
    std::vector<UnitSpan> lead, support, report_to;
    bool weak_only = false;  // the leads come only from subjects in the middle of a sentence
  };

  // ---- articles of decisions ----------------------------------------------------------------
  bool is_article(int id) const { return out_->nodes[id].style == structure::MarkerStyle::kArticle; }

  // First token of the words `w` as a run in [r.tb, r.te) (punctuation between them skipped),
  // or r.te.
  size_t find_words(Range r, const std::vector<std::string>& w) const {
    if (w.empty()) return r.te;
    const std::string& first = w[0];
    for (size_t k = r.tb; k < r.te; ++k) {
      const Fold& f = toks_[k].fold;
      if (!toks_[k].is_word() || !same_text(f, first)) continue;
      size_t j = k + 1, i = 1;
      while (i < w.size() && j < r.te) {
        if (toks_[j].kind == TokKind::kPunct || toks_[j].kind == TokKind::kNewline) { ++j; continue; }
        if (!same_text(toks_[j].fold, w[i])) break;
        ++i;
        ++j;
      }
      if (i == w.size()) return k;
    }
    return r.te;
  }

  bool starts_with_words(Range r, const std::vector<std::string>& w) const {
    size_t k = r.tb, i = 0;
    while (i < w.size() && k < r.te) {
      if (!toks_[k].is_word()) {
        if (i == 0 || toks_[k].kind == TokKind::kPunct) { ++k; continue; }
        return false;
      }
      if (toks_[k].fold != w[i]) return false;
      ++i;
      ++k;
    }
    return i == w.size();
  }

  // The execution clause of a decision: where its phrase starts ("... chịu trách nhiệm thi hành
  // Quyết định này"), or nullopt.
  std::optional<size_t> execution_phrase(int id) const {
    // The article itself or a clause of it ("Điều 3. Điều khoản thi hành / 3. Chính phủ, ... có
    // trách nhiệm tổ chức thực hiện Nghị quyết này").
    bool in_article = false;
    for (int a = id; a >= 0 && !in_article; a = out_->nodes[a].parent) in_article = is_article(a);
    if (!in_article) return std::nullopt;
    Range r = node_range(id, false);
    for (const auto& [w, role] : lex_.decision_clauses())
      if (role == "execute")
        if (size_t k = find_words(r, w); k < r.te) return k;
    return std::nullopt;
  }

  bool execution_clause(int id) const { return execution_phrase(id).has_value(); }

  // An article that is the decision's own act or its entry into force is no task (unless it also
  // carries the execution clause).
  bool is_non_task_clause(int id) const {
    if (!is_article(id) || execution_clause(id)) return false;
    Range r = node_range(id, true);
    for (const auto& [w, role] : lex_.decision_clauses())
      if ((role == "act" || role == "effect") && starts_with_words(r, w)) return true;
    return false;
  }

  // "Hội đồng nhân dân tỉnh tán thành nội dung Báo cáo ...", "Thống nhất đánh giá ...": the meeting
  // records its agreement; no task unless it goes on to assign work.
  bool records_agreement(Range r) const {
    size_t k = r.tb;
    while (k < r.te && !toks_[k].is_word()) ++k;
    if (auto u = lex_.unit_at(p_.text, toks_, k, r.te, true, exact_)) k = u->te;
    while (k < r.te && !toks_[k].is_word()) ++k;
    bool agree = false;
    for (const auto& w : lex_.agreement_verbs()) {
      size_t j = k, i = 0;
      while (i < w.size() && j < r.te) {
        if (toks_[j].kind == TokKind::kNewline) { ++j; continue; }  // a line wrapped inside the verb
        if (!toks_[j].is_word() || toks_[j].fold != w[i]) break;
        ++i;
        ++j;
      }
      if (i == w.size()) { agree = true; break; }
    }
    if (!agree) return false;
    // "Thống nhất giao Sở Y tế chủ trì ...": the same sentence assigns work.
    for (size_t q = k; q < r.te; ++q) {
      if (punct_is(toks_[q], ".") || punct_is(toks_[q], ";") || punct_is(toks_[q], ":")) break;
      if (verb(q, r.te).first == VerbRole::kAssign) return false;
    }
    return true;
  }

  // The bodies an execution clause names before its phrase, in the phrase's sentence.
  std::vector<UnitSpan> execution_leads(int id, size_t phrase) const {
    Range r = node_range(id, false);
    size_t from = r.tb;
    for (size_t k = phrase; k > r.tb; --k)
      if (punct_is(toks_[k - 1], ".") && !(k >= 2 && toks_[k - 2].is_number())) { from = k; break; }
    while (from < phrase && !toks_[from].is_word()) ++from;
    std::vector<UnitSpan> out;
    if (from >= phrase) return out;
    size_t to = phrase;
    while (to > from && toks_[to - 1].kind != TokKind::kWord && toks_[to - 1].kind != TokKind::kNumber) --to;
    UnitSpan all{from, to, structure::clean_value(p_.text.substr(toks_[from].begin, toks_[to - 1].end - toks_[from].begin))};
    // Split at ';' and at ',' / 'và' before a capitalised name or a head ("Chủ tịch UBND ...").
    size_t s = from;
    auto flush = [&](size_t a, size_t b) {
      while (a < b && !toks_[a].is_word()) ++a;
      while (b > a && !toks_[b - 1].is_word() && !toks_[b - 1].is_number()) --b;
      if (a >= b) return;
      std::string name = structure::clean_value(p_.text.substr(toks_[a].begin, toks_[b - 1].end - toks_[a].begin));
      if (name.empty() || lex_.is_generic(name)) return;
      out.push_back(UnitSpan{a, b, name});
    };
    for (size_t k = from; k < to; ++k) {
      bool cut = punct_is(toks_[k], ";");
      if (!cut && (punct_is(toks_[k], ",") || (toks_[k].is_word() && toks_[k].is("va"))) && k + 1 < to) {
        // A new body starts with a head of its own ("Giám đốc Sở ...", "Chủ tịch UBND ...", "các
        // tổ chức ..."); "Sở Văn hóa, Thể thao và Du lịch" goes on.
        cut = lex_.unit_at(p_.text, toks_, k + 1, to, false, exact_).has_value();
      }
      if (cut) { flush(s, k); s = k + 1; }
    }
    flush(s, to);
    (void)all;
    return out;
  }

  // ---- attribute sections of plans --------------------------------------------------------------
  enum class Attr { kNone, kLead, kSupport, kLeadSupport, kDeadline, kContent, kOther };

  Attr attribute_of(int id) const {
    if (attr_cache_.empty()) attr_cache_.assign(out_->nodes.size(), -1);
    if (attr_cache_[id] >= 0) return static_cast<Attr>(attr_cache_[id]);
    Attr a = compute_attribute(id);
    attr_cache_[id] = static_cast<int8_t>(a);
    return a;
  }

  // The longest attribute_sections.tsv label the words start with, and its length in words.
  std::pair<Attr, size_t> attribute_title(const std::vector<std::string>& words) const {
    Attr best = Attr::kNone;
    size_t best_len = 0;
    for (const auto& [w, a] : lex_.attribute_titles()) {
      if (w.size() <= best_len || w.size() > words.size() || !std::equal(w.begin(), w.end(), words.begin())) continue;
      best_len = w.size();
      best = a == "lead" ? Attr::kLead : a == "support" ? Attr::kSupport : a == "lead_support" ? Attr::kLeadSupport
             : a == "deadline" ? Attr::kDeadline : a == "content" ? Attr::kContent : Attr::kOther;
    }
    return {best, best_len};
  }

  Attr compute_attribute(int id) const {
    Range t = title_range(id);
    std::vector<std::string> words;
    for (size_t k = t.tb; k < t.te && words.size() < 8; ++k)
      if (toks_[k].is_word()) words.emplace_back(toks_[k].fold);
    auto [best, best_len] = attribute_title(words);
    // "Chủ trì" alone opens many imperatives ("Chủ trì, phối hợp với ..."): only a short title.
    if (best != Attr::kNone && words.size() > best_len + 3 && !has_colon(t)) return Attr::kNone;
    return best;
  }

  bool has_colon(Range r) const {
    for (size_t k = r.tb; k < r.te; ++k)
      if (punct_is(toks_[k], ":")) return true;
    return false;
  }

  bool in_attribute_section(int id) const {
    for (int a = id; a >= 0; a = out_->nodes[a].parent)
      if (out_->nodes[a].numbered() && attribute_of(a) != Attr::kNone && attribute_of(a) != Attr::kContent) return true;
    return false;
  }

  // Names listed in an attribute section: after its colon and on its dash lines, split at ';'.
  void attribute_units(int id, std::vector<UnitSpan>& into) const {
    Range r = node_range(id, true);
    size_t k = r.tb;
    Range title = title_range(id);
    for (size_t q = title.tb; q < title.te; ++q)
      if (punct_is(toks_[q], ":")) { k = q + 1; break; }
    if (k == r.tb) k = title.te;  // no colon: names start on the next line
    size_t s = k;
    auto flush = [&](size_t a, size_t b) {
      while (a < b && (toks_[a].kind == TokKind::kNewline || punct_is(toks_[a], "-") || punct_is(toks_[a], "+"))) ++a;
      if (a >= b || punct_is(toks_[a], "(")) return;  // a note in parentheses, not a name
      UnitSpan u{a, b, structure::clean_value(p_.text.substr(toks_[a].begin, toks_[b - 1].end - toks_[a].begin))};
      if (u.name.empty() || lex_.is_generic(u.name)) return;
      if (std::none_of(into.begin(), into.end(), [&](const UnitSpan& x) { return x.name == u.name; })) into.push_back(u);
    };
    for (size_t q = k; q <= r.te; ++q) {
      bool cut = q == r.te || punct_is(toks_[q], ";") ||
                 (toks_[q].kind == TokKind::kNewline && q + 1 < r.te && toks_[q + 1].kind != TokKind::kNewline &&
                  (punct_is(toks_[q + 1], "-") || punct_is(toks_[q + 1], "+") || toks_[q + 1].capitalized)) ||
                 (q + 1 < r.te && toks_[q].kind == TokKind::kNewline && toks_[q + 1].kind == TokKind::kNewline);
      if (!cut) continue;
      // Stop at a nested numbered item (handled by recursion).
      flush(s, q);
      s = q + 1;
    }
  }

  struct Attributes {
    std::vector<UnitSpan> lead, support;
    std::vector<Deadline> deadlines;
  };

  void collect_attribute(int id, Attr a, Attributes& at) const {
    std::vector<int> numbered_children;
    for (int c : out_->nodes[id].children)
      if (out_->nodes[c].numbered()) numbered_children.push_back(c);
    if (!numbered_children.empty()) {
      for (int c : numbered_children) {
        Attr ca = attribute_of(c);
        if (ca != Attr::kNone) collect_attribute(c, ca, at);
      }
      return;
    }
    if (a == Attr::kLead || a == Attr::kLeadSupport) attribute_units(id, at.lead);
    else if (a == Attr::kSupport) attribute_units(id, at.support);
    else if (a == Attr::kDeadline) {
      Range r = node_range(id, false);
      DeadlineContext cell = dctx_;
      cell.cell = true;
      for (auto& d : find_deadlines(p_.text, toks_, r.tb, r.te, cell, r_)) at.deadlines.push_back(std::move(d));
    }
  }

  // An item whose numbered lines are the fields of one task: at least one names who leads or
  // by when (attribute_sections.tsv), and every other one is such a field or the work itself
  // ("Nội dung", "Nhiệm vụ").
  bool field_item(int id) const {
    const OutlineNode& n = out_->nodes[id];
    bool who_or_when = false, any = false;
    for (int c : n.children) {
      if (!out_->nodes[c].numbered()) continue;
      any = true;
      Attr a = attribute_of(c);
      if (a == Attr::kNone) return false;
      if (a == Attr::kLead || a == Attr::kLeadSupport || a == Attr::kDeadline) who_or_when = true;
    }
    return any && who_or_when;
  }

  // The fields of a field item.
  Attributes fields_of(int id) const {
    Attributes at;
    for (int c : out_->nodes[id].children) {
      if (!out_->nodes[c].numbered()) continue;
      Attr k = attribute_of(c);
      if (k != Attr::kNone && k != Attr::kOther && k != Attr::kContent) collect_attribute(c, k, at);
    }
    return at;
  }

  // Field lines inside an item: "- Đơn vị chủ trì: Vụ Pháp chế.", "Cơ quan thực hiện: Sở Y tế chủ
  // trì, phối hợp với ...", "- Thời gian thực hiện: Quý II/2026." (a label of
  // attribute_sections.tsv, a colon, the value).
  Attributes field_lines(int id) const {
    Attributes at;
    const OutlineNode& n = out_->nodes[id];
    for (size_t l = n.line; l < n.end_line && l < p_.lines.size(); ++l) {
      const Line& line = p_.lines[l];
      if (line.kind != LineKind::kText) continue;
      // A nested numbered item has its own fields.
      if (l != n.line && out_->line_node[l] >= 0 && out_->line_node[l] != id &&
          out_->nodes[out_->line_node[l]].numbered() && out_->nodes[out_->line_node[l]].line == l)
        break;
      size_t k = l == n.line ? n.text_tb : line.tb;
      while (k < line.te && (punct_is(toks_[k], "-") || punct_is(toks_[k], "+") || punct_is(toks_[k], "•"))) ++k;
      std::vector<std::string> words;
      size_t q = k;
      for (; q < line.te && words.size() < 8; ++q) {
        if (toks_[q].is_word()) words.emplace_back(toks_[q].fold);
        else if (!punct_is(toks_[q], ",")) break;
      }
      auto [best, best_len] = attribute_title(words);
      // Only labels of who and by when are fields inside an item.
      if (best != Attr::kLead && best != Attr::kSupport && best != Attr::kLeadSupport && best != Attr::kDeadline) continue;
      // The label ends with a colon right after its words.
      size_t c = k;
      for (size_t w = 0; c < line.te && w < best_len; ++c)
        if (toks_[c].is_word()) ++w;
      while (c < line.te && punct_is(toks_[c], ",")) ++c;
      if (c >= line.te || !punct_is(toks_[c], ":")) continue;
      Range v{c + 1, line.te};
      if (v.te <= v.tb) continue;
      if (best == Attr::kDeadline) {
        DeadlineContext cell = dctx_;
        cell.cell = true;
        for (auto& d : find_deadlines(p_.text, toks_, v.tb, v.te, cell, r_)) at.deadlines.push_back(std::move(d));
        continue;
      }
      std::vector<UnitSpan>& into = best == Attr::kSupport ? at.support : at.lead;
      // "Sở Y tế chủ trì, phối hợp với Sở Tài chính": the verbs say who leads and who supports.
      Parties fp = parties_in(v, false);
      if (best != Attr::kSupport && !fp.lead.empty()) {
        for (const auto& u : fp.lead) add_units(into, u);
        for (const auto& u : fp.support) add_units(at.support, u);
        continue;
      }
      size_t s = v.tb;
      for (size_t x = v.tb; x <= v.te; ++x) {
        if (x < v.te && !punct_is(toks_[x], ";")) continue;
        size_t a = s, b = x;
        while (a < b && !toks_[a].is_word()) ++a;
        while (b > a && !toks_[b - 1].is_word() && !toks_[b - 1].is_number()) --b;
        if (a < b) {
          // Stop at a verb: "Sở Tư pháp chủ trì" in a lead field names Sở Tư pháp.
          size_t e = a;
          while (e < b && !(e > a && verb(e, b).first != VerbRole::kNone)) ++e;
          UnitSpan u{a, e, structure::clean_value(p_.text.substr(toks_[a].begin, toks_[e - 1].end - toks_[a].begin))};
          if (!u.name.empty() && !lex_.is_generic(u.name)) add_units(into, u);
        }
        s = x + 1;
      }
    }
    return at;
  }

  // Attributes given by the sections next to the task's ancestors.
  Attributes attributes_for(int id) const {
    Attributes at;
    int child = id;
    for (int a = out_->nodes[id].parent; a >= 0; child = a, a = out_->nodes[a].parent) {
      for (int c : attribute_children(a))
        if (c != child) collect_attribute(c, attribute_of(c), at);
      if (!at.lead.empty() || !at.deadlines.empty()) break;
    }
    return at;
  }

  // The numbered children of a node that are attribute sections, found once per node: a list of
  // thousands of items is not walked again for each of its items.
  const std::vector<int>& attribute_children(int a) const {
    auto [it, fresh] = attr_children_.try_emplace(a);
    if (fresh)
      for (int c : out_->nodes[a].children) {
        if (!out_->nodes[c].numbered()) continue;
        Attr k = attribute_of(c);
        if (k != Attr::kNone && k != Attr::kOther && k != Attr::kContent) it->second.push_back(c);
      }
    return it->second;
  }

  // The verb phrase at a token, computed once per document (items and their headings are read
  // many times).
  std::pair<VerbRole, size_t> verb(size_t k, size_t end) const {
    if (verb_cache_.empty()) verb_cache_.assign(toks_.size(), {VerbRole::kNone, 255});
    auto& c = verb_cache_[k];
    if (c.second == 255) {
      auto v = lex_.verb_at(p_.text, toks_, k, toks_.size());
      c = {v.first, static_cast<uint8_t>(std::min<size_t>(v.second, 254))};
    }
    if (k + c.second > end) return lex_.verb_at(p_.text, toks_, k, end);
    return {c.first, c.second};
  }

  // ---- what an item asks ---------------------------------------------------------------------
  size_t skip_adverbs(size_t k, size_t te) const {
    // "Tiếp tục", "Khẩn trương", "Chủ động" open many imperatives: look past them.
    return k < te ? k : te;
  }

  VerbRole verb_any_case(size_t k, size_t te) const {
    if (k >= te || !toks_[k].is_word()) return VerbRole::kNone;
    Token t = toks_[k];
    if (!t.capitalized) return verb(k, te).first;
    // The first word of an item is capitalised; match it as a verb anyway.
    std::vector<Token> tmp(toks_.begin() + static_cast<long>(k), toks_.begin() + static_cast<long>(std::min(te, k + 4)));
    for (auto& x : tmp) x.capitalized = false;
    return lex_.verb_at(p_.text, tmp, 0, tmp.size()).first;
  }

  bool is_directive(Range r) const {
    size_t first = r.tb;
    while (first < r.te && !toks_[first].is_word()) ++first;
    if (verb_any_case(first, r.te) != VerbRole::kNone) return true;
    // "3. Trách nhiệm của Sở Y tế:" with its duties below.
    if (size_t ho = lex_.heading_opener_at(exact_ ? p_.text : std::string_view{}, toks_, first, r.te))
      if (lex_.unit_at(p_.text, toks_, first + ho, r.te, true, exact_)) return true;
    for (size_t k = r.tb; k < r.te; ++k) {
      auto [role, len] = verb(k, r.te);
      if (role == VerbRole::kAssign || role == VerbRole::kLead || role == VerbRole::kSupport ||
          role == VerbRole::kReport)
        return true;
      // "Sau khi ..., Sở Tài chính lập thủ tục bố trí kinh phí": a clause whose subject is a body.
      if (k > r.tb && (toks_[k].capitalized || toks_[k].upper) && toks_[k].is_word() &&
          (punct_is(toks_[k - 1], ",") || punct_is(toks_[k - 1], ".") || toks_[k - 1].kind == TokKind::kNewline) &&
          names_actor(Range{k, r.te}))
        return true;
    }
    // "Đảng ủy Quân sự tỉnh chủ trì ...", "Ban Nội chính Tỉnh ủy chuẩn bị ..."
    // The unit may be a heading line of its own ("2. Sở Tài chính" / "Tham mưu UBND tỉnh ..."),
    // the verb then opening the next line with a capital.
    if (auto u = lex_.unit_at(p_.text, toks_, first, r.te, true, exact_)) {
      size_t k = u->te;
      bool new_line = false;
      while (k < r.te && (toks_[k].kind == TokKind::kNewline ||
                          (toks_[k].kind == TokKind::kPunct && (toks_[k].is(",") || toks_[k].is(":"))) ||
                          (new_line && (punct_is(toks_[k], "-") || punct_is(toks_[k], "+"))))) {
        // "2. Văn phòng UBND tỉnh: Phối hợp ...": after a colon the verb is capitalised too; a
        // heading "2.1. Sở Lao động - Thương binh và Xã hội:" has its duties on dash lines below.
        new_line = new_line || toks_[k].kind == TokKind::kNewline || punct_is(toks_[k], ":");
        ++k;
      }
      if (verb(k, r.te).first != VerbRole::kNone || (new_line && verb_any_case(k, r.te) != VerbRole::kNone))
        return true;
    }
    return false;
  }

  // The item opens with a body followed by what it does ("Sở Xây dựng nghiên cứu ...").
  bool names_actor(Range r) const {
    size_t first = r.tb;
    while (first < r.te && !toks_[first].is_word()) ++first;
    auto u = lex_.unit_at(p_.text, toks_, first, r.te, true, exact_);
    if (!u || lex_.is_generic(u->name)) return false;
    size_t k = u->te;
    while (k < r.te && punct_is(toks_[k], ",")) ++k;
    VerbRole v = verb(k, r.te).first;
    return v == VerbRole::kAction || v == VerbRole::kLead;
  }

  // Items listed under a heading that names a unit ("2. Đảng ủy Ủy ban nhân dân tỉnh") are that
  // unit's tasks even when they open without a verb of the lexicon ("Triệt để tiết kiệm ...").
  bool under_unit_heading(int id) const {
    int a = out_->nodes[id].parent;
    while (a >= 0 && !out_->nodes[a].numbered()) a = out_->nodes[a].parent;
    if (a < 0) return false;
    return !heading_parties(a).lead.empty();
  }

  // DECISIONS D7: the one time limit of the heading right above an item ("Nhiệm vụ trọng tâm trong
  // tháng 12/2026:") applies to an item without its own. A heading with several limits ("Trong
  // tháng 5/2026 và đến hết Quý II/2026, ...") sets a time frame, not a limit.
  std::vector<Deadline> heading_limit(int id) const {
    int a = out_->nodes[id].parent;
    if (a < 0) return {};
    Range r = node_range(a, true);
    // A heading introduces its items with a colon.
    if (r.te <= r.tb || !punct_is(toks_[r.te - 1], ":")) return {};
    auto d = heading_deadlines(p_.text, toks_, r.tb, r.te, dctx_, r_);
    if (d.size() != 1) return {};
    return d;
  }

  // The parties a heading names, computed once per heading (its items ask again and again).
  const Parties& heading_parties(int a) const {
    auto it = heading_cache_.find(a);
    if (it != heading_cache_.end()) return it->second;
    // The heading and the paragraphs before its first item ("Các sở, ban, ngành, UBND các huyện
    // thực hiện các nhiệm vụ sau:").
    Parties pt = parties_in(node_range(a, true), true);
    if (pt.lead.empty()) {
      // "1. Vụ Các vấn đề chung về xây dựng pháp luật" over its lettered duties: a heading line
      // that opens with a body whose name goes on past a word that ends names elsewhere ("về",
      // "cho", "của") names that body, the whole line (short, no punctuation but hyphens).
      Range t = title_range(a);
      size_t s = t.tb;
      while (s < t.te && !toks_[s].is_word()) ++s;
      auto u = lex_.unit_at(p_.text, toks_, s, t.te, false, exact_);
      if (u && u->te < t.te && !out_->nodes[a].children.empty() && toks_[u->te].is_word() &&
          (toks_[u->te].is("ve") || toks_[u->te].is("cho") || toks_[u->te].is("cua")) &&
          t.te - u->te <= 10) {
        size_t e = u->te;
        while (e < t.te && (toks_[e].is_word() || punct_is(toks_[e], "-"))) ++e;
        if (e == t.te) {
          UnitSpan whole = *u;
          whole.te = e;
          whole.name = structure::clean_value(p_.text.substr(toks_[u->tb].begin, toks_[e - 1].end - toks_[u->tb].begin));
          pt.lead.push_back(whole);
        }
      }
    }
    return heading_cache_.emplace(a, std::move(pt)).first->second;
  }

  // ---- assignees ---------------------------------------------------------------------------

  void add_units(std::vector<UnitSpan>& into, const UnitSpan& u) const {
    // A role names a few units; a text listing thousands (hostile or broken) is not read past
    // kMaxUnits, which keeps the duplicate check below linear in the text.
    if (into.size() >= kMaxUnits) return;
    for (const auto& part : lex_.split(p_.text, toks_, u, exact_)) {
      if (lex_.is_generic(part.name) || part.name.empty()) continue;
      bool dup = std::any_of(into.begin(), into.end(), [&](const UnitSpan& x) { return x.name == part.name; });
      if (!dup) into.push_back(part);
    }
  }

  // Units listed after position a: "Sở Y tế, Bộ Chỉ huy quân sự tỉnh và Hội Cựu chiến binh",
  // or after "các cơ quan chức năng:".
  void unit_list(size_t a, size_t te, std::vector<UnitSpan>& into) const {
    for (int guard = 0; guard < 12 && a < te; ++guard) {
      auto u = lex_.unit_at(p_.text, toks_, a, te, true, exact_);
      if (!u) return;
      if (lex_.is_generic(u->name) && u->te < te && punct_is(toks_[u->te], ":")) {
        a = u->te + 1;
        continue;
      }
      add_units(into, *u);
      size_t n = u->te;
      if (n < te && (punct_is(toks_[n], ",") || (toks_[n].is_word() && toks_[n].is("va")))) {
        a = n + 1;
        continue;
      }
      return;
    }
  }

  // Who leads, supports and receives the report of the work in r: one rule a function below,
  // applied in this order.
  Parties parties_in(Range r, bool paragraph_subjects) const {
    Parties pt;
    std::vector<UnitSpan> heading_leads;  // "Trách nhiệm của X:", "Đối với X:"
    for (size_t s : subject_starts(r, paragraph_subjects)) {
      if (heading_body(r, s, heading_leads)) continue;
      subject_after_clause(r, s, pt);
      subject_before_verb(r, s, pt);
    }
    subjects_after_boundaries(r, pt);
    roles_after_verbs(r, pt);
    if (pt.lead.empty() && !heading_leads.empty()) {
      // Kept aside until now: a request in the item ("Đề nghị Ủy ban Mặt trận ...") names it better.
      pt.lead = std::move(heading_leads);
      pt.weak_only = false;
    }
    // A unit cannot support its own task.
    std::erase_if(pt.support, [&](const UnitSpan& x) {
      return std::any_of(pt.lead.begin(), pt.lead.end(), [&](const UnitSpan& l) { return l.name == x.name; });
    });
    return pt;
  }

  // Where a subject may stand: the start of r and, with paragraph_subjects, of each of its
  // paragraphs and of each sentence that opens with an adverbial clause ("... danh sách. Sau khi
  // có kết quả, Sở Tài chính lập ..."). Not dash lines (details), not wrapped lines, not a line
  // that goes on from a comma ("... Hội Cựu chiến binh,\n\nĐoàn Thanh niên ... giúp đỡ": a list
  // broken by the copy). Each start is past its line breaks.
  std::vector<size_t> subject_starts(Range r, bool paragraph_subjects) const {
    std::vector<size_t> starts{r.tb};
    if (paragraph_subjects)
      for (size_t k = r.tb; k + 1 < r.te; ++k) {
        if (toks_[k].kind == TokKind::kNewline && toks_[k + 1].kind != TokKind::kNewline) starts.push_back(k + 1);
        else if (punct_is(toks_[k], ".") && toks_[k + 1].capitalized && toks_[k + 1].space_before &&
                 lex_.clause_opener_at(exact_ ? p_.text : std::string_view{}, toks_, k + 1, r.te))
          starts.push_back(k + 1);
      }
    std::vector<size_t> out;
    for (size_t s : starts) {
      while (s < r.te && (toks_[s].kind == TokKind::kNewline)) ++s;
      if (s < r.te && punct_is(toks_[s], "-")) continue;
      if (s != r.tb && s < r.te && !toks_[s].capitalized) continue;
      if (s != r.tb) {
        size_t q = s;
        while (q > r.tb && toks_[q - 1].kind == TokKind::kNewline) --q;
        if (q > r.tb && punct_is(toks_[q - 1], ",")) continue;
      }
      out.push_back(s);
    }
    return out;
  }

  // "3. Trách nhiệm của Sở Y tế:", "Đối với UBND các huyện:" (and more bodies after ';'): the
  // bodies of the duties below, kept aside in `leads`. A heading: the body ends the line or is
  // followed by a colon ("Đối với các địa phương chưa lập Đề án thì ..." is a condition). True when
  // s opens such a heading.
  bool heading_body(Range r, size_t s, std::vector<UnitSpan>& leads) const {
    size_t ho = lex_.heading_opener_at(exact_ ? p_.text : std::string_view{}, toks_, s, r.te);
    if (!ho) return false;
    auto hu = lex_.unit_at(p_.text, toks_, s + ho, r.te, true, exact_);
    size_t after = hu ? hu->te : r.te;
    if (!hu || !(after >= r.te || punct_is(toks_[after], ":") || toks_[after].kind == TokKind::kNewline))
      return false;
    add_units(leads, *hu);
    for (size_t k = hu->te; k + 1 < r.te && punct_is(toks_[k], ";");) {
      auto more = lex_.unit_at(p_.text, toks_, k + 1, r.te, true, exact_);
      if (!more) break;
      add_units(leads, *more);
      k = more->te;
    }
    return true;
  }

  // "Trên cơ sở đề nghị của Sở Xây dựng, Sở Tài chính thẩm định ...": the subject after the
  // comma of an adverbial clause that opens at s, before a verb of its own.
  void subject_after_clause(Range r, size_t s, Parties& pt) const {
    if (!lex_.clause_opener_at(exact_ ? p_.text : std::string_view{}, toks_, s, r.te)) return;
    for (size_t q = s + 1; q < r.te && q < s + 60; ++q) {
      if (punct_is(toks_[q], ".") || punct_is(toks_[q], ";") || toks_[q].kind == TokKind::kNewline) break;
      if (!punct_is(toks_[q], ",")) continue;
      auto cu = lex_.unit_at(p_.text, toks_, q + 1, r.te, false, exact_);
      if (!cu) continue;
      size_t v = cu->te;
      while (v < r.te && punct_is(toks_[v], ",")) ++v;
      VerbRole vr = verb(v, r.te).first;
      if (vr != VerbRole::kNone && vr != VerbRole::kAssign) {
        add_units(pt.lead, *cu);
        return;
      }
    }
  }

  // A unit at s before a verb or a colon ("Đảng ủy các xã, phường chỉ đạo", "Các đồng chí Ủy
  // viên Ban Thường vụ Tỉnh ủy:"), groups split by ';' ("Các sở, ban, ngành; UBND các huyện"),
  // an adverbial phrase allowed between the subject and its verb (subject_adverbials.tsv:
  // "Thủ trưởng các đơn vị theo chức năng, nhiệm vụ được giao chịu trách nhiệm ..."). Not the one
  // who asks ("Bộ Xây dựng đề nghị X ...").
  void subject_before_verb(Range r, size_t s, Parties& pt) const {
    auto u = lex_.unit_at(p_.text, toks_, s, r.te, true, exact_);
    if (!u) return;
    std::vector<UnitSpan> subjects{*u};
    size_t k = u->te;
    while (k + 1 < r.te && punct_is(toks_[k], ";")) {
      auto more = lex_.unit_at(p_.text, toks_, k + 1, r.te, true, exact_);
      if (!more) break;
      subjects.push_back(*more);
      k = more->te;
    }
    while (k < r.te && punct_is(toks_[k], ",")) ++k;
    VerbRole next = verb(k, r.te).first;
    bool before_verb = next != VerbRole::kNone && next != VerbRole::kAssign;
    if (next == VerbRole::kNone && k < r.te && lex_.adverbial_at(p_.text, toks_, k, r.te) > 0) {
      for (size_t q = k + 1; q < r.te && q < k + 18; ++q) {
        if (punct_is(toks_[q], ".") || punct_is(toks_[q], ";") || punct_is(toks_[q], ":")) break;
        VerbRole v = verb(q, r.te).first;
        if (v == VerbRole::kAction || v == VerbRole::kLead || v == VerbRole::kReport) {
          before_verb = true;
          break;
        }
        if (v != VerbRole::kNone) break;
      }
    }
    bool heading = k >= r.te || punct_is(toks_[k], ":") || toks_[k].kind == TokKind::kNewline;
    if (before_verb || heading)
      for (const UnitSpan& x : subjects) add_units(pt.lead, x);
  }

  // A unit that opens a clause after "thì", ';' or a sentence's '.' and acts or leads: a lead,
  // weak when it is the only kind found.
  void subjects_after_boundaries(Range r, Parties& pt) const {
    for (size_t k = r.tb + 1; k < r.te; ++k) {
      const Token& prev = toks_[k - 1];
      bool boundary = (prev.is_word() && prev.is("thi")) || punct_is(prev, ";") ||
                      (punct_is(prev, ".") && k >= 2 && !toks_[k - 2].is_number());
      if (!boundary || !(toks_[k].capitalized || toks_[k].upper)) continue;
      auto u = lex_.unit_at(p_.text, toks_, k, r.te, false, exact_);
      if (!u) continue;
      auto [role, len] = verb(u->te, r.te);
      if (role == VerbRole::kAction || role == VerbRole::kLead) {
        if (pt.lead.empty()) pt.weak_only = true;
        add_units(pt.lead, *u);
      }
      k = u->te;
    }
  }

  // The roles the verbs of r give: the unit after "giao"/"đề nghị" (capitalised at a sentence
  // start too) leads, the unit before "chủ trì" leads, the units after "phối hợp với" support,
  // the units after "báo cáo" receive the report.
  void roles_after_verbs(Range r, Parties& pt) const {
    for (size_t k = r.tb; k < r.te; ++k) {
      auto [role, len] = verb(k, r.te);
      if (role == VerbRole::kNone) {
        if (!toks_[k].is_word() || !toks_[k].capitalized || verb_any_case(k, r.te) != VerbRole::kAssign) continue;
        role = VerbRole::kAssign;
        std::vector<Token> tmp(toks_.begin() + static_cast<long>(k), toks_.begin() + static_cast<long>(std::min(r.te, k + 4)));
        for (auto& x : tmp) x.capitalized = false;
        len = lex_.verb_at(p_.text, tmp, 0, tmp.size()).second;
      }
      size_t a = k + len;
      if (role == VerbRole::kAssign) {
        if (auto u = lex_.unit_at(p_.text, toks_, a, r.te, true, exact_)) {
          add_units(pt.lead, *u);
          pt.weak_only = false;
        }
      } else if (role == VerbRole::kLead) {
        lead_before(r, k, pt);
      } else if (role == VerbRole::kSupport) {
        unit_list(a, r.te, pt.support);
      } else if (role == VerbRole::kReport) {
        report_to_after(r, a, pt);
      }
      k = a > k ? a - 1 : k;
    }
  }

  // "X chủ trì" (the verb at k): the longest unit that ends right before it leads. After "của"
  // the list names who asked ("đề nghị của Ủy ban nhân dân quận, huyện, Sở Xây dựng chủ trì"): its
  // last unit leads.
  void lead_before(Range r, size_t k, Parties& pt) const {
    for (size_t s = k > r.tb + 25 ? k - 25 : r.tb; s < k; ++s) {
      auto u = lex_.unit_at(p_.text, toks_, s, r.te, true, exact_);
      if (!u || !(u->te == k || (u->te + 1 == k && punct_is(toks_[u->te], ",")))) continue;
      if (s > r.tb && toks_[s - 1].is_word() && toks_[s - 1].is("cua")) {
        auto parts = lex_.split(p_.text, toks_, *u, exact_);
        if (!parts.empty()) {
          add_units(pt.lead, parts.back());
          pt.weak_only = false;
          return;
        }
      }
      add_units(pt.lead, *u);
      pt.weak_only = false;
      return;
    }
  }

  // "báo cáo Thường trực Tỉnh ủy", "báo cáo kết quả ... về Bộ Xây dựng", "phản ánh ... với X": the
  // units the report goes to, right after the verb (ending at a) or after "với", "về", "lên",
  // "tới" within a few words.
  void report_to_after(Range r, size_t a, Parties& pt) const {
    if (lex_.unit_at(p_.text, toks_, a, r.te, false, exact_)) {
      unit_list(a, r.te, pt.report_to);
      return;
    }
    for (size_t b = a; b < r.te && b < a + 16; ++b) {
      if (toks_[b].kind == TokKind::kPunct && !toks_[b].is(",")) return;
      const Fold& f = toks_[b].fold;
      if (toks_[b].is_word() && (f == "voi" || f == "ve" || f == "len" || f == "toi")) {
        if (lex_.unit_at(p_.text, toks_, b + 1, r.te, true, exact_)) unit_list(b + 1, r.te, pt.report_to);
        return;
      }
    }
  }

  std::vector<Assignee> assignees(const std::vector<UnitSpan>& v) const {
    std::vector<Assignee> out;
    for (const auto& u : v)
      out.push_back(Assignee{u.name, lex_.unit_id(u.name), Span{toks_[u.tb].begin, toks_[u.te - 1].end}});
    return out;
  }

  std::vector<Assignee> recipients() const {
    std::vector<Assignee> out;
    for (const auto& r : p_.doc.recipients) out.push_back(Assignee{r, lex_.unit_id(r), {}});
    return out;
  }

  // ---- building a task -----------------------------------------------------------------------
  std::string ref_of(int id) const {
    std::vector<std::string> parts;
    std::vector<int> chain;
    // Phần, Chương and Mục group articles; they are not part of refs ("Điều 12.1").
    using structure::MarkerStyle;
    for (int a = id; a >= 0; a = out_->nodes[a].parent) {
      MarkerStyle st = out_->nodes[a].style;
      if (out_->nodes[a].numbered() && st != MarkerStyle::kPart && st != MarkerStyle::kChapter &&
          st != MarkerStyle::kSection)
        chain.push_back(a);
    }
    std::reverse(chain.begin(), chain.end());
    std::string prev_arabic;
    for (int a : chain) {
      const OutlineNode& n = out_->nodes[a];
      std::string label = n.label;
      if (n.style == structure::MarkerStyle::kArabic && !prev_arabic.empty() && label.rfind(prev_arabic + ".", 0) == 0) {
        parts.back() = label;  // "2" then "2.1" -> "2.1"
      } else {
        parts.push_back(label);
      }
      prev_arabic = n.style == structure::MarkerStyle::kArabic ? label : "";
    }
    std::string ref;
    for (const auto& s : parts) ref += (ref.empty() ? "" : ".") + s;
    return ref;
  }

  std::string action_of(Range r) const {
    if (r.te <= r.tb) return {};
    std::string s = structure::clean_value(p_.text.substr(toks_[r.tb].begin, toks_[r.te - 1].end - toks_[r.tb].begin));
    if (s.size() > 700) {
      size_t cut = s.rfind(' ', 690);
      s = s.substr(0, cut == std::string::npos ? 690 : cut) + " …";
    }
    return s;
  }

  // The range opens (after its dash) with a body named only in general ("Các đơn vị có liên
  // quan", "các cơ quan, đơn vị") followed by its verb.
  bool generic_subject(Range r) const {
    size_t s = r.tb;
    while (s < r.te && !toks_[s].is_word()) ++s;
    auto u = lex_.unit_at(p_.text, toks_, s, r.te, true, exact_);
    if (!u || !lex_.is_generic(u->name)) return false;
    size_t k = u->te;
    while (k < r.te && punct_is(toks_[k], ",")) ++k;
    return verb(k, r.te).first != VerbRole::kNone;
  }

  // An item whose own words name no unit and whose dash items each name the unit that does
  // their part ("4. Tổ chức thực hiện: - Các huyện ủy ... xây dựng kế hoạch ...; - Ban Nội chính
  // Tỉnh ủy chủ trì ..."): one task (the dashes are part of it) led by all of them.
  bool dash_parties(int id, Parties* out) {
    const OutlineNode& n = out_->nodes[id];
    std::vector<int> dashes;
    for (int c : n.children)
      if (!out_->nodes[c].numbered()) dashes.push_back(c);
    if (dashes.size() < 2) return false;
    size_t head_te = p_.lines[out_->nodes[dashes.front()].line].tb;
    if (head_te > n.text_tb && !parties_in(Range{n.text_tb, head_te}, true).lead.empty()) return false;
    auto add = [](std::vector<UnitSpan>& to, const std::vector<UnitSpan>& from) {
      for (const UnitSpan& u : from)
        if (std::none_of(to.begin(), to.end(), [&](const UnitSpan& x) { return x.name == u.name; })) to.push_back(u);
    };
    Parties all;
    for (int c : dashes) {
      Range cr = node_range(c, false);
      Parties cp = parties_in(cr, true);
      // "- Các đơn vị có liên quan phối hợp ...": a part whose subject names no body in particular
      // adds no lead; the parts that name one still do.
      if (cp.lead.empty() && generic_subject(cr)) continue;
      if (cp.lead.empty() || cp.weak_only) return false;
      add(all.lead, cp.lead);
      add(all.support, cp.support);
      add(all.report_to, cp.report_to);
    }
    if (all.lead.empty()) return false;
    // A unit that leads one part and supports another leads.
    std::erase_if(all.support, [&](const UnitSpan& u) {
      return std::any_of(all.lead.begin(), all.lead.end(), [&](const UnitSpan& x) { return x.name == u.name; });
    });
    *out = std::move(all);
    return true;
  }

  Task make_task(int id) {
    Task t;
    t.ref = ref_of(id);
    Range own = node_range(id, true);
    Range all = node_range(id, false);
    // Who leads, in order of trust: the item's own "Giao X" / "X chủ trì" / subject; the plan's
    // "Cơ quan chủ trì" section; a subject in the middle of the item; the heading above it.
    Parties pt = parties_in(own, true);
    if (Parties dp; dash_parties(id, &dp)) pt = std::move(dp);
    if (auto phrase = execution_phrase(id)) {
      auto leads = execution_leads(id, *phrase);
      if (!leads.empty()) {
        pt.lead = std::move(leads);
        pt.weak_only = false;
      }
    }
    bool fields = field_item(id);
    Attributes at = fields ? fields_of(id) : attributes_for(id);
    // Field lines of the item itself are the surest source.
    if (!fields) {
      Attributes fl = field_lines(id);
      if (!fl.lead.empty() || !fl.deadlines.empty()) {
        if (!fl.lead.empty()) {
          at.lead = std::move(fl.lead);
          at.support = std::move(fl.support);
        }
        if (!fl.deadlines.empty()) at.deadlines = std::move(fl.deadlines);
        fields = true;
      }
    }
    if (fields && !at.lead.empty()) {
      pt.lead = at.lead;
      pt.support = at.support;
      pt.weak_only = false;
    }
    if (!at.lead.empty() && (pt.lead.empty() || pt.weak_only)) {
      pt.lead = at.lead;
      if (pt.support.empty()) pt.support = at.support;
    }
    if (pt.lead.empty()) {
      for (int a = out_->nodes[id].parent; a >= 0 && pt.lead.empty(); a = out_->nodes[a].parent) {
        if (!out_->nodes[a].numbered()) continue;
        const Parties& hp = heading_parties(a);
        if (!hp.lead.empty()) {
          pt.lead = hp.lead;
          if (pt.support.empty()) pt.support = hp.support;
        }
      }
    }
    // "3. Sở Tư pháp các tỉnh, thành phố trực thuộc Trung ương / c) ... Sở Tư pháp chủ động tham
    // mưu ...": the body the heading names, called by the start of its name inside its item.
    for (int a = out_->nodes[id].parent; a >= 0 && !pt.lead.empty(); a = out_->nodes[a].parent) {
      if (!out_->nodes[a].numbered()) continue;
      const Parties& hp = heading_parties(a);
      // One body on each side: in a list of bodies the short name may mean another.
      if (pt.lead.size() == 1 && hp.lead.size() == 1) {
        UnitSpan& u = pt.lead[0];
        const UnitSpan& h = hp.lead[0];
        if (h.name.size() > u.name.size() + 1 && h.name.compare(0, u.name.size(), u.name) == 0 &&
            h.name[u.name.size()] == ' ')
          u = h;
      }
      if (!hp.lead.empty()) break;
    }
    if (!pt.lead.empty() && all_vague(pt.lead) && !p_.doc.recipients.empty()) pt.lead.clear();
    t.lead = assignees(pt.lead);
    lead_from_intro_ = t.lead.empty();
    if (t.lead.empty()) t.lead = intro_leads();
    t.support = assignees(pt.support);
    t.report_to = assignees(pt.report_to);
    t.action = action_of(fields && own.te <= own.tb + 12 ? all : own);
    if (fields && !at.deadlines.empty()) t.deadlines = at.deadlines;
    else t.deadlines = find_deadlines(p_.text, toks_, all.tb, all.te, dctx_, r_);
    if (t.deadlines.empty()) t.deadlines = at.deadlines;
    if (t.deadlines.empty()) t.deadlines = heading_limit(id);
    bool dated_recurrence = std::any_of(t.deadlines.begin(), t.deadlines.end(),
                                        [](const Deadline& d) { return d.recurrence.has_value(); });
    if (!dated_recurrence) t.recurrence = find_recurrence(p_.text, toks_, all.tb, all.te, dctx_, r_);
    t.span = Span{toks_[std::min(all.tb, toks_.size() - 1)].begin, all.te ? toks_[all.te - 1].end : 0};
    resolve(t);
    return t;
  }

  // Items with no unit of their own address the recipients; without recipients, the units the
  // paragraph before the list names ("đề nghị các chi bộ ... thực hiện tốt các nội dung sau:").
  std::vector<Assignee> intro_leads() {
    if (!p_.doc.recipients.empty()) return recipients();
    if (intro_done_) return intro_;
    intro_done_ = true;
    if (out_->nodes.empty()) return intro_;
    size_t first_item = out_->nodes[0].line;
    for (size_t l = first_item; l-- > intro_begin_;) {
      const Line& line = p_.lines[l];
      if (line.kind == LineKind::kBlank) continue;
      Parties pt = parties_in(Range{line.tb, line.te}, false);
      // "Ban Chỉ đạo quốc gia 1237 ban hành Kế hoạch ... như sau:": the issuer speaking of
      // itself names no addressee.
      std::erase_if(pt.lead, [&](const UnitSpan& u) { return is_issuer(u.name); });
      intro_ = assignees(pt.lead);
      break;
    }
    return intro_;
  }

  // Is the name the document's issuer (or a short form of it: most of its words are the issuer's)?
  bool is_issuer(const std::string& name) const {
    if (!p_.doc.issuer) return false;
    auto words = [&](std::string_view s) {
      std::vector<std::string> w;
      for (const Token& t : tokenize(s))
        if (t.is_word() || t.is_number()) w.push_back(lex_.unit_id(t.text(s)));
      return w;
    };
    auto a = words(name), b = words(*p_.doc.issuer);
    if (a.empty() || b.empty()) return false;
    size_t common = 0;
    for (const auto& x : a)
      if (std::find(b.begin(), b.end(), x) != b.end()) ++common;
    return common * 3 >= a.size() * 2;
  }

  // The due date a follow-up office tracks: the earliest limit; "trước ngày X" is due by the
  // end of the day before X; a period (a month, a quarter, N days) that ends on a day off ends
  // on the next working day (Civil Code art. 148); a fixed day stays as written.
  void resolve(Task& t) const {
    std::optional<Date> due;
    for (const auto& d : t.deadlines) {
      std::optional<Date> x;
      if (d.date) {
        x = d.bound == Bound::kBefore ? add_days(*d.date, -1) : *d.date;
        if (d.period && d.bound == Bound::kBy && opt_.calendar) x = opt_.calendar->roll_forward(*x);
      } else if (d.bound == Bound::kRelative) {
        x = resolve_relative(d);
        if (x && opt_.calendar && d.offset.value_or(0) > 0) x = opt_.calendar->roll_forward(*x);
      }
      if (x && (!due || *x < *due)) due = x;
    }
    t.due = due;
  }

  std::optional<Date> resolve_relative(const Deadline& d) const {
    if (!d.anchor || !d.offset || !d.unit) return std::nullopt;
    std::string a = viet::fold(*d.anchor);
    std::optional<Date> base;
    if (a.rfind("ngay ky", 0) == 0 || a.rfind("ngay ban hanh", 0) == 0 || a.find("ky ban hanh") != std::string::npos) {
      if (p_.doc.date && p_.doc.date->complete()) base = p_.doc.date->date();
    } else if (a.rfind("ngay nhan", 0) == 0) {
      base = opt_.received;
    } else {
      base = anchor_date(*d.anchor);
    }
    if (!base) return std::nullopt;
    int n = *d.offset;
    switch (*d.unit) {
      case TimeUnit::kWorkingDay: return opt_.calendar ? opt_.calendar->add_working_days(*base, n) : add_days(*base, n);
      case TimeUnit::kWeek: return add_days(*base, 7L * n);
      case TimeUnit::kMonth: return add_months(*base, n);
      case TimeUnit::kYear: return add_months(*base, 12 * n);
      default: return add_days(*base, n);
    }
  }

  // The date the document gives for an event it names elsewhere: "diễn tập chính thức (ngày 20/6/2026)".
  // A match starts only at the anchor's first word (punctuation and markup between its words is
  // skipped), so a long run of dots or '**' is not walked again from each of its tokens; one
  // answer per anchor, however many deadlines name it.
  std::optional<Date> anchor_date(const std::string& anchor) const {
    auto memo = anchor_cache_.find(anchor);
    if (memo != anchor_cache_.end()) return memo->second;
    // An event is named in a few words; its first 16 identify it (an anchor of thousands of
    // numbers, "1-1-1-...", would otherwise be compared in full from each of its own tokens).
    std::vector<std::string> words = rules::fold_words(anchor);
    if (words.size() > 16) words.resize(16);
    return anchor_cache_[anchor] = find_anchor_date(words);
  }

  std::optional<Date> find_anchor_date(const std::vector<std::string>& words) const {
    if (words.empty()) return std::nullopt;
    auto content = [&](size_t k) { return toks_[k].is_word() || toks_[k].is_number(); };
    for (size_t k = 0; k < toks_.size(); ++k) {
      if (!content(k) || toks_[k].fold != words[0]) continue;
      size_t j = k + 1, w = 1;
      while (w < words.size() && j < toks_.size()) {
        if (!content(j)) { ++j; continue; }
        if (toks_[j].fold != words[w]) break;
        ++w;
        ++j;
      }
      if (w < words.size()) continue;
      for (size_t q = j; q < toks_.size() && q < j + 10; ++q) {
        if (toks_[q].kind == TokKind::kPunct && (toks_[q].is(".") || toks_[q].is(";"))) break;
        auto dm = structure::parse_date(toks_, q, std::min(toks_.size(), q + 10), false);
        if (dm && dm->date.complete()) return dm->date.date();
      }
    }
    return std::nullopt;
  }

  // ---- task tables ---------------------------------------------------------------------------
  Range cell_range(const std::pair<size_t, size_t>& c) const {
    if (c.first >= c.second) return {};
    return Range{p_.lines[c.first].tb, p_.lines[c.second - 1].te};
  }

  std::string cell_text(const std::pair<size_t, size_t>& c) const {
    Range r = cell_range(c);
    if (r.te <= r.tb) return {};
    return structure::clean_value(p_.text.substr(toks_[r.tb].begin, toks_[r.te - 1].end - toks_[r.tb].begin));
  }

  // Units of a lead or support cell: "Sở Nội vụ; Sở Tài chính", "Bộ Công an, Bộ Quốc phòng",
  // one per line, or one name as written.
  std::vector<Assignee> cell_units(const std::pair<size_t, size_t>& c) const {
    std::vector<UnitSpan> units;
    Range r = cell_range(c);
    size_t s = r.tb;
    for (size_t k = r.tb; k <= r.te; ++k) {
      bool cut = k == r.te || punct_is(toks_[k], ";") || toks_[k].kind == TokKind::kNewline;
      if (!cut) continue;
      size_t a = s;
      while (a < k && (punct_is(toks_[a], "-") || punct_is(toks_[a], "+"))) ++a;
      if (a < k) {
        UnitSpan u{a, k, structure::clean_value(p_.text.substr(toks_[a].begin, toks_[k - 1].end - toks_[a].begin))};
        if (!u.name.empty()) add_units(units, u);
      }
      s = k + 1;
    }
    return assignees(units);
  }

  std::vector<Task> table_tasks(const structure::TaskTable& t) {
    using TT = structure::TaskTable;
    std::vector<Task> out;
    std::string group;
    int seq = 0;
    auto col = [&](const std::vector<std::pair<size_t, size_t>>& row, int role) -> std::pair<size_t, size_t> {
      int c = t.col[role];
      if (c < 0 || static_cast<size_t>(c) >= row.size()) return {0, 0};
      return row[static_cast<size_t>(c)];
    };
    for (const auto& row : t.rows) {
      int filled = 0;
      for (const auto& c : row) filled += c.first < c.second;
      std::string ref = cell_text(col(row, TT::kRef));
      std::string task = cell_text(col(row, TT::kTask));
      bool roman = !ref.empty() && ref.find_first_not_of("IVXLivxl") == std::string::npos;
      // Group rows: "II | NHIỆM VỤ CẢI CÁCH ..." with no unit, or one merged cell.
      bool lead_empty = cell_text(col(row, TT::kLead)).empty() && cell_text(col(row, TT::kDeadline)).empty();
      if ((roman && lead_empty) || (filled <= 1 && task.empty())) {
        group = roman ? ref : "";
        continue;
      }
      if (task.empty()) continue;
      Task x;
      ++seq;
      std::string label = ref.empty() ? std::to_string(seq) : ref;
      while (!label.empty() && label.back() == '.') label.pop_back();
      x.ref = group.empty() ? label : group + "." + label;
      x.lead = cell_units(col(row, TT::kLead));
      x.support = cell_units(col(row, TT::kSupport));
      x.action = task;
      Range task_r = cell_range(col(row, TT::kTask));
      Range dl_r = cell_range(col(row, TT::kDeadline));
      DeadlineContext cell = dctx_;
      cell.cell = true;
      if (dl_r.te > dl_r.tb) x.deadlines = find_deadlines(p_.text, toks_, dl_r.tb, dl_r.te, cell, r_);
      for (int mc : t.more_deadline_cols) {
        if (static_cast<size_t>(mc) >= row.size()) continue;
        Range mr = cell_range(row[static_cast<size_t>(mc)]);
        if (mr.te <= mr.tb) continue;
        for (auto& d : find_deadlines(p_.text, toks_, mr.tb, mr.te, cell, r_)) {
          bool dup = std::any_of(x.deadlines.begin(), x.deadlines.end(), [&](const Deadline& e) {
            return e.date == d.date && e.bound == d.bound;
          });
          if (!dup) x.deadlines.push_back(std::move(d));
        }
      }
      if (x.deadlines.empty() && task_r.te > task_r.tb)
        x.deadlines = find_deadlines(p_.text, toks_, task_r.tb, task_r.te, dctx_, r_);
      if (x.lead.empty()) x.lead = assignees(parties_in(task_r, false).lead);
      size_t first = row.front().first, last = row.back().second;
      for (const auto& c : row)
        if (c.first < c.second) { first = std::min(first, c.first); last = std::max(last, c.second); }
      if (last > first && last <= p_.lines.size())
        x.span = Span{p_.lines[first].span.begin, p_.lines[last - 1].span.end};
      resolve(x);
      out.push_back(std::move(x));
    }
    return out;
  }

  // ---- running text --------------------------------------------------------------------------
  // Requests in running text; with outside_items, only in paragraphs outside the numbered items
  // and not the lead-in of a list ("... thực hiện các nội dung sau:").
  std::vector<Task> running_text_tasks(bool outside_items) {
    std::vector<Task> tasks;
    for (size_t l = p_.body_begin; l < p_.body_end && l < p_.lines.size(); ++l) {
      const Line& line = p_.lines[l];
      if (line.kind != LineKind::kText || line.words < 4) continue;
      if (outside_items && (p_.outline.line_node[l] >= 0 || punct_is(toks_[line.te - 1], ":"))) continue;
      // Sentences: split at ". " followed by a capital letter, and at ";".
      size_t s = line.tb;
      for (size_t k = line.tb; k <= line.te; ++k) {
        bool end = k == line.te ||
                   (punct_is(toks_[k], ".") && k + 1 < line.te && toks_[k + 1].capitalized && toks_[k + 1].space_before);
        if (!end) continue;
        Range r{s, k};
        s = k + 1;
        if (r.te <= r.tb) continue;
        Formula form = formula_of(r, outside_items);
        if (form == Formula::kClosing || form == Formula::kPast) continue;
        if (form == Formula::kBackground) {
          auto from = request_after_background(r);
          if (!from) continue;
          r.tb = *from;
        }
        Parties pt = parties_in(r, false);
        bool asks = false;
        for (size_t q = r.tb; q < r.te; ++q) {
          VerbRole role = q == r.tb ? verb_any_case(q, r.te) : verb(q, r.te).first;
          if (role == VerbRole::kAssign) asks = true;
        }
        // "Giám đốc Sở ... có trách nhiệm:" and the dash lines below it: one request, the dashes
        // being its parts; the loop goes on after the last dash line.
        if (!asks && k == line.te && duty_heading(r, pt)) {
          size_t dash_end = dash_lines_after(l);
          if (dash_end > l + 1) {
            asks = true;
            r.te = p_.lines[dash_end - 1].te;
            pt = parties_in(r, false);
            l = dash_end - 1;
          }
        }
        if (!asks || pt.lead.empty()) continue;
        Task t;
        t.ref = "#" + std::to_string(tasks.size() + 1);
        t.lead = assignees(pt.lead);
        // "đề nghị các đơn vị ...": the units meant are the recipients.
        if (all_vague(pt.lead) && !p_.doc.recipients.empty()) {
          std::vector<Assignee> to = intro_leads();
          if (!to.empty()) t.lead = std::move(to);
        }
        t.support = assignees(pt.support);
        t.report_to = assignees(pt.report_to);
        t.action = action_of(r);
        t.deadlines = find_deadlines(p_.text, toks_, r.tb, r.te, dctx_, r_);
        t.span = Span{toks_[r.tb].begin, toks_[r.te - 1].end};
        resolve(t);
        tasks.push_back(std::move(t));
      }
    }
    return tasks;
  }

  // "các đơn vị", "các địa phương": units that only the recipients make definite.
  bool all_vague(const std::vector<UnitSpan>& units) const {
    return std::all_of(units.begin(), units.end(), [&](const UnitSpan& u) { return lex_.is_vague(u.name); });
  }

  // A sentence ending in a colon whose subject unit does the verb before it ("Giám đốc Sở ... có
  // trách nhiệm:", "... thực hiện như sau:"), not a unit heading over a list ("Các đơn vị sự
  // nghiệp công lập thuộc Sở:").
  bool duty_heading(Range r, const Parties& pt) const {
    if (pt.lead.empty() || pt.weak_only || !punct_is(toks_[r.te - 1], ":")) return false;
    size_t q = pt.lead.front().te;
    while (q < r.te && punct_is(toks_[q], ",")) ++q;
    auto [role, len] = verb(q, r.te);
    if (q + 1 >= r.te || role == VerbRole::kNone) return false;
    size_t colon = r.te - 1;
    return q + len == colon || (colon > q && toks_[colon - 1].is_word() && toks_[colon - 1].is("sau"));
  }

  // One past the last of the dash lines ("- ...", "+ ...") that follow line l, blank lines
  // between them allowed; l + 1 when none does.
  size_t dash_lines_after(size_t l) const {
    size_t end = l + 1;
    for (size_t n = l + 1; n < p_.body_end && n < p_.lines.size(); ++n) {
      const Line& x = p_.lines[n];
      if (x.kind == LineKind::kBlank) continue;
      if (x.kind != LineKind::kText || x.te <= x.tb || !(punct_is(toks_[x.tb], "-") || punct_is(toks_[x.tb], "+")))
        break;
      end = n + 1;
    }
    return end;
  }

  // What data/rules/letter_formulas.tsv says of a sentence: a closing formula, background, or
  // neither.
  enum class Formula { kNone, kClosing, kBackground, kPast };
  Formula formula_of(Range r, bool after_list = false) const {
    std::string f;
    for (size_t k = r.tb; k < r.te; ++k)
      if (toks_[k].is_word()) f.append(toks_[k].fold.view()).push_back(' ');
    for (const auto& row : r_.table("letter_formulas")) {
      if (row.size() < 2) continue;
      std::string phrase = row[0] + " ";
      if (row[1] == "closing_end") {
        if (after_list && f.size() >= phrase.size() && f.compare(f.size() - phrase.size(), phrase.size(), phrase) == 0)
          return Formula::kClosing;
        continue;
      }
      if (row[1] == "closing" && f.find(phrase) != std::string::npos) return Formula::kClosing;
      if (row[1] == "background" && f.rfind(phrase, 0) == 0) return Formula::kBackground;
      if (row[1] == "past" && f.rfind(phrase, 0) == 0) return Formula::kPast;
    }
    return Formula::kNone;
  }

  // In "Thực hiện ..., Ban Thường vụ Huyện ủy đề nghị các chi bộ ...", the request starts after
  // the last comma before the requester; none when the sentence asks nothing.
  std::optional<size_t> request_after_background(Range r) const {
    for (size_t q = r.tb + 1; q < r.te; ++q) {
      if (verb(q, r.te).first != VerbRole::kAssign) continue;
      // The requester names itself right before the verb ("Ban Thường vụ Huyện ủy đề nghị").
      for (size_t c = q; c > r.tb && q - c <= 8; --c)
        if (punct_is(toks_[c - 1], ",") && c < q) return c;
      return std::nullopt;
    }
    return std::nullopt;
  }

  const structure::Parsed& p_;
  const rules::Rules& r_;
  const TaskOptions& opt_;
  const UnitLexicon& lex_;
  const TimeLexicon& time_lex_;  // the rules' view
  TimeMemo time_memo_;           // this document's lookups in it
  const std::vector<Token>& toks_;
  const structure::Outline* out_;
  size_t intro_begin_ = 0;
  bool lead_from_intro_ = false;  // the last task's lead came from the recipients or intro
  bool exact_;
  std::vector<Span> excluded_;  // the citations' spans, sorted and merged; dctx_ views them
  DeadlineContext dctx_;
  bool intro_done_ = false;
  mutable std::vector<int8_t> attr_cache_;
  mutable std::vector<std::pair<VerbRole, uint8_t>> verb_cache_;
  mutable std::map<int, Parties> heading_cache_;
  mutable std::map<int, std::vector<int>> attr_children_;
  mutable std::map<std::string, std::optional<Date>> anchor_cache_;
  std::vector<Assignee> intro_;
};

}  // namespace

std::vector<Task> find_tasks(const structure::Parsed& p, const rules::Rules& rules, const TaskOptions& opts) {
  // Laws, decrees, circulars: rules for everyone, no tasks to follow up (data/rules/no_task_types.tsv).
  if (p.doc.type)
    for (const auto& row : rules.table("no_task_types"))
      if (!row.empty() && row[0] == *p.doc.type) return {};
  return TaskFinder(p, rules, opts).run();
}

}  // namespace dondoc::extract

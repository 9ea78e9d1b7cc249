// Deadlines: the time expressions the grammar reads (time_grammar.h) that a bound word, a time
// cell or a heading makes a limit on work, relative limits ("07 ngày sau khi ..."), and recurring
// limits ("trước ngày 20 hằng tháng").
#include "extract/deadlines.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <set>
#include <tuple>

#include "extract/time_grammar.h"
#include "structure/structure.h"

namespace dondoc::extract {
namespace {

constexpr int kPastDays = 31;  // a limit this long before the document's date is a past event

std::string slice(std::string_view text, const std::vector<Token>& toks, size_t a, size_t b) {
  if (a >= b) return {};
  return structure::clean_value(text.substr(toks[a].begin, toks[b - 1].end - toks[a].begin));
}

class DeadlineFinder {
 public:
  DeadlineFinder(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t te,
                 const DeadlineContext& ctx, const TimeLexicon& lx)
      : text_(text), toks_(toks), tb_(tb), te_(te), ctx_(ctx), lx_(lx), rd_(text, toks, tb, te, lx, ctx.memo) {
    ref_.date = ctx.reference;
    ref_.year = ctx.reference ? ctx.reference->y : ctx.reference_year;
  }

  std::vector<Deadline> run() {
    for (size_t k = tb_; k < te_; ++k) {
      if (overlaps(ctx_.excluded, toks_[k].span())) continue;
      if (toks_[k].is("(")) paren_cell(k);
      if (size_t e = relative(k)) { k = e - 1; continue; }
      if (size_t e = recurring(k)) { k = e - 1; continue; }
      auto m = rd_.expression(k);
      if (!m) continue;
      if (!overlaps(ctx_.excluded, Span{toks_[m->tb].begin, toks_[m->te - 1].end})) limit(*m);
      k = m->te - 1;
    }
    return std::move(out_);
  }

 private:
  void add(Deadline d, size_t a, size_t b) {
    d.span = Span{toks_[a].begin, toks_[b - 1].end};
    d.text = slice(text_, toks_, a, b);
    // A relative limit restated with the same anchor is one limit; two works due in the same
    // period ("... trong năm 2022; ... trong năm 2022") are two. Looked up, not compared with
    // every earlier limit (an item may list thousands).
    if (d.anchor && !anchored_.emplace(*d.anchor, d.offset.value_or(INT_MIN), d.unit ? static_cast<int>(*d.unit) : -1)
                         .second)
      return;
    out_.push_back(std::move(d));
  }

  // The first token of the words that make the limit: the bound phrase before toks[a] of `kind`,
  // with "hoàn thành" before it; {start, bound} or nullopt.
  std::optional<std::pair<size_t, Bound>> trigger(size_t a, TimeWord kind) const {
    auto b = lx_.before(text_, toks_, tb_, a, kind);
    if (!b) return std::nullopt;
    size_t start = b->end;
    if (auto v = lx_.before(text_, toks_, tb_, start, TimeWord::kVerb)) start = v->end;
    return std::pair{start, static_cast<Bound>(b->aux)};
  }

  // A parenthesis that opens with a period and its year is the item's time cell: "... hài cốt liệt
  // sĩ (Quý IV/2013, Quý I/2014 và thường xuyên)", "(năm 2013 và kiện toàn thường xuyên hàng năm)";
  // not "các tháng cao điểm (tháng 5, 6, 7)".
  void paren_cell(size_t open) {
    size_t close = open + 1;
    while (close < te_ && close < open + 40 && toks_[close].kind != TokKind::kNewline && !toks_[close].is(")"))
      ++close;
    if (close >= te_ || !toks_[close].is(")")) return;
    // ... at the end of the item or sentence, not inside it ("trợ cấp ốm đau (tháng 8 và 9/2016) và
    // thu hồi ...").
    size_t after = close + 1;
    if (after < te_ && toks_[after].kind != TokKind::kNewline && !toks_[after].is(".") && !toks_[after].is(";"))
      return;
    auto m = rd_.expression(open + 1);
    if (!m || m->te > close || !m->expr.y || m->expr.is_day() || m->program) return;
    cell_until_ = close;
  }

  // "đã tổ chức vào ngày ...": a past word among the few words before the limit.
  bool past(size_t start) const {
    int words = 0;
    for (size_t k = start; k > tb_ && words < 4; --k) {
      const Token& t = toks_[k - 1];
      if (t.kind == TokKind::kPunct || t.kind == TokKind::kNewline) break;
      if (auto p = lx_.at(text_, toks_, k - 1, k, TimeWord::kPast)) return true;
      ++words;
    }
    return false;
  }

  // "Hậu quả, đến 15 giờ 00 phút ngày 11/7/2026, vụ tai nạn đã làm 15 người tử vong": a state
  // reached by a time, reported after "đến", not a limit set on work.
  bool reported(const TimeMatch& m, size_t start) const {
    if (!lx_.at(text_, toks_, start, m.tb, TimeWord::kRangeTo)) return false;
    int words = 0;
    for (size_t k = m.te; k < te_ && words < 8; ++k) {
      const Token& t = toks_[k];
      if (t.kind == TokKind::kNewline || t.is(".") || t.is(";")) break;
      if (lx_.at(text_, toks_, k, k + 1, TimeWord::kPast)) return true;
      if (t.is_word()) ++words;
    }
    return false;
  }

  // A time expression the context makes a limit.
  void limit(const TimeMatch& m) {
    const TimeExpr& e = m.expr;
    if (m.program || m.open) return;
    bool is_day = e.is_day();
    auto trig = trigger(m.tb, is_day ? TimeWord::kBoundDate : TimeWord::kBoundPeriod);
    Bound bound = Bound::kBy;
    size_t start = m.tb;
    bool counts = false;
    if (m.bare_year) {
      counts = ctx_.cell && !trig;
    } else if (trig && !(e.edge && !e.implied && trig->second == Bound::kBy)) {
      counts = true;
      bound = trig->second;
      start = trig->first;
    } else if (m.from) {
      // "từ ngày 01/12 đến ngày 15/12/2026": due at the end; a span of years or months only in a
      // time cell ("Từ năm 2013 đến năm 2020").
      counts = m.second && (is_day || ctx_.cell);
    } else if (e.edge && !e.implied) {
      counts = true;  // "cuối tháng 5/2026", "đầu năm 2026"
    } else if (m.te <= cell_until_) {
      counts = !is_day && e.y;
    } else if (ctx_.cell) {
      counts = true;
      // A day alone in a time cell is the day the work is set on ("Thời gian: ngày 20/4/2026").
      if (e.grain == TimeExpr::Grain::kDay) bound = Bound::kOn;
    } else if (ctx_.heading) {
      // A month, a quarter or a part of a year; "Chương trình giám sát năm 2018" names a plan by
      // its year, and "định hướng đến năm 2020" is a horizon, not the limit of the items below.
      bool year = e.grain == TimeExpr::Grain::kYear && !e.part_n;
      counts = !is_day && !e.implied && !year && !lx_.before(text_, toks_, tb_, m.tb, TimeWord::kRangeTo);
    }
    if (!counts || past(start) || reported(m, start)) return;
    auto span = resolve(e, ref_, ctx_.calendar);
    if (!span) return;
    Deadline d;
    d.bound = bound;
    d.date = bound == Bound::kBy ? span->last : span->first;
    d.period = e.grain != TimeExpr::Grain::kDay;  // the end of a month is still a period's end
    d.inferred_year = span->inferred_year;
    if (ctx_.issued && days_between(*d.date, *ctx_.issued) > kPastDays) return;
    add(std::move(d), start, m.te);
  }

  // [ít nhất|chậm nhất|trong ...] N ngày [làm việc] trước|sau|kể từ ANCHOR; the end token or 0.
  size_t relative(size_t k) {
    const Token& t = toks_[k];
    if (!t.is_number() || t.fold.size() > 3) return 0;
    int n = 0;
    std::from_chars(t.fold.data(), t.fold.data() + t.fold.size(), n);
    size_t u = k + 1;
    // "10 (mười) ngày": the number again in words.
    if (rd_.nx(u) < te_ && toks_[rd_.nx(u)].is("(")) {
      size_t w = rd_.nx(u) + 1;
      auto words = rd_.numeral(w, 999);
      if (words && words->first == n && words->second < te_ && toks_[words->second].is(")")) u = words->second + 1;
    }
    auto unit = rd_.lex(u, TimeWord::kUnit);
    if (!unit) return 0;
    std::optional<TimeUnit> tu;
    switch (static_cast<TimeUnitWord>(unit->value)) {
      case TimeUnitWord::kDay: tu = TimeUnit::kDay; break;
      case TimeUnitWord::kMonth: tu = TimeUnit::kMonth; break;
      case TimeUnitWord::kWeek: tu = TimeUnit::kWeek; break;
      default: return 0;
    }
    size_t a = unit->end;
    if (tu == TimeUnit::kDay)
      if (auto w = rd_.lex(a, TimeWord::kWorking)) {
        tu = TimeUnit::kWorkingDay;
        a = w->end;
      }
    auto dir = rd_.lex(a, TimeWord::kDirection);
    // "trong 05 ngày" needs "kể từ"/"sau"; "05 ngày trước X" stands on its own.
    if (!dir) return 0;
    a = dir->end;
    if (auto w = rd_.lex(a, TimeWord::kWhen)) a = w->end;
    // "15 ngày trước và sau tết Nguyên đán" is a span around the event, not a limit.
    if (rd_.lex(a, TimeWord::kList)) return 0;
    size_t b = a;
    for (int words = 0; b < te_ && words < 12; ++b) {
      const Token& x = toks_[b];
      if (x.kind == TokKind::kPunct && !x.is("-") && !x.is("/")) break;
      if (x.kind == TokKind::kNewline) break;
      if (x.is_word()) ++words;
    }
    if (b <= a) return 0;
    Deadline d;
    d.bound = Bound::kRelative;
    d.offset = dir->value * n;
    d.unit = tu;
    d.anchor = slice(text_, toks_, a, b);
    auto trig = lx_.before(text_, toks_, tb_, k, TimeWord::kBoundRelative);
    add(std::move(d), trig ? trig->end : k, b);
    return b;
  }

  // A day that recurs, with a word that makes it a limit: "trước ngày 20 hằng tháng", "trước ngày
  // 15/12 hằng năm", "trước ngày 25 tháng 01 hằng năm", "trước ngày 15 của tháng cuối quý". Its
  // date is the first occurrence on or after the document date (DECISIONS D3).
  size_t recurring(size_t k) {
    auto head = rd_.lex(k, TimeWord::kUnit);
    if (!head || head->value != static_cast<int>(TimeUnitWord::kDay)) return 0;
    Recurrence r;
    size_t e = 0;
    if (auto dm = rd_.day(k); dm && !dm->expr.y && !dm->expr.lunar) {
      // "ngày 15/12 hằng năm"
      auto every = rd_.lex(dm->te, TimeWord::kEvery);
      auto unit = every ? rd_.lex(every->end, TimeWord::kUnit) : std::nullopt;
      if (!unit || unit->value != static_cast<int>(TimeUnitWord::kYear)) return 0;
      r = Recurrence{"yearly", 1, dm->expr.d, dm->expr.m};
      e = unit->end;
    } else if (auto dn = rd_.numeral(head->end, 31, false)) {
      r.day = dn->first;
      size_t j = dn->second;
      if (auto every = rd_.lex(j, TimeWord::kEvery)) {
        auto unit = rd_.lex(every->end, TimeWord::kUnit);
        if (!unit || unit->value != static_cast<int>(TimeUnitWord::kMonth)) return 0;
        r.freq = "monthly";
        e = unit->end;
      } else {
        if (auto o = rd_.lex(j, TimeWord::kOf)) j = o->end;
        if (auto qm = rd_.lex(j, TimeWord::kQuarterMonth)) {  // "ngày 15 của tháng cuối quý"
          r.freq = "quarterly";
          r.month = qm->value;
          e = qm->end;
        } else if (auto month = rd_.lex(j, TimeWord::kUnit);  // "ngày 25 của tháng"
                   month && month->value == static_cast<int>(TimeUnitWord::kMonth) && j > dn->second &&
                   !rd_.numeral(month->end, 12) && !rd_.lex(month->end, TimeWord::kEdge) &&
                   !rd_.lex(month->end, TimeWord::kOrdinal)) {
          r.freq = "monthly";
          e = month->end;
        } else {
          return 0;
        }
      }
    } else {
      return 0;
    }
    auto trig = trigger(k, TimeWord::kBoundDate);
    if (!trig) return 0;
    Deadline d;
    d.bound = trig->second;
    if (ref_.date || ref_.year) {
      Date ref = ref_.date.value_or(Date{ref_.year, 1, 1});
      d.date = first_on_or_after(r, ref);
      d.inferred_year = true;
    }
    d.recurrence = r;
    add(std::move(d), trig->first, e);
    return e;
  }

  static Date first_on_or_after(const Recurrence& r, const Date& ref) {
    auto in_month = [&](int y, int m) { return Date{y, m, std::min(r.day, days_in_month(y, m))}; };
    Date month{ref.y, ref.m, 1};
    for (int i = 0; i < 25; ++i, month = add_months(month, 1)) {
      bool fits = r.freq == "monthly" || (r.freq == "yearly" && month.m == r.month) ||
                  (r.freq == "quarterly" && (month.m - 1) % 3 + 1 == r.month);
      if (!fits) continue;
      Date d = in_month(month.y, month.m);
      if (!(d < ref)) return d;
    }
    return in_month(ref.y, ref.m);
  }

  std::string_view text_;
  const std::vector<Token>& toks_;
  size_t tb_, te_;
  const DeadlineContext& ctx_;
  const TimeLexicon& lx_;
  TimeReader rd_;
  TimeReference ref_;
  size_t cell_until_ = 0;  // a parenthesised time cell ends here
  std::vector<Deadline> out_;
  std::set<std::tuple<std::string, int, int>> anchored_;  // (anchor, offset, unit) of relative limits
};

}  // namespace

std::vector<Span> exclusions(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
  std::vector<Span> out;
  for (Span s : spans) {
    if (!out.empty() && s.begin <= out.back().end) out.back().end = std::max(out.back().end, s.end);
    else out.push_back(s);
  }
  return out;
}

bool overlaps(std::span<const Span> sorted, Span s) {
  // The first span ending after s begins is the only candidate.
  auto it = std::upper_bound(sorted.begin(), sorted.end(), s.begin, [](uint32_t b, Span e) { return b < e.end; });
  return it != sorted.end() && it->begin < s.end;
}

std::vector<Deadline> find_deadlines(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t te,
                                     const DeadlineContext& ctx, const rules::Rules& rules) {
  const TimeLexicon& lx = ctx.lexicon ? *ctx.lexicon : rules.view<TimeLexicon>();
  return DeadlineFinder(text, toks, tb, std::min(te, toks.size()), ctx, lx).run();
}

std::vector<Deadline> heading_deadlines(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t te,
                                        const DeadlineContext& ctx, const rules::Rules& rules) {
  DeadlineContext h = ctx;
  h.heading = true;
  auto out = find_deadlines(text, toks, tb, te, h, rules);
  std::erase_if(out, [](const Deadline& d) { return !d.date || d.recurrence; });
  return out;
}

std::optional<Recurrence> find_recurrence(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t te,
                                          const DeadlineContext& ctx, const rules::Rules& rules) {
  const TimeLexicon& lx = ctx.lexicon ? *ctx.lexicon : rules.view<TimeLexicon>();
  te = std::min(te, toks.size());
  TimeReader rd(text, toks, tb, te, lx, ctx.memo);
  // "hằng tháng", "hàng quý", "hằng năm", "hằng tuần"
  auto every = [&](size_t k) -> std::optional<std::pair<std::string, size_t>> {
    auto ev = rd.lex(k, TimeWord::kEvery);
    auto unit = ev ? rd.lex(ev->end, TimeWord::kUnit) : std::nullopt;
    if (!unit) return std::nullopt;
    switch (static_cast<TimeUnitWord>(unit->value)) {
      case TimeUnitWord::kMonth: return std::pair{std::string("monthly"), unit->end};
      case TimeUnitWord::kQuarter: return std::pair{std::string("quarterly"), unit->end};
      case TimeUnitWord::kYear: return std::pair{std::string("yearly"), unit->end};
      case TimeUnitWord::kWeek: return std::pair{std::string("weekly"), unit->end};
      default: return std::nullopt;
    }
  };
  for (size_t k = tb; k < te; ++k) {
    if (auto f = every(k)) return Recurrence{f->first, 1, 0, 0};
    // "định kỳ 6 tháng", "định kỳ hằng quý"
    auto p = rd.lex(k, TimeWord::kPeriodic);
    if (!p) continue;
    if (auto n = rd.numeral(p->end, 12)) {
      auto unit = rd.lex(n->second, TimeWord::kUnit);
      if (unit && unit->value == static_cast<int>(TimeUnitWord::kMonth)) {
        if (n->first == 6) return Recurrence{"half_yearly", 1, 0, 0};
        if (n->first == 3) return Recurrence{"quarterly", 1, 0, 0};
        return Recurrence{"monthly", n->first, 0, 0};
      }
    }
    if (auto f = every(p->end)) return Recurrence{f->first, 1, 0, 0};
  }
  return std::nullopt;
}

}  // namespace dondoc::extract

#include "extract/deadlines.h"

#include <algorithm>
#include <cstdlib>

#include "structure/structure.h"

namespace dondoc::extract {
namespace {

struct Trigger {
  std::vector<std::string> words;
  std::string kind;  // date | period | relative
  Bound bound;
};

// Built once per Rules value and owned by it (Rules::view).
const std::vector<Trigger>& triggers(const rules::Rules& r) {
  return r.view<std::vector<Trigger>>([](const rules::Rules& rules) {
    std::vector<Trigger> cached;
    for (const auto& row : rules.table("deadline_phrases")) {
      if (row.size() < 2) continue;
      Trigger t;
      t.words = rules::fold_words(row[0]);
      t.kind = row[1];
      t.bound = row.size() > 2 ? bound_from_string(row[2]).value_or(Bound::kBy) : Bound::kRelative;
      cached.push_back(std::move(t));
    }
    std::stable_sort(cached.begin(), cached.end(),
                     [](const Trigger& a, const Trigger& b) { return a.words.size() > b.words.size(); });
    return cached;
  });
}

bool word_is(const std::vector<Token>& toks, size_t i, size_t te, std::string_view f) {
  return i < te && toks[i].is_word() && toks[i].fold == f;
}
bool punct_is(const std::vector<Token>& toks, size_t i, size_t te, std::string_view p) {
  return i < te && toks[i].kind == TokKind::kPunct && toks[i].fold == p;
}

// Trigger of `kind` whose words end right before token j (newlines between words allowed).
// Returns {start token, trigger} or nullptr.
std::pair<size_t, const Trigger*> trigger_before(const std::vector<Token>& toks, size_t tb, size_t j,
                                                 const std::string& kind, const rules::Rules& r) {
  for (const Trigger& t : triggers(r)) {
    if (t.kind != kind) continue;
    size_t k = j;
    bool ok = true;
    for (size_t w = t.words.size(); w-- > 0;) {
      while (k > tb && toks[k - 1].kind == TokKind::kNewline) --k;
      if (k == tb || !toks[k - 1].is_word() || toks[k - 1].fold != t.words[w]) { ok = false; break; }
      --k;
    }
    if (ok) return {k, &t};
  }
  return {0, nullptr};
}

int roman_or_arabic(const Token& t) {
  if (t.is_number()) {
    int v = std::atoi(t.fold.c_str());
    return v >= 1 && v <= 4 ? v : 0;
  }
  if (!t.is_word()) return 0;
  if (t.fold == "i") return 1;
  if (t.fold == "ii") return 2;
  if (t.fold == "iii") return 3;
  if (t.fold == "iv") return 4;
  return 0;
}

bool year_tok(const Token& t, int* y) {
  if (!t.is_number() || t.fold.size() != 4) return false;
  int v = std::atoi(t.fold.c_str());
  if (v < 1990 || v > 2100) return false;
  *y = v;
  return true;
}

// "/2026" or "năm 2026" after a month or quarter.
size_t year_suffix(const std::vector<Token>& toks, size_t k, size_t te, int* y) {
  if (punct_is(toks, k, te, "/") && k + 1 < te && !toks[k + 1].space_before && year_tok(toks[k + 1], y)) return 2;
  if (word_is(toks, k, te, "nam") && k + 1 < te && year_tok(toks[k + 1], y)) return 2;
  return 0;
}

struct PeriodMatch {
  Date end;
  Date start;
  size_t te = 0;
  bool year_given = true;
};

// A period at toks[k]: "tháng 5/2026", "quý II năm 2026", "năm 2026", "6 tháng đầu năm 2026",
// with an optional edge word before it handled by the caller.
std::optional<PeriodMatch> parse_period(const std::vector<Token>& toks, size_t k, size_t te, int ref_year) {
  PeriodMatch p;
  int y = 0;
  if (word_is(toks, k, te, "thang") && k + 1 < te && toks[k + 1].is_number() && toks[k + 1].fold.size() <= 2) {
    int m = std::atoi(toks[k + 1].fold.c_str());
    if (m < 1 || m > 12) return std::nullopt;
    size_t used = year_suffix(toks, k + 2, te, &y);
    // "tháng 5, 6, 7" is a list of months, not a time limit.
    if (!used && punct_is(toks, k + 2, te, ",") && k + 3 < te && toks[k + 3].is_number()) return std::nullopt;
    if (!used && punct_is(toks, k + 2, te, "/")) return std::nullopt;
    if (!used) {
      if (!ref_year) return std::nullopt;
      y = ref_year;
      p.year_given = false;
    }
    p.start = Date{y, m, 1};
    p.end = last_day_of_month(y, m);
    p.te = k + 2 + used;
    return p;
  }
  if (word_is(toks, k, te, "quy") && k + 1 < te) {
    int q = roman_or_arabic(toks[k + 1]);
    if (!q) return std::nullopt;
    size_t used = year_suffix(toks, k + 2, te, &y);
    if (!used) {
      if (!ref_year) return std::nullopt;
      y = ref_year;
      p.year_given = false;
    }
    p.start = Date{y, q * 3 - 2, 1};
    p.end = last_day_of_month(y, q * 3);
    p.te = k + 2 + used;
    return p;
  }
  if (word_is(toks, k, te, "nam") && k + 1 < te && year_tok(toks[k + 1], &y)) {
    // "năm 2026 - 2030" is a span of years (a programme), not a limit.
    if (punct_is(toks, k + 2, te, "-") && k + 3 < te && toks[k + 3].is_number()) return std::nullopt;
    p.start = Date{y, 1, 1};
    p.end = Date{y, 12, 31};
    p.te = k + 2;
    return p;
  }
  // "6 tháng đầu năm 2026", "9 tháng đầu năm", "6 tháng cuối năm"
  if (k + 3 < te && toks[k].is_number() && word_is(toks, k + 1, te, "thang") &&
      (word_is(toks, k + 2, te, "dau") || word_is(toks, k + 2, te, "cuoi")) && word_is(toks, k + 3, te, "nam")) {
    int n = std::atoi(toks[k].fold.c_str());
    bool first = toks[k + 2].fold == "dau";
    if (n < 1 || n > 12) return std::nullopt;
    size_t used = 0;
    if (k + 4 < te && year_tok(toks[k + 4], &y)) used = 1;
    else if (ref_year) { y = ref_year; p.year_given = false; }
    else return std::nullopt;
    p.start = first ? Date{y, 1, 1} : Date{y, 12 - n + 1, 1};
    p.end = first ? last_day_of_month(y, n) : Date{y, 12, 31};
    p.te = k + 4 + used;
    return p;
  }
  return std::nullopt;
}

bool overlaps(const std::vector<Span>& ex, Span s) {
  for (const Span& e : ex)
    if (s.begin < e.end && e.begin < s.end) return true;
  return false;
}

std::string slice(std::string_view text, const std::vector<Token>& toks, size_t a, size_t b) {
  if (a >= b) return {};
  return structure::clean_value(text.substr(toks[a].begin, toks[b - 1].end - toks[a].begin));
}

// Fills a missing year: the document's year, or the next one when the date would fall long
// before the document (a December letter asking for "trước ngày 10/01").
Date infer_year(int m, int d, const DeadlineContext& ctx) {
  int y = ctx.reference ? ctx.reference->y : ctx.reference_year;
  Date dt{y, m, std::min(d, days_in_month(y, m))};
  if (ctx.reference && days_between(dt, *ctx.reference) > 60) dt.y += 1;
  return dt;
}

// "hằng tháng", "hàng tháng", "hằng quý", "hằng năm" at k: freq and tokens used.
std::pair<std::string, size_t> every(const std::vector<Token>& toks, size_t k, size_t te) {
  if (!(word_is(toks, k, te, "hang"))) return {"", 0};
  if (word_is(toks, k + 1, te, "thang")) return {"monthly", 2};
  if (word_is(toks, k + 1, te, "quy")) return {"quarterly", 2};
  if (word_is(toks, k + 1, te, "nam")) return {"yearly", 2};
  if (word_is(toks, k + 1, te, "tuan")) return {"weekly", 2};
  return {"", 0};
}

}  // namespace

std::vector<Deadline> find_deadlines(std::string_view text, const std::vector<Token>& toks, size_t tb, size_t te,
                                     const DeadlineContext& ctx, const rules::Rules& rules) {
  std::vector<Deadline> out;
  int ref_year = ctx.reference ? ctx.reference->y : ctx.reference_year;
  auto add = [&](Deadline d, size_t a, size_t b) {
    d.span = Span{toks[a].begin, toks[b - 1].end};
    d.text = slice(text, toks, a, b);
    for (const auto& o : out) {
      bool same = o.bound == d.bound && o.date == d.date && o.offset == d.offset && o.unit == d.unit;
      if (same) return;
    }
    out.push_back(std::move(d));
  };
  // Extends a trigger start back over "hoàn thành" written right before it.
  auto with_verb = [&](size_t a) {
    if (a >= tb + 2 && word_is(toks, a - 2, te, "hoan") && word_is(toks, a - 1, te, "thanh")) return a - 2;
    return a;
  };
  for (size_t k = tb; k < te; ++k) {
    const Token& t = toks[k];
    if (overlaps(ctx.excluded, t.span())) continue;
    // Relative: [ít nhất|chậm nhất|trong ...] N ngày [làm việc] trước|sau|kể từ ANCHOR
    if (t.is_number() && t.fold.size() <= 3 && k + 1 < te) {
      size_t u = k + 1;
      std::optional<TimeUnit> unit;
      if (word_is(toks, u, te, "ngay")) {
        unit = TimeUnit::kDay;
        ++u;
        if (word_is(toks, u, te, "lam") && word_is(toks, u + 1, te, "viec")) {
          unit = TimeUnit::kWorkingDay;
          u += 2;
        }
      } else if (word_is(toks, u, te, "thang")) { unit = TimeUnit::kMonth; ++u; }
      else if (word_is(toks, u, te, "tuan")) { unit = TimeUnit::kWeek; ++u; }
      if (unit) {
        int sign = 0;
        size_t a = u;
        if (word_is(toks, a, te, "truoc")) { sign = -1; ++a; }
        else if (word_is(toks, a, te, "sau")) { sign = 1; ++a; }
        else if (word_is(toks, a, te, "ke") && word_is(toks, a + 1, te, "tu")) { sign = 1; a += 2; }
        else if (word_is(toks, a, te, "tinh") && word_is(toks, a + 1, te, "tu")) { sign = 1; a += 2; }
        auto [trig_start, trig] = trigger_before(toks, tb, k, "relative", rules);
        // "trong 05 ngày" needs "kể từ"/"sau"; "05 ngày trước X" stands on its own.
        if (sign != 0) {
          if (word_is(toks, a, te, "khi")) ++a;
          size_t b = a;
          int words = 0;
          while (b < te && words < 12) {
            const Token& x = toks[b];
            if (x.kind == TokKind::kPunct && x.fold != "-" && x.fold != "/") break;
            if (x.kind == TokKind::kNewline) break;
            if (x.is_word()) ++words;
            ++b;
          }
          if (b > a) {
            Deadline d;
            d.bound = Bound::kRelative;
            d.offset = sign * std::atoi(t.fold.c_str());
            d.unit = unit;
            d.anchor = slice(text, toks, a, b);
            size_t start = trig ? trig_start : k;
            add(std::move(d), start, b);
            k = b - 1;
            continue;
          }
        }
      }
    }
    // Recurring day of the month: "trước ngày 20 hằng tháng", "ngày 25 hàng tháng".
    if (word_is(toks, k, te, "ngay") && k + 1 < te && toks[k + 1].is_number() && toks[k + 1].fold.size() <= 2) {
      auto [freq, used] = every(toks, k + 2, te);
      if (freq == "monthly") {
        auto [trig_start, trig] = trigger_before(toks, tb, k, "date", rules);
        if (trig) {
          int day = std::atoi(toks[k + 1].fold.c_str());
          Deadline d;
          d.bound = trig->bound;
          Recurrence r;
          r.freq = freq;
          r.day = day;
          d.recurrence = r;
          if (ctx.reference || ref_year) {
            Date ref = ctx.reference.value_or(Date{ref_year, 1, 1});
            Date first{ref.y, ref.m, std::min(day, days_in_month(ref.y, ref.m))};
            if (first < ref) {
              Date nx = add_months(Date{ref.y, ref.m, 1}, 1);
              first = Date{nx.y, nx.m, std::min(day, days_in_month(nx.y, nx.m))};
            }
            d.date = first;
            d.inferred_year = true;
          }
          size_t start = with_verb(trig_start);
          add(std::move(d), start, k + 2 + used);
          k = k + 1 + used;
          continue;
        }
      }
    }
    // Absolute dates.
    if ((t.is_word() && t.fold == "ngay") || t.is_number()) {
      auto dm = structure::parse_date(toks, k, te, false);
      if (dm && dm->date.m && dm->date.d) {
        // "trước ngày 15/6" - the trigger ends where the date (with or without "ngày") starts.
        auto [trig_start, trig] = trigger_before(toks, tb, k, "date", rules);
        if (trig) {
          Deadline d;
          d.bound = trig->bound;
          if (dm->date.y) {
            d.date = dm->date.date();
          } else if (ctx.reference || ref_year) {
            d.date = infer_year(dm->date.m, dm->date.d, ctx);
            d.inferred_year = true;
          }
          if (d.date && is_valid(*d.date)) {
            add(std::move(d), with_verb(trig_start), dm->te);
            k = dm->te - 1;
            continue;
          }
        }
        k = dm->te - 1;
        continue;
      }
    }
    // Periods: trigger + [cuối|đầu|giữa] + tháng/quý/năm, or an edge word alone.
    {
      size_t p = k;
      int edge = 0;  // 1 đầu, 2 giữa, 3 cuối
      if (word_is(toks, p, te, "cuoi")) edge = 3;
      else if (word_is(toks, p, te, "dau") && !(p > tb && toks[p - 1].is_word() && toks[p - 1].fold == "thang")) edge = 1;
      else if (word_is(toks, p, te, "giua")) edge = 2;
      if (edge) ++p;
      bool period_head = word_is(toks, p, te, "thang") || word_is(toks, p, te, "quy") || word_is(toks, p, te, "nam") ||
                         (toks[p < te ? p : k].is_number() && word_is(toks, p + 1, te, "thang"));
      if (p < te && period_head) {
        auto pm = parse_period(toks, p, te, ref_year);
        if (pm) {
          auto [trig_start, trig] = trigger_before(toks, tb, k, "period", rules);
          bool counts = trig != nullptr || edge != 0 || ctx.cell;
          // "Từ năm 2013 đến năm 2020": the range ends with the second period.
          if (!trig && k > tb && toks[k - 1].is_word() && toks[k - 1].fold == "tu") counts = false;
          if (!trig && k > tb && toks[k - 1].is_word() && toks[k - 1].fold == "den" && ctx.cell) counts = true;
          // A bare "năm 2026" needs "trong"; an edge word alone makes a month or a year a limit.
          if (counts) {
            Deadline d;
            d.bound = trig ? trig->bound : Bound::kBy;
            Date date = pm->end;
            if (edge == 1) date = pm->start;
            if (edge == 2) date = word_is(toks, p, te, "nam") ? Date{pm->start.y, 6, 30} : Date{pm->start.y, pm->start.m, 15};
            if (d.bound == Bound::kBefore && !edge) date = pm->start;
            d.date = date;
            d.period = true;
            d.inferred_year = !pm->year_given;
            size_t start = trig ? with_verb(trig_start) : k;
            add(std::move(d), start, pm->te);
            k = pm->te - 1;
            continue;
          }
          k = pm->te - 1;
          continue;
        }
      }
    }
  }
  return out;
}

std::optional<Recurrence> find_recurrence(const std::vector<Token>& toks, size_t tb, size_t te) {
  for (size_t k = tb; k < te; ++k) {
    auto [freq, used] = every(toks, k, te);
    if (!freq.empty()) return Recurrence{freq, 1, 0, 0};
    // "định kỳ 6 tháng", "định kỳ hằng quý"
    if (word_is(toks, k, te, "dinh") && word_is(toks, k + 1, te, "ky")) {
      if (k + 3 < te && toks[k + 2].is_number() && word_is(toks, k + 3, te, "thang")) {
        int n = std::atoi(toks[k + 2].fold.c_str());
        if (n == 6) return Recurrence{"half_yearly", 1, 0, 0};
        if (n == 3) return Recurrence{"quarterly", 1, 0, 0};
        if (n > 0 && n <= 12) return Recurrence{"monthly", n, 0, 0};
      }
      auto [f2, u2] = every(toks, k + 2, te);
      if (!f2.empty()) return Recurrence{f2, 1, 0, 0};
    }
  }
  return std::nullopt;
}

}  // namespace dondoc::extract

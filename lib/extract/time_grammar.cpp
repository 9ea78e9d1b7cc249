#include "extract/time_grammar.h"

#include <algorithm>
#include <charconv>

#include "core/viet.h"

namespace dondoc::extract {
namespace {

std::optional<TimeWord> word_kind(std::string_view k) {
  static constexpr std::pair<std::string_view, TimeWord> kNames[] = {
      {"unit", TimeWord::kUnit},           {"number", TimeWord::kNumber},
      {"ten", TimeWord::kTen},             {"tens", TimeWord::kTens},
      {"after_tens", TimeWord::kAfterTens}, {"ordinal", TimeWord::kOrdinal},
      {"month", TimeWord::kMonth},         {"lunar_day", TimeWord::kLunarDay},
      {"lunar", TimeWord::kLunar},         {"weekday_head", TimeWord::kWeekdayHead},
      {"weekday", TimeWord::kWeekday},     {"edge", TimeWord::kEdge},
      {"of", TimeWord::kOf},               {"daypart", TimeWord::kDaypart},
      {"at", TimeWord::kAt},               {"range_from", TimeWord::kRangeFrom},
      {"range_to", TimeWord::kRangeTo},    {"list", TimeWord::kList},
      {"now", TimeWord::kNow},             {"every", TimeWord::kEvery},
      {"periodic", TimeWord::kPeriodic},   {"direction", TimeWord::kDirection},
      {"working", TimeWord::kWorking},     {"when", TimeWord::kWhen},
      {"program", TimeWord::kProgram},
      {"past", TimeWord::kPast},           {"quarter_month", TimeWord::kQuarterMonth},
      {"can", TimeWord::kCan},             {"chi", TimeWord::kChi},
      {"open_end", TimeWord::kOpenEnd},
  };
  for (const auto& [name, kind] : kNames)
    if (name == k) return kind;
  return std::nullopt;
}

int word_value(TimeWord kind, std::string_view v) {
  if (kind == TimeWord::kUnit) {
    static constexpr std::pair<std::string_view, TimeUnitWord> kUnits[] = {
        {"day", TimeUnitWord::kDay},   {"month", TimeUnitWord::kMonth}, {"quarter", TimeUnitWord::kQuarter},
        {"year", TimeUnitWord::kYear}, {"week", TimeUnitWord::kWeek},   {"hour", TimeUnitWord::kHour},
        {"minute", TimeUnitWord::kMinute}};
    for (const auto& [name, u] : kUnits)
      if (name == v) return static_cast<int>(u);
    return -1;
  }
  if (v == "start" || v == "first") return 1;
  if (v == "middle") return 2;
  if (v == "end" || v == "last") return 3;
  int n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  return n;
}

std::vector<Token> phrase_tokens(std::string_view phrase) {
  std::vector<Token> out;
  for (auto& t : tokenize(phrase))
    if (t.kind != TokKind::kNewline) out.push_back(std::move(t));
  return out;
}

int to_int(const Token& t) {
  int v = 0;
  std::from_chars(t.fold.data(), t.fold.data() + t.fold.size(), v);
  return v;
}

}  // namespace

// ---- lexicon ------------------------------------------------------------------------------------

TimeLexicon::TimeLexicon(const rules::Rules& rules) {
  auto add = [&](std::string_view phrase, TimeWord kind, int value, int aux, bool marked) {
    Entry e;
    e.kind = kind;
    e.value = value;
    e.aux = aux;
    for (const Token& t : phrase_tokens(phrase)) {
      e.fold.emplace_back(t.fold);
      if (marked) e.marked.push_back(viet::to_lower(t.text(phrase)));
    }
    if (e.fold.empty()) return;
    FirstWord& first = first_.at(e.fold.front());
    first.kinds |= uint64_t{1} << static_cast<int>(kind);
    first.entries.push_back(e);
    by_last_.at(e.fold.back()).push_back(std::move(e));
  };
  for (const auto& row : rules.table("time_words")) {
    if (row.size() < 2) continue;
    auto kind = word_kind(row[1]);
    if (!kind) continue;
    // phrase, kind, [value], [match]: a kind without a value may give its match third.
    bool has_value = row.size() > 2 && row[2] != "marked" && row[2] != "lunar";
    int value = has_value ? word_value(*kind, row[2]) : 0;
    const std::string& match = row.size() > 3 ? row[3] : row.size() > 2 && !has_value ? row[2] : row[0];
    add(row[0], *kind, value, match == "lunar" ? 1 : 0, match == "marked");
  }
  for (const auto& row : rules.table("time_holidays")) {
    if (row.size() < 4) continue;
    add(row[0], TimeWord::kHoliday, word_value(TimeWord::kNumber, row[2]) + (row[1] == "lunar" ? 100 : 0),
        word_value(TimeWord::kNumber, row[3]), false);
  }
  for (const auto& row : rules.table("deadline_phrases")) {
    if (row.size() < 2) continue;
    TimeWord kind = row[1] == "date"       ? TimeWord::kBoundDate
                    : row[1] == "period"   ? TimeWord::kBoundPeriod
                    : row[1] == "relative" ? TimeWord::kBoundRelative
                    : row[1] == "verb"     ? TimeWord::kVerb
                                           : TimeWord::kCount;
    if (kind == TimeWord::kCount) continue;
    Bound b = row.size() > 2 ? bound_from_string(row[2]).value_or(Bound::kBy) : Bound::kRelative;
    add(row[0], kind, 0, static_cast<int>(b), false);
  }
  auto longest_first = [](std::vector<Entry>& v) {
    std::stable_sort(v.begin(), v.end(), [](const Entry& a, const Entry& b) { return a.fold.size() > b.fold.size(); });
  };
  static_assert(static_cast<int>(TimeWord::kCount) <= 64, "FirstWord::kinds has a bit per kind");
  for (auto& f : first_.values()) longest_first(f.entries);
  for (auto& v : by_last_.values()) longest_first(v);
}

bool TimeLexicon::token_is(std::string_view text, const Token& t, const Entry& e, size_t w) const {
  if (t.kind == TokKind::kNewline || t.fold != e.fold[w]) return false;
  return e.marked.empty() || viet::lower_equals_lowered(t.text(text), e.marked[w]);
}

const TimeLexicon::FirstWord* TimeLexicon::first_word(const std::vector<Token>& toks, size_t k, TimeMemo* memo) const {
  int32_t slot = memo ? memo->slot_[k] : TimeMemo::kUnknown;
  if (slot == TimeMemo::kUnknown) {
    int32_t i = first_.index_of(toks[k].fold);
    slot = i < 0 ? TimeMemo::kNone : i;
    if (memo) memo->slot_[k] = slot;
  }
  return slot == TimeMemo::kNone ? nullptr : &first_.values()[static_cast<size_t>(slot)];
}

std::optional<TimeLexicon::Hit> TimeLexicon::at(std::string_view text, const std::vector<Token>& toks, size_t k,
                                                size_t te, TimeWord kind, TimeMemo* memo) const {
  if (k >= te) return std::nullopt;
  const FirstWord* first = first_word(toks, k, memo);
  if (!first || !(first->kinds >> static_cast<int>(kind) & 1)) return std::nullopt;
  for (const Entry& e : first->entries) {
    if (e.kind != kind) continue;
    size_t j = k;
    bool ok = true;
    for (size_t w = 0; w < e.fold.size(); ++w, ++j) {
      // One line break may split a phrase ("6 tháng cuối năm" wrapped after "6").
      if (w > 0 && j + 1 < te && toks[j].kind == TokKind::kNewline && toks[j + 1].kind != TokKind::kNewline) ++j;
      if (j >= te || !token_is(text, toks[j], e, w)) { ok = false; break; }
    }
    if (ok) return Hit{j, e.value, e.aux};
  }
  return std::nullopt;
}

std::optional<TimeLexicon::Hit> TimeLexicon::before(std::string_view text, const std::vector<Token>& toks, size_t tb,
                                                    size_t j, TimeWord kind) const {
  auto back = [&](size_t k) {  // the token before k, over one line break
    if (k > tb + 1 && toks[k - 1].kind == TokKind::kNewline && toks[k - 2].kind != TokKind::kNewline) --k;
    return k;
  };
  size_t last = back(j);
  if (last <= tb) return std::nullopt;
  const std::vector<Entry>* entries = by_last_.find(toks[last - 1].fold);
  if (!entries) return std::nullopt;
  for (const Entry& e : *entries) {
    if (e.kind != kind) continue;
    size_t k = last;
    bool ok = true;
    for (size_t w = e.fold.size(); w-- > 0;) {
      if (w + 1 < e.fold.size()) k = back(k);
      if (k <= tb || !token_is(text, toks[k - 1], e, w)) { ok = false; break; }
      --k;
    }
    if (ok) return Hit{k, e.value, e.aux};
  }
  return std::nullopt;
}

// ---- reader: tokens ---------------------------------------------------------------------------------

size_t TimeReader::nx(size_t k) const {
  if (k + 1 < te_ && toks_[k].kind == TokKind::kNewline &&
      (toks_[k + 1].is_word() || toks_[k + 1].is_number()))
    return k + 1;
  return k;
}

bool TimeReader::punct(size_t k, std::string_view p) const {
  return k < te_ && toks_[k].kind == TokKind::kPunct && toks_[k].fold == p;
}

bool TimeReader::adjacent(size_t k) const { return k < te_ && !toks_[k].space_before; }

std::optional<std::pair<int, size_t>> TimeReader::numeral(size_t k, int max, bool words) const {
  k = nx(k);
  if (k >= te_) return std::nullopt;
  if (toks_[k].is_number()) {
    if (toks_[k].fold.size() > 2) return std::nullopt;
    int v = to_int(toks_[k]);
    size_t e = k + 1;
    // Flattened tables space out the digits: "ngày 1 5 tháng 0 8".
    if (toks_[k].fold.size() == 1 && e < te_ && toks_[e].is_number() && toks_[e].fold.size() == 1 &&
        toks_[e].space_before && v * 10 + to_int(toks_[e]) <= max && v * 10 + to_int(toks_[e]) >= 1) {
      v = v * 10 + to_int(toks_[e]);
      ++e;
    }
    if (v < 1 || v > max) return std::nullopt;
    return std::pair{v, e};
  }
  if (!words) return std::nullopt;
  // "mười", "mười hai", "hai mươi lăm", "hai", ...
  size_t e = k;
  int v = 0;
  auto unit_after = [&](size_t j, int* u) -> size_t {
    if (auto a = lex(j, TimeWord::kAfterTens)) { *u = a->value; return a->end; }
    if (auto n = lex(j, TimeWord::kNumber); n && n->value < 10) { *u = n->value; return n->end; }
    return 0;
  };
  if (auto t = lex(k, TimeWord::kTen)) {
    v = 10;
    e = t->end;
    int u = 0;
    if (size_t ue = unit_after(e, &u)) { v += u; e = ue; }
  } else if (auto n = lex(k, TimeWord::kNumber)) {
    v = n->value;
    e = n->end;
    if (auto tens = lex(e, TimeWord::kTens); tens && v >= 2) {
      v *= 10;
      e = tens->end;
      int u = 0;
      if (size_t ue = unit_after(e, &u)) { v += u; e = ue; }
    }
  } else {
    return std::nullopt;
  }
  // "năm 2026" is a year, not the number five.
  if (e < te_ && toks_[nx(e)].is_number()) return std::nullopt;
  if (v < 1 || v > max) return std::nullopt;
  return std::pair{v, e};
}

std::optional<std::pair<int, size_t>> TimeReader::year4(size_t k) const {
  k = nx(k);
  if (k >= te_ || !toks_[k].is_number()) return std::nullopt;
  std::string digits(toks_[k].fold.view());
  size_t e = k + 1;
  // "2 0 1 9" from a flattened table.
  while (digits.size() < 4 && toks_[k].fold.size() == 1 && e < te_ && toks_[e].is_number() &&
         toks_[e].fold.size() == 1 && toks_[e].space_before) {
    digits += toks_[e].fold;
    ++e;
  }
  if (digits.size() != 4) return std::nullopt;
  int y = 0;
  std::from_chars(digits.data(), digits.data() + 4, y);
  if (y < 1900 || y > 2100) return std::nullopt;
  return std::pair{y, e};
}

std::optional<std::pair<int, size_t>> TimeReader::year_tail(size_t k, bool dash) const {
  if ((punct(k, "/") || (dash && punct(k, "-"))) && adjacent(k + 1)) {
    if (auto y = year4(k + 1)) return y;
    return std::nullopt;
  }
  size_t j = k;
  if (auto o = lex(j, TimeWord::kOf)) j = o->end;
  if (auto u = lex(j, TimeWord::kUnit); u && u->value == static_cast<int>(TimeUnitWord::kYear))
    if (auto y = year4(u->end)) return y;
  return std::nullopt;
}

std::optional<std::pair<int, size_t>> TimeReader::can_chi(size_t k) const {
  auto c = lex(k, TimeWord::kCan);
  if (!c) return std::nullopt;
  auto z = lex(c->end, TimeWord::kChi);
  if (!z || (c->value - z->value) % 2 != 0) return std::nullopt;
  int idx = ((6 * c->value - 5 * z->value) % 60 + 60) % 60;
  return std::pair{idx, z->end};
}

int cycle_year(int cycle, int near) {
  int y = 1984 + cycle;  // 1984 is Giáp Tý, index 0
  y += (near - y) / 60 * 60;
  while (y + 30 < near) y += 60;
  while (y - 30 > near) y -= 60;
  return y;
}

// ---- reader: pieces -------------------------------------------------------------------------------

// D/M/YYYY, D-M-YYYY, D.M.YYYY, D/M/YY, D/M (slashes only).
std::optional<TimeMatch> TimeReader::numeric_date(size_t k) const {
  k = nx(k);
  if (k + 2 >= te_ || !toks_[k].is_number() || toks_[k].fold.size() > 2) return std::nullopt;
  const Token& sep = toks_[k + 1];
  if (sep.kind != TokKind::kPunct || !(sep.is("/") || sep.is("-") || sep.is(".")) || sep.space_before)
    return std::nullopt;
  const Token& mt = toks_[k + 2];
  if (!mt.is_number() || mt.fold.size() > 2 || mt.space_before) return std::nullopt;
  int d = to_int(toks_[k]), m = to_int(mt), y = 0;
  if (d < 1 || d > 31 || m < 1 || m > 12) return std::nullopt;
  size_t e = k + 3;
  if (e + 1 < te_ && punct(e, sep.fold) && adjacent(e) && adjacent(e + 1) && toks_[e + 1].is_number()) {
    const Token& yt = toks_[e + 1];
    if (yt.fold.size() == 4) {
      y = to_int(yt);
      if (y < 1900 || y > 2100) return std::nullopt;
    } else if (yt.fold.size() == 2 && sep.is("/")) {
      y = 2000 + to_int(yt);  // "15/6/26"
    } else {
      return std::nullopt;
    }
    e += 2;
    // "12/6/26/ABC" or "1/2/2026/3" is a reference number, not a date.
    if (e < te_ && adjacent(e) && (toks_[e].is_number() || punct(e, "/"))) return std::nullopt;
  } else if (!sep.is("/") || (e < te_ && adjacent(e) && (punct(e, "/") || toks_[e].is_number()))) {
    return std::nullopt;
  }
  if (d > days_in_month(y ? y : 2024, m)) return std::nullopt;
  TimeMatch t;
  t.expr.y = y;
  t.expr.m = m;
  t.expr.d = d;
  t.tb = k;
  t.te = e;
  return t;
}

std::optional<TimeReader::MonthValue> TimeReader::month_value(size_t k, bool words) const {
  if (auto name = lex(k, TimeWord::kMonth)) return MonthValue{name->value, name->aux != 0, name->end};
  if (auto mn = numeral(k, 12, words)) return MonthValue{mn->first, false, mn->second};
  if (auto o = lex(k, TimeWord::kOrdinal); o && o->value <= 12) return MonthValue{o->value, false, o->end};
  return std::nullopt;
}

std::optional<std::pair<int, size_t>> TimeReader::quarter_value(size_t k, bool words) const {
  if (auto o = lex(k, TimeWord::kOrdinal); o && o->value <= 4) return std::pair{o->value, o->end};
  return numeral(k, 4, words);
}

std::optional<TimeMatch> TimeReader::day(size_t k) const {
  k = nx(k);
  size_t j = k;
  TimeMatch t;
  t.tb = k;
  auto head = lex(j, TimeWord::kUnit);
  bool has_head = head && head->value == static_cast<int>(TimeUnitWord::kDay);
  if (has_head) {
    j = head->end;
    // "ngày mồng 2 tháng 9"
    if (auto again = lex(j, TimeWord::kUnit); again && again->value == static_cast<int>(TimeUnitWord::kDay)) j = again->end;
  }
  if (auto rd = lex(j, TimeWord::kLunarDay)) {  // "Rằm tháng Giêng", "ngày rằm"
    t.expr.d = rd->value;
    t.expr.lunar = true;
    j = rd->end;
  } else if (auto nd = numeric_date(j)) {
    nd->tb = k;
    j = nd->te;
    t = *nd;
  } else if (has_head) {
    auto dn = numeral(j, 31);
    if (!dn) return std::nullopt;
    t.expr.d = dn->first;
    j = dn->second;
  } else {
    return std::nullopt;
  }
  if (!t.expr.m) {
    // "... tháng 6 năm 2026", "... tháng Chạp", "... tháng tư"
    auto mu = lex(j, TimeWord::kUnit);
    if (!mu || mu->value != static_cast<int>(TimeUnitWord::kMonth)) return std::nullopt;
    j = mu->end;
    auto mv = month_value(j, true);
    if (!mv) return std::nullopt;
    t.expr.m = mv->m;
    t.expr.lunar = t.expr.lunar || mv->lunar;
    j = mv->end;
    if (auto y = year_tail(j)) {
      t.expr.y = y->first;
      j = y->second;
    } else if (auto u = lex(j, TimeWord::kUnit); u && u->value == static_cast<int>(TimeUnitWord::kYear)) {
      if (auto cc = can_chi(u->end)) {  // "tháng Chạp năm Ất Tỵ"
        t.expr.cycle = cc->first;
        j = cc->second;
      }
    }
    if (!t.expr.lunar && t.expr.d > days_in_month(t.expr.y ? t.expr.y : 2024, t.expr.m)) return std::nullopt;
  }
  // "(âm lịch)", "âm lịch"
  size_t l = punct(nx(j), "(") ? nx(j) + 1 : j;
  if (auto lu = lex(l, TimeWord::kLunar)) {
    t.expr.lunar = true;
    j = punct(lu->end, ")") ? lu->end + 1 : lu->end;
  }
  t.expr.grain = TimeExpr::Grain::kDay;
  t.te = j;
  return t;
}

// "tháng 5/2026", "tháng tư", "quý II năm 2026", "quý I của năm 2027", "năm 2026"; with head_only
// the head word alone ("năm" in "cuối năm") is an implied period.
std::optional<TimeMatch> TimeReader::unit_period(size_t k, bool head_only) const {
  k = nx(k);
  auto u = lex(k, TimeWord::kUnit);
  if (!u) return std::nullopt;
  auto unit = static_cast<TimeUnitWord>(u->value);
  TimeMatch t;
  t.tb = k;
  size_t j = u->end;
  bool got = false;
  if (unit == TimeUnitWord::kMonth) {
    t.expr.grain = TimeExpr::Grain::kMonth;
    if (auto mv = month_value(j, true)) {
      t.expr.m = mv->m;
      t.expr.lunar = mv->lunar;
      j = mv->end;
      got = true;
    }
  } else if (unit == TimeUnitWord::kQuarter) {
    t.expr.grain = TimeExpr::Grain::kQuarter;
    if (auto qv = quarter_value(j, true)) {
      t.expr.q = qv->first;
      j = qv->second;
      got = true;
    }
  } else if (unit == TimeUnitWord::kYear) {
    t.expr.grain = TimeExpr::Grain::kYear;
    if (auto y = year4(j)) {
      t.expr.y = y->first;
      j = y->second;
      got = true;
    }
  } else {
    return std::nullopt;
  }
  if (!got) {
    if (!head_only) return std::nullopt;
    t.expr.implied = true;
    t.te = u->end;
    return t;
  }
  if (t.expr.grain != TimeExpr::Grain::kYear) {
    if (auto y = year_tail(j)) {
      t.expr.y = y->first;
      j = y->second;
    } else if (punct(j, "/") && adjacent(j)) {
      return std::nullopt;  // "tháng 5/6": not a month of a year
    }
  }
  t.te = j;
  return t;
}

std::optional<TimeMatch> TimeReader::period(size_t k) const { return unit_period(k, false); }

// "6 tháng đầu năm 2026", "sáu tháng cuối năm", "tuần đầu tháng 7", "ngày cuối cùng của tháng",
// "ngày đầu tiên của quý", "10 ngày đầu tháng 5".
std::optional<TimeMatch> TimeReader::part(size_t k) const {
  k = nx(k);
  size_t j = k;
  int n = 1;
  if (auto num = numeral(j, 31)) {
    n = num->first;
    j = num->second;
  }
  auto u = lex(j, TimeWord::kUnit);
  if (!u) return std::nullopt;
  auto unit = static_cast<TimeUnitWord>(u->value);
  if (unit != TimeUnitWord::kDay && unit != TimeUnitWord::kWeek && unit != TimeUnitWord::kMonth) return std::nullopt;
  auto edge = lex(u->end, TimeWord::kEdge);
  if (!edge || edge->value == 2) return std::nullopt;
  j = edge->end;
  if (auto o = lex(j, TimeWord::kOf)) j = o->end;
  auto base = unit_period(j, true);
  if (!base) return std::nullopt;
  // The part must be smaller than the period it is part of.
  auto g = base->expr.grain;
  bool fits = (unit == TimeUnitWord::kMonth && (g == TimeExpr::Grain::kYear || g == TimeExpr::Grain::kQuarter)) ||
              unit == TimeUnitWord::kWeek || unit == TimeUnitWord::kDay;
  if (!fits || (unit == TimeUnitWord::kWeek && g == TimeExpr::Grain::kYear && n < 1)) return std::nullopt;
  TimeMatch t = *base;
  t.tb = k;
  t.expr.part_n = n;
  t.expr.part_unit = unit;
  t.expr.part_last = edge->value == 3;
  return t;
}

// "cuối tháng 5/2026", "đầu năm 2026", "giữa tháng 6", "cuối quý II", "cuối năm"
std::optional<TimeMatch> TimeReader::edged(size_t k) const {
  k = nx(k);
  auto edge = lex(k, TimeWord::kEdge);
  if (!edge) return std::nullopt;
  size_t j = edge->end;
  if (auto o = lex(j, TimeWord::kOf)) j = o->end;
  auto base = unit_period(j, true);
  if (!base) return std::nullopt;
  TimeMatch t = *base;
  t.tb = k;
  t.expr.edge = edge->value;
  return t;
}

// "Tết Nguyên đán Bính Ngọ", "Tết Nguyên đán năm 2026", "ngày Quốc khánh 2/9", "Giỗ Tổ Hùng Vương"
std::optional<TimeMatch> TimeReader::holiday(size_t k) const {
  k = nx(k);
  auto h = lex(k, TimeWord::kHoliday);
  size_t j = k;
  if (!h) {
    auto head = lex(k, TimeWord::kUnit);
    if (!head || head->value != static_cast<int>(TimeUnitWord::kDay)) return std::nullopt;
    h = lex(head->end, TimeWord::kHoliday);
    if (!h) return std::nullopt;
  }
  j = h->end;
  TimeMatch t;
  t.tb = k;
  t.expr.grain = TimeExpr::Grain::kDay;
  t.expr.holiday = true;
  t.expr.lunar = h->value >= 100;
  t.expr.m = h->value % 100;
  t.expr.d = h->aux;
  size_t y = j;
  if (auto u = lex(y, TimeWord::kUnit); u && u->value == static_cast<int>(TimeUnitWord::kYear)) y = u->end;
  if (auto cc = can_chi(y)) {
    t.expr.cycle = cc->first;
    j = cc->second;
  } else if (auto yr = year_tail(j)) {
    t.expr.y = yr->first;
    j = yr->second;
  }
  // The day written after the name ("Quốc khánh 2/9", "(2/9)") is the same day.
  size_t p = punct(nx(j), "(") ? nx(j) + 1 : j;
  if (auto nd = numeric_date(p); nd && nd->expr.d == t.expr.d && nd->expr.m == t.expr.m) {
    j = punct(nd->te, ")") ? nd->te + 1 : nd->te;
    if (nd->expr.y) t.expr.y = nd->expr.y;
  }
  t.te = j;
  return t;
}

// "lúc 16 giờ 30", "16h30", "10h00'", "14 giờ 00 phút", "8 giờ sáng", "chiều"
std::optional<size_t> TimeReader::time_of_day(size_t k) const {
  size_t j = nx(k);
  bool got = false;
  if (auto a = lex(j, TimeWord::kAt)) j = a->end;
  if (auto dp = lex(j, TimeWord::kDaypart)) { j = dp->end; got = true; }
  if (auto h = numeral(j, 24, false)) {
    auto u = lex(h->second, TimeWord::kUnit);
    // A unit written as one letter ("10h00") stands right against its number.
    if (u && u->value == static_cast<int>(TimeUnitWord::kHour) &&
        (toks_[nx(h->second)].fold.size() > 1 || adjacent(nx(h->second)))) {
      j = u->end;
      got = true;
      size_t mk = nx(j);
      if (mk < te_ && toks_[mk].is_number() && toks_[mk].fold.size() == 2 && to_int(toks_[mk]) < 60) {
        j = mk + 1;
        if (auto mu = lex(j, TimeWord::kUnit); mu && mu->value == static_cast<int>(TimeUnitWord::kMinute)) j = mu->end;
        if (punct(j, "'") || punct(j, "’")) ++j;
      }
      if (auto dp = lex(j, TimeWord::kDaypart)) j = dp->end;
    }
  }
  if (!got) return std::nullopt;
  return j;
}

// "thứ Sáu", "thứ 2", "Chủ nhật"
std::optional<size_t> TimeReader::weekday(size_t k) const {
  if (auto w = lex(k, TimeWord::kWeekday)) return w->end;
  if (auto h = lex(k, TimeWord::kWeekdayHead)) {
    size_t j = nx(h->end);
    if (j < te_ && toks_[j].is_number() && toks_[j].fold.size() == 1 && to_int(toks_[j]) >= 2 && to_int(toks_[j]) <= 7)
      return j + 1;
  }
  return std::nullopt;
}

// One date, period or named day, with a time of day and a weekday before a date.
std::optional<TimeMatch> TimeReader::single(size_t k) const {
  k = nx(k);
  size_t j = k;
  bool prefix = false;
  if (auto t = time_of_day(j)) {
    j = *t;
    prefix = true;
    if (punct(j, ",")) ++j;
    if (auto o = lex(j, TimeWord::kOf)) j = o->end;
  }
  size_t wd = j;
  if (auto head = lex(wd, TimeWord::kUnit); head && head->value == static_cast<int>(TimeUnitWord::kDay)) wd = head->end;
  if (auto w = weekday(wd)) {  // "thứ Sáu, ngày 12/6/2026", "ngày thứ Sáu ngày 15/01/2016"
    j = *w;
    prefix = true;
    if (punct(j, ",")) ++j;
  }
  std::optional<TimeMatch> best;
  auto take = [&](std::optional<TimeMatch> m) {
    if (m && (!best || m->te > best->te)) best = m;
  };
  take(day(j));
  take(holiday(j));
  if (!prefix) {
    take(part(j));
    take(edged(j));
    take(period(j));
  }
  if (!best) return std::nullopt;
  best->tb = k;
  return best;
}

// The element after a range or list word: a full expression, or one that leaves out the head of
// the first ("tháng 11 - 12/2025", "Quý II, III/2015", "năm 2013 - 2015", "từ 06-10/4/2026").
std::optional<TimeMatch> TimeReader::continuation(const TimeMatch& first, size_t k) const {
  const TimeExpr& f = first.expr;
  if (auto s = single(k)) {
    // A list joins elements of one kind; a range may end in any ("từ tháng 5 đến hết năm 2026").
    return s;
  }
  k = nx(k);
  TimeMatch t;
  t.tb = k;
  t.expr.grain = f.grain;
  if (f.part_n || f.edge || f.holiday || f.implied) return std::nullopt;
  switch (f.grain) {
    case TimeExpr::Grain::kMonth: {
      auto mv = month_value(k, false);
      if (!mv) return std::nullopt;
      t.expr.m = mv->m;
      t.te = mv->end;
      break;
    }
    case TimeExpr::Grain::kQuarter: {
      auto qv = quarter_value(k, false);
      if (!qv) return std::nullopt;
      t.expr.q = qv->first;
      t.te = qv->second;
      break;
    }
    case TimeExpr::Grain::kYear: {
      auto y = year4(k);
      if (!y) return std::nullopt;
      t.expr.y = y->first;
      t.te = y->second;
      return t;
    }
    case TimeExpr::Grain::kDay: {
      if (auto nd = numeric_date(k)) return nd;
      return std::nullopt;
    }
  }
  if (auto y = year_tail(t.te)) {
    t.expr.y = y->first;
    t.te = y->second;
  }
  return t;
}

std::optional<TimeMatch> TimeReader::expression(size_t k) const {
  k = nx(k);
  // Every piece below starts with a number or with a word of the lexicon: no other token starts
  // an expression (most tokens of a text, looked at once here instead of by every piece).
  if (k >= te_ || !(toks_[k].is_number() || lx_.starts_phrase(toks_, k, memo_))) return std::nullopt;
  size_t j = k;
  bool from = false;
  if (auto f = lex(j, TimeWord::kRangeFrom)) {
    from = true;
    j = f->end;
  }
  std::optional<TimeMatch> first;
  if (auto now = from ? lex(j, TimeWord::kNow) : std::nullopt) {
    // "từ nay đến năm 2015": a span from the present; its end must follow.
    TimeMatch t;
    t.tb = j;
    t.te = now->end;
    t.expr.implied = true;
    first = t;
  } else {
    first = single(j);
  }
  bool day_number = false;  // "từ 06-10/4/2026", "ngày 07 và 08/4/2026": a day before the full date
  if (!first) {
    size_t d = j;
    if (auto head = lex(d, TimeWord::kUnit); head && head->value == static_cast<int>(TimeUnitWord::kDay)) d = head->end;
    if (auto dn = numeral(d, 31, false)) {
      size_t c = dn->second;
      bool joined = (punct(c, "-") && adjacent(c)) || lex(c, TimeWord::kRangeTo) || lex(c, TimeWord::kList);
      if (joined) {
        TimeMatch t;
        t.tb = j;
        t.te = dn->second;
        t.expr.d = dn->first;
        first = t;
        day_number = true;
      }
    }
  }
  bool bare_year = false;
  if (!first) {
    // A year alone ("2026", "2026 - 2027"): a limit only in a time cell.
    if (auto y = year4(j); y && !(y->second < te_ && adjacent(y->second) && toks_[y->second].kind == TokKind::kPunct &&
                                  !toks_[y->second].is("-") && !toks_[y->second].is(")"))) {
      TimeMatch t;
      t.tb = j;
      t.te = y->second;
      t.expr.grain = TimeExpr::Grain::kYear;
      t.expr.y = y->first;
      first = t;
      bare_year = true;
    }
  }
  if (!first) return std::nullopt;
  TimeMatch out = *first;
  out.tb = k;
  out.from = from;
  out.bare_year = bare_year;
  // Ranges and lists: the last element is the limit.
  for (;;) {
    size_t c = out.te;
    std::optional<TimeLexicon::Hit> to = lex(c, TimeWord::kRangeTo);
    bool list = false;
    if (!to) {
      to = lex(c, TimeWord::kList);
      list = true;
    } else if (auto again = lex(to->end, TimeWord::kRangeTo)) {
      to = again;  // "từ năm 2021 – đến hết năm 2025"
    }
    if (!to) break;
    TimeMatch prev = out;
    if (day_number) {
      // The day number takes month and year from the full date after it.
      auto nd = numeric_date(to->end);
      std::optional<TimeMatch> full = nd ? nd : day(to->end);
      if (!full || !full->expr.m) return std::nullopt;
      out.expr = full->expr;
      out.te = full->te;
      out.second = full->tb;
      out.expr.range = true;
      day_number = false;
      continue;
    }
    auto next = continuation(prev, to->end);
    if (!next || (list && prev.expr.implied)) break;
    // A list joins elements of the same kind: "Quý II, III/2015", not "quý II và năm 2026"; two
    // periods each written in full with its year are two limits ("Quý IV/2013, Quý I/2014").
    if (list && (next->expr.grain != prev.expr.grain || next->expr.part_n || next->expr.edge)) break;
    if (list && prev.expr.y && next->expr.y && single(to->end)) break;
    if (prev.bare_year && !next->expr.y) break;
    int year = prev.expr.y;
    out.expr = next->expr;
    if (!out.expr.y && year && !out.expr.lunar) out.expr.y = year;
    out.expr.range = true;
    out.second = next->tb;
    out.te = next->te;
  }
  if (day_number || (out.expr.implied && out.from && !out.second)) return std::nullopt;
  // "trong năm 2014 và các năm tiếp theo": open-ended, no limit.
  if (auto open = lex(out.te, TimeWord::kOpenEnd)) {
    out.open = true;
    out.te = open->end;
  }
  // A range of a programme: "giai đoạn 2021-2025", "nhiệm kỳ 2025 - 2030".
  if (lx_.before(text_, toks_, tb_, k, TimeWord::kProgram)) out.program = true;
  return out;
}

// ---- normaliser ------------------------------------------------------------------------------------

namespace {

std::optional<Date> lunar_day(int y, int m, int d, const WorkingDays* cal) {
  if (!cal) return std::nullopt;
  return cal->from_lunar(y, m, d);
}

// The first and last day of the base period of e in year y (lunar year when e.lunar).
std::optional<TimeSpan> base_span(const TimeExpr& e, int y, const WorkingDays* cal) {
  using G = TimeExpr::Grain;
  TimeSpan s;
  switch (e.grain) {
    case G::kDay: {
      if (e.lunar) {
        auto d = lunar_day(y, e.m, e.d, cal);
        if (!d) return std::nullopt;
        s.first = s.last = *d;
      } else {
        Date d{y, e.m, e.d};
        if (!is_valid(d)) return std::nullopt;
        s.first = s.last = d;
      }
      return s;
    }
    case G::kMonth: {
      if (e.lunar) {
        auto a = lunar_day(y, e.m, 1, cal);
        auto b = e.m == 12 ? lunar_day(y + 1, 1, 1, cal) : lunar_day(y, e.m + 1, 1, cal);
        if (!a || !b) return std::nullopt;
        s.first = *a;
        s.last = add_days(*b, -1);
      } else {
        s.first = Date{y, e.m, 1};
        s.last = last_day_of_month(y, e.m);
      }
      return s;
    }
    case G::kQuarter:
      s.first = Date{y, e.q * 3 - 2, 1};
      s.last = last_day_of_month(y, e.q * 3);
      return s;
    case G::kYear:
      s.first = Date{y, 1, 1};
      s.last = Date{y, 12, 31};
      return s;
  }
  return std::nullopt;
}

// Part and edge of a period.
TimeSpan narrow(const TimeExpr& e, TimeSpan s) {
  if (e.part_n > 0) {
    int n = e.part_n;
    switch (e.part_unit) {
      case TimeUnitWord::kMonth:
        if (e.part_last) s.first = add_months(Date{s.last.y, s.last.m, 1}, -(n - 1));
        else s.last = last_day_of_month(add_months(s.first, n - 1).y, add_months(s.first, n - 1).m);
        break;
      case TimeUnitWord::kWeek:
        if (e.part_last) s.first = add_days(s.last, -7L * n + 1);
        else s.last = add_days(s.first, 7L * n - 1);
        break;
      default:
        if (e.part_last) s.first = add_days(s.last, -(n - 1));
        else s.last = add_days(s.first, n - 1);
        break;
    }
    if (s.last < s.first) std::swap(s.first, s.last);
  }
  if (e.edge == 1) s.last = s.first;
  if (e.edge == 3) s.first = s.last;
  if (e.edge == 2) {
    // Bộ luật Dân sự 2015 Điều 146: giữa tháng = day 15, giữa năm = 30 June.
    Date mid;
    if (e.grain == TimeExpr::Grain::kYear && !e.part_n) mid = Date{s.first.y, 6, 30};
    else if (e.grain == TimeExpr::Grain::kMonth && !e.part_n) mid = Date{s.first.y, s.first.m, 15};
    else if (e.grain == TimeExpr::Grain::kQuarter && !e.part_n) mid = Date{s.first.y, s.first.m + 1, 15};
    else mid = add_days(s.first, days_between(s.first, s.last) / 2);
    s.first = s.last = mid;
  }
  return s;
}

}  // namespace

std::optional<TimeSpan> resolve(const TimeExpr& e, const TimeReference& ref, const WorkingDays* cal) {
  using G = TimeExpr::Grain;
  int ref_year = ref.date ? ref.date->y : ref.year;
  if (e.lunar && !cal) return std::nullopt;
  TimeExpr x = e;
  bool inferred = false;
  if (x.implied) {
    // The current period of the document ("cuối năm", "ngày cuối cùng của tháng"); for a month or
    // a quarter the next one when the day it names has passed, while a part of the year that has
    // passed ("Trong 6 tháng đầu năm" in a July report) is the past.
    if (!ref.date) {
      if (!ref_year || x.grain != G::kYear) return std::nullopt;
      x.y = ref_year;
    } else {
      x.y = ref.date->y;
      x.m = ref.date->m;
      x.q = (ref.date->m - 1) / 3 + 1;
      auto s = base_span(x, x.y, cal);
      if (!s) return std::nullopt;
      TimeSpan n = narrow(x, *s);
      if (n.last < *ref.date) {
        if (x.grain == G::kYear) return std::nullopt;
        if (x.grain == G::kQuarter) { if (++x.q > 4) { x.q = 1; ++x.y; } }
        else if (++x.m > 12) { x.m = 1; ++x.y; }
      }
    }
    auto s = base_span(x, x.y, cal);
    if (!s) return std::nullopt;
    TimeSpan n = narrow(x, *s);
    n.inferred_year = true;
    return n;
  }
  int y = x.y;
  if (!y && x.cycle >= 0) y = cycle_year(x.cycle, ref_year ? ref_year : 2000);
  if (!y) {
    if (!ref_year) return std::nullopt;
    inferred = true;
    y = x.lunar && ref.date ? cal->lunar_year(*ref.date) : ref_year;
    if (x.holiday && ref.date) {
      // A named day without a year: its next occurrence.
      auto s = base_span(x, y, cal);
      if (s && s->last < *ref.date) ++y;
    } else if (ref.date && x.grain == G::kDay) {
      // A December letter asking for "trước ngày 10/01" means next January.
      auto s = base_span(x, y, cal);
      if (s && days_between(s->first, *ref.date) > 60) ++y;
    } else if (ref.date && ref.date->m >= 11 && !x.lunar) {
      // DECISIONS D6: a month more than a month before a November/December document's month is
      // next year's.
      int last_month = x.grain == G::kQuarter ? x.q * 3 : x.grain == G::kMonth ? x.m : 12;
      if (ref.date->m - last_month > 1) ++y;
    }
  }
  auto s = base_span(x, y, cal);
  if (!s) return std::nullopt;
  TimeSpan n = narrow(x, *s);
  n.inferred_year = inferred;
  return n;
}

}  // namespace dondoc::extract

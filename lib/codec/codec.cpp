#include "codec/codec.h"

#include "codec/fields.h"

namespace dondoc::codec {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

ordered_json opt(const std::optional<std::string>& s) { return s ? ordered_json(*s) : ordered_json(nullptr); }
ordered_json opt(const std::optional<int>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }
ordered_json opt(const std::optional<Date>& d) { return d ? ordered_json(to_iso(*d)) : ordered_json(nullptr); }

ordered_json span_json(Span s, const JsonOptions& o) {
  if (o.map_span) s = o.map_span(s);
  return ordered_json::array({s.begin, s.end});
}

ordered_json names(const std::vector<Assignee>& v) {
  ordered_json a = ordered_json::array();
  for (const auto& x : v) a.push_back(x.name);
  return a;
}

ordered_json units(const std::vector<Assignee>& v) {
  ordered_json a = ordered_json::array();
  for (const auto& x : v) a.push_back(x.unit.empty() ? ordered_json(nullptr) : ordered_json(x.unit));
  return a;
}

using Fields = FieldReader<json>;

Span get_span(Fields& f, const json& j, const char* k) {
  const json* a = f.array(j, k);
  if (!a) return {};
  if (a->size() != 2) {
    f.fail(k, "phải là mảng hai số [đầu, cuối]");
    return {};
  }
  Fields in = f.at(k);
  auto b = in.integer_value((*a)[0], "0", 0, UINT32_MAX), e = in.integer_value((*a)[1], "1", 0, UINT32_MAX);
  if (!b || !e) return {};
  return Span{static_cast<uint32_t>(*b), static_cast<uint32_t>(*e)};
}

std::vector<Assignee> get_assignees(Fields& f, const json& j, const char* k) {
  std::vector<Assignee> out;
  for (auto& n : f.strings(j, k)) out.push_back(Assignee{std::move(n), {}, {}});
  return out;
}

std::optional<int> get_int(Fields& f, const json& j, const char* k, int min, int max) {
  auto v = f.integer(j, k, min, max);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::optional<Date> get_date(Fields& f, const json& j, const char* k) {
  auto d = f.date(j, k);
  return d ? std::optional<Date>(d->date()) : std::nullopt;
}

std::optional<Recurrence> get_recurrence(Fields& f, const json& j) {
  const json* r = f.object(j, "recurrence");
  if (!r) return std::nullopt;
  Fields in = f.at("recurrence");
  Recurrence out;
  out.freq = in.str(*r, "freq").value_or("");
  out.interval = get_int(in, *r, "interval", 1, 1000).value_or(1);
  out.day = get_int(in, *r, "day", 0, 31).value_or(0);
  out.month = get_int(in, *r, "month", 0, 12).value_or(0);
  return out;
}

// The first problem found, or the value.
template <class T>
Result<T> checked(const Fields& f, T value) {
  if (f.error()) return *f.error();
  return value;
}

// `j` is an object (checked by the caller).
Deadline read_deadline(Fields& f, const json& j) {
  Deadline d;
  d.text = f.str(j, "text").value_or("");
  d.date = get_date(f, j, "date");
  if (auto b = f.str(j, "bound")) {
    if (auto parsed = bound_from_string(*b)) d.bound = *parsed;
    else f.fail("bound", "không hợp lệ: \"" + *b + "\"");
  } else {
    d.bound = Bound::kBy;
  }
  d.offset = get_int(f, j, "offset", -100000, 100000);
  if (auto u = f.str(j, "unit")) {
    d.unit = time_unit_from_string(*u);
    if (!d.unit) f.fail("unit", "không hợp lệ: \"" + *u + "\"");
  }
  d.anchor = f.str(j, "anchor");
  d.recurrence = get_recurrence(f, j);
  d.inferred_year = f.boolean(j, "inferred_year").value_or(false);
  d.span = get_span(f, j, "span");
  return d;
}

// `j` is an object (checked by the caller).
Task read_task(Fields& f, const json& j) {
  Task t;
  t.ref = f.str(j, "ref").value_or("");
  t.lead = get_assignees(f, j, "lead");
  t.support = get_assignees(f, j, "support");
  t.report_to = get_assignees(f, j, "report_to");
  if (const json* units = f.object(j, "units")) {
    Fields in = f.at("units");
    auto fill_units = [&](std::vector<Assignee>& v, const char* k) {
      auto ids = in.strings(*units, k, true);
      for (size_t i = 0; i < v.size() && i < ids.size(); ++i) v[i].unit = ids[i];
    };
    fill_units(t.lead, "lead");
    fill_units(t.support, "support");
    fill_units(t.report_to, "report_to");
  }
  t.action = f.str(j, "action").value_or("");
  f.each_object(j, "deadlines", [&](Fields& in, const json& dj) { t.deadlines.push_back(read_deadline(in, dj)); });
  t.due = get_date(f, j, "due");
  if (auto r = get_recurrence(f, j)) {
    t.recurrence = Recurrence{r->freq, r->interval, 0, 0};
  }
  t.span = get_span(f, j, "span");
  return t;
}

}  // namespace

ordered_json to_json(const Deadline& d, const JsonOptions& o) {
  ordered_json j;
  j["text"] = d.text;
  j["date"] = opt(d.date);
  j["bound"] = to_string(d.bound);
  if (d.bound == Bound::kRelative || d.offset) {
    j["offset"] = opt(d.offset);
    j["unit"] = d.unit ? ordered_json(to_string(*d.unit)) : ordered_json(nullptr);
    j["anchor"] = opt(d.anchor);
  }
  if (d.recurrence) {
    ordered_json r;
    r["freq"] = d.recurrence->freq;
    r["interval"] = d.recurrence->interval;
    if (d.recurrence->day) r["day"] = d.recurrence->day;
    if (d.recurrence->month) r["month"] = d.recurrence->month;
    j["recurrence"] = r;
  }
  if (d.inferred_year) j["inferred_year"] = true;
  if (o.spans) j["span"] = span_json(d.span, o);
  return j;
}

ordered_json to_json(const Task& t, const JsonOptions& o) {
  ordered_json j;
  j["ref"] = t.ref;
  j["lead"] = names(t.lead);
  j["support"] = names(t.support);
  j["action"] = t.action;
  ordered_json dl = ordered_json::array();
  for (const auto& d : t.deadlines) dl.push_back(to_json(d, o));
  j["deadlines"] = dl;
  j["report_to"] = names(t.report_to);
  j["due"] = opt(t.due);
  if (t.recurrence) {
    ordered_json r{{"freq", t.recurrence->freq}, {"interval", t.recurrence->interval}};
    j["recurrence"] = r;
  }
  j["units"] = ordered_json{{"lead", units(t.lead)}, {"support", units(t.support)}, {"report_to", units(t.report_to)}};
  if (o.spans) j["span"] = span_json(t.span, o);
  return j;
}

ordered_json to_json(const Citation& c, const JsonOptions& o) {
  ordered_json j;
  j["type"] = c.type;
  j["number"] = opt(c.number);
  j["symbol"] = opt(c.symbol);
  j["year"] = opt(c.year);
  j["date"] = opt(c.date);
  j["issuer"] = opt(c.issuer);
  j["text"] = c.text;
  if (o.spans) j["span"] = span_json(c.span, o);
  return j;
}

ordered_json to_json(const Document& d, const JsonOptions& o) {
  ordered_json j;
  j["text"] = ordered_json{{"diacritics", d.text.restored ? "restored" : "original"}, {"ocr", d.text.ocr}};
  if (!d.text.reader.empty()) j["text"]["reader"] = d.text.reader;
  if (!d.text.encoding.empty()) j["text"]["encoding"] = d.text.encoding;
  if (!d.text.page_confidence.empty()) j["text"]["page_confidence"] = d.text.page_confidence;
  j["kind"] = to_string(d.kind);
  j["type"] = opt(d.type);
  j["number"] = opt(d.number);
  j["symbol"] = opt(d.symbol);
  j["year"] = opt(d.year);
  j["issuer"] = opt(d.issuer);
  j["parent"] = opt(d.parent);
  j["place"] = opt(d.place);
  j["date"] = d.date ? ordered_json(to_iso(*d.date)) : ordered_json(nullptr);
  j["subject"] = opt(d.subject);
  j["recipients"] = d.recipients;
  if (d.signer) {
    j["signer"] = ordered_json{{"authority", opt(d.signer->authority)},
                               {"on_behalf", opt(d.signer->on_behalf)},
                               {"title", opt(d.signer->title)},
                               {"name", opt(d.signer->name)}};
  } else {
    j["signer"] = nullptr;
  }
  j["distribution"] = d.distribution;
  ordered_json cits = ordered_json::array();
  for (const auto& c : d.citations) cits.push_back(to_json(c, o));
  j["citations"] = cits;
  ordered_json tasks = ordered_json::array();
  for (const auto& t : d.tasks) tasks.push_back(to_json(t, o));
  j["tasks"] = tasks;
  if (o.spans) {
    ordered_json sp = ordered_json::object();
    for (const auto& [k, s] : d.spans) sp[k] = span_json(s, o);
    j["spans"] = sp;
  }
  if (!d.diagnostics.empty()) {
    ordered_json diags = ordered_json::array();
    for (const auto& x : d.diagnostics) {
      ordered_json dj{{"code", x.code}, {"message", x.message}};
      if (o.spans) dj["span"] = span_json(x.span, o);
      diags.push_back(dj);
    }
    j["diagnostics"] = diags;
  }
  return j;
}

Result<Deadline> deadline_from_json(const json& j) {
  if (!j.is_object()) return make_error(ErrorCode::kInvalidInput, "thời hạn không phải đối tượng JSON");
  Fields f;
  Deadline d = read_deadline(f, j);
  return checked(f, std::move(d));
}

Result<Task> task_from_json(const json& j) {
  if (!j.is_object()) return make_error(ErrorCode::kInvalidInput, "nhiệm vụ không phải đối tượng JSON");
  Fields f;
  Task t = read_task(f, j);
  return checked(f, std::move(t));
}

Result<Document> document_from_json(const json& j) {
  if (!j.is_object()) return make_error(ErrorCode::kInvalidInput, "văn bản không phải đối tượng JSON");
  Fields f;
  Document d;
  if (const json* t = f.object(j, "text")) {
    Fields in = f.at("text");
    d.text.restored = in.str(*t, "diacritics").value_or("original") == "restored";
    d.text.ocr = in.boolean(*t, "ocr").value_or(false);
    d.text.reader = in.str(*t, "reader").value_or("");
    d.text.encoding = in.str(*t, "encoding").value_or("");
  }
  if (auto k = f.str(j, "kind")) {
    if (auto kind = doc_kind_from_string(*k)) d.kind = *kind;
    else f.fail("kind", "không hợp lệ: \"" + *k + "\"");
  }
  d.type = f.str(j, "type");
  d.number = f.str(j, "number");
  d.symbol = f.str(j, "symbol");
  d.year = get_int(f, j, "year", 1, 9999);
  d.issuer = f.str(j, "issuer");
  d.parent = f.str(j, "parent");
  d.place = f.str(j, "place");
  d.date = f.date(j, "date", true);
  d.subject = f.str(j, "subject");
  d.recipients = f.strings(j, "recipients");
  d.distribution = f.strings(j, "distribution");
  if (const json* sj = f.object(j, "signer")) {
    Fields in = f.at("signer");
    Signer s;
    s.authority = in.str(*sj, "authority");
    s.on_behalf = in.str(*sj, "on_behalf");
    s.title = in.str(*sj, "title");
    s.name = in.str(*sj, "name");
    d.signer = s;
  }
  f.each_object(j, "citations", [&](Fields& in, const json& cj) {
    Citation c;
    c.type = in.str(cj, "type").value_or("");
    c.number = in.str(cj, "number");
    c.symbol = in.str(cj, "symbol");
    c.year = get_int(in, cj, "year", 1, 9999);
    c.date = get_date(in, cj, "date");
    c.issuer = in.str(cj, "issuer");
    c.text = in.str(cj, "text").value_or("");
    c.span = get_span(in, cj, "span");
    d.citations.push_back(std::move(c));
  });
  f.each_object(j, "tasks", [&](Fields& in, const json& tj) { d.tasks.push_back(read_task(in, tj)); });
  if (const json* sp = f.object(j, "spans")) {
    Fields in = f.at("spans");
    for (auto it = sp->begin(); it != sp->end(); ++it) {
      Span s = get_span(in, *sp, it.key().c_str());
      d.spans.emplace_back(it.key(), s);
    }
  }
  return checked(f, std::move(d));
}

}  // namespace dondoc::codec

#include "codec/codec.h"

#include "codec/fields.h"
#include "codec/json_writer.h"

namespace dondoc::codec {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

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

// The encoders, once for both writers (json_writer.h): the key order is the wire format's.
namespace {

template <class W>
void put(W& w, const std::string& s) { w.str(s); }
template <class W>
void put(W& w, const char* s) { w.str(s); }
template <class W>
void put(W& w, int v) { w.integer(v); }
template <class W>
void put(W& w, bool v) { w.boolean(v); }
template <class W>
void put(W& w, const std::optional<std::string>& s) { s ? w.str(*s) : w.null(); }
template <class W>
void put(W& w, const std::optional<int>& v) { v ? w.integer(*v) : w.null(); }
template <class W>
void put(W& w, const std::optional<Date>& d) { d ? w.str(to_iso(*d)) : w.null(); }
template <class W>
void put(W& w, const std::optional<PartialDate>& d) { d ? w.str(to_iso(*d)) : w.null(); }
template <class W>
void put(W& w, const std::vector<std::string>& v) {
  w.array_begin();
  for (const auto& x : v) w.str(x);
  w.array_end();
}
template <class W, class T>
void field(W& w, std::string_view k, const T& v) {
  w.key(k);
  put(w, v);
}

template <class W>
void span_field(W& w, std::string_view k, Span s, const JsonOptions& o) {
  if (o.map_span) s = o.map_span(s);
  w.key(k);
  w.array_begin();
  w.uinteger(s.begin);
  w.uinteger(s.end);
  w.array_end();
}

template <class W>
void names(W& w, std::string_view k, const std::vector<Assignee>& v) {
  w.key(k);
  w.array_begin();
  for (const auto& x : v) w.str(x.name);
  w.array_end();
}

template <class W>
void units(W& w, std::string_view k, const std::vector<Assignee>& v) {
  w.key(k);
  w.array_begin();
  for (const auto& x : v) x.unit.empty() ? w.null() : w.str(x.unit);
  w.array_end();
}

// A deadline's recurrence gives its day and month when set; a task's gives frequency and
// interval only.
template <class W>
void recurrence_field(W& w, const Recurrence& r, bool days) {
  w.key("recurrence");
  w.object_begin();
  field(w, "freq", r.freq);
  field(w, "interval", r.interval);
  if (days && r.day) field(w, "day", r.day);
  if (days && r.month) field(w, "month", r.month);
  w.object_end();
}

template <class W>
void write(W& w, const Deadline& d, const JsonOptions& o) {
  w.object_begin();
  field(w, "text", d.text);
  field(w, "date", d.date);
  field(w, "bound", to_string(d.bound));
  if (d.bound == Bound::kRelative || d.offset) {
    field(w, "offset", d.offset);
    w.key("unit");
    d.unit ? w.str(to_string(*d.unit)) : w.null();
    field(w, "anchor", d.anchor);
  }
  if (d.recurrence) recurrence_field(w, *d.recurrence, true);
  if (d.inferred_year) field(w, "inferred_year", true);
  if (o.spans) span_field(w, "span", d.span, o);
  w.object_end();
}

template <class W>
void write(W& w, const Task& t, const JsonOptions& o);
template <class W>
void write(W& w, const Citation& c, const JsonOptions& o);

template <class W, class T>
void list_field(W& w, std::string_view k, const std::vector<T>& v, const JsonOptions& o) {
  w.key(k);
  w.array_begin();
  for (const auto& x : v) write(w, x, o);
  w.array_end();
}

template <class W>
void write(W& w, const Task& t, const JsonOptions& o) {
  w.object_begin();
  field(w, "ref", t.ref);
  names(w, "lead", t.lead);
  names(w, "support", t.support);
  field(w, "action", t.action);
  list_field(w, "deadlines", t.deadlines, o);
  names(w, "report_to", t.report_to);
  field(w, "due", t.due);
  if (t.recurrence) recurrence_field(w, *t.recurrence, false);
  w.key("units");
  w.object_begin();
  units(w, "lead", t.lead);
  units(w, "support", t.support);
  units(w, "report_to", t.report_to);
  w.object_end();
  if (o.spans) span_field(w, "span", t.span, o);
  w.object_end();
}

template <class W>
void write(W& w, const Citation& c, const JsonOptions& o) {
  w.object_begin();
  field(w, "type", c.type);
  field(w, "number", c.number);
  field(w, "symbol", c.symbol);
  field(w, "year", c.year);
  field(w, "date", c.date);
  field(w, "issuer", c.issuer);
  field(w, "text", c.text);
  if (o.spans) span_field(w, "span", c.span, o);
  w.object_end();
}

// The members of a document's object, without its braces (json_line puts two of its own first).
template <class W>
void write_members(W& w, const Document& d, const JsonOptions& o) {
  w.key("text");
  w.object_begin();
  field(w, "diacritics", d.text.restored ? "restored" : "original");
  field(w, "ocr", d.text.ocr);
  if (!d.text.reader.empty()) field(w, "reader", d.text.reader);
  if (!d.text.encoding.empty()) field(w, "encoding", d.text.encoding);
  if (!d.text.page_confidence.empty()) {
    w.key("page_confidence");
    w.array_begin();
    for (double c : d.text.page_confidence) w.number(c);
    w.array_end();
  }
  w.object_end();
  field(w, "kind", to_string(d.kind));
  field(w, "type", d.type);
  field(w, "number", d.number);
  field(w, "symbol", d.symbol);
  field(w, "year", d.year);
  field(w, "issuer", d.issuer);
  field(w, "parent", d.parent);
  field(w, "place", d.place);
  field(w, "date", d.date);
  field(w, "subject", d.subject);
  field(w, "recipients", d.recipients);
  w.key("signer");
  if (d.signer) {
    w.object_begin();
    field(w, "authority", d.signer->authority);
    field(w, "on_behalf", d.signer->on_behalf);
    field(w, "title", d.signer->title);
    field(w, "name", d.signer->name);
    w.object_end();
  } else {
    w.null();
  }
  field(w, "distribution", d.distribution);
  list_field(w, "citations", d.citations, o);
  list_field(w, "tasks", d.tasks, o);
  if (o.spans) {
    w.key("spans");
    w.object_begin();
    // A key given twice keeps its first place and its last span.
    for (size_t i = 0; i < d.spans.size(); ++i) {
      const std::string& k = d.spans[i].first;
      bool seen = false;
      for (size_t e = 0; e < i && !seen; ++e) seen = d.spans[e].first == k;
      if (seen) continue;
      Span last = d.spans[i].second;
      for (size_t e = i + 1; e < d.spans.size(); ++e)
        if (d.spans[e].first == k) last = d.spans[e].second;
      span_field(w, k, last, o);
    }
    w.object_end();
  }
  if (!d.diagnostics.empty()) {
    w.key("diagnostics");
    w.array_begin();
    for (const auto& x : d.diagnostics) {
      w.object_begin();
      field(w, "code", x.code);
      field(w, "message", x.message);
      if (o.spans) span_field(w, "span", x.span, o);
      w.object_end();
    }
    w.array_end();
  }
}

template <class W>
void write(W& w, const Document& d, const JsonOptions& o) {
  w.object_begin();
  write_members(w, d, o);
  w.object_end();
}

template <class T>
ordered_json tree(const T& v, const JsonOptions& o) {
  TreeWriter w;
  write(w, v, o);
  return w.take();
}

}  // namespace

ordered_json to_json(const Deadline& d, const JsonOptions& o) { return tree(d, o); }
ordered_json to_json(const Task& t, const JsonOptions& o) { return tree(t, o); }
ordered_json to_json(const Citation& c, const JsonOptions& o) { return tree(c, o); }
ordered_json to_json(const Document& d, const JsonOptions& o) { return tree(d, o); }

std::string document_json_line(const std::vector<std::pair<std::string, std::string>>& first, const Document& d,
                               const JsonOptions& o) {
  std::string out;
  out.reserve(4096);
  TextWriter w(out);
  w.object_begin();
  for (const auto& [k, v] : first) field(w, k, v);
  write_members(w, d, o);
  w.object_end();
  return out;
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

#include "codec/codec.h"

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

std::optional<std::string> get_str(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}
std::optional<int> get_int(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}
Span get_span(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || !it->is_array() || it->size() != 2) return {};
  return Span{(*it)[0].get<uint32_t>(), (*it)[1].get<uint32_t>()};
}
std::vector<std::string> get_strs(const json& j, const char* k) {
  std::vector<std::string> out;
  auto it = j.find(k);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& x : *it)
    if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}
std::vector<Assignee> get_assignees(const json& j, const char* k) {
  std::vector<Assignee> out;
  for (auto& n : get_strs(j, k)) out.push_back(Assignee{std::move(n), {}, {}});
  return out;
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
  if (!j.is_object()) return make_error(ErrorCode::kInvalidInput, "deadline is not an object");
  Deadline d;
  d.text = get_str(j, "text").value_or("");
  if (auto s = get_str(j, "date")) d.date = parse_iso(*s);
  auto b = bound_from_string(get_str(j, "bound").value_or("by"));
  if (!b) return make_error(ErrorCode::kInvalidInput, "unknown deadline bound");
  d.bound = *b;
  d.offset = get_int(j, "offset");
  if (auto u = get_str(j, "unit")) d.unit = time_unit_from_string(*u);
  d.anchor = get_str(j, "anchor");
  if (auto it = j.find("recurrence"); it != j.end() && it->is_object()) {
    Recurrence r;
    r.freq = get_str(*it, "freq").value_or("");
    r.interval = get_int(*it, "interval").value_or(1);
    r.day = get_int(*it, "day").value_or(0);
    r.month = get_int(*it, "month").value_or(0);
    d.recurrence = r;
  }
  d.inferred_year = j.value("inferred_year", false);
  d.span = get_span(j, "span");
  return d;
}

Result<Task> task_from_json(const json& j) {
  if (!j.is_object()) return make_error(ErrorCode::kInvalidInput, "task is not an object");
  Task t;
  t.ref = get_str(j, "ref").value_or("");
  json units_j = j.value("units", json::object());
  t.lead = get_assignees(j, "lead");
  t.support = get_assignees(j, "support");
  t.report_to = get_assignees(j, "report_to");
  auto fill_units = [&](std::vector<Assignee>& v, const char* k) {
    auto it = units_j.find(k);
    if (it == units_j.end() || !it->is_array()) return;
    for (size_t i = 0; i < v.size() && i < it->size(); ++i)
      if ((*it)[i].is_string()) v[i].unit = (*it)[i].get<std::string>();
  };
  fill_units(t.lead, "lead");
  fill_units(t.support, "support");
  fill_units(t.report_to, "report_to");
  t.action = get_str(j, "action").value_or("");
  if (auto it = j.find("deadlines"); it != j.end() && it->is_array()) {
    for (const auto& dj : *it) {
      auto d = deadline_from_json(dj);
      if (!d) return d.error();
      t.deadlines.push_back(std::move(*d));
    }
  }
  if (auto s = get_str(j, "due")) t.due = parse_iso(*s);
  if (auto it = j.find("recurrence"); it != j.end() && it->is_object()) {
    Recurrence r;
    r.freq = get_str(*it, "freq").value_or("");
    r.interval = get_int(*it, "interval").value_or(1);
    t.recurrence = r;
  }
  t.span = get_span(j, "span");
  return t;
}

Result<Document> document_from_json(const json& j) {
  if (!j.is_object()) return make_error(ErrorCode::kInvalidInput, "document is not a JSON object");
  Document d;
  if (auto it = j.find("text"); it != j.end() && it->is_object()) {
    d.text.restored = it->value("diacritics", "original") == "restored";
    d.text.ocr = it->value("ocr", false);
    d.text.reader = it->value("reader", "");
    d.text.encoding = it->value("encoding", "");
  }
  d.kind = doc_kind_from_string(get_str(j, "kind").value_or("unknown")).value_or(DocKind::kUnknown);
  d.type = get_str(j, "type");
  d.number = get_str(j, "number");
  d.symbol = get_str(j, "symbol");
  d.year = get_int(j, "year");
  d.issuer = get_str(j, "issuer");
  d.parent = get_str(j, "parent");
  d.place = get_str(j, "place");
  if (auto s = get_str(j, "date")) d.date = parse_iso_partial(*s);
  d.subject = get_str(j, "subject");
  d.recipients = get_strs(j, "recipients");
  d.distribution = get_strs(j, "distribution");
  if (auto it = j.find("signer"); it != j.end() && it->is_object()) {
    Signer s;
    s.authority = get_str(*it, "authority");
    s.on_behalf = get_str(*it, "on_behalf");
    s.title = get_str(*it, "title");
    s.name = get_str(*it, "name");
    d.signer = s;
  }
  if (auto it = j.find("citations"); it != j.end() && it->is_array()) {
    for (const auto& cj : *it) {
      Citation c;
      c.type = get_str(cj, "type").value_or("");
      c.number = get_str(cj, "number");
      c.symbol = get_str(cj, "symbol");
      c.year = get_int(cj, "year");
      if (auto s = get_str(cj, "date")) c.date = parse_iso(*s);
      c.issuer = get_str(cj, "issuer");
      c.text = get_str(cj, "text").value_or("");
      c.span = get_span(cj, "span");
      d.citations.push_back(std::move(c));
    }
  }
  if (auto it = j.find("tasks"); it != j.end() && it->is_array()) {
    for (const auto& tj : *it) {
      auto t = task_from_json(tj);
      if (!t) return t.error();
      d.tasks.push_back(std::move(*t));
    }
  }
  if (auto it = j.find("spans"); it != j.end() && it->is_object()) {
    for (auto sp = it->begin(); sp != it->end(); ++sp) {
      if (sp->is_array() && sp->size() == 2)
        d.spans.emplace_back(sp.key(), Span{(*sp)[0].get<uint32_t>(), (*sp)[1].get<uint32_t>()});
    }
  }
  return d;
}

}  // namespace dondoc::codec

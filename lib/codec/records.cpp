#include "codec/records.h"

#include <map>

#include "codec/codec.h"

namespace dondoc::codec {
namespace {

OJ opt(const std::optional<std::string>& s) { return s ? OJ(*s) : OJ(nullptr); }

OJ json_or_null(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  auto j = OJ::parse(*s, nullptr, false);
  return j.is_discarded() ? OJ(*s) : j;
}

}  // namespace

namespace {

void put_string(std::string& out, std::string_view s) {
  out += '"';
  size_t run = 0;  // start of the characters that need no escape, copied in one go
  for (size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    static const char* kHex = "0123456789abcdef";
    if (u == '"' || u == '\\') out += '\\', out += static_cast<char>(u);
    else if (u == '\n') out += "\\n";
    else if (u == '\t') out += "\\t";
    else out += "\\u00", out += kHex[u >> 4], out += kHex[u & 15];
  }
  out.append(s, run, std::string_view::npos);
  out += '"';
}

void put_key(std::string& out, const char* key) {
  if (out.size() > 1) out += ',';
  put_string(out, key);
  out += ':';
}

void put_names(std::string& out, const std::vector<std::string>& v) {
  out += '[';
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    put_string(out, v[i]);
  }
  out += ']';
}

void put_date(std::string& out, const std::optional<Date>& d) {
  if (d) put_string(out, to_iso(*d));
  else out += "null";
}

}  // namespace

// Written by hand rather than through nlohmann::ordered_json: `dondoc tasks --overdue --json`
// prints tens of thousands of these, and the stored deadlines JSON is copied, not re-parsed.
std::string task_json_line(const store::TrackedTask& t, const Date& as_of, const calendar::Calendar& cal) {
  std::string out = "{";
  out.reserve(512 + t.task.action.size() + t.deadlines_json.size());
  put_key(out, "id");
  out += std::to_string(t.id);
  put_key(out, "document");
  put_string(out, t.document);
  put_key(out, "document_id");
  out += std::to_string(t.document_id);
  put_key(out, "document_type");
  if (t.document_type) put_string(out, *t.document_type);
  else out += "null";
  put_key(out, "ref");
  put_string(out, t.task.ref);
  put_key(out, "lead");
  put_names(out, t.leads());
  put_key(out, "support");
  put_names(out, t.supports());
  put_key(out, "action");
  put_string(out, t.task.action);
  put_key(out, "deadlines");
  if (!t.deadlines_json.empty()) {
    out += t.deadlines_json;
  } else {
    JsonOptions jo;
    jo.spans = false;
    nlohmann::ordered_json dl = nlohmann::ordered_json::array();
    for (const auto& d : t.task.deadlines) dl.push_back(to_json(d, jo));
    out += dl.dump();
  }
  put_key(out, "due");
  put_date(out, t.due());
  put_key(out, "status");
  put_string(out, store::to_string(t.status));
  int late = track::overdue_days(t, as_of);
  put_key(out, "overdue_days");
  out += std::to_string(late);
  put_key(out, "overdue_working_days");
  out += std::to_string(late ? track::overdue_working_days(t, as_of, cal) : 0);
  put_key(out, "done_on");
  put_date(out, t.done_on);
  put_key(out, "due_extracted");
  put_date(out, t.task.due);
  if (const auto& r = track::recurrence_of(t.task)) {  // a recurring duty: `due` is its next occurrence
    put_key(out, "recurrence");
    out += "{\"freq\":";
    put_string(out, r->freq);
    out += ",\"interval\":" + std::to_string(r->interval) + "}";
  }
  put_key(out, "present");
  out += t.present ? "true" : "false";
  out += '}';
  return out;
}

nlohmann::ordered_json task_json(const store::TrackedTask& t, const Date& as_of, const calendar::Calendar& cal) {
  return nlohmann::ordered_json::parse(task_json_line(t, as_of, cal));
}

OJ summary_json(const store::DocumentSummary& d) {
  return OJ{{"id", d.id},
            {"identifier", d.identifier.empty() ? OJ(nullptr) : OJ(d.identifier)},
            {"kind", to_string(d.kind)},
            {"type", opt(d.type)},
            {"number", opt(d.number)},
            {"symbol", opt(d.symbol)},
            {"year", d.year ? OJ(*d.year) : OJ(nullptr)},
            {"issuer", opt(d.issuer)},
            {"date", d.date ? OJ(to_iso(*d.date)) : OJ(nullptr)},
            {"subject", opt(d.subject)},
            {"file_name", d.file_name},
            {"sha256", d.sha256},
            {"added_at", d.added_at},
            {"updated_at", d.updated_at}};
}

OJ search_hit_json(const store::SearchHit& h) {
  OJ marks = OJ::array();
  for (const auto& s : h.highlights) marks.push_back(OJ::array({s.begin, s.end}));
  const auto& d = h.doc;
  return OJ{{"id", d.id},
            {"identifier", d.identifier.empty() ? OJ(nullptr) : OJ(d.identifier)},
            {"type", opt(d.type)},
            {"date", d.date ? OJ(to_iso(*d.date)) : OJ(nullptr)},
            {"issuer", opt(d.issuer)},
            {"subject", opt(d.subject)},
            {"score", h.score},
            {"symbol_match", h.symbol_match},
            {"snippet", h.snippet},
            {"highlights", marks}};
}

OJ link_json(const store::CitationLink& l, bool outgoing) {
  if (!outgoing)
    return OJ{{"document_id", l.document_id}, {"document", l.document_label}, {"type", opt(l.document_type)},
              {"text", l.citation.text}};
  JsonOptions jo;
  jo.spans = false;
  OJ j = to_json(l.citation, jo);
  j["target_id"] = l.target_id ? OJ(*l.target_id) : OJ(nullptr);
  j["target"] = l.target_id ? OJ(l.target_label) : OJ(nullptr);
  return j;
}

OJ document_json(const DocumentParts& p, const Date& as_of, const calendar::Calendar& cal) {
  const store::StoredDocument& d = *p.doc;
  JsonOptions jo;
  jo.spans = p.with_text;  // spans are byte ranges into the stored text
  OJ j{{"id", d.summary.id}, {"identifier", d.summary.identifier}};
  OJ body = to_json(d.doc, jo);
  for (auto& [k, v] : body.items()) j[k] = v;
  OJ files = OJ::array(), tj = OJ::array(), cj = OJ::array(), bj = OJ::array();
  for (const auto& f : d.files)
    files.push_back(OJ{{"sha256", f.sha256}, {"name", f.name}, {"size", f.size}, {"added_at", f.added_at}});
  // The extraction's own tasks by ref: where each was read (spans into "text_content").
  std::map<std::string, const Task*> read;
  for (const auto& t : d.doc.tasks) read.emplace(t.ref, &t);
  if (p.tasks) {
    for (const auto& t : *p.tasks) {
      OJ x = task_json(t, as_of, cal);
      if (p.with_text) {
        const Task* r = nullptr;
        if (auto it = read.find(t.task.ref); it != read.end() && !t.manual) r = it->second;
        OJ full = to_json(r ? *r : t.task, jo);
        x["span"] = r ? full["span"] : OJ(nullptr);
        x["deadlines"] = full["deadlines"];
        OJ lead_spans = OJ::array();
        if (r)
          for (const auto& a : r->lead) lead_spans.push_back(OJ{{"name", a.name}, {"span", OJ::array({a.span.begin, a.span.end})}});
        x["lead_spans"] = lead_spans;
        // A listed task carries report_to only when a person typed it; else it is what was read.
        bool typed = false;
        if (t.corrected) {
          auto c = nlohmann::json::parse(*t.corrected, nullptr, false);
          typed = c.is_object() && c.contains("report_to");
        }
        OJ report_to = OJ::array();
        for (const auto& a : typed || !r ? t.task.report_to : r->report_to) report_to.push_back(a.name);
        x["report_to"] = report_to;
        x["manual"] = t.manual;
        x["corrected"] = json_or_null(t.corrected);
        x["due_anchor"] = t.due_anchor ? OJ(to_iso(*t.due_anchor)) : OJ(nullptr);
      }
      tj.push_back(std::move(x));
    }
  }
  if (p.cites)
    for (const auto& l : *p.cites) cj.push_back(link_json(l, true));
  if (p.cited_by)
    for (const auto& l : *p.cited_by) bj.push_back(link_json(l, false));
  j["files"] = files;
  j["tasks"] = tj;
  j["cites"] = cj;
  j["cited_by"] = bj;
  if (p.with_text) {
    j["text_content"] = d.text;
    j["corrected"] = p.corrected ? json_or_null(*p.corrected) : OJ(nullptr);
    OJ anchors = OJ::array();
    if (p.anchors)
      for (const auto& a : *p.anchors) anchors.push_back(OJ{{"anchor", a.anchor}, {"date", to_iso(a.date)}});
    j["anchors"] = anchors;
  }
  return j;
}

OJ history_json(const std::vector<store::TaskEvent>& events) {
  OJ h = OJ::array();
  for (const auto& e : events)
    h.push_back({{"at", e.at}, {"kind", e.kind}, {"old", e.old_value ? OJ(*e.old_value) : OJ(nullptr)},
                 {"new", e.new_value ? OJ(*e.new_value) : OJ(nullptr)}});
  return h;
}

OJ attachment_json(const store::AttachmentInfo& a) {
  return OJ{{"id", a.id}, {"task_id", a.task_id}, {"name", a.name}, {"size", a.size}, {"added_at", a.added_at},
            {"added_by", a.added_by}};
}

OJ reminder_json(const track::Reminder& g, const Date& as_of, int within, const calendar::Calendar& cal) {
  OJ late = OJ::array(), soon = OJ::array();
  for (const auto& t : g.overdue) late.push_back(task_json(t, as_of, cal));
  for (const auto& t : g.due_soon) soon.push_back(task_json(t, as_of, cal));
  return OJ{{"unit", g.unit.name}, {"as_of", to_iso(as_of)}, {"within", within}, {"overdue", late}, {"due_soon", soon}};
}

OJ user_json(const store::User& u) {
  return OJ{{"id", u.id},
            {"username", u.username},
            {"role", u.role},
            {"unit", u.unit_id.empty() ? OJ(nullptr) : OJ(u.unit_id)},
            {"created_at", u.created_at},
            {"updated_at", u.updated_at}};
}

OJ audit_json(const store::AuditEntry& e) {
  return OJ{{"id", e.id},         {"at", e.at},
            {"actor", e.actor},   {"role", e.role},
            {"address", e.address}, {"action", e.action},
            {"object_type", e.object_type}, {"object_id", e.object_id},
            {"before", json_or_null(e.before)}, {"after", json_or_null(e.after)}};
}

OJ unit_json(const store::Unit& u) {
  return OJ{{"id", u.id},
            {"name", u.name},
            {"parent", u.parent_id.empty() ? OJ(nullptr) : OJ(u.parent_id)},
            {"active", u.active},
            {"aliases", u.aliases}};
}

OJ report_json(const track::Report& r) {
  auto stats = [](const track::UnitStats& s) {
    double p = s.on_time_percent();
    return OJ{{"unit", s.unit.name},
              {"unit_id", s.unit.key.rfind('\x01', 0) == 0 ? OJ(s.unit.key.substr(1)) : OJ(nullptr)},
              {"total", s.total},
              {"done_on_time", s.done_on_time},
              {"done_late", s.done_late},
              {"open", s.open},
              {"overdue", s.overdue},
              {"overdue_30", s.overdue_30},
              {"cancelled", s.cancelled},
              {"on_time_percent", p < 0 ? OJ(nullptr) : OJ(p)}};
  };
  OJ units = OJ::array(), overdue = OJ::array();
  for (const auto& s : r.units) units.push_back(stats(s));
  for (const auto& o : r.overdue)
    overdue.push_back(OJ{{"task_id", o.task.id},
                         {"unit", o.unit.name},
                         {"document", o.task.document},
                         {"document_id", o.task.document_id},
                         {"ref", o.task.task.ref},
                         {"action", o.task.task.action},
                         {"due", to_iso(*o.task.due())},
                         {"days", o.days},
                         {"working_days", o.working_days}});
  return OJ{{"as_of", to_iso(r.as_of)}, {"units", units}, {"total", stats(r.total)}, {"overdue", overdue}};
}

}  // namespace dondoc::codec

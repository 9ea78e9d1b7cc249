#pragma once
// codec records: the JSON shapes of stored things, one home for every front end (the CLI's
// --json lines and the HTTP API): document summaries, a document with its tasks and links,
// search hits, task history, reminders, accounts (never their password hash), audit entries,
// units and reports. A separate target (dondoc::codec_records) because it sees the store's types.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "calendar/calendar.h"
#include "store/store.h"
#include "track/track.h"

namespace dondoc::codec {

using OJ = nlohmann::ordered_json;

// `dondoc tasks --json` object (spec/cli.md): id, document, ref, lead, support, action, deadlines,
// due, status, overdue_days, and more.
OJ task_json(const store::TrackedTask& t, const Date& as_of, const calendar::Calendar& cal);
// The same object as one line of JSON text, without building a JSON tree (fast for long lists).
std::string task_json_line(const store::TrackedTask& t, const Date& as_of, const calendar::Calendar& cal);

OJ summary_json(const store::DocumentSummary& d);  // dondoc docs --json
OJ search_hit_json(const store::SearchHit& h);     // dondoc search --json
// outgoing: a citation of this document and its target; else a document citing this one.
OJ link_json(const store::CitationLink& l, bool outgoing);

struct DocumentParts {
  const store::StoredDocument* doc = nullptr;
  const std::vector<store::TrackedTask>* tasks = nullptr;
  const std::vector<store::CitationLink>* cites = nullptr;
  const std::vector<store::CitationLink>* cited_by = nullptr;
  // The API's document page: also the text as read and the span of every extracted value
  // (byte ranges into "text"), what people corrected, and the anchors of relative deadlines.
  bool with_text = false;
  const std::optional<std::string>* corrected = nullptr;
  const std::vector<store::Anchor>* anchors = nullptr;
};
OJ document_json(const DocumentParts& p, const Date& as_of, const calendar::Calendar& cal);  // dondoc show --json

OJ history_json(const std::vector<store::TaskEvent>& events);
OJ attachment_json(const store::AttachmentInfo& a);
OJ reminder_json(const track::Reminder& g, const Date& as_of, int within, const calendar::Calendar& cal);
OJ user_json(const store::User& u);
OJ audit_json(const store::AuditEntry& e);
OJ unit_json(const store::Unit& u);
OJ report_json(const track::Report& r);

}  // namespace dondoc::codec

// The whole store as JSON Lines, for backups and for moving between SQLite and PostgreSQL.
// Line 1: {"type":"dondoc-export","version":1}; then one "document" line per document (its
// extraction in the codec's JSON form, its text, every file base64-encoded), then one "task"
// line per task (the person's fields and its history).
#include <cstring>

#include "codec/codec.h"
#include "codec/fields.h"
#include "core/sha256.h"
#include "track/track.h"

namespace dondoc::track {
namespace {

using J = nlohmann::ordered_json;
constexpr int kFormatVersion = 1;

const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kB64[(v >> s) & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += kB64[(v >> 18) & 63], out += kB64[(v >> 12) & 63], out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kB64[(v >> 18) & 63], out += kB64[(v >> 12) & 63], out += kB64[(v >> 6) & 63], out += '=';
  }
  return out;
}

std::optional<std::string> unbase64(std::string_view in) {
  std::string out;
  uint32_t v = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    const char* p = std::strchr(kB64, c);
    if (!p || !c) return std::nullopt;
    v = (v << 6) | static_cast<uint32_t>(p - kB64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xFF);
    }
  }
  return out;
}

J opt(const std::optional<std::string>& s) { return s ? J(*s) : J(nullptr); }
J opt(const std::optional<Date>& d) { return d ? J(to_iso(*d)) : J(nullptr); }

J document_line(const store::DocumentRecord& d) {
  J j;
  j["type"] = "document";
  j["id"] = d.summary.id;
  j["identifier"] = d.summary.identifier;
  j["sha256"] = d.summary.sha256;
  j["file_name"] = d.summary.file_name;
  j["added_at"] = d.summary.added_at;
  j["updated_at"] = d.summary.updated_at;
  j["extracted"] = J::parse(d.extracted, nullptr, false);
  j["text"] = d.text;
  J files = J::array();
  for (const auto& f : d.files)
    files.push_back(J{{"sha256", f.info.sha256}, {"name", f.info.name}, {"size", f.info.size},
                      {"added_at", f.info.added_at}, {"content_base64", base64(f.content)}});
  j["files"] = files;
  return j;
}

J task_line(const store::TaskRecord& r) {
  const auto& t = r.task;
  J j;
  j["type"] = "task";
  j["id"] = t.id;
  j["document_id"] = t.document_id;
  j["ref"] = t.task.ref;
  j["present"] = t.present;
  j["status"] = store::to_string(t.status);
  j["done_on"] = opt(t.done_on);
  j["due_override"] = opt(t.due_override);
  j["lead_override"] = t.lead_override;
  j["updated_at"] = t.updated_at;
  j["extracted"] = J::parse(r.extracted, nullptr, false);
  J ev = J::array();
  for (const auto& e : r.events)
    ev.push_back(J{{"at", e.at}, {"kind", e.kind}, {"old", opt(e.old_value)}, {"new", opt(e.new_value)}});
  j["events"] = ev;
  return j;
}

Status write_line(FILE* out, const J& j) {
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  s += '\n';
  if (std::fwrite(s.data(), 1, s.size(), out) != s.size()) return make_error(ErrorCode::kIo, "không ghi được tệp xuất");
  return ok_status();
}

// Parsed with key order kept, so an imported store exports byte for byte the same.
using In = nlohmann::ordered_json;
using Fields = codec::FieldReader<In>;

bool is_sha256(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Every field is checked: a value of the wrong type, a date that is no date, a file whose content
// is not what its SHA-256 says, are errors naming the line and the field, never defaults.
Result<store::Record> parse_record(const In& j, int64_t line) {
  auto bad = [line](const std::string& what) {
    return make_error(ErrorCode::kInvalidInput, "dòng " + std::to_string(line) + ": " + what);
  };
  Fields f;
  std::string type = f.str(j, "type").value_or("");
  auto id = f.integer(j, "id", 1, INT64_MAX);
  const In* extracted = f.object(j, "extracted");
  if (f.error()) return bad(f.error()->message);
  if (!id) return bad("thiếu \"id\"");
  if (!extracted) return bad("thiếu \"extracted\"");
  if (type == "document") {
    store::DocumentRecord d;
    d.summary.id = *id;
    d.summary.sha256 = f.str(j, "sha256").value_or("");
    d.summary.file_name = f.str(j, "file_name").value_or("");
    d.summary.added_at = f.str(j, "added_at").value_or("");
    d.summary.updated_at = f.str(j, "updated_at").value_or(d.summary.added_at);
    d.extracted = extracted->dump();
    d.text = f.str(j, "text").value_or("");
    bool latest_file = false;
    f.each_object(j, "files", [&](Fields& in, const In& fj) {
      store::FileRecord fr;
      fr.info.sha256 = in.str(fj, "sha256").value_or("");
      fr.info.name = in.str(fj, "name").value_or("");
      fr.info.added_at = in.str(fj, "added_at").value_or("");
      auto size = in.integer(fj, "size", 0, INT64_MAX);
      auto b64 = in.str(fj, "content_base64");
      if (!in.ok()) return;
      auto content = unbase64(b64.value_or(""));
      if (!is_sha256(fr.info.sha256)) return in.fail("sha256", "phải là 64 chữ số hex");
      if (!b64 || !content) return in.fail("content_base64", "không phải base64 hợp lệ");
      if (size && *size != static_cast<int64_t>(content->size()))
        return in.fail("size", "là " + std::to_string(*size) + " nhưng nội dung có " + std::to_string(content->size()) + " byte");
      if (sha256_hex(*content) != fr.info.sha256)
        return in.fail("content_base64", "không khớp SHA-256 " + fr.info.sha256.substr(0, 12) + "…: tệp gốc trong bản sao lưu đã bị hỏng");
      fr.content = std::move(*content);
      fr.info.size = static_cast<int64_t>(fr.content.size());
      latest_file = latest_file || fr.info.sha256 == d.summary.sha256;
      d.files.push_back(std::move(fr));
    });
    if (f.error()) return bad(f.error()->message);
    if (auto doc = codec::document_from_json(nlohmann::json::parse(d.extracted, nullptr, false)); !doc)
      return bad("trong \"extracted\": " + doc.error().message);
    if (!is_sha256(d.summary.sha256)) return bad("văn bản thiếu \"sha256\" hợp lệ");
    if (!d.files.empty() && !latest_file) return bad("\"sha256\" của văn bản không là tệp nào trong \"files\"");
    return store::Record{std::move(d)};
  }
  if (type == "task") {
    store::TaskRecord r;
    auto& t = r.task;
    t.id = *id;
    auto document_id = f.integer(j, "document_id", 1, INT64_MAX);
    t.task.ref = f.str(j, "ref").value_or("");
    t.present = f.boolean(j, "present").value_or(true);
    if (auto status = f.str(j, "status")) {
      if (auto st = store::task_status_from_string(*status)) t.status = *st;
      else f.fail("status", "không hợp lệ: \"" + *status + "\" (open, in_progress, done, cancelled)");
    }
    if (auto d = f.date(j, "done_on")) t.done_on = d->date();
    if (auto d = f.date(j, "due_override")) t.due_override = d->date();
    t.lead_override = f.strings(j, "lead_override");
    t.updated_at = f.str(j, "updated_at").value_or("");
    r.extracted = extracted->dump();
    f.each_object(j, "events", [&](Fields& in, const In& e) {
      r.events.push_back(store::TaskEvent{in.str(e, "at").value_or(""), in.str(e, "kind").value_or(""),
                                          in.str(e, "old"), in.str(e, "new")});
    });
    if (f.error()) return bad(f.error()->message);
    if (auto task = codec::task_from_json(nlohmann::json::parse(r.extracted, nullptr, false)); !task)
      return bad("trong \"extracted\": " + task.error().message);
    if (!document_id) return bad("thiếu \"document_id\"");
    t.document_id = *document_id;
    return store::Record{std::move(r)};
  }
  return bad("loại bản ghi không rõ \"" + type + "\"");
}

}  // namespace

Result<ExchangeCounts> export_jsonl(store::Store& s, FILE* out) {
  ExchangeCounts n;
  if (auto w = write_line(out, J{{"type", "dondoc-export"}, {"version", kFormatVersion}}); !w) return w.error();
  auto st = s.dump(
      [&](const store::DocumentRecord& d) {
        ++n.documents;
        n.files += static_cast<int64_t>(d.files.size());
        return write_line(out, document_line(d));
      },
      [&](const store::TaskRecord& t) {
        ++n.tasks;
        return write_line(out, task_line(t));
      });
  if (!st) return st.error();
  if (std::fflush(out) != 0) return make_error(ErrorCode::kIo, "không ghi được tệp xuất");
  return n;
}

Result<ExchangeCounts> import_jsonl(store::Store& s, FILE* in) {
  ExchangeCounts n;
  int64_t line_no = 0;
  std::string line;
  auto read_line = [&]() -> bool {
    line.clear();
    int c;
    while ((c = std::fgetc(in)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
    return c != EOF || !line.empty();
  };
  if (!read_line())
    return make_error(ErrorCode::kInvalidInput, "tệp nhập trống");
  ++line_no;
  auto head = In::parse(line, nullptr, false);
  Fields hf;
  if (head.is_discarded() || hf.str(head, "type").value_or("") != "dondoc-export")
    return make_error(ErrorCode::kInvalidInput, "không phải tệp xuất của dondoc (dòng 1 thiếu \"dondoc-export\")");
  auto version = hf.integer(head, "version", 0, INT64_MAX);
  if (hf.error()) return make_error(ErrorCode::kInvalidInput, "dòng 1: " + hf.error()->message);
  if (version.value_or(0) > kFormatVersion)
    return make_error(ErrorCode::kInvalidInput, "tệp xuất do phiên bản dondoc mới hơn tạo ra; hãy cập nhật dondoc");
  auto st = s.restore([&]() -> Result<std::optional<store::Record>> {
    for (;;) {
      if (!read_line()) return std::optional<store::Record>{};
      ++line_no;
      if (line.empty()) continue;
      auto j = In::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object())
        return make_error(ErrorCode::kInvalidInput, "dòng " + std::to_string(line_no) + ": không phải JSON hợp lệ");
      auto rec = parse_record(j, line_no);
      if (!rec) return rec.error();
      if (std::holds_alternative<store::DocumentRecord>(*rec)) {
        ++n.documents;
        n.files += static_cast<int64_t>(std::get<store::DocumentRecord>(*rec).files.size());
      } else {
        ++n.tasks;
      }
      return std::optional<store::Record>{std::move(*rec)};
    }
  });
  if (!st) return st.error();
  return n;
}

}  // namespace dondoc::track

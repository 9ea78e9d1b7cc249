// Documents, files, citations and search, written once for both engines.
#include "store/sql_store.h"

#include <algorithm>
#include <map>
#include <set>

#include "codec/codec.h"
#include "core/utf8.h"

namespace dondoc::store::internal {

const char* const kSummaryColumns =
    "d.id, d.identifier, d.kind, d.type, d.number, d.symbol, d.year, d.issuer, d.date, d.subject, "
    "d.sha256, d.file_name, d.added_at, d.updated_at";

DocumentSummary read_summary(const Rows& rows, size_t r, size_t c) {
  DocumentSummary s;
  s.id = rows.i64(r, c);
  s.identifier = rows.str(r, c + 1);
  s.kind = doc_kind_from_string(rows.str(r, c + 2)).value_or(DocKind::kUnknown);
  s.type = rows.at(r, c + 3);
  s.number = rows.at(r, c + 4);
  s.symbol = rows.at(r, c + 5);
  s.year = rows.opt_int(r, c + 6);
  s.issuer = rows.at(r, c + 7);
  if (auto d = rows.at(r, c + 8)) s.date = parse_iso_partial(*d);
  s.subject = rows.at(r, c + 9);
  s.sha256 = rows.str(r, c + 10);
  s.file_name = rows.str(r, c + 11);
  s.added_at = rows.str(r, c + 12);
  s.updated_at = rows.str(r, c + 13);
  return s;
}

// PostgreSQL text cannot hold NUL or invalid UTF-8; SQLite could, but both engines must agree.
std::string clean_text(std::string_view s) {
  // Most text is valid UTF-8 without NUL: kept as it is, without a pass per code point.
  if (s.find('\0') == std::string_view::npos && utf8::count_invalid(s) == 0) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len) {
    char32_t cp = utf8::decode(s, i, &len);
    if (cp == 0) continue;
    if (cp == utf8::kInvalid && !(len == 3 && s.substr(i, 3) == "\xEF\xBF\xBD")) {
      utf8::append(out, utf8::kInvalid);
      continue;
    }
    out.append(s.substr(i, len));
  }
  return out;
}

std::optional<std::string> clean_opt(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return clean_text(*s);
}

namespace {

std::string date_text(const std::optional<PartialDate>& d) {
  return d && d->y ? to_iso(*d) : std::string();
}

// A citation's date conflicts with a document's when both are known and differ (numbers restart
// every year, so 12/UBND-KT of 2024 is not 12/UBND-KT of 2025). A partial document date
// ("2026-04") agrees with any day inside it.
bool dates_conflict(const std::optional<std::string>& cited, const std::optional<std::string>& stored) {
  if (!cited || !stored || cited->empty() || stored->empty()) return false;
  return cited->rfind(*stored, 0) != 0;
}

}  // namespace

DocRow DocRow::make(const Document& doc, const std::string& sha256, const std::string& file_name,
                    const std::string& body, std::string extracted, const std::string& at) {
  DocRow r;
  r.identity = document_identity(doc, sha256);
  r.identifier = clean_text(document_identifier(doc.kind, doc.number, doc.symbol, doc.year));
  r.ident_key = identifier_key(r.identifier);
  r.cite_key = internal::cite_key(doc.number, doc.symbol, doc.year);
  r.kind = to_string(doc.kind);
  r.type = clean_opt(doc.type);
  r.type_key = fold_key(doc.type.value_or(""));
  r.number = clean_opt(doc.number);
  r.symbol = clean_opt(doc.symbol);
  r.year = doc.year;
  r.issuer = clean_opt(doc.issuer);
  r.issuer_key = fold_key(doc.issuer.value_or(""));
  if (auto d = date_text(doc.date); !d.empty()) r.date = d;
  r.subject = clean_opt(doc.subject);
  r.sha256 = sha256;
  r.file_name = clean_text(file_name);
  r.body = clean_text(body);
  r.extracted = std::move(extracted);
  r.added_at = at;
  r.updated_at = at;
  return r;
}

IndexText DocRow::index_text() const {
  return IndexText{identifier + " " + type.value_or("") + " " + issuer.value_or("") + " " + subject.value_or(""),
                   body};
}

std::string SqlStore::filter_sql(const DocumentFilter& f, Params& params) {
  std::string sql;
  if (!f.type.empty()) {
    sql += " AND d.type_key = ?";
    params.emplace_back(fold_key(f.type));
  }
  if (!f.issuer.empty()) {
    sql += " AND d.issuer_key LIKE ? ESCAPE '\\'";
    params.emplace_back("%" + like_escape(fold_key(f.issuer)) + "%");
  }
  if (f.from) {
    sql += " AND d.date >= ?";
    params.emplace_back(date_bound(*f.from));
  }
  if (f.to) {
    // A partial date "2026-04" sorts before "2026-04-01": compare with the day after `to`.
    sql += " AND d.date < ?";
    params.emplace_back(date_bound(add_days(*f.to, 1)));
  }
  return sql;
}

Result<bool> SqlStore::has_file(const std::string& sha256) {
  auto rows = db_->query("SELECT 1 FROM files WHERE sha256 = ?", {sha256});
  if (!rows) return rows.error();
  return !rows->empty();
}

Result<int64_t> SqlStore::count_documents() {
  auto rows = db_->query("SELECT count(*) FROM documents");
  if (!rows) return rows.error();
  return rows->i64(0, 0);
}

Result<IndexText> SqlStore::index_text_of(int64_t id) {
  auto rows = db_->query(
      "SELECT identifier, type, issuer, subject, body FROM documents WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return make_error(ErrorCode::kNotFound, "không có văn bản #" + std::to_string(id));
  return IndexText{rows->str(0, 0) + " " + rows->str(0, 1) + " " + rows->str(0, 2) + " " + rows->str(0, 3),
                   rows->str(0, 4)};
}

Result<int64_t> SqlStore::write_document(const DocRow& r, std::optional<int64_t> existing,
                                         std::optional<int64_t> forced_id) {
  Params p{r.identity, r.identifier, r.ident_key, r.cite_key, r.kind, opt_param(r.type), r.type_key,
           opt_param(r.number), opt_param(r.symbol), opt_param(r.year), opt_param(r.issuer),
           r.issuer_key, opt_param(r.date), opt_param(r.subject), r.sha256, r.file_name, r.body,
           r.extracted, r.updated_at};
  int64_t id = 0;
  std::string old_key;
  const IndexText text = r.index_text();
  if (existing) {
    id = *existing;
    auto old = index_text_of(id);
    if (!old) return old.error();
    if (auto s = reindex_document(id, *old, text); !s) return s.error();
    auto k = db_->query("SELECT cite_key FROM documents WHERE id = ?", {id});
    if (!k) return k.error();
    old_key = k->str(0, 0);
    p.emplace_back(id);
    auto s = db_->exec(
        "UPDATE documents SET identity = ?, identifier = ?, ident_key = ?, cite_key = ?, kind = ?, "
        "type = ?, type_key = ?, number = ?, symbol = ?, year = ?, issuer = ?, issuer_key = ?, "
        "date = ?, subject = ?, sha256 = ?, file_name = ?, body = ?, extracted = ?, updated_at = ? "
        "WHERE id = ?",
        p);
    if (!s) return s.error();
  } else {
    p.emplace_back(r.added_at);
    if (forced_id) p.emplace_back(*forced_id);  // an import keeps the old id
    auto rows = db_->query(
        "INSERT INTO documents (identity, identifier, ident_key, cite_key, kind, type, type_key, "
        "number, symbol, year, issuer, issuer_key, date, subject, sha256, file_name, body, "
        "extracted, updated_at, added_at" +
            std::string(forced_id ? ", id" : "") +
            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" +
            std::string(forced_id ? ", ?" : "") + ") RETURNING id",
        p);
    if (!rows) return rows.error();
    id = rows->i64(0, 0);
  }
  if (!existing) {
    if (auto s = index_document(id, text); !s) return s.error();
  }
  if (auto s = relink(r.cite_key, id); !s) return s.error();
  if (!old_key.empty() && old_key != r.cite_key) {
    if (auto s = relink(old_key, std::nullopt); !s) return s.error();
  }
  return id;
}

Result<std::optional<int64_t>> SqlStore::resolve_citation(int64_t from_id, const std::string& key,
                                                          const std::string& type_key,
                                                          const std::optional<std::string>& date,
                                                          const std::string& issuer_key) {
  if (key.empty()) return std::optional<int64_t>{};
  auto rows = db_->query("SELECT id, type_key, date, issuer_key FROM documents WHERE cite_key = ?", {key});
  if (!rows) return rows.error();
  struct Cand {
    int64_t id;
    std::string type_key;
    std::optional<std::string> date;
    std::string issuer_key;
  };
  std::vector<Cand> c;
  for (size_t i = 0; i < rows->size(); ++i) {
    Cand k{rows->i64(i, 0), rows->str(i, 1), rows->at(i, 2), rows->str(i, 3)};
    if (k.id == from_id || dates_conflict(date, k.date)) continue;
    c.push_back(std::move(k));
  }
  // When numbers collide, narrow by what the citation says: type, exact date, issuer.
  auto narrow = [&c](auto pred) {
    std::vector<Cand> keep;
    std::copy_if(c.begin(), c.end(), std::back_inserter(keep), pred);
    if (!keep.empty()) c = std::move(keep);
  };
  if (c.size() > 1 && !type_key.empty()) narrow([&](const Cand& k) { return k.type_key == type_key; });
  if (c.size() > 1 && date) narrow([&](const Cand& k) { return k.date && *k.date == *date; });
  if (c.size() > 1 && !issuer_key.empty())
    narrow([&](const Cand& k) {
      return !k.issuer_key.empty() &&
             (k.issuer_key.find(issuer_key) != std::string::npos || issuer_key.find(k.issuer_key) != std::string::npos);
    });
  if (c.size() != 1) return std::optional<int64_t>{};
  return std::optional<int64_t>{c.front().id};
}

Status SqlStore::relink(const std::string& key, std::optional<int64_t> also_target) {
  if (key.empty() && !also_target) return ok_status();
  auto rows = db_->query(
      "SELECT c.id, c.document_id, c.cite_key, c.type, c.date, c.issuer, c.target_id FROM citations c "
      "WHERE c.cite_key = ? OR c.target_id = ?",
      {key.empty() ? std::string("\x01") : key, also_target ? Param{*also_target} : Param{nullptr}});
  if (!rows) return rows.error();
  for (size_t i = 0; i < rows->size(); ++i) {
    auto target = resolve_citation(rows->i64(i, 1), rows->str(i, 2), fold_key(rows->str(i, 3)), rows->at(i, 4),
                                   fold_key(rows->str(i, 5)));
    if (!target) return target.error();
    std::optional<int64_t> old;
    if (!rows->is_null(i, 6)) old = rows->i64(i, 6);
    if (*target == old) continue;
    auto s = db_->exec("UPDATE citations SET target_id = ? WHERE id = ?",
                       {*target ? Param{**target} : Param{nullptr}, rows->i64(i, 0)});
    if (!s) return s.error();
  }
  return ok_status();
}

Status SqlStore::write_citations(int64_t id, const Document& doc) {
  if (auto s = db_->exec("DELETE FROM citations WHERE document_id = ?", {id}); !s) return s.error();
  int ord = 0;
  for (const auto& c : doc.citations) {
    std::string key = cite_key(c.number, c.symbol, c.year);
    std::optional<std::string> date;
    if (c.date) date = to_iso(*c.date);
    auto target = resolve_citation(id, key, fold_key(c.type), date, fold_key(c.issuer.value_or("")));
    if (!target) return target.error();
    auto s = db_->exec(
        "INSERT INTO citations (document_id, ord, type, number, symbol, year, date, issuer, text, "
        "cite_key, target_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, int64_t{ord++}, clean_text(c.type), opt_param(clean_opt(c.number)), opt_param(clean_opt(c.symbol)),
         opt_param(c.year), opt_param(date), opt_param(clean_opt(c.issuer)), clean_text(c.text), key,
         *target ? Param{**target} : Param{nullptr}});
    if (!s) return s.error();
  }
  return ok_status();
}

Result<PutResult> SqlStore::put_document(const NewDocument& d) {
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) return s.error();
  PutResult out;
  auto seen = db_->query("SELECT document_id FROM files WHERE sha256 = ?", {d.sha256});
  if (!seen) return seen.error();
  if (!seen->empty()) {
    out.outcome = PutOutcome::kSkipped;
    out.document_id = seen->i64(0, 0);
    return out;  // nothing written; the guard rolls the empty transaction back
  }
  codec::JsonOptions jo;
  std::string extracted = clean_text(codec::document_json_line({}, d.doc, jo));
  std::string identity = document_identity(d.doc, d.sha256);
  auto existing = db_->query("SELECT id, corrected FROM documents WHERE identity = ?", {identity});
  if (!existing) return existing.error();
  std::optional<int64_t> existing_id;
  std::optional<std::string> corrected;
  if (!existing->empty()) existing_id = existing->i64(0, 0), corrected = existing->at(0, 1);
  // What people typed over the header stays over the new version; `extracted` keeps the
  // machine's reading and `identity` the machine's key, so the next version finds it again.
  auto doc = with_corrections(d.doc, corrected);
  if (!doc) return doc.error();
  DocRow row = DocRow::make(*doc, d.sha256, d.file_name, d.text, std::move(extracted), d.at);
  row.identity = identity;
  auto id = write_document(row, existing_id, std::nullopt);
  if (!id) return id.error();
  out.document_id = *id;
  out.outcome = existing_id ? PutOutcome::kUpdated : PutOutcome::kAdded;
  auto s = db_->exec(
      "INSERT INTO files (sha256, document_id, name, size, content, added_at) VALUES (?, ?, ?, ?, ?, ?)",
      {d.sha256, *id, row.file_name, static_cast<int64_t>(d.bytes.size()), Blob{d.bytes}, d.at});
  if (!s) return s.error();
  if (auto c = write_citations(*id, *doc); !c) return c.error();
  if (auto t = merge_tasks(*id, d.doc, d.at, out); !t) return t.error();
  if (auto c = tx.commit(); !c) return c.error();
  return out;
}

}  // namespace dondoc::store::internal

namespace dondoc::store {

Result<Document> with_corrections(const Document& doc, const std::optional<std::string>& corrected) {
  if (!corrected) return doc;
  auto typed = nlohmann::json::parse(*corrected, nullptr, false);
  if (!typed.is_object()) return doc;
  nlohmann::json j = codec::to_json(doc, {});
  for (auto& [k, v] : typed.items()) {
    j[k] = v;
    if (j.contains("spans")) j["spans"].erase(k);  // a typed value was read nowhere
  }
  return codec::document_from_json(j);
}

}  // namespace dondoc::store

namespace dondoc::store::internal {

Result<std::vector<DocumentSummary>> SqlStore::documents(const DocumentFilter& f) {
  if (auto s = check_limit(f.limit); !s) return s.error();
  Params p;
  std::string sql = std::string("SELECT ") + kSummaryColumns + " FROM documents d WHERE 1 = 1" + filter_sql(f, p) +
                    " ORDER BY d.date IS NULL, d.date DESC, d.id DESC";
  if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
  auto rows = db_->query(sql, p);
  if (!rows) return rows.error();
  std::vector<DocumentSummary> out;
  for (size_t i = 0; i < rows->size(); ++i) out.push_back(read_summary(*rows, i));
  return out;
}

Result<std::optional<StoredDocument>> SqlStore::document(int64_t id) {
  auto rows = db_->query(std::string("SELECT ") + kSummaryColumns + ", d.extracted, d.body FROM documents d WHERE d.id = ?",
                         {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<StoredDocument>{};
  StoredDocument out;
  out.summary = read_summary(*rows, 0);
  auto j = nlohmann::json::parse(rows->str(0, kSummaryColumnCount), nullptr, false);
  if (j.is_discarded())
    return make_error(ErrorCode::kDatabase, "dữ liệu trích xuất của văn bản #" + std::to_string(id) + " bị hỏng",
                      location_);
  auto doc = codec::document_from_json(j);
  if (!doc) return doc.error();
  out.doc = std::move(*doc);
  out.text = rows->str(0, kSummaryColumnCount + 1);
  auto files = db_->query("SELECT sha256, name, size, added_at FROM files WHERE document_id = ? ORDER BY added_at, sha256",
                          {id});
  if (!files) return files.error();
  for (size_t i = 0; i < files->size(); ++i)
    out.files.push_back(FileInfo{files->str(i, 0), files->str(i, 1), files->str(i, 3), files->i64(i, 2)});
  return std::optional<StoredDocument>{std::move(out)};
}

Result<std::vector<DocumentSummary>> SqlStore::find_identifier(const std::string& ident) {
  auto rows = db_->query(std::string("SELECT ") + kSummaryColumns + " FROM documents d WHERE d.ident_key = ? ORDER BY d.id",
                         {identifier_key(ident)});
  if (!rows) return rows.error();
  std::vector<DocumentSummary> out;
  for (size_t i = 0; i < rows->size(); ++i) out.push_back(read_summary(*rows, i));
  return out;
}

Result<std::optional<FileRecord>> SqlStore::file(const std::string& sha256) {
  auto rows = db_->query("SELECT sha256, name, size, added_at, content FROM files WHERE sha256 = ?", {sha256});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<FileRecord>{};
  return std::optional<FileRecord>{
      FileRecord{FileInfo{rows->str(0, 0), rows->str(0, 1), rows->str(0, 3), rows->i64(0, 2)}, rows->str(0, 4)}};
}

namespace {
Citation read_citation(const Rows& rows, size_t i) {
  Citation c;
  c.type = rows.str(i, 0);
  c.number = rows.at(i, 1);
  c.symbol = rows.at(i, 2);
  c.year = rows.opt_int(i, 3);
  if (auto d = rows.at(i, 4)) c.date = parse_iso(*d);
  c.issuer = rows.at(i, 5);
  c.text = rows.str(i, 6);
  return c;
}
std::string label(const Rows& rows, size_t i, size_t ident_col, size_t id_col) {
  std::string ident = rows.str(i, ident_col);
  return ident.empty() ? "#" + rows.str(i, id_col) : ident;
}

// The columns both citation queries select: the citation, its target and the citing document.
constexpr const char* kLinkColumns =
    "SELECT c.type, c.number, c.symbol, c.year, c.date, c.issuer, c.text, c.target_id, t.identifier, "
    "c.document_id, s.identifier, s.type FROM citations c JOIN documents s ON s.id = c.document_id ";

std::vector<CitationLink> read_links(const Rows& rows) {
  std::vector<CitationLink> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    CitationLink l;
    l.citation = read_citation(rows, i);
    if (!rows.is_null(i, 7)) {  // a citation of a document not stored (yet) has no target
      l.target_id = rows.i64(i, 7);
      l.target_label = label(rows, i, 8, 7);
    }
    l.document_id = rows.i64(i, 9);
    l.document_label = label(rows, i, 10, 9);
    l.document_type = rows.at(i, 11);
    out.push_back(std::move(l));
  }
  return out;
}
}  // namespace

Result<std::vector<CitationLink>> SqlStore::citations_from(int64_t document_id) {
  auto rows = db_->query(std::string(kLinkColumns) +
                             "LEFT JOIN documents t ON t.id = c.target_id WHERE c.document_id = ? ORDER BY c.ord",
                         {document_id});
  if (!rows) return rows.error();
  return read_links(*rows);
}

Result<std::vector<CitationLink>> SqlStore::cited_by(int64_t document_id) {
  auto rows = db_->query(std::string(kLinkColumns) +
                             "JOIN documents t ON t.id = c.target_id WHERE c.target_id = ? "
                             "ORDER BY s.date IS NULL, s.date, s.id",
                         {document_id});
  if (!rows) return rows.error();
  return read_links(*rows);
}

Result<std::vector<SearchHit>> SqlStore::search(const SearchQuery& q) {
  if (q.text.size() > kMaxQueryBytes)
    return make_error(ErrorCode::kUsage, "câu tìm kiếm quá dài (" + std::to_string(q.text.size()) + " byte; tối đa " +
                                             std::to_string(kMaxQueryBytes) + "); hãy rút gọn lại");
  if (auto s = check_limit(q.limit); !s) return s.error();
  ParsedQuery pq = parse_query(q.text);
  if (pq.terms.size() > kMaxQueryTerms)
    return make_error(ErrorCode::kUsage, "câu tìm kiếm có quá nhiều từ (" + std::to_string(pq.terms.size()) +
                                             " từ hoặc cụm từ khác nhau; tối đa " + std::to_string(kMaxQueryTerms) + ")");
  int limit = q.limit > 0 ? q.limit : 20;
  std::vector<SearchHit> hits;
  std::set<int64_t> seen;
  if (!pq.symbol_key.empty()) {
    // A prefix as a range, so both engines use the ident_key index ("1275-cv" finds
    // "1275-cv/duk"); U+10FFFF sorts after every character.
    Params p{pq.symbol_key, pq.symbol_key + "\xF4\x8F\xBF\xBF"};
    std::string sql = std::string("SELECT ") + kSummaryColumns +
                      " FROM documents d WHERE d.ident_key >= ? AND d.ident_key < ?" +
                      filter_sql(q.filter, p) + " ORDER BY length(d.ident_key), d.date DESC, d.id LIMIT " +
                      std::to_string(limit);
    auto rows = db_->query(sql, p);
    if (!rows) return rows.error();
    for (size_t i = 0; i < rows->size(); ++i) {
      SearchHit h;
      h.doc = read_summary(*rows, i);
      h.symbol_match = true;
      h.score = 1e9 - static_cast<double>(i);
      seen.insert(h.doc.id);
      hits.push_back(std::move(h));
    }
  }
  if (pq.has_positive() && static_cast<int>(hits.size()) < limit) {
    auto matches = fulltext(pq, q.filter, limit);
    if (!matches) return matches.error();
    for (const auto& m : *matches) {
      if (static_cast<int>(hits.size()) >= limit) break;
      if (seen.count(m.id)) continue;
      SearchHit h;
      h.score = m.score;
      h.doc.id = m.id;
      hits.push_back(std::move(h));
    }
  }
  // Summaries and snippets for the hits (bodies are read only for what is shown), in one query:
  // one per hit was 20 round trips a search, each parsed and planned on PostgreSQL.
  if (hits.empty()) return hits;
  Params ids;
  std::string in;
  for (const auto& h : hits) {
    in += in.empty() ? "?" : ", ?";
    ids.emplace_back(h.doc.id);
  }
  auto rows = db_->query(std::string("SELECT ") + kSummaryColumns + ", d.body FROM documents d WHERE d.id IN (" + in + ")",
                         ids);
  if (!rows) return rows.error();
  std::map<int64_t, size_t> row_of;
  for (size_t i = 0; i < rows->size(); ++i) row_of[rows->i64(i, 0)] = i;
  for (auto& h : hits) {
    auto it = row_of.find(h.doc.id);
    if (it == row_of.end()) continue;
    h.doc = read_summary(*rows, it->second);
    if (pq.has_positive()) {
      Snippet s = make_snippet(rows->str(it->second, kSummaryColumnCount), pq);
      h.snippet = std::move(s.text);
      h.highlights = std::move(s.highlights);
    } else {
      h.snippet = h.doc.subject.value_or("");
    }
  }
  return hits;
}

}  // namespace dondoc::store::internal

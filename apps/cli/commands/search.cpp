// dondoc search [--db DB] [--json] [--limit N] [--type T] [--issuer I] [--from D] [--to D] QUERY...
// Typed with or without diacritics; "quoted phrases", -excluded words, prefix*; a document number
// (1275-CV/ĐUK, 30/2020/ND-CP) finds that document first.
#include <cstdio>

#include "../command.h"
#include "../table.h"
#include "codec/records.h"
#include "commands.h"
#include "common.h"
#include "store_common.h"

namespace dondoc::cli {
namespace {

// Matched words in bold on a terminal; plain elsewhere.
std::string highlighted(const store::SearchHit& h, bool ansi) {
  if (!ansi) return h.snippet;
  std::string out;
  size_t at = 0;
  for (const auto& s : h.highlights) {
    if (s.begin < at || s.end > h.snippet.size()) continue;
    out += h.snippet.substr(at, s.begin - at) + "\033[1m" + h.snippet.substr(s.begin, s.size()) + "\033[0m";
    at = s.end;
  }
  return out + h.snippet.substr(at);
}

}  // namespace

int cmd_search(int argc, char** argv) {
  CLI::App app{"Tìm kiếm toàn văn trong kho (gõ có dấu hoặc không dấu)", "dondoc search"};
  std::string db, type, issuer, from, to;
  std::vector<std::string> words;
  bool json = false;
  int limit = 20;
  add_db_option(app, db);
  app.add_flag("--json", json, "mỗi kết quả một dòng JSON");
  app.add_option("--limit", limit, "số kết quả tối đa (mặc định 20)");
  app.add_option("--type", type, "chỉ văn bản loại này");
  app.add_option("--issuer", issuer, "chỉ văn bản của cơ quan này (một phần tên)");
  app.add_option("--from", from, "từ ngày ban hành (YYYY-MM-DD)");
  app.add_option("--to", to, "đến ngày ban hành (YYYY-MM-DD)");
  app.add_option("query", words, "từ cần tìm, \"cụm từ\", -loại trừ, tiền tố*, hoặc số ký hiệu")->required();
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  store::SearchQuery q;
  for (const auto& w : words) q.text += (q.text.empty() ? "" : " ") + w;
  q.limit = limit > 0 ? limit : 20;
  q.filter.type = type;
  q.filter.issuer = issuer;
  if (!from.empty() && !(q.filter.from = parse_date_option("search", "--from", from))) return kExitUsage;
  if (!to.empty() && !(q.filter.to = parse_date_option("search", "--to", to))) return kExitUsage;
  auto st = open_store("search", db, {.read_only = true});
  if (!st) return kExitBadInput;
  service::Service svc(*st, cli_clock(local_today()));
  auto hits = svc.search(service::Actor::local(), q);
  if (!hits) {
    print_error("search", hits.error());
    return kExitBadInput;
  }
  if (json) {
    for (const auto& h : *hits) print_json_line(codec::search_hit_json(h));
    return kExitOk;
  }
  if (hits->empty()) {
    std::printf("Không tìm thấy văn bản nào cho \"%s\".\n", q.text.c_str());
    return kExitOk;
  }
  bool ansi = stdout_is_terminal();
  int n = 0;
  for (const auto& h : *hits) {
    const auto& d = h.doc;
    std::printf("%d. #%lld  %s %s%s%s\n", ++n, static_cast<long long>(d.id), d.type.value_or("Văn bản").c_str(),
                d.identifier.empty() ? "(chưa có số)" : d.identifier.c_str(),
                d.date ? (" ngày " + format_partial_date(*d.date)).c_str() : "",
                d.issuer ? (" - " + *d.issuer).c_str() : "");
    if (d.subject) std::printf("   %s\n", truncate_display(*d.subject, 110).c_str());
    if (!h.snippet.empty() && h.snippet != d.subject.value_or("")) std::printf("   %s\n", highlighted(h, ansi).c_str());
  }
  return kExitOk;
}

}  // namespace dondoc::cli

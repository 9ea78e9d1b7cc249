// dondoc extract [--json] [--as-of D] FILE...
#include <CLI/CLI.hpp>
#include <cstdio>

#include "../command.h"
#include "../table.h"
#include "codec/codec.h"
#include "commands.h"
#include "common.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "rules/rules.h"
#include "store_common.h"

namespace dondoc::cli {
namespace {

std::string or_dash(const std::optional<std::string>& s) { return s && !s->empty() ? *s : "-"; }

void print_document(const std::string& file, const Document& d) {
  std::printf("%s\n", file.c_str());
  std::string id = document_identifier(d.kind, d.number, d.symbol, d.year);
  std::string number = id.empty() ? (d.symbol ? "(chưa ghi số) " + *d.symbol : "-") : id;
  std::printf("  Loại văn bản : %s (%s)\n", or_dash(d.type).c_str(),
              d.kind == DocKind::kParty ? "văn bản Đảng" : d.kind == DocKind::kState ? "văn bản Nhà nước" : "chưa rõ");
  std::printf("  Số, ký hiệu  : %s\n", number.c_str());
  std::printf("  Ngày         : %s%s\n", d.date ? format_partial_date(*d.date).c_str() : "-",
              d.place ? (", " + *d.place).c_str() : "");
  std::printf("  Cơ quan      : %s%s\n", or_dash(d.issuer).c_str(), d.parent ? (" (" + *d.parent + ")").c_str() : "");
  std::printf("  Trích yếu    : %s\n", or_dash(d.subject).c_str());
  for (size_t i = 0; i < d.recipients.size(); ++i)
    std::printf("  %s : %s\n", i == 0 ? "Kính gửi    " : "            ", d.recipients[i].c_str());
  if (d.signer) {
    std::string s;
    for (const auto* p : {&d.signer->authority, &d.signer->on_behalf, &d.signer->title, &d.signer->name})
      if (*p) s += (s.empty() ? "" : " / ") + **p;
    std::printf("  Người ký     : %s\n", s.c_str());
  }
  if (!d.citations.empty()) {
    std::printf("  Văn bản dẫn chiếu (%zu):\n", d.citations.size());
    for (const auto& c : d.citations) {
      std::string cid = document_identifier(c.symbol && c.symbol->find('/') != std::string::npos ? DocKind::kParty : DocKind::kState,
                                            c.number, c.symbol, c.year);
      std::printf("    - %s %s%s\n", c.type.c_str(), cid.c_str(), c.date ? (" ngày " + to_vn(*c.date)).c_str() : "");
    }
  }
  if (!d.tasks.empty()) {
    std::printf("  Nhiệm vụ (%zu):\n", d.tasks.size());
    TextTable t({"Mục", "Chủ trì", "Thời hạn", "Nội dung"}, {12, 34, 22, 60});
    for (const auto& task : d.tasks) {
      std::string lead;
      for (const auto& a : task.lead) lead += (lead.empty() ? "" : "; ") + a.name;
      t.add({task.ref, lead.empty() ? "-" : lead, format_deadlines(task), task.action});
    }
    std::printf("\n");
    t.print(stdout);
  }
  std::printf("\n");
}

}  // namespace

int cmd_extract(int argc, char** argv) {
  CLI::App app{"Trích xuất thông tin văn bản (không lưu vào kho)", "dondoc extract"};
  bool json = false;
  std::string as_of;
  std::vector<std::string> files;
  bool explain = false;
  ingest::ReaderContext ctx = default_reader_context();
  app.add_flag("--json", json, "in mỗi văn bản một dòng JSON (JSON Lines)");
  app.add_flag("--explain", explain, "in từng dòng văn bản đã chuẩn hóa với loại dòng và mục (để kiểm tra)");
  app.add_option("--as-of", as_of, "ngày hôm nay (YYYY-MM-DD), để tính thời hạn tương đối");
  add_ocr_budget_options(app, ctx);
  app.add_option("files", files, "các tệp văn bản (.txt, .md, .docx, .pdf, ảnh quét)")->required();
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  pipeline::ExtractOptions opts = file_extract_options();
  if (!as_of.empty()) {
    auto d = parse_date_option("extract", "--as-of", as_of);
    if (!d) return kExitUsage;
    opts.today = *d;
  }
  const auto& rules = rules::Rules::builtin();
  int failed = 0;
  for (const auto& file : files) {
    auto loaded = load_document(file, rules, opts, ctx);
    if (!loaded) {
      ++failed;
      if (json) {
        nlohmann::ordered_json j{{"file", file}, {"error", loaded.error().message}};
        std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
      }
      std::fprintf(stderr, "%s: %s\n", file.c_str(), loaded.error().message.c_str());
      continue;
    }
    if (explain) {
      std::printf("%s\n%s\n", file.c_str(), pipeline::explain(loaded->text, rules, opts).c_str());
      continue;
    }
    if (json) {
      codec::JsonOptions jo;
      const auto& raw_map = loaded->raw_map;
      jo.map_span = [&raw_map](Span s) { return raw_map.maps.empty() ? s : raw_map.to_source(s); };
      nlohmann::ordered_json j{{"file", file}, {"sha256", loaded->sha256}};
      nlohmann::ordered_json body = codec::to_json(loaded->doc, jo);
      for (auto& [k, v] : body.items()) j[k] = v;
      std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
    } else {
      print_document(file, loaded->doc);
    }
    std::fflush(stdout);
  }
  return failed == static_cast<int>(files.size()) ? kExitBadInput : kExitOk;
}

}  // namespace dondoc::cli

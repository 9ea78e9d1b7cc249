// dondoc extract [--json] [--as-of D] [--jobs N] FILE...
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "../command.h"
#include "../parallel.h"
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

void print_document(FILE* out, const std::string& file, const Document& d) {
  std::fprintf(out, "%s\n", file.c_str());
  std::string id = document_identifier(d.kind, d.number, d.symbol, d.year);
  std::string number = id.empty() ? (d.symbol ? "(chưa ghi số) " + *d.symbol : "-") : id;
  std::fprintf(out, "  Loại văn bản : %s (%s)\n", or_dash(d.type).c_str(),
              d.kind == DocKind::kParty ? "văn bản Đảng" : d.kind == DocKind::kState ? "văn bản Nhà nước" : "chưa rõ");
  std::fprintf(out, "  Số, ký hiệu  : %s\n", number.c_str());
  std::fprintf(out, "  Ngày         : %s%s\n", d.date ? format_partial_date(*d.date).c_str() : "-",
              d.place ? (", " + *d.place).c_str() : "");
  std::fprintf(out, "  Cơ quan      : %s%s\n", or_dash(d.issuer).c_str(), d.parent ? (" (" + *d.parent + ")").c_str() : "");
  std::fprintf(out, "  Trích yếu    : %s\n", or_dash(d.subject).c_str());
  for (size_t i = 0; i < d.recipients.size(); ++i)
    std::fprintf(out, "  %s : %s\n", i == 0 ? "Kính gửi    " : "            ", d.recipients[i].c_str());
  if (d.signer) {
    std::string s;
    for (const auto* p : {&d.signer->authority, &d.signer->on_behalf, &d.signer->title, &d.signer->name})
      if (*p) s += (s.empty() ? "" : " / ") + **p;
    std::fprintf(out, "  Người ký     : %s\n", s.c_str());
  }
  if (!d.citations.empty()) {
    std::fprintf(out, "  Văn bản dẫn chiếu (%zu):\n", d.citations.size());
    for (const auto& c : d.citations) {
      std::string cid = document_identifier(c.symbol && c.symbol->find('/') != std::string::npos ? DocKind::kParty : DocKind::kState,
                                            c.number, c.symbol, c.year);
      std::fprintf(out, "    - %s %s%s\n", c.type.c_str(), cid.c_str(), c.date ? (" ngày " + to_vn(*c.date)).c_str() : "");
    }
  }
  if (!d.tasks.empty()) {
    std::fprintf(out, "  Nhiệm vụ (%zu):\n", d.tasks.size());
    TextTable t({"Mục", "Chủ trì", "Thời hạn", "Nội dung"}, {12, 34, 22, 60});
    for (const auto& task : d.tasks) {
      std::string lead;
      for (const auto& a : task.lead) lead += (lead.empty() ? "" : "; ") + a.name;
      t.add({task.ref, lead.empty() ? "-" : lead, format_deadlines(task), task.action});
    }
    std::fprintf(out, "\n");
    t.print(out);
  }
  std::fprintf(out, "\n");
}

}  // namespace

int cmd_extract(int argc, char** argv) {
  CLI::App app{"Trích xuất thông tin văn bản (không lưu vào kho)", "dondoc extract"};
  bool json = false;
  std::string as_of;
  std::vector<std::string> files;
  bool explain = false;
  ingest::ReaderContext ctx = default_reader_context();
  int jobs = 0;
  app.add_flag("--json", json, "in mỗi văn bản một dòng JSON (JSON Lines)");
  add_number_option(app, "--jobs,-j", jobs, "số luồng trích xuất (mặc định: mọi lõi CPU); kết quả vẫn theo thứ tự tệp", 0,
                    1024);
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
  // Files are read and extracted on every core, and printed in the order given.
  unsigned threads = static_cast<unsigned>(std::min<size_t>(jobs ? static_cast<size_t>(jobs) : cores(), files.size()));
  if (threads <= 1) threads = 0;  // one file or one core: no threads
  if (threads) ctx.progress = nullptr;  // pages of several files at once would garble the line
  struct Out {
    std::string out, err;  // what goes to stdout and stderr
    bool failed = false;
  };
  auto work = [&](const std::string& file) {
    Out o;
    auto loaded = load_document(file, rules, opts, ctx);
    if (!loaded) {
      o.failed = true;
      if (json) {
        nlohmann::ordered_json j{{"file", file}, {"error", loaded.error().message}};
        o.out = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
      }
      o.err = file + ": " + loaded.error().message + "\n";
    } else if (explain) {
      o.out = file + "\n" + pipeline::explain(loaded->text, rules, opts) + "\n";
    } else if (json) {
      o.out = json_line(file, *loaded) + "\n";
    } else {
      char* buf = nullptr;
      size_t len = 0;
      if (FILE* f = open_memstream(&buf, &len)) {
        print_document(f, file, loaded->doc);
        std::fclose(f);
        o.out.assign(buf, len);
        std::free(buf);
      }
    }
    return o;
  };
  OrderedWorkers<std::string, Out> pool(threads, work);
  int failed = 0;
  size_t submitted = 0;
  const size_t ahead = 8 * std::max(1u, threads);
  for (size_t taken = 0; taken < files.size(); ++taken) {
    while (submitted < files.size() && submitted < taken + ahead) pool.submit(files[submitted++]);
    Out o = pool.next();
    failed += o.failed;
    std::fwrite(o.out.data(), 1, o.out.size(), stdout);
    std::fflush(stdout);
    if (!o.err.empty()) std::fputs(o.err.c_str(), stderr);
  }
  return failed == static_cast<int>(files.size()) ? kExitBadInput : kExitOk;
}

}  // namespace dondoc::cli

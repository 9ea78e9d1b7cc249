// Legacy Word .doc (OLE compound file) and RTF -> DOCX with LibreOffice, then the DOCX reader.
// LibreOffice is an optional dependency: without it the reader says how to get the text anyway.
#include <cstring>
#include <fstream>
#include <sstream>

#include "ingest/internal.h"
#include "ingest/process.h"
#include "ingest/readers.h"

namespace dondoc::ingest {
namespace {

constexpr std::string_view kOle("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

bool is_ole(std::string_view head) { return head.substr(0, 8) == kOle; }
bool is_rtf(std::string_view head) { return head.substr(0, 5) == "{\\rtf"; }

// Word "saved as .doc" by web portals is often HTML or Word 2003 XML; LibreOffice reads both.
bool is_markup(std::string_view head) {
  size_t i = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (i == std::string_view::npos) return false;
  head.remove_prefix(i);
  return head.substr(0, 1) == "<" || head.substr(0, 13) == "MIME-Version:";
}

bool doc_name(std::string_view f) {
  return internal::has_extension(f, ".doc") || internal::has_extension(f, ".dot") ||
         internal::has_extension(f, ".rtf");
}

// An OOXML file protected by a password is an OLE container with an "EncryptedPackage" stream.
bool encrypted_ooxml(std::string_view bytes) {
  static const std::string kName = [] {
    std::string s;
    for (char c : std::string_view("EncryptedPackage")) {
      s += c;
      s += '\0';
    }
    return s;
  }();
  return bytes.find(kName) != std::string_view::npos;
}

Result<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kIo, "không đọc được tệp kết quả chuyển đổi", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class DocReader : public Reader {
 public:
  const char* name() const override { return "doc"; }
  int score(std::string_view head, std::string_view filename) const override {
    if (is_ole(head)) return 100;
    if (is_rtf(head)) return 90;
    return doc_name(filename) ? 60 : 0;
  }

  Result<RawText> read(std::string_view bytes, const ReaderContext& ctx) const override {
    if (bytes.empty()) return make_error(ErrorCode::kInvalidInput, "tệp .doc rỗng (0 byte)");
    std::string_view head = bytes.substr(0, 4096);
    const char* ext = is_rtf(head) ? ".rtf" : is_ole(head) ? ".doc" : is_markup(head) ? ".html" : nullptr;
    if (!ext) return make_error(ErrorCode::kInvalidInput, "tệp không phải văn bản Word (.doc) hợp lệ");
    if (is_ole(head) && encrypted_ooxml(bytes))
      return make_error(ErrorCode::kInvalidInput, "văn bản Word được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi thử lại");
    if (!find_executable(ctx.soffice)) {
      return make_error(ErrorCode::kUnsupported,
                        "cần LibreOffice để đọc tệp Word cũ (.doc, .rtf) nhưng không tìm thấy lệnh '" + ctx.soffice +
                            "'; hãy cài LibreOffice (gói libreoffice-writer-nogui) hoặc mở tệp bằng Word "
                            "và lưu dưới dạng .docx rồi thử lại");
    }
    DONDOC_TRY(dir, TempDir::create("dondoc-doc-"));
    std::string input = dir.path() + "/input" + ext;
    {
      std::ofstream out(input, std::ios::binary);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out) return make_error(ErrorCode::kIo, "không ghi được tệp tạm để chuyển đổi", input);
    }
    // A private LibreOffice profile: a running LibreOffice of the user, or another conversion
    // at the same time, would otherwise take the request or lock the profile.
    std::vector<std::string> argv = {ctx.soffice,
                                     "--headless",
                                     "--norestore",
                                     "--nolockcheck",
                                     "-env:UserInstallation=file://" + dir.path() + "/profile",
                                     "--convert-to",
                                     "docx:MS Word 2007 XML",
                                     "--outdir",
                                     dir.path() + "/out",
                                     input};
    auto run = run_process(argv, ctx.convert_timeout_seconds, ctx.cancelled);
    if (!run) return make_error(ErrorCode::kUnsupported, "không chạy được LibreOffice: " + run.error().message);
    if (run->cancelled) return make_error(ErrorCode::kInvalidInput, "đã dừng chuyển đổi tệp .doc theo yêu cầu");
    if (run->timed_out)
      return make_error(ErrorCode::kInvalidInput, "LibreOffice chuyển đổi tệp .doc quá " +
                                                      std::to_string(ctx.convert_timeout_seconds) +
                                                      " giây nên đã bị dừng (tệp hỏng hoặc quá lớn?)");
    auto docx = slurp(dir.path() + "/out/input.docx");
    if (!docx || docx->empty())
      return make_error(ErrorCode::kInvalidInput,
                        "LibreOffice không chuyển đổi được tệp (tệp hỏng hoặc có mật khẩu?)");
    auto r = internal::read_docx(*docx, ctx);
    if (!r) return make_error(r.error().code, "sau khi chuyển .doc sang .docx: " + r.error().message);
    r->info.reader = "doc";
    return r;
  }
};

}  // namespace

std::unique_ptr<Reader> make_doc_reader() { return std::make_unique<DocReader>(); }

}  // namespace dondoc::ingest

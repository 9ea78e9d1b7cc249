// End-to-end tests of the dondoc binary: bad input never crashes or hangs, each file gives one
// JSON line in input order, exit status per spec/cli.md, encodings are detected.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "core/viet.h"

namespace fs = std::filesystem;

namespace {

struct CmdResult {
  int status = -1;
  std::string out;
};

CmdResult dondoc(const std::string& args) {
  std::string cmd = std::string(DONDOC_BINARY_DIR) + "/dondoc " + args + " 2>/dev/null";
  CmdResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return r;
}

std::vector<nlohmann::json> lines(const std::string& out) {
  std::vector<nlohmann::json> v;
  size_t a = 0;
  while (a < out.size()) {
    size_t b = out.find('\n', a);
    if (b == std::string::npos) b = out.size();
    if (b > a) v.push_back(nlohmann::json::parse(out.substr(a, b - a)));
    a = b + 1;
  }
  return v;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dondoc-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }
  fs::path dir_;
};

const char* kDoc =
    "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 123/UBND-VX\n\n"
    "Lạng Sơn, ngày 07 tháng 4 năm 2026\n\nKính gửi: Sở Nội vụ\n\n"
    "1. Giao Sở Nội vụ chủ trì, báo cáo Ủy ban nhân dân tỉnh trước ngày 20/4/2026.\n";

TEST_F(Cli, BadInputsGiveOneErrorLineEach) {
  std::string empty = write("empty.txt", "");
  std::string binary = write("binary.bin", std::string("\x00\x01\x02\x03\xff\xfe\x00\x10", 8) + std::string(4000, '\0'));
  std::string missing = (dir_ / "missing.txt").string();
  std::string folder = (dir_ / "folder").string();
  fs::create_directories(folder);
  CmdResult r = dondoc("extract --json " + empty + " " + binary + " " + missing + " " + folder);
  EXPECT_EQ(r.status, 1);  // every file failed
  auto v = lines(r.out);
  ASSERT_EQ(v.size(), 4u);
  std::vector<std::string> files{empty, binary, missing, folder};
  for (size_t i = 0; i < v.size(); ++i) {
    EXPECT_EQ(v[i]["file"], files[i]);
    EXPECT_TRUE(v[i].contains("error")) << v[i].dump();
    EXPECT_FALSE(v[i]["error"].template get<std::string>().empty());
  }
}

TEST_F(Cli, OneGoodFileIsEnoughForSuccess) {
  std::string good = write("good.txt", kDoc);
  CmdResult r = dondoc("extract --json " + (dir_ / "nope.txt").string() + " " + good);
  EXPECT_EQ(r.status, 0);
  auto v = lines(r.out);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(v[0].contains("error"));
  EXPECT_EQ(v[1]["number"], "123");
  EXPECT_EQ(v[1]["symbol"], "UBND-VX");
  EXPECT_EQ(v[1]["tasks"][0]["deadlines"][0]["date"], "2026-04-20");
  EXPECT_EQ(v[1]["sha256"].get<std::string>().size(), 64u);
}

// The PDF and image readers are in dondoc-scan.so, loaded when a PDF or an image is read, and
// PostgreSQL in dondoc-postgres.so (lib/plugin): a text file is extracted without poppler,
// Tesseract or libpq in the process (the dynamic loader's own account, LD_DEBUG=libs), a PDF
// with poppler, and both give their documents.
TEST_F(Cli, ScanAndPostgresLibrariesAreLoadedOnlyWhenUsed) {
  std::string txt = write("cv.txt", kDoc);
  std::string pdf = std::string(DONDOC_SOURCE_DIR) + "/tests/fixtures/fuzz/pdf/cong_van_123.pdf";
  auto loaded = [&](const std::string& file, std::string* json) {
    std::string log = (dir_ / "ld.log").string();
    std::string cmd = "LD_DEBUG=libs LD_DEBUG_OUTPUT=" + log + " " + std::string(DONDOC_BINARY_DIR) +
                      "/dondoc extract --json " + file + " 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    char buf[65536];
    size_t n;
    while (p && (n = fread(buf, 1, sizeof buf, p)) > 0) json->append(buf, n);
    if (p) pclose(p);
    std::string libs;
    for (const auto& e : fs::directory_iterator(dir_))  // LD_DEBUG_OUTPUT appends the process id
      if (e.path().filename().string().rfind("ld.log", 0) == 0) {
        std::ifstream in(e.path());
        libs += std::string(std::istreambuf_iterator<char>(in), {});
        fs::remove(e.path());
      }
    return libs;
  };
  std::string txt_json, pdf_json;
  std::string txt_libs = loaded(txt, &txt_json);
  ASSERT_NE(txt_libs.find("libicuuc"), std::string::npos) << "LD_DEBUG gave no account";
  EXPECT_EQ(txt_libs.find("libtesseract"), std::string::npos);
  EXPECT_EQ(txt_libs.find("libpoppler"), std::string::npos);
  EXPECT_EQ(txt_libs.find("libpq"), std::string::npos);
  EXPECT_EQ(lines(txt_json).at(0)["symbol"], "UBND-VX");
  std::string pdf_libs = loaded(pdf, &pdf_json);
  EXPECT_NE(pdf_libs.find("dondoc-scan.so"), std::string::npos);
  EXPECT_NE(pdf_libs.find("libpoppler"), std::string::npos);
  EXPECT_EQ(lines(pdf_json).at(0)["symbol"], "UBND-VX");
}

TEST_F(Cli, ManyThreadsPrintInInputOrderWhatOneThreadPrints) {
  // Real documents of every kind (typed, OCR copies, without marks) with bad files among them,
  // slow and fast ones mixed so that later files finish first.
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(fs::path(DONDOC_SOURCE_DIR) / "tests/corpus"))
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 10u);
  files.insert(files.begin() + 3, (dir_ / "missing.txt").string());
  files.push_back(write("empty.txt", ""));
  std::string args;
  for (const auto& f : files) args += " " + f;
  CmdResult one = dondoc("extract --json --jobs 1" + args);
  CmdResult four = dondoc("extract --json --jobs 4" + args);
  EXPECT_EQ(one.status, 0);
  EXPECT_EQ(four.status, 0);
  EXPECT_EQ(four.out, one.out);
  auto v = lines(four.out);
  ASSERT_EQ(v.size(), files.size());
  for (size_t i = 0; i < v.size(); ++i) EXPECT_EQ(v[i]["file"], files[i]);
  EXPECT_EQ(dondoc("extract --jobs 4" + args).out, dondoc("extract --jobs 1" + args).out);  // the tables too
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(dondoc("extract --json").status, 2);
  EXPECT_EQ(dondoc("no-such-command").status, 2);
  EXPECT_EQ(dondoc("extract --as-of 2026-13-40 x.txt").status, 2);
  EXPECT_EQ(dondoc("--help").status, 0);
}

TEST_F(Cli, InvalidUtf8AndHugeInputsDoNotCrash) {
  std::string bad = std::string(kDoc) + "\xC3\x28 \xA0\xA1 \xF0\x28\x8C\xBC\n";
  std::string f1 = write("invalid.txt", bad);
  std::string doc(kDoc);
  std::string big;
  while (big.size() < 50u * 1024 * 1024) big += doc;
  std::string f2 = write("big.txt", big);
  std::string line;
  for (char c : doc) line += c == '\n' ? ' ' : c;
  std::string one;
  while (one.size() < 10u * 1024 * 1024) one += line;
  std::string f3 = write("oneline.txt", one);
  CmdResult r = dondoc("extract --json " + f1 + " " + f2 + " " + f3);
  EXPECT_EQ(r.status, 0);
  auto v = lines(r.out);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0]["number"], "123");  // a few bad bytes are replaced, the rest is read
  EXPECT_EQ(v[1]["symbol"], "UBND-VX");
  EXPECT_FALSE(v[2].contains("error"));
}

std::string encode(const char* charset, const std::string& utf8) {
  UErrorCode st = U_ZERO_ERROR;
  UConverter* c = ucnv_open(charset, &st);
  std::string out(utf8.size() * 4, '\0');
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &e);
  ucnv_close(c);
  out.resize(U_SUCCESS(e) ? static_cast<size_t>(n) : 0);
  return out;
}

// Windows-1258 writes ư, ơ, â ... as single bytes and the tone as a combining mark after them.
std::string to_cp1258(const std::string& utf8) {
  std::string staged;
  size_t len = 0;
  for (size_t i = 0; i < utf8.size(); i += len) {
    char32_t cp = dondoc::utf8::decode(utf8, i, &len);
    dondoc::viet::Letter l = dondoc::viet::decompose(cp);
    if (l.tone == dondoc::viet::kNoTone) {
      dondoc::utf8::append(staged, cp);
      continue;
    }
    static const char32_t kMarks[] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};
    dondoc::utf8::append(staged, dondoc::viet::compose(l.base, dondoc::viet::kNoTone, l.upper));
    dondoc::utf8::append(staged, kMarks[l.tone]);
  }
  return encode("windows-1258", staged);
}

TEST_F(Cli, LegacyEncodingsAreDetected) {
  std::string utf16 = "\xFF\xFE" + encode("UTF-16LE", kDoc);
  std::string cp1258 = to_cp1258(kDoc);
  ASSERT_FALSE(cp1258.empty());
  CmdResult r = dondoc("extract --json " + write("u16.txt", utf16) + " " + write("cp1258.txt", cp1258));
  auto v = lines(r.out);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0]["text"]["encoding"], "utf-16le");
  EXPECT_EQ(v[0]["issuer"], "Ủy ban nhân dân tỉnh Lạng Sơn");
  EXPECT_EQ(v[1]["text"]["encoding"], "windows-1258");
  EXPECT_EQ(v[1]["issuer"], "Ủy ban nhân dân tỉnh Lạng Sơn");
  EXPECT_EQ(v[1]["place"], "Lạng Sơn");
}

TEST_F(Cli, SpansPointIntoTheFile) {
  std::string path = write("doc.txt", std::string("\xEF\xBB\xBF") + kDoc);  // with a UTF-8 BOM
  auto v = lines(dondoc("extract --json " + path).out);
  ASSERT_EQ(v.size(), 1u);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto span = v[0]["spans"]["number"];
  EXPECT_EQ(bytes.substr(span[0], span[1].get<size_t>() - span[0].get<size_t>()), "123/UBND-VX");
  auto d = v[0]["tasks"][0]["deadlines"][0]["span"];
  EXPECT_EQ(bytes.substr(d[0], d[1].get<size_t>() - d[0].get<size_t>()), "trước ngày 20/4/2026");
}

TEST_F(Cli, ReadableTableAndExplain) {
  std::string path = write("doc.txt", kDoc);
  CmdResult r = dondoc("extract " + path);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("Số, ký hiệu  : 123/UBND-VX"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Nhiệm vụ (1)"), std::string::npos) << r.out;
  CmdResult e = dondoc("extract --explain " + path);
  EXPECT_NE(e.out.find("number"), std::string::npos);
}


// Text typed without diacritics is restored before it is read: names, codes (QĐ, HĐND, ĐU) and
// units come back, the restored values are marked as such.
TEST_F(Cli, TextWithoutDiacriticsIsRestored) {
  if (!fs::exists(fs::path(DONDOC_BINARY_DIR) / "restore.model")) GTEST_SKIP() << "no restore.model (no corpus)";
  auto doc = write("khong-dau.txt",
                   "DANG BO TINH LANG SON\nDANG UY UY BAN NHAN DAN TINH\n\nDANG CONG SAN VIET NAM\n\n"
                   "So 312-CV/DU\n\nLang Son, ngay 09 thang 10 nam 2026\n\n"
                   "V/v trien khai thuc hien Quyet dinh so 45/QD-UBND va Nghi quyet so 22/2022/NQ-HDND\n\n"
                   "Kinh gui: Cac chi bo, dang bo co so truc thuoc\n\n"
                   "1. Giao Ban Tuyen giao va Dan van Dang uy chu tri, phoi hop voi Van phong Dang uy tham muu "
                   "bao cao ket qua, gui ve Thuong truc Dang uy truoc ngay 30/10/2026.\n");
  auto r = dondoc("extract --json " + doc);
  ASSERT_EQ(r.status, 0);
  auto j = lines(r.out).at(0);
  EXPECT_EQ(j["text"]["diacritics"], "restored");
  EXPECT_EQ(j["symbol"], "CV/ĐU");
  EXPECT_EQ(j["place"], "Lạng Sơn");
  EXPECT_NE(j["subject"].get<std::string>().find("số 45/QĐ-UBND và Nghị quyết số 22/2022/NQ-HĐND"), std::string::npos)
      << j["subject"];
  ASSERT_EQ(j["tasks"].size(), 1u);
  EXPECT_EQ(j["tasks"][0]["lead"][0], "Ban Tuyên giáo và Dân vận Đảng ủy");
  EXPECT_EQ(j["tasks"][0]["deadlines"][0]["date"], "2026-10-30");
}

// A text file of OCR output that kept its marks but misread some letters is repaired as OCR
// output: "Nơi nhậm", "Bộ Tài ch!nh", "Céng văn" come back as words.
TEST_F(Cli, OcrTextWithMarksIsRepaired) {
  if (!fs::exists(fs::path(DONDOC_BINARY_DIR) / "restore.model")) GTEST_SKIP() << "no restore.model (no corpus)";
  auto doc = write("ocr.txt",
                   "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nSố: 1921/LĐTBXH-NCC\n\n"
                   "Hà Nội, ngày 03 tháng 06 năm 2013\n\n"
                   "Kính gửi: Sở Lao động - Thương binh và Xã hội các tỉnh, thành phố\n\n"
                   "Ngày 12/6/2015, Bộ Quốc phòng đã có Céng văn số 4966/BQP-CT trả lời Ủy ban nhân dân "
                   "tỉnh Long An về những trưỡng hợp quân nhân tham gia lao đông sản xuất, chế độ tử sị đối "
                   "với quân nhân từ trần klii tham gia nhiệm vụ nêu trên, ngườl bị nhiễm chầt độc hóa học "
                   "và Thirơng binh, theo Kết luận số 213-KL/FW của Ban Bí thư.\n\n"
                   "Nơi nhậm:\n- Như trên;\n- Bộ Tài ch!nh;\n- Lưu: VT, NCC.\n");
  auto r = dondoc("extract --json " + doc);
  ASSERT_EQ(r.status, 0);
  auto j = lines(r.out).at(0);
  EXPECT_EQ(j["text"]["diacritics"], "original");
  EXPECT_EQ(j["text"]["ocr"], true);
  ASSERT_EQ(j["citations"].size(), 2u) << j["citations"];
  EXPECT_EQ(j["citations"][0]["symbol"], "BQP-CT");
  EXPECT_EQ(j["citations"][1]["symbol"], "KL/TW");  // an F read for the T of TW
  EXPECT_EQ(j["distribution"], nlohmann::json::parse(R"(["Như trên", "Bộ Tài chính", "Lưu: VT, NCC"])"));
}

}  // namespace

namespace {
// More documents than one transaction of ingest takes, a file that is no document among them: each
// document is stored once, in order, with its task; the bad file is named; a second run adds none.
TEST_F(Cli, IngestStoresEveryDocumentOfSeveralBatches) {
  fs::create_directories(dir_ / "in");
  const int n = 75;
  for (int i = 0; i < n; ++i) {
    std::string doc = kDoc;
    doc.replace(doc.find("123/UBND"), 3, std::to_string(1000 + i));
    std::ofstream(dir_ / "in" / ("d" + std::to_string(1000 + i) + ".txt")) << doc;
  }
  std::ofstream(dir_ / "in" / "d1040z.txt", std::ios::binary) << std::string("\x7F" "ELF\x02\x01\x01", 7) << std::string(400, '\0');
  std::string db = (dir_ / "k.db").string();
  std::string cmd = std::string(DONDOC_BINARY_DIR) + "/dondoc ingest --db " + db + " " + (dir_ / "in").string() + " 2>&1";
  auto run = [&] {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, k);
    pclose(p);
    return out;
  };
  std::string first = run();
  EXPECT_NE(first.find("added 75, skipped 0, failed 1"), std::string::npos) << first;
  EXPECT_NE(first.find("d1040z.txt"), std::string::npos) << first;
  auto docs = lines(dondoc("docs --json --db " + db).out);
  ASSERT_EQ(docs.size(), static_cast<size_t>(n));
  std::set<std::string> numbers;
  for (const auto& d : docs) numbers.insert(d.value("number", ""));
  EXPECT_EQ(numbers.size(), static_cast<size_t>(n));
  EXPECT_EQ(lines(dondoc("tasks --json --db " + db).out).size(), static_cast<size_t>(n));
  std::string second = run();
  EXPECT_NE(second.find("added 0, skipped 75, failed 1"), std::string::npos) << second;
}
}  // namespace

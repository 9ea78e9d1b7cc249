#include "store_corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/viet.h"

namespace dondoc::bench {
namespace {

const std::vector<std::string> kUnits = {
    "Sở Tài chính", "Sở Nội vụ", "Sở Kế hoạch và Đầu tư", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh", "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Tư pháp",
    "Ủy ban nhân dân huyện Cao Lộc", "Ủy ban nhân dân thành phố Lạng Sơn", "Ủy ban nhân dân huyện Chi Lăng",
    "Ban Tuyên giáo Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Văn phòng Tỉnh ủy", "Sở Thông tin và Truyền thông",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Lao động - Thương binh và Xã hội", "Sở Tài nguyên và Môi trường"};

const std::vector<std::string> kActions = {
    "rà soát, đánh giá kết quả thực hiện và báo cáo Thường trực Tỉnh ủy",
    "xây dựng kế hoạch triển khai thực hiện chuyển đổi số trong cơ quan, đơn vị",
    "tổ chức quán triệt, tuyên truyền sâu rộng đến cán bộ, đảng viên và nhân dân",
    "tham mưu sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả",
    "bố trí kinh phí thực hiện các nhiệm vụ trọng tâm theo quy định",
    "kiểm tra, giám sát việc thực hiện và kịp thời xử lý các vướng mắc phát sinh",
    "tổng hợp kết quả, đề xuất khen thưởng các tập thể, cá nhân có thành tích xuất sắc",
    "hoàn thiện hồ sơ trình Ủy ban nhân dân tỉnh xem xét, quyết định"};

struct Kind {
  DocKind kind;
  const char* type;
  const char* code;  // party: "KL" in N-KL/TU; state: "KH" in N/KH-UBND
  const char* heading;
};
const Kind kKinds[] = {
    {DocKind::kParty, "Kết luận", "KL", "KẾT LUẬN"},   {DocKind::kParty, "Kế hoạch", "KH", "KẾ HOẠCH"},
    {DocKind::kParty, "Chỉ thị", "CT", "CHỈ THỊ"},     {DocKind::kParty, "Thông báo", "TB", "THÔNG BÁO"},
    {DocKind::kState, "Kế hoạch", "KH", "KẾ HOẠCH"},   {DocKind::kState, "Quyết định", "QĐ", "QUYẾT ĐỊNH"},
    {DocKind::kState, "Thông báo", "TB", "THÔNG BÁO"}, {DocKind::kState, "Công văn", "", ""},
};

bool keep_line(const std::string& l) {
  if (l.size() < 60 || l[0] == '|' || l[0] == '#' || l[0] == '>') return false;
  return std::count(l.begin(), l.end(), ' ') >= 8;
}

}  // namespace

std::vector<std::string> load_paragraphs(const std::string& dir) {
  std::vector<std::string> out;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    for (std::string line; std::getline(in, line);) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (keep_line(line)) out.push_back(line);
    }
  }
  return out;
}

CorpusGenerator::CorpusGenerator(std::vector<std::string> paragraphs, uint32_t seed)
    : paragraphs_(std::move(paragraphs)), rng_(seed) {
  if (paragraphs_.empty()) paragraphs_.push_back("Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị triển khai thực hiện nghiêm túc.");
}

int CorpusGenerator::uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
std::string CorpusGenerator::pick(const std::vector<std::string>& v) { return v[uniform(0, static_cast<int>(v.size()) - 1)]; }

GeneratedDocument CorpusGenerator::next() {
  GeneratedDocument g;
  Document& d = g.doc;
  ++count_;
  const Kind& k = kKinds[uniform(0, 7)];
  d.kind = k.kind;
  d.type = k.type;
  int year = uniform(2024, 2026);
  Date date{year, uniform(1, 12), uniform(1, 28)};
  d.date = PartialDate{date.y, date.m, date.d};
  d.number = std::to_string(count_);
  bool party = k.kind == DocKind::kParty;
  d.symbol = party ? std::string(k.code) + "/TU" : (*k.code ? std::string(k.code) + "-UBND" : "UBND-VP");
  d.issuer = party ? "Tỉnh ủy Lạng Sơn" : "Ủy ban nhân dân tỉnh Lạng Sơn";
  d.place = "Lạng Sơn";
  std::string subject = pick(paragraphs_);
  if (subject.size() > 160) subject = subject.substr(0, subject.find(' ', 120));
  d.subject = "về " + subject;
  std::string ident = document_identifier(d.kind, d.number, d.symbol, d.year);
  std::ostringstream t;
  if (party) t << "ĐẢNG BỘ TỈNH LẠNG SƠN                ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY\nSố " << ident;
  else t << "ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LẠNG SƠN                       Độc lập - Tự do - Hạnh phúc\nSố: " << ident;
  t << "                  Lạng Sơn, ngày " << date.d << " tháng " << date.m << " năm " << date.y << "\n\n";
  if (*k.heading) t << k.heading << "\n" << *d.subject << "\n\n";
  else t << "V/v " << subject << "\n\nKính gửi: " << pick(kUnits) << "\n\n";
  // Citations of earlier documents, as offices write them.
  int ncite = identifiers_.empty() ? 0 : uniform(0, 2);
  for (int i = 0; i < ncite; ++i) {
    const std::string& cited = identifiers_[uniform(0, static_cast<int>(identifiers_.size()) - 1)];
    t << "Thực hiện văn bản số " << cited << " của cấp có thẩm quyền,\n";
  }
  int npar = uniform(3, 8);
  for (int i = 0; i < npar; ++i) t << pick(paragraphs_) << "\n\n";
  int ntasks = uniform(0, 6);
  for (int i = 1; i <= ntasks; ++i) {
    Task task;
    task.ref = std::to_string(i);
    std::string unit = pick(kUnits);
    task.lead.push_back(Assignee{unit, {}, {}});
    task.action = "Giao " + unit + " chủ trì " + pick(kActions);
    Date due = add_days(date, uniform(10, 240));
    task.due = due;
    std::string dl = "trước ngày " + std::to_string(due.d) + "/" + std::to_string(due.m) + "/" + std::to_string(due.y);
    task.deadlines.push_back(Deadline{dl, due, Bound::kBefore, {}, {}, {}, {}, false, {}});
    t << i << ". " << task.action << ", hoàn thành " << dl << ".\n";
    d.tasks.push_back(std::move(task));
  }
  t << "\n" << (party ? "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ" : "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH") << "\nNguyễn Văn An\n";
  g.text = t.str();
  identifiers_.push_back(ident);
  return g;
}

std::vector<std::string> CorpusGenerator::queries(size_t n) {
  std::vector<std::string> out;
  while (out.size() < n) {
    int kind = uniform(0, 9);
    if (kind == 0 && !identifiers_.empty()) {
      out.push_back(pick(identifiers_));
      continue;
    }
    if (kind == 1) {
      std::string u = pick(kUnits);
      out.push_back(uniform(0, 1) ? viet::fold(u) : u);
      continue;
    }
    // 1-3 consecutive words of a paragraph, typed with or without diacritics.
    std::istringstream in(pick(paragraphs_));
    std::vector<std::string> words;
    for (std::string w; in >> w;) {
      if (std::all_of(w.begin(), w.end(), [](unsigned char c) { return c >= 0x80 || std::isalpha(c); })) words.push_back(w);
    }
    if (words.size() < 3) continue;
    int len = uniform(1, 3), at = uniform(0, static_cast<int>(words.size()) - len);
    std::string q;
    for (int i = 0; i < len; ++i) q += (i ? " " : "") + words[at + i];
    out.push_back(uniform(0, 1) ? viet::fold(q) : q);
  }
  return out;
}

}  // namespace dondoc::bench

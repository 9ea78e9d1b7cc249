#include "ingest/layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace dondoc::ingest {
namespace {

// Word boxes of one printed line: a fixed advance per character and a space between words, as a
// monospaced font at `size` points would set them.
struct Page {
  std::vector<LayoutWord> words;
  Page& line(const std::string& text, double x, double y, double size = 13) {
    double adv = size * 0.5;
    size_t i = 0;
    while (i < text.size()) {
      size_t j = text.find(' ', i);
      if (j == std::string::npos) j = text.size();
      if (j > i) {
        std::string w = text.substr(i, j - i);
        size_t chars = 0, len = 0;
        for (size_t k = 0; k < w.size(); k += len) {
          utf8::decode(w, k, &len);
          ++chars;
        }
        words.push_back({w, x, y, x + adv * static_cast<double>(chars), y + size, -1});
        x += adv * static_cast<double>(chars + 1);
      } else {
        x += adv;
      }
      i = j + 1;
    }
    return *this;
  }
  std::string text() const { return lay_out_page(words); }
};

TEST(Layout, EmptyPageGivesNoText) {
  EXPECT_EQ(lay_out_page({}), "");
  EXPECT_EQ(lay_out_page({{"   ", 0, 0, 10, 10, -1}}), "");
}

TEST(Layout, OneColumnKeepsLinesAndOrder) {
  Page p;
  p.line("Thực hiện Chỉ thị số 05/CT-TTg ngày 15/3/2026 của Thủ tướng", 85, 300)
      .line("Chính phủ về tăng cường công tác phòng, chống dịch bệnh", 85, 316);
  EXPECT_EQ(p.text(),
            "Thực hiện Chỉ thị số 05/CT-TTg ngày 15/3/2026 của Thủ tướng\n"
            "Chính phủ về tăng cường công tác phòng, chống dịch bệnh\n");
}

TEST(Layout, TwoColumnHeaderComesOutColumnByColumn) {
  // Issuer and number on the left, Quốc hiệu, motto and date on the right, as NĐ 30 lays them out.
  Page p;
  p.line("ỦY BAN NHÂN DÂN", 90, 60).line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 60);
  p.line("TỈNH LẠNG SƠN", 100, 76).line("Độc lập - Tự do - Hạnh phúc", 330, 76);
  p.line("Số: 123/UBND-VX", 95, 96);
  p.line("V/v triển khai công tác phòng,", 70, 112).line("Lạng Sơn, ngày 07 tháng 4 năm 2026", 310, 112);
  p.line("chống dịch bệnh mùa hè năm 2026", 68, 128);
  EXPECT_EQ(p.text(),
            "ỦY BAN NHÂN DÂN\n"
            "TỈNH LẠNG SƠN\n"
            "Số: 123/UBND-VX\n"
            "V/v triển khai công tác phòng,\n"
            "chống dịch bệnh mùa hè năm 2026\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n"
            "Lạng Sơn, ngày 07 tháng 4 năm 2026\n");
}

TEST(Layout, HeaderThenBodyEndsTheColumnRegion) {
  Page p;
  p.line("ỦY BAN NHÂN DÂN", 90, 60).line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 60);
  p.line("TỈNH LẠNG SƠN", 100, 76).line("Độc lập - Tự do - Hạnh phúc", 330, 76);
  // A full-width body line crosses the gutter: it is not part of either column.
  p.line("Thực hiện Chỉ thị số 05/CT-TTg ngày 15/3/2026 của Thủ tướng Chính phủ về", 85, 92);
  p.line("tăng cường công tác phòng, chống dịch bệnh.", 85, 108);
  EXPECT_EQ(p.text(),
            "ỦY BAN NHÂN DÂN\n"
            "TỈNH LẠNG SƠN\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n"
            "Thực hiện Chỉ thị số 05/CT-TTg ngày 15/3/2026 của Thủ tướng Chính phủ về\n"
            "tăng cường công tác phòng, chống dịch bệnh.\n");
}

TEST(Layout, SignatureBlockKeepsSignerLinesTogether) {
  Page p;
  p.line("Nơi nhận:", 85, 600, 12).line("KT. CHỦ TỊCH", 380, 600);
  p.line("- Như trên;", 85, 615, 11).line("PHÓ CHỦ TỊCH", 378, 615);
  p.line("- Chủ tịch, các PCT UBND tỉnh;", 85, 629, 11);
  p.line("- Lưu: VT, KGVX.", 85, 643, 11);
  p.line("Nguyễn Văn Bình", 372, 700);
  EXPECT_EQ(p.text(),
            "Nơi nhận:\n"
            "- Như trên;\n"
            "- Chủ tịch, các PCT UBND tỉnh;\n"
            "- Lưu: VT, KGVX.\n"
            "KT. CHỦ TỊCH\n"
            "PHÓ CHỦ TỊCH\n"
            "\n"
            "Nguyễn Văn Bình\n");
}

TEST(Layout, ListLabelStaysWithItsTextAcrossATab) {
  Page p;
  p.line("1.", 113, 300);
  p.line("Sở Y tế chủ trì, phối hợp với các đơn vị", 150, 300);  // after a tab stop
  p.line("liên quan:", 85, 316);
  p.line("a)", 113, 332);
  p.line("Xây dựng kế hoạch, trình Ủy ban nhân dân tỉnh", 150, 332);
  EXPECT_EQ(p.text(),
            "1. Sở Y tế chủ trì, phối hợp với các đơn vị\n"
            "liên quan:\n"
            "a) Xây dựng kế hoạch, trình Ủy ban nhân dân tỉnh\n");
}

TEST(Layout, SingleWideGapSplitsTheLineButKeepsOrder) {
  // One row with a wide gap and nothing like it around: two lines, in reading order.
  Page p;
  p.line("Số: 45/KH-UBND", 85, 100).line("Hà Nội, ngày 20 tháng 02 năm 2026", 330, 100);
  p.line("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", 85, 130);
  EXPECT_EQ(p.text(),
            "Số: 45/KH-UBND\n"
            "Hà Nội, ngày 20 tháng 02 năm 2026\n"
            "\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n");
}

TEST(Layout, TableOfTasksIsWrittenRowByRow) {
  // STT | Nhiệm vụ | Chủ trì | Thời hạn: each task stays next to its lead and its deadline.
  Page p;
  p.line("1", 90, 200).line("Xây dựng kế hoạch phòng,", 130, 200).line("Sở Y tế", 330, 200).line("20/4/2026", 450, 200);
  p.line("chống dịch mùa hè", 130, 215);
  p.line("2", 90, 236).line("Kiểm tra các cơ sở giáo dục", 130, 236).line("Sở GDĐT", 330, 236).line("15/5/2026", 450, 236);
  EXPECT_EQ(p.text(),
            "1\n"
            "Xây dựng kế hoạch phòng,\n"
            "chống dịch mùa hè\n"
            "Sở Y tế\n"
            "20/4/2026\n"
            "2\n"
            "Kiểm tra các cơ sở giáo dục\n"
            "Sở GDĐT\n"
            "15/5/2026\n");
}

TEST(Layout, RaisedFootnoteDigitsBecomeSuperscripts) {
  std::vector<LayoutWord> w = {
      {"ngày", 85, 100, 110, 113, 1},    {"15/3/2026", 113, 100, 160, 113, 0},
      {"1", 160.5, 98, 164, 106, 1},     {"của", 168, 100, 185, 113, 1},
      {"Chính", 188, 100, 215, 113, -1},
      // The note itself, at the foot of the page: its number is raised too.
      {"1", 85, 700, 89, 706, 0},        {"Thể", 90, 702, 105, 712, 1},
      {"thức", 108, 702, 128, 712, 1},   {"văn", 131, 702, 146, 712, 1},
  };
  EXPECT_EQ(lay_out_page(w), "ngày 15/3/2026¹ của Chính\n\n[1] Thể thức văn\n");
}

TEST(Layout, PageNumberAloneAtTheTopIsDropped) {
  Page p;
  p.line("2", 300, 30);
  p.line("tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 30/4/2026.", 85, 60);
  p.line("Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.", 85, 76);
  EXPECT_EQ(p.text(),
            "tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 30/4/2026.\n"
            "Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.\n");
}

TEST(Layout, NumberInsideTheTextIsKept) {
  Page p;
  p.line("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", 85, 60);
  p.line("2", 85, 76);
  p.line("Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành.", 85, 92);
  EXPECT_NE(p.text().find("\n2\n"), std::string::npos);
}

TEST(Layout, ManyColumnsAndLabelsStayCheap) {
  // 400 rows of 60 widely spaced labels: no column region, no quadratic work.
  std::vector<LayoutWord> w;
  for (int row = 0; row < 400; ++row)
    for (int col = 0; col < 60; ++col)
      w.push_back({std::to_string(col % 9 + 1) + ".", 40.0 * col, 14.0 * row, 40.0 * col + 8, 14.0 * row + 12, -1});
  std::string t = lay_out_page(w);
  EXPECT_EQ(std::count(t.begin(), t.end(), '\n'), 400 * 30);  // label + next "label" pairs
}

TEST(Layout, HostileBoxesDoNotCrash) {
  std::vector<LayoutWord> w = {{"a", 10, 10, 5, 20, -1},      {"b", 0, 0, 0, 0, -1},
                               {"c", -1e300, -1e300, 1e300, 1e300, -1},
                               {"d", 0.0 / 0.0, 0, 1, 1, -1}, {"e", 1, 1, 2, 2, 1}};
  std::string t = lay_out_page(w);
  EXPECT_NE(t.find('e'), std::string::npos);
}

}  // namespace
}  // namespace dondoc::ingest

// The report as an Excel workbook (libxlsxwriter): sheet "Tổng hợp" with the per-unit counts and
// sheet "Quá hạn" with the overdue tasks.
#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/utf8.h"

#include "track/track.h"

namespace dondoc::track {
namespace {

// Lines a wrapped cell takes in a column `width` characters wide (code points, not bytes).
int wrapped_lines(const std::string& text, double width) {
  size_t chars = 0;
  size_t len = 0;
  for (size_t i = 0; i < text.size(); i += len) {
    utf8::decode(text, i, &len);
    if (len == 0) len = 1;
    ++chars;
  }
  int per_line = std::max(1, static_cast<int>(width * 1.1));
  return std::max<int>(1, static_cast<int>((chars + per_line - 1) / per_line));
}

// Printed as an office expects: A4 landscape, fitted to the page width, the header row repeated
// on every page.
void print_setup(lxw_worksheet* ws, lxw_row_t header_row) {
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, header_row, header_row);
  worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
}

constexpr double kLineHeight = 15.0;  // points per line of 11-point text

}  // namespace

Status render_xlsx(const Report& r, const std::string& path) {
  // libxlsxwriter reports a missing folder only on close, and on stderr: check first.
  std::error_code ec;
  auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir, ec))
    return make_error(ErrorCode::kNotFound, "thư mục '" + dir.string() + "' không tồn tại", path);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return make_error(ErrorCode::kIo, "không tạo được tệp Excel", path);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_text_wrap(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* cell = workbook_add_format(wb);
  format_set_border(cell, LXW_BORDER_THIN);
  format_set_text_wrap(cell);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_border(bold, LXW_BORDER_THIN);
  lxw_format* pct = workbook_add_format(wb);
  format_set_num_format(pct, "0.0");
  format_set_border(pct, LXW_BORDER_THIN);

  lxw_worksheet* ws = workbook_add_worksheet(wb, "Tổng hợp");
  std::string title = "Báo cáo tình hình thực hiện nhiệm vụ tính đến ngày " + to_vn(r.as_of);
  worksheet_write_string(ws, 0, 0, title.c_str(), bold);
  const char* cols[] = {"Đơn vị",  "Tổng số", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn",
                        "Quá hạn", "Quá hạn trên 30 ngày", "Đã hủy", "Tỷ lệ đúng hạn (%)"};
  for (lxw_col_t c = 0; c < 9; ++c) worksheet_write_string(ws, 2, c, cols[c], head);
  worksheet_set_column(ws, 0, 0, 45, nullptr);
  worksheet_set_column(ws, 1, 8, 14, nullptr);
  worksheet_set_row(ws, 2, 2 * kLineHeight, nullptr);
  print_setup(ws, 2);
  lxw_row_t row = 3;
  auto write = [&](const UnitStats& s, lxw_format* name_format) {
    worksheet_write_string(ws, row, 0, s.unit.name.c_str(), name_format);
    worksheet_set_row(ws, row, kLineHeight * wrapped_lines(s.unit.name, 45), nullptr);
    int v[] = {s.total, s.done_on_time, s.done_late, s.open, s.overdue, s.overdue_30, s.cancelled};
    for (lxw_col_t c = 0; c < 7; ++c) worksheet_write_number(ws, row, c + 1, v[c], cell);
    if (s.on_time_percent() >= 0) worksheet_write_number(ws, row, 8, s.on_time_percent(), pct);
    else worksheet_write_blank(ws, row, 8, cell);
    ++row;
  };
  for (const auto& s : r.units) write(s, cell);
  write(r.total, bold);

  lxw_worksheet* od = workbook_add_worksheet(wb, "Quá hạn");
  const char* ocols[] = {"STT", "Đơn vị chủ trì", "Văn bản", "Mục", "Nội dung", "Thời hạn", "Số ngày quá hạn",
                         "Số ngày làm việc quá hạn"};
  for (lxw_col_t c = 0; c < 8; ++c) worksheet_write_string(od, 0, c, ocols[c], head);
  worksheet_set_column(od, 1, 1, 35, nullptr);
  worksheet_set_column(od, 2, 2, 18, nullptr);
  worksheet_set_column(od, 4, 4, 70, nullptr);
  worksheet_set_column(od, 5, 7, 14, nullptr);
  worksheet_set_row(od, 0, 2 * kLineHeight, nullptr);
  print_setup(od, 0);
  lxw_row_t n = 1;
  for (const auto& o : r.overdue) {
    worksheet_write_number(od, n, 0, n, cell);
    worksheet_write_string(od, n, 1, o.unit.name.c_str(), cell);
    worksheet_write_string(od, n, 2, o.task.document.c_str(), cell);
    worksheet_write_string(od, n, 3, o.task.task.ref.c_str(), cell);
    worksheet_write_string(od, n, 4, o.task.task.action.c_str(), cell);
    worksheet_write_string(od, n, 5, to_vn(*o.task.due()).c_str(), cell);
    worksheet_write_number(od, n, 6, o.days, cell);
    worksheet_write_number(od, n, 7, o.working_days, cell);
    int lines = std::max({wrapped_lines(o.unit.name, 35), wrapped_lines(o.task.document, 18),
                          wrapped_lines(o.task.task.action, 70)});
    worksheet_set_row(od, n, kLineHeight * lines, nullptr);
    ++n;
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return make_error(ErrorCode::kIo, std::string("không ghi được tệp Excel: ") + lxw_strerror(err), path);
  return ok_status();
}

}  // namespace dondoc::track

namespace dondoc::track {

Result<std::string> render_xlsx_bytes(const Report& r) {
  // libxlsxwriter writes files only: a private temporary file, read back and removed.
  std::string path = (std::filesystem::temp_directory_path() / "dondoc-report-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) return make_error(ErrorCode::kIo, "không tạo được tệp tạm cho báo cáo Excel");
  ::close(fd);
  std::string xlsx = path + ".xlsx";
  std::filesystem::rename(path, xlsx);
  auto s = render_xlsx(r, xlsx);
  std::string bytes;
  if (s) {
    std::ifstream in(xlsx, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  std::error_code ec;
  std::filesystem::remove(xlsx, ec);
  if (!s) return s.error();
  return bytes;
}

}  // namespace dondoc::track

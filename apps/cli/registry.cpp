#include "command.h"
#include "commands/commands.h"

namespace dondoc::cli {

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> k = {
      {"extract", "trích xuất thông tin văn bản (không lưu): số, ký hiệu, trích yếu, nhiệm vụ, thời hạn", cmd_extract},
      {"restore", "khôi phục dấu tiếng Việt cho văn bản không dấu", cmd_restore},
      {"ingest", "nạp tệp hoặc thư mục vào kho", cmd_ingest},
      {"docs", "liệt kê văn bản trong kho", cmd_docs},
      {"show", "xem một văn bản: thông tin, nhiệm vụ, văn bản dẫn chiếu và được dẫn chiếu", cmd_show},
      {"search", "tìm kiếm toàn văn (gõ có dấu hoặc không dấu)", cmd_search},
      {"tasks", "liệt kê nhiệm vụ được theo dõi", cmd_tasks},
      {"task", "xem hoặc cập nhật một nhiệm vụ", cmd_task},
      {"remind", "nhắc việc theo đơn vị: sắp đến hạn, quá hạn", cmd_remind},
      {"report", "báo cáo tình hình thực hiện nhiệm vụ theo đơn vị", cmd_report},
      {"export", "xuất toàn bộ kho ra JSON Lines", cmd_export},
      {"import", "nhập kho từ JSON Lines", cmd_import},
      {"calendar", "ngày nghỉ lễ, Tết trong năm; đổi ngày âm - dương lịch", cmd_calendar},
      {"serve", "API HTTP và giao diện web", cmd_serve},
      {"user", "quản lý tài khoản giao diện web", cmd_user},
      {"quality", "chất lượng trích xuất theo các sửa chữa của người dùng", cmd_quality},
      {"export-gold", "xuất văn bản đã sửa thành tệp chuẩn cho eval/score.py", cmd_export_gold},
  };
  return k;
}

}  // namespace dondoc::cli

#include "core/os_error.h"

#include <cerrno>

namespace dondoc {

std::string os_error_message(int errnum) {
  switch (errnum) {
    case EACCES:
    case EPERM: return "không có quyền truy cập";
    case ENOENT: return "không tồn tại";
    case ENOTDIR: return "một phần của đường dẫn không phải thư mục";
    case EISDIR: return "là thư mục";
    case ELOOP: return "vòng lặp liên kết tượng trưng (symlink trỏ vòng)";
    case ENAMETOOLONG: return "đường dẫn quá dài";
    case ENOSPC: return "đĩa đầy";
    case EDQUOT: return "vượt hạn mức dung lượng đĩa";
    case EFBIG: return "tệp vượt quá kích thước cho phép";
    case EROFS: return "hệ thống tệp chỉ đọc";
    case EIO: return "lỗi vào/ra của thiết bị lưu trữ";
    case EMFILE:
    case ENFILE: return "mở quá nhiều tệp cùng lúc";
    case ENOMEM: return "không đủ bộ nhớ";
    case EBUSY: return "tệp đang bận";
    case ETXTBSY: return "tệp đang được sử dụng";
    case EEXIST: return "đã tồn tại";
    case EXDEV: return "không thể đổi tên sang ổ đĩa khác";
    case EINTR: return "bị ngắt giữa chừng";
    case ENXIO:
    case ENODEV: return "thiết bị không tồn tại";
    case EINVAL: return "tham số không hợp lệ";
    default: return "lỗi hệ thống (mã " + std::to_string(errnum) + ")";
  }
}

}  // namespace dondoc

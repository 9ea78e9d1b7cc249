#pragma once
// Operating-system errors (errno) in Vietnamese, for messages people read: strerror() speaks the
// C library's language ("Permission denied", "Too many levels of symbolic links").
//
//   os_error_message(EACCES);  // "không có quyền truy cập"
#include <string>

namespace dondoc {

std::string os_error_message(int errnum);

}  // namespace dondoc

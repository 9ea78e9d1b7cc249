#pragma once
// SHA-256 of bytes as 64 lower-case hex digits: how the store names an original file, and how an
// import checks that a file's content is still the one that was exported.
#include <string>
#include <string_view>

namespace dondoc {

std::string sha256_hex(std::string_view bytes);

}  // namespace dondoc

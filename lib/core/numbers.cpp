#include "core/numbers.h"

namespace dondoc {

Result<int64_t> parse_decimal(std::string_view s, int64_t min, int64_t max) {
  auto range = [&] {
    return make_error(ErrorCode::kUsage, "phải là số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max) +
                                             ", nhận được '" + std::string(s) + "'");
  };
  size_t i = 0;
  bool negative = !s.empty() && s[0] == '-';
  if (negative) ++i;
  if (i == s.size())
    return make_error(ErrorCode::kUsage, "phải là số nguyên thập phân, nhận được '" + std::string(s) + "'");
  // Accumulated as a negative number, which holds INT64_MIN too; stops as soon as it leaves the range.
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c < '0' || c > '9')
      return make_error(ErrorCode::kUsage, "phải là số nguyên thập phân, nhận được '" + std::string(s) + "'");
    int d = c - '0';
    if (v < (INT64_MIN + d) / 10) return range();
    v = v * 10 - d;
  }
  if (!negative) {
    if (v == INT64_MIN) return range();
    v = -v;
  }
  if (v < min || v > max) return range();
  return v;
}

}  // namespace dondoc

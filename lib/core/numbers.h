#pragma once
// Whole numbers as people type them (ids, limits, day counts) on the command line and in the API:
// decimal digits only, an optional '-' where negatives are allowed, range-checked. No base
// detection ("010" is ten, never eight; "0x10" is refused), no spaces, no sign tricks, no overflow.
//
//   parse_decimal("010", 1, kMaxId);   // 10
//   parse_decimal("0x10", 1, kMaxId);  // error: "không phải số nguyên thập phân"
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace dondoc {

// The error message names the problem and the allowed range, in Vietnamese, without the value's
// name (the caller adds "--limit: ..." or "ID nhiệm vụ: ...").
Result<int64_t> parse_decimal(std::string_view s, int64_t min, int64_t max);

}  // namespace dondoc

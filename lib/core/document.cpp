#include "core/document.h"

namespace dondoc {

const char* to_string(DocKind k) {
  switch (k) {
    case DocKind::kParty: return "party";
    case DocKind::kState: return "state";
    default: return "unknown";
  }
}

const char* to_string(Bound b) {
  switch (b) {
    case Bound::kBefore: return "before";
    case Bound::kBy: return "by";
    case Bound::kOn: return "on";
    default: return "relative";
  }
}

const char* to_string(TimeUnit u) {
  switch (u) {
    case TimeUnit::kDay: return "day";
    case TimeUnit::kWorkingDay: return "working_day";
    case TimeUnit::kWeek: return "week";
    case TimeUnit::kMonth: return "month";
    default: return "year";
  }
}

std::optional<DocKind> doc_kind_from_string(std::string_view s) {
  if (s == "party") return DocKind::kParty;
  if (s == "state") return DocKind::kState;
  if (s == "unknown") return DocKind::kUnknown;
  return std::nullopt;
}

std::optional<Bound> bound_from_string(std::string_view s) {
  if (s == "before") return Bound::kBefore;
  if (s == "by") return Bound::kBy;
  if (s == "on") return Bound::kOn;
  if (s == "relative") return Bound::kRelative;
  return std::nullopt;
}

std::optional<TimeUnit> time_unit_from_string(std::string_view s) {
  if (s == "day") return TimeUnit::kDay;
  if (s == "working_day") return TimeUnit::kWorkingDay;
  if (s == "week") return TimeUnit::kWeek;
  if (s == "month") return TimeUnit::kMonth;
  if (s == "year") return TimeUnit::kYear;
  return std::nullopt;
}

std::string document_identifier(DocKind kind, const std::optional<std::string>& number,
                                const std::optional<std::string>& symbol, std::optional<int> year) {
  if (!number || number->empty()) return {};
  std::string sym = symbol.value_or("");
  if (kind == DocKind::kParty && sym.find('/') != std::string::npos) return *number + "-" + sym;
  std::string id = *number + "/";
  if (year) id += std::to_string(*year) + "/";
  return id + sym;
}

}  // namespace dondoc

#pragma once
// Hash maps keyed by text, looked up by std::string_view (a token's fold, a slice of a document)
// without building a std::string for the look-up.
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dondoc {

struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <typename V>
using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;

}  // namespace dondoc

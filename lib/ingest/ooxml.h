#pragma once
// Small helpers over pugixml for Office Open XML parts. pugixml is not namespace-aware; Word uses
// the "w:" prefix, other producers may use another or none, so names are compared without it.
// Internal to ingest.
#include <pugixml.hpp>

#include <string_view>

namespace dondoc::ingest::ooxml {

// "w:p" -> "p".
inline std::string_view local_name(const pugi::xml_node& n) {
  std::string_view s = n.name();
  size_t c = s.find(':');
  return c == std::string_view::npos ? s : s.substr(c + 1);
}

// The first child element with this local name, or an empty node.
inline pugi::xml_node child(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  return {};
}

// The value of the attribute with this local name ("w:val" for "val"), or "".
inline std::string_view attr(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    std::string_view s = a.name();
    size_t c = s.find(':');
    if ((c == std::string_view::npos ? s : s.substr(c + 1)) == local) return a.value();
  }
  return {};
}

}  // namespace dondoc::ingest::ooxml

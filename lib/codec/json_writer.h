#pragma once
// The two writers the codec's encoders run on (codec.cpp writes each record once, as a template
// over its writer):
//   TreeWriter  builds an nlohmann::ordered_json (the API, the store, corrections);
//   TextWriter  writes the same JSON as text straight into a string, byte for byte what
//               ordered_json::dump(-1, ' ', false, replace) prints for it, without building the
//               tree: `dondoc extract --json` writes a line per document this way.
//
//   std::string line;
//   codec::TextWriter w(line);
//   w.object_begin(); w.key("file"); w.str(name); w.object_end();
#include <nlohmann/json.hpp>

#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"

namespace dondoc::codec {

class TreeWriter {
 public:
  void object_begin() { open(nlohmann::ordered_json::object()); }
  void object_end() { stack_.pop_back(); }
  void array_begin() { open(nlohmann::ordered_json::array()); }
  void array_end() { stack_.pop_back(); }
  void key(std::string_view k) { key_.assign(k); }
  void str(std::string_view s) { put(nlohmann::ordered_json(std::string(s))); }
  void integer(long long v) { put(nlohmann::ordered_json(v)); }
  void uinteger(unsigned long long v) { put(nlohmann::ordered_json(v)); }
  void number(double v) { put(nlohmann::ordered_json(v)); }
  void boolean(bool v) { put(nlohmann::ordered_json(v)); }
  void null() { put(nlohmann::ordered_json(nullptr)); }
  nlohmann::ordered_json take() { return std::move(root_); }

 private:
  // A value in the open array, or under the last key in the open object (a key given twice
  // keeps its first place and takes the last value, as ordered_json's operator[] does).
  nlohmann::ordered_json* put(nlohmann::ordered_json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    nlohmann::ordered_json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    nlohmann::ordered_json& slot = top[key_];
    slot = std::move(v);
    return &slot;
  }
  // The parent is not written to while a child is open: the child's address stays valid.
  void open(nlohmann::ordered_json v) { stack_.push_back(put(std::move(v))); }

  nlohmann::ordered_json root_;
  std::vector<nlohmann::ordered_json*> stack_;
  std::string key_;
};

class TextWriter {
 public:
  explicit TextWriter(std::string& out) : o_(out) {}
  void object_begin() { open('{'); }
  void object_end() { close('}'); }
  void array_begin() { open('['); }
  void array_end() { close(']'); }
  // Keys are written as given: the encoders write each key once in an object.
  void key(std::string_view k) {
    separate();
    quoted(k);
    o_ += ':';
    after_key_ = true;
  }
  void str(std::string_view s) {
    separate();
    quoted(s);
  }
  void integer(long long v) {
    separate();
    digits(v);
  }
  void uinteger(unsigned long long v) {
    separate();
    digits(v);
  }
  void number(double v) {  // nlohmann's shortest round-trip form
    separate();
    o_ += nlohmann::ordered_json(v).dump();
  }
  void boolean(bool v) {
    separate();
    o_ += v ? "true" : "false";
  }
  void null() {
    separate();
    o_ += "null";
  }

 private:
  void open(char c) {
    separate();
    o_ += c;
    first_ = true;
  }
  void close(char c) {
    o_ += c;
    first_ = false;
  }
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) o_ += ',';
    first_ = false;
  }
  template <class T>
  void digits(T v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    o_.append(buf, r.ptr);
  }
  // A JSON string: '"', '\\' and control characters escaped as nlohmann escapes them; other
  // characters as they are (valid UTF-8). Text that is not valid UTF-8 (a file name can be
  // anything) goes through nlohmann's own dump, which replaces the bad bytes.
  void quoted(std::string_view s) {
    if (utf8::count_invalid(s) != 0) {
      o_ += nlohmann::ordered_json(std::string(s)).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
      return;
    }
    o_ += '"';
    size_t from = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      o_.append(s, from, i - from);
      from = i + 1;
      switch (c) {
        case '"': o_ += "\\\""; break;
        case '\\': o_ += "\\\\"; break;
        case '\b': o_ += "\\b"; break;
        case '\t': o_ += "\\t"; break;
        case '\n': o_ += "\\n"; break;
        case '\f': o_ += "\\f"; break;
        case '\r': o_ += "\\r"; break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          o_.append(u, 6);
        }
      }
    }
    o_.append(s, from, s.size() - from);
    o_ += '"';
  }

  std::string& o_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace dondoc::codec

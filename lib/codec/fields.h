#pragma once
// Reading JSON that comes from outside (an import file, a stored extraction, an API request)
// without exceptions: every getter checks its field's type and range; the first problem is kept,
// named by the field's path ("tasks[2].deadlines[0].date"), and the caller returns it as an
// error. Absent and null fields are "not given" (nullopt); a field of the wrong type never
// silently becomes a default.
//
//   FieldReader<nlohmann::json> f;
//   auto year = f.integer(j, "year", 1, 9999);
//   auto d = f.at("signer");                       // fields of j["signer"], named "signer.x"
//   if (auto e = f.error()) return *e;
#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace dondoc::codec {

template <class Json>
class FieldReader {
 public:
  FieldReader() : error_(std::make_shared<std::optional<Error>>()) {}

  // The reader of a nested object or array element: same error slot, longer names.
  FieldReader at(const std::string& key) const { return FieldReader(error_, name(key)); }
  FieldReader at(size_t index) const { return FieldReader(error_, path_ + "[" + std::to_string(index) + "]"); }

  const std::optional<Error>& error() const { return *error_; }
  bool ok() const { return !error_->has_value(); }
  void fail(const std::string& key, const std::string& what) {
    if (!*error_) *error_ = make_error(ErrorCode::kInvalidInput, "trường \"" + name(key) + "\" " + what);
  }

  // The field, or nullptr when absent or null (or when `obj` is no object: reported by the caller).
  const Json* get(const Json& obj, const char* key) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
  }

  std::optional<std::string> str(const Json& obj, const char* key) {
    const Json* v = get(obj, key);
    if (!v) return std::nullopt;
    if (!v->is_string()) return none(key, "phải là chuỗi");
    return v->template get<std::string>();
  }

  std::optional<int64_t> integer(const Json& obj, const char* key, int64_t min, int64_t max) {
    const Json* v = get(obj, key);
    if (!v) return std::nullopt;
    return integer_value(*v, key, min, max);
  }

  std::optional<int64_t> integer_value(const Json& v, const std::string& key, int64_t min, int64_t max) {
    bool in_range = false;
    int64_t n = 0;
    if (v.is_number_unsigned()) {
      auto u = v.template get<uint64_t>();
      in_range = u <= static_cast<uint64_t>(INT64_MAX);
      n = static_cast<int64_t>(u);
    } else if (v.is_number_integer()) {
      n = v.template get<int64_t>();
      in_range = true;
    } else {
      return none(key, "phải là số nguyên");
    }
    if (!in_range || n < min || n > max)
      return none(key, "phải từ " + std::to_string(min) + " đến " + std::to_string(max));
    return n;
  }

  std::optional<bool> boolean(const Json& obj, const char* key) {
    const Json* v = get(obj, key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) return none(key, "phải là true hoặc false");
    return v->template get<bool>();
  }

  // "YYYY-MM-DD" (or also "YYYY-MM" and "YYYY" when `partial`).
  std::optional<PartialDate> date(const Json& obj, const char* key, bool partial = false) {
    auto s = str(obj, key);
    if (!s) return std::nullopt;
    auto d = parse_iso_partial(*s);
    if (!d || (!partial && !d->complete()))
      return none(key, std::string("phải là ngày dạng YYYY-MM-DD") + (partial ? " (hoặc YYYY-MM, YYYY)" : ""));
    return d;
  }

  // An array (absent or null: nullptr); anything else is an error.
  const Json* array(const Json& obj, const char* key) {
    const Json* v = get(obj, key);
    if (v && !v->is_array()) return failed<std::nullptr_t>(key, "phải là mảng");
    return v;
  }
  const Json* object(const Json& obj, const char* key) {
    const Json* v = get(obj, key);
    if (v && !v->is_object()) return failed<std::nullptr_t>(key, "phải là đối tượng JSON");
    return v;
  }

  // Each element of the array `key` (absent or null: none), which must be an object: fn(reader,
  // element), the reader naming "key[i]". Stops at the first problem.
  template <class Fn>
  void each_object(const Json& obj, const char* key, Fn&& fn) {
    const Json* a = array(obj, key);
    if (!a) return;
    FieldReader list = at(key);
    for (size_t i = 0; i < a->size() && ok(); ++i) {
      FieldReader in = list.at(i);
      if (!(*a)[i].is_object()) return in.fail("", "phải là đối tượng JSON");
      fn(in, (*a)[i]);
    }
  }

  // An array of strings; null entries are kept as "" only when `nulls` (unit ids are null when unknown).
  std::vector<std::string> strings(const Json& obj, const char* key, bool nulls = false) {
    std::vector<std::string> out;
    const Json* a = array(obj, key);
    if (!a) return out;
    for (size_t i = 0; i < a->size(); ++i) {
      const Json& x = (*a)[i];
      if (x.is_string()) out.push_back(x.template get<std::string>());
      else if (x.is_null() && nulls) out.emplace_back();
      else return failed<std::vector<std::string>>(std::string(key) + "[" + std::to_string(i) + "]", "phải là chuỗi");
    }
    return out;
  }

 private:
  std::nullopt_t none(const std::string& key, const std::string& what) {
    fail(key, what);
    return std::nullopt;
  }
  template <class T>
  T failed(const std::string& key, const std::string& what) {
    fail(key, what);
    return T{};
  }
  FieldReader(std::shared_ptr<std::optional<Error>> e, std::string path) : error_(std::move(e)), path_(std::move(path)) {}
  std::string name(const std::string& key) const {
    if (key.empty() || path_.empty()) return path_ + key;
    return key[0] == '[' ? path_ + key : path_ + "." + key;
  }

  std::shared_ptr<std::optional<Error>> error_;
  std::string path_;
};

}  // namespace dondoc::codec

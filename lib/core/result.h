#pragma once
// Result<T>: a value or a dondoc::Error, for environment failures (unreadable file, DB down).
// Odd input is data, not an error: pure stages return values plus diagnostics instead.
//
//   Result<RawText> r = read_file(path);
//   if (!r) return fail(r.error());
//   use(*r);
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace dondoc {

enum class ErrorCode {
  kInvalidInput,   // the input cannot be parsed (binary, corrupt, encrypted)
  kNotFound,       // a path, document or task that does not exist
  kIo,             // reading or writing failed
  kUnsupported,    // a format or feature this build cannot handle
  kTooLarge,       // input beyond a safety limit
  kDatabase,       // the store failed
  kUsage,          // the caller asked for something inconsistent
  kInternal,       // a third-party library failed unexpectedly
  kUnauthorized,   // nobody is signed in, or the password is wrong
  kForbidden,      // the actor may not do this (role, unit)
  kConflict,       // the request clashes with what is stored (a name already taken)
  kThrottled,      // too many attempts; try again later
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // lowercase, no trailing period: "PDF is encrypted"
  std::string context;  // path or id the error is about
  std::string to_string() const { return context.empty() ? message : context + ": " + message; }
};

inline Error make_error(ErrorCode code, std::string message, std::string context = {}) {
  return Error{code, std::move(message), std::move(context)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace dondoc

#define DONDOC_TRY(var, expr)                     \
  auto var##_result_ = (expr);                    \
  if (!var##_result_) return var##_result_.error(); \
  auto var = std::move(*var##_result_)

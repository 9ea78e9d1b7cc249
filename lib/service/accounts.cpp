// Accounts, passwords (Argon2id through libsodium), sessions kept in the store, login
// throttling. Passwords and session ids are never written to the audit log or any message.
#include <sodium.h>

#include <ctime>

#include "codec/records.h"
#include "core/utf8.h"
#include "core/viet.h"
#include "ingest/ingest.h"
#include "service/service.h"

namespace dondoc::service {

using OJ = nlohmann::ordered_json;

namespace {

bool sodium_ready() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

constexpr int kSessionHours = 12;
constexpr int kThrottleMinutes = 15;
constexpr int kMaxFailuresPerAccount = 5;
constexpr int kMaxFailuresPerAddress = 20;

// "2026-05-01T08:00:00Z" +/- seconds.
std::string shift(const std::string& iso, long seconds) {
  std::tm tm{};
  if (!strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return iso;
  std::time_t t = timegm(&tm) + seconds;
  std::tm out{};
  gmtime_r(&t, &out);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &out);
  return buf;
}

Status check_username(const std::string& name) {
  if (name.empty() || name.size() > 64)
    return make_error(ErrorCode::kInvalidInput, "tên tài khoản phải có từ 1 đến 64 ký tự");
  size_t len = 0;
  for (size_t i = 0; i < name.size(); i += len) {
    char32_t c = utf8::decode(name, i, &len);
    if (c == utf8::kInvalid || c < 0x21 || c == 0x7f)
      return make_error(ErrorCode::kInvalidInput, "tên tài khoản không được có khoảng trắng hay ký tự điều khiển");
  }
  return ok_status();
}

}  // namespace

Status check_password(const std::string& password) {
  if (password.size() < 8) return make_error(ErrorCode::kInvalidInput, "mật khẩu phải có ít nhất 8 ký tự");
  if (password.size() > 1024) return make_error(ErrorCode::kInvalidInput, "mật khẩu quá dài (tối đa 1024 byte)");
  if (utf8::count_invalid(password) != 0) return make_error(ErrorCode::kInvalidInput, "mật khẩu không phải văn bản UTF-8 hợp lệ");
  if (password.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error(ErrorCode::kInvalidInput, "mật khẩu không được chỉ có khoảng trắng");
  return ok_status();
}

Result<std::string> hash_password(const std::string& password) {
  if (!sodium_ready()) return make_error(ErrorCode::kInternal, "không khởi tạo được libsodium");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return make_error(ErrorCode::kInternal, "không đủ bộ nhớ để băm mật khẩu");
  return std::string(out);
}

bool verify_password(const std::string& hash, const std::string& password) {
  if (!sodium_ready() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token(size_t bytes) {
  sodium_ready();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string sha256_hex(std::string_view s) { return ingest::sha256_hex(s); }

Result<store::User> Service::add_user(const Actor& a, const std::string& name, Role role, const std::string& unit,
                                      const std::string& password) {
  if (auto s = require_admin(a); !s) return s.error();
  if (auto s = check_username(name); !s) return s.error();
  if (auto s = check_password(password); !s) return s.error();
  std::string unit_id;
  if (role == Role::kUnit) {
    if (unit.empty()) return make_error(ErrorCode::kInvalidInput, "tài khoản vai trò đơn vị cần --unit (mã hoặc tên đơn vị)");
    auto found = resolve_unit(unit);
    if (!found) return found.error();
    unit_id = *found;
    if (unit_id.empty())
      return make_error(ErrorCode::kNotFound, "không có đơn vị '" + unit + "' trong danh mục đơn vị");
  } else if (!unit.empty()) {
    return make_error(ErrorCode::kInvalidInput, "chỉ tài khoản vai trò đơn vị (unit) mới gắn với một đơn vị");
  }
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  store::User u{0, name, to_string(role), unit_id, *hash, clock_.now, clock_.now};
  store::User out;
  auto s = st_.atomically([&]() -> Status {
    auto added = st_.add_user(u);
    if (!added) return added.error();
    out = *added;
    return record(a, "user.add", "user", name, std::nullopt, codec::user_json(out));
  });
  if (!s) return s.error();
  return out;
}

Status Service::set_password(const Actor& a, const std::string& name, const std::string& password) {
  if (auto s = require_admin(a); !s) return s;
  if (auto s = check_password(password); !s) return s;
  auto u = st_.user(name);
  if (!u) return u.error();
  if (!*u) return make_error(ErrorCode::kNotFound, "không có tài khoản '" + name + "'");
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  store::User changed = **u;
  changed.password_hash = *hash;
  changed.updated_at = clock_.now;
  return st_.atomically([&]() -> Status {
    if (auto s = st_.update_user(changed); !s) return s;
    // Every session of the account ends: whoever knew the old password is signed out.
    if (auto s = st_.remove_sessions(changed.id); !s) return s;
    return record(a, "user.passwd", "user", changed.username, std::nullopt, OJ{{"password", "đã đổi"}});
  });
}

Status Service::remove_user(const Actor& a, const std::string& name) {
  if (auto s = require_admin(a); !s) return s;
  auto u = st_.user(name);
  if (!u) return u.error();
  if (!*u) return make_error(ErrorCode::kNotFound, "không có tài khoản '" + name + "'");
  return st_.atomically([&]() -> Status {
    if (auto s = st_.remove_user((*u)->id); !s) return s;
    return record(a, "user.remove", "user", (*u)->username, codec::user_json(**u), std::nullopt);
  });
}

Result<std::vector<store::User>> Service::users(const Actor& a) {
  if (auto s = require_admin(a); !s) return s.error();
  return st_.users();
}

Result<Service::Login> Service::login(const std::string& name, const std::string& password, const std::string& address) {
  auto u = st_.user(name);
  if (!u) return u.error();
  // What was typed as a name may be a password typed in the wrong box: it is written nowhere;
  // failures are counted under its hash, and the audit names only existing accounts.
  std::string since = shift(clock_.now, -60L * kThrottleMinutes);
  std::string user_key = "user:" + sha256_hex(viet::to_lower(name)), addr_key = "addr:" + address;
  auto attempt = [&](const char* action) {
    store::AuditEntry e;
    e.at = clock_.now;
    e.actor = *u ? (*u)->username : "(không có tài khoản)";
    e.role = *u ? (*u)->role : "";
    e.address = address;
    e.action = action;
    e.object_type = "user";
    e.object_id = *u ? (*u)->username : "";
    return st_.append_audit(e);
  };
  auto by_user = st_.login_failures(user_key, since);
  if (!by_user) return by_user.error();
  auto by_addr = st_.login_failures(addr_key, since);
  if (!by_addr) return by_addr.error();
  if (*by_user >= kMaxFailuresPerAccount || *by_addr >= kMaxFailuresPerAddress) {
    if (auto s = attempt("login.throttled"); !s) return s.error();
    return make_error(ErrorCode::kThrottled, "đăng nhập sai quá nhiều lần; hãy thử lại sau " +
                                                 std::to_string(kThrottleMinutes) + " phút");
  }
  // The same work whether or not the account exists, so timing does not tell.
  static const std::string dummy = *hash_password("dondoc-khong-co-tai-khoan");
  bool ok = *u ? verify_password((*u)->password_hash, password) : (verify_password(dummy, password), false);
  if (!ok) {
    auto s = st_.atomically([&]() -> Status {
      if (auto f = st_.add_login_failure(user_key, clock_.now); !f) return f;
      if (auto f = st_.add_login_failure(addr_key, clock_.now); !f) return f;
      return attempt("login.failed");
    });
    if (!s) return s.error();
    return make_error(ErrorCode::kUnauthorized, "sai tên đăng nhập hoặc mật khẩu");
  }
  Login out;
  out.user = **u;
  out.session_id = random_token(32);  // a new id at every login: no fixation
  out.csrf_token = random_token(24);
  store::Session session{sha256_hex(out.session_id), out.user.id, out.csrf_token, clock_.now,
                         shift(clock_.now, 3600L * kSessionHours)};
  Actor actor{out.user.username, role_from_string(out.user.role).value_or(Role::kUnit), out.user.unit_id, address};
  auto s = st_.atomically([&]() -> Status {
    if (auto c = st_.clear_login_failures(user_key); !c) return c;
    if (auto c = st_.add_session(session); !c) return c;
    return record(actor, "login", "user", out.user.username, std::nullopt, std::nullopt);
  });
  if (!s) return s.error();
  return out;
}

Status Service::logout(const std::string& session_id) {
  auto found = st_.session(sha256_hex(session_id), clock_.now);
  if (!found) return found.error();
  if (!*found) return ok_status();
  const store::User& u = (*found)->second;
  Actor actor{u.username, role_from_string(u.role).value_or(Role::kUnit), u.unit_id, ""};
  return st_.atomically([&]() -> Status {
    if (auto s = st_.remove_session(sha256_hex(session_id)); !s) return s;
    return record(actor, "logout", "user", u.username, std::nullopt, std::nullopt);
  });
}

Result<std::pair<Actor, std::string>> Service::authenticate(const std::string& session_id, const std::string& address) {
  if (session_id.empty()) return make_error(ErrorCode::kUnauthorized, "chưa đăng nhập");
  auto found = st_.session(sha256_hex(session_id), clock_.now);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorCode::kUnauthorized, "phiên đăng nhập đã hết hạn hoặc không hợp lệ; hãy đăng nhập lại");
  const auto& [session, u] = **found;
  Actor a{u.username, role_from_string(u.role).value_or(Role::kUnit), u.unit_id, address};
  return std::make_pair(std::move(a), session.csrf_token);
}

}  // namespace dondoc::service

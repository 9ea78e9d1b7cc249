// dondoc user add NAME --role admin|clerk|leader|unit [--unit UNIT] --password-stdin
// dondoc user list [--json] | user remove NAME | user passwd NAME --password-stdin
// Accounts of the web service. Passwords come from standard input only (a password on the
// command line shows in the process list and the shell history).
#include <cstdio>
#include <iostream>
#include <iterator>

#include "../command.h"
#include "../table.h"
#include "codec/records.h"
#include "commands.h"
#include "store_common.h"

namespace dondoc::cli {
namespace {

// The password as piped in; one trailing line break (echo, a file) is not part of it.
std::string read_password() {
  std::string s((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (!s.empty() && s.back() == '\n') s.pop_back();
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

}  // namespace

int cmd_user(int argc, char** argv) {
  CLI::App app{"Quản lý tài khoản giao diện web", "dondoc user"};
  app.require_subcommand(1);
  std::string db, name, role, unit;
  bool json = false, stdin_pw = false;
  add_db_option(app, db);
  auto* add = app.add_subcommand("add", "tạo tài khoản");
  add->add_option("name", name, "tên đăng nhập")->required();
  add->add_option("--role", role, "admin, clerk, leader hoặc unit")->required();
  add->add_option("--unit", unit, "đơn vị của tài khoản vai trò unit (mã hoặc tên trong danh mục)");
  add->add_flag("--password-stdin", stdin_pw, "đọc mật khẩu từ đầu vào chuẩn")->required();
  auto* list = app.add_subcommand("list", "liệt kê tài khoản");
  list->add_flag("--json", json, "mỗi tài khoản một dòng JSON");
  auto* remove = app.add_subcommand("remove", "xóa tài khoản");
  remove->add_option("name", name, "tên đăng nhập")->required();
  auto* passwd = app.add_subcommand("passwd", "đổi mật khẩu");
  passwd->add_option("name", name, "tên đăng nhập")->required();
  passwd->add_flag("--password-stdin", stdin_pw, "đọc mật khẩu từ đầu vào chuẩn")->required();
  for (auto* sub : {add, list, remove, passwd}) sub->add_option("--db", db, "kho dữ liệu (như dondoc --db)");
  if (int rc = parse_args(app, argc, argv); rc >= 0) return rc;
  std::optional<service::Role> r;
  if (add->parsed() && !(r = service::role_from_string(role))) {
    std::fprintf(stderr, "dondoc user: --role phải là admin, clerk, leader hoặc unit, nhận được '%s'\n", role.c_str());
    return kExitUsage;
  }
  auto st = open_store("user", db, {.create = add->parsed(), .read_only = list->parsed()});
  if (!st) return kExitBadInput;
  service::Service svc(*st, cli_clock(local_today()));
  const service::Actor me = service::Actor::local();
  if (add->parsed()) {
    auto u = svc.add_user(me, name, *r, unit, read_password());
    if (!u) {
      print_error("user", u.error());
      return kExitBadInput;
    }
    std::fprintf(stderr, "Đã tạo tài khoản %s (%s%s).\n", u->username.c_str(), service::role_label(*r),
                 u->unit_id.empty() ? "" : (", đơn vị " + u->unit_id).c_str());
    return kExitOk;
  }
  if (passwd->parsed() || remove->parsed()) {
    auto s = passwd->parsed() ? svc.set_password(me, name, read_password()) : svc.remove_user(me, name);
    if (!s) {
      print_error("user", s.error());
      return kExitBadInput;
    }
    std::fprintf(stderr, passwd->parsed() ? "Đã đổi mật khẩu của %s.\n" : "Đã xóa tài khoản %s.\n", name.c_str());
    return kExitOk;
  }
  auto users = svc.users(me);
  if (!users) {
    print_error("user", users.error());
    return kExitBadInput;
  }
  if (json) {
    for (const auto& u : *users) print_json_line(codec::user_json(u));
    return kExitOk;
  }
  if (users->empty()) {
    std::printf("Chưa có tài khoản nào.\n");
    return kExitOk;
  }
  TextTable t({"Tên đăng nhập", "Vai trò", "Đơn vị", "Tạo lúc"}, {24, 12, 24, 20});
  for (const auto& u : *users) {
    auto role_of = service::role_from_string(u.role);
    t.add({u.username, role_of ? service::role_label(*role_of) : u.role, u.unit_id.empty() ? "-" : u.unit_id, u.created_at});
  }
  t.print(stdout);
  return kExitOk;
}

}  // namespace dondoc::cli

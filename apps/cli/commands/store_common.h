#pragma once
// Helpers shared by the commands that use the store: --db, --as-of, opening with a clear error,
// the local clock (read here, never in the libraries), and Vietnamese labels.
#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/date.h"
#include "service/service.h"
#include "store/store.h"

namespace dondoc::cli {

// $DONDOC_DB, else dondoc.db in the current folder.
std::string default_db();
void add_db_option(CLI::App& app, std::string& db);
void add_as_of_option(CLI::App& app, std::string& as_of);

// Parses argv; returns -1 to go on, else the exit status (help: 0, bad usage: 2).
int parse_args(CLI::App& app, int argc, char** argv);

// Opens the store (seeding the unit directory once) or prints "dondoc CMD: <why>" and returns null.
std::unique_ptr<store::Store> open_store(const char* cmd, const std::string& db, const store::OpenOptions& opts);

// --as-of (YYYY-MM-DD), else the local date; nullopt after printing a usage error.
std::optional<Date> as_of_or_today(const char* cmd, const std::string& as_of);
// A YYYY-MM-DD option value; nullopt after printing a usage error naming the option.
std::optional<Date> parse_date_option(const char* cmd, const char* option, const std::string& value);

Date local_today();
// The service's clock for a command: "today" is --as-of (or the local date), "now" the UTC time.
service::Clock cli_clock(const Date& today);
// "dondoc CMD: <why>" on stderr.
void print_error(const char* cmd, const Error& e);
std::string local_now_iso();  // "2026-05-01T08:00:00"

// "ID" or "#ID" -> the id; a document number ("1275-CV/ĐUK") -> the stored document with it.
// Prints why on failure (not found: exit 1; several with that number: exit 1, listed).
std::optional<int64_t> resolve_document(const char* cmd, store::Store& s, const std::string& ref);

const char* status_label(store::TaskStatus s);  // "đang thực hiện", ...
std::optional<store::TaskStatus> parse_status(std::string_view s);  // English or Vietnamese
std::string join_names(const std::vector<std::string>& v);
void print_json_line(const nlohmann::ordered_json& j);
bool stdout_is_terminal();
bool stderr_is_terminal();

}  // namespace dondoc::cli

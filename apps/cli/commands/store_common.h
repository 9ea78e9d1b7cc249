#pragma once
// Helpers shared by the commands that use the store: --db, --as-of, opening with a clear error,
// the local clock (read here, never in the libraries), and Vietnamese labels.
#include <CLI/CLI.hpp>
#include <functional>
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

// Parses argv; returns -1 to go on, else the exit status (help: 0, bad usage: 2). Usage errors
// are printed in Vietnamese ("dondoc task: ..."); an option given an empty value ("--as-of ''")
// is one: it never silently means "not given".
int parse_args(CLI::App& app, int argc, char** argv);

// A whole-number option (or positional) read as decimal and range-checked: "010" is ten; "0x10",
// "1e3", values outside [min, max] are usage errors naming the option.
CLI::Option* add_number_option(CLI::App& app, const std::string& name, std::function<void(int64_t)> set,
                               const std::string& help, int64_t min, int64_t max);
template <typename T>
CLI::Option* add_number_option(CLI::App& app, const std::string& name, T& value, const std::string& help, int64_t min,
                               int64_t max) {
  return add_number_option(app, name, [&value](int64_t v) { value = static_cast<T>(v); }, help, min, max);
}

// --ocr-seconds and --ocr-megapixels: the OCR budget of one document (ReaderContext).
void add_ocr_budget_options(CLI::App& app, ingest::ReaderContext& ctx);

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
// Writes bytes to stdout and flushes; an error (disk full behind "> file") is returned.
Status write_stdout(std::string_view bytes);
bool stdout_is_terminal();
bool stderr_is_terminal();

}  // namespace dondoc::cli

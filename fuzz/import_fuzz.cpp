// Fuzz target: `dondoc import` of a JSON Lines export into an empty store in memory. Hostile or
// damaged lines must give an error naming the line and the field, never an exception (a type
// error once escaped as json.exception.type_error.302, exit 3) and never a silent default.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "store/store.h"
#include "track/track.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto st = dondoc::store::open(":memory:", {.create = true});
  if (!st) std::abort();
  std::string bytes(reinterpret_cast<const char*>(data), size);
  FILE* in = fmemopen(bytes.data(), bytes.size() ? bytes.size() : 1, "r");
  if (!in) return 0;
  auto n = dondoc::track::import_jsonl(**st, in);  // an exception here ends the run: a finding
  std::fclose(in);
  if (!n && n.error().message.empty()) __builtin_trap();
  // All or nothing: a refused import leaves the store empty.
  if (!n && *(*st)->count_documents() != 0) __builtin_trap();
  return 0;
}

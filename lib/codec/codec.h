#pragma once
// codec: the one home of the JSON wire format of documents (extraction.md) and tasks.
//
//   nlohmann::ordered_json j = codec::to_json(doc, {.spans = true});
//   Result<Document> back = codec::document_from_json(j);
#include <functional>
#include <nlohmann/json.hpp>

#include "core/document.h"
#include "core/result.h"

namespace dondoc::codec {

struct JsonOptions {
  bool spans = true;                      // include "spans" / "span" extra keys
  std::function<Span(Span)> map_span;     // maps spans (e.g. to file bytes); identity when empty
};

nlohmann::ordered_json to_json(const Document& doc, const JsonOptions& opts = {});
nlohmann::ordered_json to_json(const Citation& c, const JsonOptions& opts = {});
nlohmann::ordered_json to_json(const Task& t, const JsonOptions& opts = {});
nlohmann::ordered_json to_json(const Deadline& d, const JsonOptions& opts = {});

// A document as one line of JSON text (no newline): the members `first` (strings, in order),
// then to_json(d, opts)'s, byte for byte what dumping that object prints (dump(-1), invalid
// UTF-8 replaced), written without building it.
std::string document_json_line(const std::vector<std::pair<std::string, std::string>>& first, const Document& d,
                               const JsonOptions& opts = {});

Result<Document> document_from_json(const nlohmann::json& j);
Result<Task> task_from_json(const nlohmann::json& j);
Result<Deadline> deadline_from_json(const nlohmann::json& j);

}  // namespace dondoc::codec

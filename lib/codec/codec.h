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

Result<Document> document_from_json(const nlohmann::json& j);
Result<Task> task_from_json(const nlohmann::json& j);
Result<Deadline> deadline_from_json(const nlohmann::json& j);

}  // namespace dondoc::codec

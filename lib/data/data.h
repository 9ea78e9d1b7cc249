#pragma once
// The project's rule tables (data/rules/*.tsv), compiled into the binary so that dondoc runs
// without a data folder. Paths are relative to data/: data::file("rules/doc_types.tsv").
#include <string>
#include <string_view>
#include <vector>

namespace dondoc::data {
std::string_view file(std::string_view rel);  // "" when there is no such file
std::vector<std::string> files();
}  // namespace dondoc::data

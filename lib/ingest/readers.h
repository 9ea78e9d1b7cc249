#pragma once
// Constructors of the built-in readers, listed by registry.cpp. Internal to ingest.
#include <memory>

#include "ingest/ingest.h"

namespace dondoc::ingest {
std::unique_ptr<Reader> make_text_reader();
}  // namespace dondoc::ingest

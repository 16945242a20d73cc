#pragma once

#include <filesystem>

#include "sgw/explain/entry_paths.h"

namespace sgw::test {

// The explanation `explain` gives for the Kafka strimzi/gateway-api-test of the objects in a
// folder, after the mutating webhook has run on them (as `explain --state-dir` sees them).
explain::Explanation explainFolder(const std::filesystem::path& folder);
// The same for the seed (examples/).
explain::Explanation seedExplanation();

} // namespace sgw::test

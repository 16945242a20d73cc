#pragma once

#include <chrono>
#include <functional>

namespace sgw::test {

// Polls `condition` every few milliseconds until it holds or `timeout` passes, and says whether
// it held. The default is generous so that a loaded machine slows a test down instead of
// failing it; a condition that never holds still fails.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(10));

} // namespace sgw::test

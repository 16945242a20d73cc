#pragma once

#include <cstddef>
#include <string_view>

namespace sgw {

// Deepest nesting of arrays and objects in a JSON text, brackets inside strings not counted. A
// reader checks it before building a DOM, so no walk over a hostile document exhausts the stack.
std::size_t jsonNestingDepth(std::string_view text);

} // namespace sgw

#pragma once

#include <cstdint>

namespace sgw {

// What an admission request does to its object, as the API server's AdmissionRequest names it.
// The values are bits, so a rule can name the set of operations it judges.
enum class Operation : std::uint8_t { Create = 1, Update = 2, Delete = 4, Connect = 8 };

} // namespace sgw

#include "sgw/core/json_text.h"

#include <nlohmann/json.hpp>

namespace sgw {

std::string jsonQuoted(std::string_view text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace sgw

#include "sgw/core/json_text.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace sgw {

namespace {

// Printable ASCII other than `"` and `\` stands in a JSON string as it is.
bool standsAsItIs(char c) {
  return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
}

} // namespace

std::string jsonQuoted(std::string_view text) {
  // Names, hosts and messages are nearly always plain ASCII: quote them without building a JSON
  // value, which copies the text and runs nlohmann's UTF-8 decoder over it.
  if (std::all_of(text.begin(), text.end(), standsAsItIs)) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    out += text;
    out += '"';
    return out;
  }
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace sgw

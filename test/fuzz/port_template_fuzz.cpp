// Any text as a listener's `advertisedPortTemplate`: rendered for node IDs at the edges of the
// range. The result is a number or a reason; the number is always a Java int (the port range is
// checked by the rule that reads it).

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sgw/strimzi/port_template.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sgw::strimzi;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const std::int64_t id : {std::int64_t{0}, std::int64_t{7}, std::int64_t{-3},
                                std::int64_t{2147483647}, INT64_MAX, INT64_MIN}) {
    const auto rendered = renderPortTemplate(text, sgw::model::NodeId{id});
    if (const auto* port = std::get_if<std::int64_t>(&rendered)) {
      if (*port < INT32_MIN || *port > INT32_MAX) {
        std::abort();
      }
    } else if (std::get<std::string>(rendered).empty()) {
      std::abort();
    }
  }
  return 0;
}

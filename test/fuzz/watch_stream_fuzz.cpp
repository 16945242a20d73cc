// Any bytes as the body of a WATCH response. Fed whole and fed in pieces (of a size the first
// byte chooses, as TLS records and HTTP chunks would cut it), the decoder must give the same
// events and the same verdict: where a piece ends never changes what is read.

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sgw/kube/watch_stream.h"

namespace {

using sgw::kube::WatchEvent;
using sgw::kube::WatchStreamDecoder;

// Small enough that the fuzzer reaches the limit.
constexpr std::size_t kMaxEventBytes = 4096;

struct Decoded {
  std::vector<std::string> events; // type and object, printed
  bool failed = false;
};

Decoded decode(std::string_view body, std::size_t pieceSize) {
  Decoded out;
  WatchStreamDecoder decoder(kMaxEventBytes);
  const auto onEvent = [&](WatchEvent&& event) {
    out.events.push_back(std::string(sgw::kube::toString(event.type)) + " " + event.object.dump());
    return true;
  };
  for (std::size_t at = 0; at < body.size() && !out.failed; at += pieceSize) {
    out.failed = decoder.feed(body.substr(at, pieceSize), onEvent).has_value();
  }
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t pieceSize = 1 + data[0] % 64;
  const auto whole = decode(body, body.size() + 1);
  const auto pieces = decode(body, pieceSize);
  if (whole.failed != pieces.failed || whole.events != pieces.events) {
    std::abort();
  }
  return 0;
}

#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace sgw::kube {

// One event of a WATCH response (`{"type": ..., "object": {...}}`).
struct WatchEvent {
  enum class Type { Added, Modified, Deleted, Bookmark, Error };
  Type type = Type::Added;
  nlohmann::json object;
};

std::string_view toString(WatchEvent::Type type);

// Parses one line of a WATCH response. The error says what is wrong, never echoing the line
// (it may hold Secret data).
std::variant<WatchEvent, std::string> parseWatchEvent(std::string_view line);

// Cuts a WATCH response body into events as it arrives. The API server writes one JSON object
// per line, but the pieces a reader gets follow TLS records and HTTP chunks, not lines: a piece
// may hold several events or end inside one, so the unfinished tail is kept until the rest
// arrives. A line longer than `maxEventBytes` is refused instead of being buffered without
// bound. Not thread-safe: one decoder per stream.
class WatchStreamDecoder {
public:
  explicit WatchStreamDecoder(std::size_t maxEventBytes);

  // Calls `onEvent` for each complete event in `bytes`, in order, until it returns false.
  // Returns the reason when a line is not an event or is too long; the stream is then unusable.
  std::optional<std::string> feed(std::string_view bytes,
                                  const std::function<bool(WatchEvent&&)>& onEvent);
  // Bytes of an unfinished event held back.
  std::size_t pending() const { return partial_.size(); }

private:
  std::size_t maxEventBytes_;
  std::string partial_;
  bool stopped_ = false;
};

} // namespace sgw::kube

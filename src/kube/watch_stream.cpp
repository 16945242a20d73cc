#include "sgw/kube/watch_stream.h"

namespace sgw::kube {

namespace {

std::optional<WatchEvent::Type> eventType(std::string_view name) {
  if (name == "ADDED") {
    return WatchEvent::Type::Added;
  }
  if (name == "MODIFIED") {
    return WatchEvent::Type::Modified;
  }
  if (name == "DELETED") {
    return WatchEvent::Type::Deleted;
  }
  if (name == "BOOKMARK") {
    return WatchEvent::Type::Bookmark;
  }
  if (name == "ERROR") {
    return WatchEvent::Type::Error;
  }
  return std::nullopt;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

} // namespace

std::string_view toString(WatchEvent::Type type) {
  switch (type) {
  case WatchEvent::Type::Added:
    return "ADDED";
  case WatchEvent::Type::Modified:
    return "MODIFIED";
  case WatchEvent::Type::Deleted:
    return "DELETED";
  case WatchEvent::Type::Bookmark:
    return "BOOKMARK";
  case WatchEvent::Type::Error:
    return "ERROR";
  }
  return "UNKNOWN";
}

std::variant<WatchEvent, std::string> parseWatchEvent(std::string_view line) {
  auto parsed = nlohmann::json::parse(line, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return std::string("watch event is not a JSON object");
  }
  const auto type = parsed.find("type");
  if (type == parsed.end() || !type->is_string()) {
    return std::string("watch event has no type");
  }
  const auto known = eventType(type->get_ref<const std::string&>());
  if (!known) {
    return "watch event has the unknown type \"" + type->get<std::string>() + "\"";
  }
  auto object = parsed.find("object");
  if (object == parsed.end() || !object->is_object()) {
    return "watch event " + type->get<std::string>() + " has no object";
  }
  return WatchEvent{*known, std::move(*object)};
}

WatchStreamDecoder::WatchStreamDecoder(std::size_t maxEventBytes) : maxEventBytes_(maxEventBytes) {}

std::optional<std::string>
WatchStreamDecoder::feed(std::string_view bytes, const std::function<bool(WatchEvent&&)>& onEvent) {
  while (!bytes.empty() && !stopped_) {
    const auto newline = bytes.find('\n');
    const auto piece = bytes.substr(0, newline);
    if (partial_.size() + piece.size() > maxEventBytes_) {
      stopped_ = true;
      partial_.clear();
      return "watch event longer than " + std::to_string(maxEventBytes_) + " bytes";
    }
    if (newline == std::string_view::npos) {
      partial_.append(piece);
      return std::nullopt;
    }
    bytes.remove_prefix(newline + 1);
    std::string_view line = piece;
    if (!partial_.empty()) {
      partial_.append(piece);
      line = partial_;
    }
    if (!blank(line)) {
      auto event = parseWatchEvent(line);
      if (auto* error = std::get_if<std::string>(&event)) {
        stopped_ = true;
        partial_.clear();
        return *error;
      }
      if (!onEvent(std::move(std::get<WatchEvent>(event)))) {
        stopped_ = true;
      }
    }
    partial_.clear();
  }
  return std::nullopt;
}

} // namespace sgw::kube

#include "sgw/core/field_path.h"

#include <charconv>

namespace sgw {

FieldPath FieldPath::root(std::string_view name) {
  // Room for the chain that nearly always follows (`spec.kafka.listeners[0].configuration` is
  // five elements, a broker's host three more), which would otherwise reallocate at 2, 4 and 8.
  FieldPath path;
  path.elements_.reserve(8);
  return std::move(path).child(name);
}

FieldPath FieldPath::parse(std::string_view printed) {
  FieldPath path;
  std::size_t pos = 0;
  while (pos < printed.size()) {
    if (printed[pos] == '.') {
      ++pos;
      continue;
    }
    if (printed[pos] == '[') {
      const auto close = printed.find(']', pos);
      const auto inner = printed.substr(
          pos + 1, close == std::string_view::npos ? std::string_view::npos : close - pos - 1);
      std::size_t position = 0;
      const auto* first = inner.data();
      const auto* last = inner.data() + inner.size();
      const auto result = std::from_chars(first, last, position);
      if (!inner.empty() && result.ec == std::errc{} && result.ptr == last) {
        path = path.index(position);
      } else {
        path = path.key(inner);
      }
      pos = close == std::string_view::npos ? printed.size() : close + 1;
      continue;
    }
    const auto end = printed.find_first_of(".[", pos);
    path = path.child(
        printed.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    pos = end == std::string_view::npos ? printed.size() : end;
  }
  return path;
}

FieldPath FieldPath::with(Element element) const {
  // One allocation per path: rules build a path per broker, and an object may list 100 000. The
  // room for two more elements is for the chains that follow (`.child("brokers").index(i)
  // .child("host")` would otherwise reallocate twice).
  FieldPath next;
  next.elements_.reserve(elements_.size() + 3);
  next.elements_.insert(next.elements_.end(), elements_.begin(), elements_.end());
  next.elements_.push_back(std::move(element));
  return next;
}

FieldPath FieldPath::child(std::string_view name) const& {
  return with({ElementKind::Field, std::string(name), 0});
}

FieldPath FieldPath::index(std::size_t position) const& {
  return with({ElementKind::Index, {}, position});
}

FieldPath FieldPath::key(std::string_view mapKey) const& {
  return with({ElementKind::Key, std::string(mapKey), 0});
}

FieldPath FieldPath::child(std::string_view name) && {
  elements_.push_back({ElementKind::Field, std::string(name), 0});
  return std::move(*this);
}

FieldPath FieldPath::index(std::size_t position) && {
  elements_.push_back({ElementKind::Index, {}, position});
  return std::move(*this);
}

FieldPath FieldPath::key(std::string_view mapKey) && {
  elements_.push_back({ElementKind::Key, std::string(mapKey), 0});
  return std::move(*this);
}

std::string FieldPath::toString() const {
  std::string out;
  for (const auto& element : elements_) {
    switch (element.kind) {
    case ElementKind::Field:
      if (!out.empty()) {
        out += '.';
      }
      out += element.name;
      break;
    case ElementKind::Index:
      out += '[' + std::to_string(element.position) + ']';
      break;
    case ElementKind::Key:
      out += '[' + element.name + ']';
      break;
    }
  }
  return out;
}

std::string FieldPath::jsonPointer() const {
  std::string out;
  for (const auto& element : elements_) {
    out += '/';
    out += element.kind == ElementKind::Index ? std::to_string(element.position)
                                              : escapeJsonPointerToken(element.name);
  }
  return out;
}

std::string escapeJsonPointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (const char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

} // namespace sgw

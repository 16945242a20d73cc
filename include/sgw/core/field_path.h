#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sgw {

// A path to a field of a Kubernetes object, printed the way apimachinery's field.Path prints it:
// `spec.kafka.listeners[0].configuration.brokers[2].broker` and
// `metadata.annotations[strimzi.io/next-node-ids]`. Paths are values: every builder returns a
// new path, so a rule can hand a child path to a helper without sharing state.
class FieldPath {
public:
  FieldPath() = default;

  // A path whose first element is `name` (for example "spec").
  static FieldPath root(std::string_view name);
  // Parses the printed form back ("spec.kafka.listeners[0].name"); used by tests and by the
  // offline checker to find the source line of a field.
  static FieldPath parse(std::string_view printed);

  FieldPath child(std::string_view name) const&;
  FieldPath index(std::size_t position) const&;
  FieldPath key(std::string_view mapKey) const&;
  // On a temporary (`FieldPath::root("spec").child("kafka").index(0)`) the element is appended
  // in place: a chain costs one growing vector instead of a copy per step.
  FieldPath child(std::string_view name) &&;
  FieldPath index(std::size_t position) &&;
  FieldPath key(std::string_view mapKey) &&;

  bool empty() const { return elements_.empty(); }
  std::string toString() const;
  // The RFC 6901 pointer of the same field ("/spec/kafka/listeners/0"), with `~` and `/` escaped.
  std::string jsonPointer() const;

  bool operator==(const FieldPath&) const = default;

private:
  enum class ElementKind { Field, Index, Key };
  struct Element {
    ElementKind kind;
    std::string name;
    std::size_t position = 0;
    bool operator==(const Element&) const = default;
  };

  FieldPath with(Element element) const;

  std::vector<Element> elements_;
};

// Escapes one reference token of a JSON Pointer (RFC 6901): `~` becomes `~0`, `/` becomes `~1`.
std::string escapeJsonPointerToken(std::string_view token);

} // namespace sgw

#pragma once

#include <compare>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/core/json_value.h"

namespace sgw::model {

// The identity of a namespaced object. Cluster-scoped objects have an empty namespace.
struct ObjectKey {
  std::string namespace_;
  std::string name;

  auto operator<=>(const ObjectKey&) const = default;
  // "namespace/name", or "name" for cluster-scoped objects.
  std::string toString() const;
};

struct OwnerReference {
  std::string apiVersion;
  std::string kind;
  std::string name;
  bool controller = false;
};

// The metadata fields the rules read.
struct ObjectMeta {
  std::string name;
  std::string namespace_;
  std::string uid;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  std::vector<OwnerReference> ownerReferences;

  ObjectKey key() const { return {namespace_, name}; }
  std::optional<std::string> label(const std::string& name) const;
  std::optional<std::string> annotation(const std::string& name) const;
};

// Every model parser takes the namespace to assume when the object names none: a request for a
// namespaced object names it in `request.namespace`, and a manifest may leave it to the
// namespace it is applied in.
ObjectMeta parseObjectMeta(JsonValue object, const std::string& defaultNamespace,
                           FieldErrorList& errors);

} // namespace sgw::model

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/core/json_value.h"
#include "sgw/model/object_meta.h"

namespace sgw::model {

struct ReferenceGrantFrom {
  std::string group;
  std::string kind;
  std::string namespace_;
};

struct ReferenceGrantTo {
  std::string group;
  std::string kind;
  std::optional<std::string> name; // absent: every object of the kind in the namespace
};

// A Gateway API `ReferenceGrant`: lets objects of other namespaces refer to objects of its own.
struct ReferenceGrant {
  ObjectMeta metadata;
  std::vector<ReferenceGrantFrom> from;
  std::vector<ReferenceGrantTo> to;

  // True when this grant, living in the target's namespace, lets a `fromKind` of
  // `fromNamespace` refer to the target object.
  bool permits(const ReferenceGrantFrom& origin, const std::string& toGroup,
               const std::string& toKind, const std::string& toName) const;
};

ReferenceGrant parseReferenceGrant(JsonValue object, const std::string& defaultNamespace,
                                   FieldErrorList& errors);

} // namespace sgw::model

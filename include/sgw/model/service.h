#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/core/json_value.h"
#include "sgw/model/object_meta.h"

namespace sgw::model {

struct ServicePort {
  std::optional<std::string> name;
  std::int64_t port = 0;
};

// A core `Service`: a route backend must name one and one of its ports.
struct Service {
  ObjectMeta metadata;
  std::string type;
  std::vector<ServicePort> ports;

  bool hasPort(std::int64_t port) const;
};

Service parseService(JsonValue object, const std::string& defaultNamespace, FieldErrorList& errors);

} // namespace sgw::model

#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/model/object_meta.h"

namespace sgw::model {

struct GatewayListener {
  std::string name;
  std::optional<std::string> hostname;
  std::int64_t port = 0;
  std::string protocol;               // HTTP, HTTPS, TLS, TCP, UDP
  std::optional<std::string> tlsMode; // Terminate (the default when `tls` is set) or Passthrough
};

// A Gateway API `Gateway`: the listeners a TLSRoute attaches to.
struct Gateway {
  ObjectMeta metadata;
  std::string gatewayClassName;
  std::vector<GatewayListener> listeners;

  const GatewayListener* listener(const std::string& name) const;
};

Gateway parseGateway(const nlohmann::json& object, const std::string& defaultNamespace,
                     FieldErrorList& errors);

} // namespace sgw::model

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/core/json_value.h"
#include "sgw/model/object_meta.h"

namespace sgw::model {

class JsonFields;

// `spec.parentRefs[]` with the Gateway API defaults filled in: group gateway.networking.k8s.io,
// kind Gateway, the route's own namespace.
struct ParentReference {
  std::string group;
  std::string kind;
  std::string namespace_;
  std::string name;
  std::optional<std::string> sectionName;
  std::optional<std::int64_t> port;

  bool isGateway() const;
};

// Reads one parentRefs[] entry, filling in the defaults (`defaultNamespace`: the namespace of
// the route). Strimzi's `configuration.parentRefs` are read with this too.
ParentReference parseParentReference(const JsonFields& fields, const std::string& defaultNamespace);

// `spec.rules[].backendRefs[]` with the defaults filled in: core group, kind Service, the
// route's own namespace.
struct BackendReference {
  std::string group;
  std::string kind;
  std::string namespace_;
  std::string name;
  std::optional<std::int64_t> port;
  std::optional<std::int64_t> weight;

  bool isService() const { return group.empty() && kind == "Service"; }
  ObjectKey key() const { return {namespace_, name}; }
};

struct TlsRouteRule {
  std::vector<BackendReference> backendRefs;
};

// A Gateway API `TLSRoute` in any served version (v1alpha2, v1alpha3, v1).
struct TlsRoute {
  ObjectMeta metadata;
  std::string apiVersion;
  std::vector<std::string> hostnames;
  std::vector<ParentReference> parentRefs;
  std::vector<TlsRouteRule> rules;

  // True when a Kafka or KafkaNodePool owns the route (Strimzi made it for a listener).
  bool ownedByStrimzi() const;
};

TlsRoute parseTlsRoute(JsonValue object, const std::string& defaultNamespace,
                       FieldErrorList& errors);

} // namespace sgw::model

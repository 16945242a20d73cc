#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/core/json_value.h"
#include "sgw/model/label_selector.h"
#include "sgw/model/object_meta.h"

namespace sgw::model {

// `allowedRoutes.kinds[]` / a route's group and kind.
struct RouteGroupKind {
  std::string group; // defaults to gateway.networking.k8s.io
  std::string kind;
};

// `allowedRoutes.namespaces` of a listener, or `spec.allowedListeners.namespaces` of a Gateway.
// `from` holds the value as written, or the API default when absent (Same for routes, None for
// ListenerSets).
struct NamespacesFrom {
  std::string from;
  std::optional<LabelSelector> selector;
};

// A listener of a Gateway (`spec.listeners[]`) or of a ListenerSet (`spec.listeners[]`): both
// have the same fields.
struct GatewayListener {
  std::string name;
  std::optional<std::string> hostname;
  std::int64_t port = 0;
  std::string protocol;               // HTTP, HTTPS, TLS, TCP, UDP
  std::optional<std::string> tlsMode; // Terminate (the default when `tls` is set) or Passthrough
  NamespacesFrom allowedNamespaces{"Same", std::nullopt};
  // Empty: the kinds of the listener's protocol.
  std::vector<RouteGroupKind> allowedKinds;
};

// A Gateway API `Gateway`: the listeners a TLSRoute attaches to.
struct Gateway {
  ObjectMeta metadata;
  std::string gatewayClassName;
  std::vector<GatewayListener> listeners;
  // `spec.allowedListeners.namespaces`: which ListenerSets may attach (default: none).
  NamespacesFrom allowedListeners{"None", std::nullopt};

  const GatewayListener* listener(const std::string& name) const;
};

// A Gateway API `ListenerSet` (gateway.networking.k8s.io/v1 since Gateway API 1.5): more
// listeners for a Gateway, which routes name as their parent.
struct ListenerSet {
  ObjectMeta metadata;
  // `spec.parentRef`, with the defaults filled in: group gateway.networking.k8s.io, kind Gateway,
  // the ListenerSet's own namespace.
  std::string parentGroup;
  std::string parentKind;
  ObjectKey parent;
  std::vector<GatewayListener> listeners;

  const GatewayListener* listener(const std::string& name) const;
};

// A `Namespace`: its labels decide `from: Selector`. Cluster-scoped, so its key has an empty
// namespace.
struct Namespace {
  ObjectMeta metadata;
};

Gateway parseGateway(JsonValue object, const std::string& defaultNamespace, FieldErrorList& errors);
ListenerSet parseListenerSet(JsonValue object, const std::string& defaultNamespace,
                             FieldErrorList& errors);
// Adds the `kubernetes.io/metadata.name` label the API server puts on every Namespace, so a
// selector on it matches a Namespace read from a manifest too.
Namespace parseNamespace(JsonValue object, const std::string& defaultNamespace,
                         FieldErrorList& errors);

} // namespace sgw::model

#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sgw/model/kafka.h"
#include "sgw/model/tls_route.h"
#include "sgw/strimzi/node_assignment.h"

namespace sgw::strimzi {

// The port Strimzi advertises for a `tlsroute` listener unless told otherwise: clients reach the
// brokers through the Gateway's TLS port (KafkaCluster.TLSROUTE_PORT).
inline constexpr std::int64_t kTlsRouteAdvertisedPort = 443;

// One TLSRoute the operator creates for a `tlsroute` listener: the bootstrap route, or the route
// of one broker node.
struct OperatorTlsRoute {
  std::string name;                    // the TLSRoute's name, in the Kafka's namespace
  std::optional<model::NodeId> broker; // empty for the bootstrap route
  std::string pool;                    // the pool of `broker`; empty for the bootstrap route
  std::string ownerKind;               // "Kafka" (bootstrap) or "KafkaNodePool" (per broker)
  // `spec.hostnames[0]`: bootstrap.host, or the broker's brokers[].host / rendered hostTemplate.
  // Empty when the listener does not set it (Strimzi then refuses the listener).
  std::optional<std::string> hostname;
  std::string service;          // the backend Service
  std::int64_t servicePort = 0; // the backend port: the listener port
  // Brokers only: what the broker advertises to clients. The host is brokers[].advertisedHost or
  // the rendered advertisedHostTemplate, else the route hostname; the port is the broker's
  // advertisedPort or rendered advertisedPortTemplate, else 443. The port is empty when the
  // template cannot be evaluated.
  std::optional<std::string> advertisedHost;
  std::optional<std::int64_t> advertisedPort;
};

// What the operator will create for one `type: tlsroute` listener (Strimzi 1.1+): the TLSRoutes
// all attach to `parentRefs`; one bootstrap route to the bootstrap Service, and one route per
// broker node to its per-broker Service (KafkaCluster.generateExternal*TlsRoutes). Pure: the
// Gateway-side checks judge these routes as if they had been applied.
struct TlsRouteListener {
  std::size_t listenerIndex = 0;
  std::string namespace_; // every route's namespace: the Kafka's
  std::vector<model::ParentReference> parentRefs;
  OperatorTlsRoute bootstrap;
  std::vector<OperatorTlsRoute> brokers; // pool by pool, node IDs in ascending order
};

// True for listeners whose TLSRoutes the operator makes (`type: tlsroute`).
bool isTlsRouteListener(const model::KafkaListener& listener);

// The routes, Services and advertised addresses of `kafka.listeners[listenerIndex]`, which must
// be a tlsroute listener, for the broker nodes in `nodes`.
TlsRouteListener tlsRouteListener(const model::Kafka& kafka, std::size_t listenerIndex,
                                  const ClusterNodes& nodes);

// Strimzi's per-broker lookup (ListenersUtils.brokerHost): the first brokers[] entry for the node
// that sets `host` (even to an empty string), else the rendered hostTemplate, else nothing.
std::optional<std::string> tlsRouteBrokerHost(const std::string& cluster,
                                              const model::KafkaListener& listener,
                                              const std::string& pool, model::NodeId id);

} // namespace sgw::strimzi

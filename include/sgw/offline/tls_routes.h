#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sgw/cluster/cluster_snapshot.h"
#include "sgw/model/object_meta.h"

namespace sgw::offline {

// The TLSRoute versions the generator writes: every version the webhook reads.
inline constexpr std::array<std::string_view, 3> kTlsRouteVersions{"v1alpha2", "v1alpha3", "v1"};
// The version written unless told otherwise: Gateway API 1.5+ serves TLSRoute as v1 only, so
// kubectl refuses a v1alpha2 route there; older clusters need --api-version v1alpha2.
inline constexpr std::string_view kDefaultTlsRouteVersion = "v1";

// Which routes to make: the listener of a Kafka, attached to a Gateway.
struct TlsRouteRequest {
  model::ObjectKey kafka;
  model::ObjectKey gateway; // an empty namespace means the Kafka's
  std::optional<std::string> sectionName;
  // Empty: the only listener whose brokers advertise hosts of their own (brokers[].advertisedHost
  // or advertisedHostTemplate).
  std::optional<std::string> listener;
  // Empty: the listener's bootstrap.host, else its first bootstrap.alternativeNames entry, else
  // the brokers' hostname pattern with the node's label replaced by `bootstrap`.
  std::optional<std::string> bootstrapHost;
  // TLSRoute is served only as v1 since Gateway API 1.5 (v1alpha2 before 1.4).
  std::string version{kDefaultTlsRouteVersion};
};

struct GeneratedTlsRoutes {
  std::string listener; // the listener the routes are for
  // One route per broker node, in node ID order, named `<cluster>-<pool>-<nodeId>`, for the host
  // the broker advertises, to its per-broker Service; then `<cluster>-bootstrap` to the
  // bootstrap Service. All in the Kafka's namespace, on the listener port.
  std::vector<nlohmann::json> routes;
};

// The TLSRoutes that expose one listener of a Kafka through a Gateway, replacing the per-broker
// routes users otherwise write by hand. Node IDs are predicted as the rules predict them
// (strimzi::clusterNodes), so the routes match the cluster after the operator's next reconcile.
// Fails with a message saying what to change when the routes cannot be made: no such Kafka or
// listener, several candidate listeners, a broker without an advertised host, a hostname a
// TLSRoute cannot carry, or no way to tell the bootstrap hostname. A `tlsroute` listener gets
// no routes either: Strimzi creates them itself, and the message names them.
std::variant<GeneratedTlsRoutes, std::string>
generateTlsRoutes(const cluster::ClusterSnapshot& snapshot, const TlsRouteRequest& request);

// The bootstrap hostname a broker hostname pattern implies: the label holding `{nodeId}` or
// `{nodePodName}` replaced by `bootstrap` (`broker-{nodeId}.example.com` gives
// `bootstrap.example.com`); nothing when the pattern names no node or names it twice.
std::optional<std::string> bootstrapHostFromPattern(std::string_view pattern);

} // namespace sgw::offline

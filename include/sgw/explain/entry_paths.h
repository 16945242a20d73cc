#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sgw/cluster/cluster_snapshot.h"
#include "sgw/model/kind.h"
#include "sgw/model/node_id.h"
#include "sgw/model/object_meta.h"
#include "sgw/rules/finding.h"

namespace sgw::explain {

// The id of the findings `explain` raises itself, for a link no rule speaks for (a broker
// hostname no TLSRoute carries, a route that names no Gateway).
inline constexpr const char* kExplainRuleId = "explain";

// The links of the chain a client follows, in order: client -> Gateway listener -> TLSRoute ->
// Service -> node. A finding breaks one of them; pictures mark that edge.
enum class Link {
  ClientToListener, // the host and port the client is given, and the certificate it checks
  ListenerToRoute,  // a Gateway (or ListenerSet) listener takes a TLSRoute for the host
  RouteToService,   // the route's backend Service
  ServiceToNode,    // the node behind the Service
};

std::string_view linkName(Link link);

// One finding on a path, with the object it is about ("TLSRoute strimzi/x": a denial of that
// object's review) and the link it breaks.
struct PathFinding {
  rules::Finding finding;
  model::Kind kind = model::Kind::Kafka;
  model::ObjectKey object;
  Link link = Link::ClientToListener;
};

enum class Coverage {
  Covered,
  NotCovered,
  NotChecked, // no host, or no certificate of the listener's own (Strimzi's CA signs the hosts)
};

// The Gateway or ListenerSet listener a route is taken by (or, when none takes it, the one it
// names, with `accepts` false).
struct ListenerLink {
  std::string kind; // "Gateway" or "ListenerSet"
  model::ObjectKey parent;
  std::string listener;
  std::int64_t port = 0;
  bool accepts = false;
};

struct RouteLink {
  model::ObjectKey key;
  bool createdByStrimzi = false; // a route the operator makes for a tlsroute listener
};

struct ServiceLink {
  model::ObjectKey key;
  std::optional<std::int64_t> port; // the port the route uses
  bool exists = false;              // in the state now
  bool createdByStrimzi = false;    // one the operator makes for the listener
};

struct NodeLink {
  model::NodeId id;
  std::string pool;
};

// One way in for a client: the bootstrap address, or the address one broker advertises, and
// every hop from there to the node, with the findings that break it.
struct EntryPath {
  std::optional<model::NodeId> broker; // empty: the bootstrap entry
  std::optional<std::string> host;     // what the client connects to (and sends as SNI)
  std::optional<std::int64_t> port;
  Coverage certificate = Coverage::NotChecked;
  std::optional<ListenerLink> listener;
  std::optional<RouteLink> route;
  std::optional<ServiceLink> service;
  std::vector<NodeLink> nodes; // one broker; every broker for the bootstrap Service
  std::vector<PathFinding> findings;
  bool ok = false; // no denial, and every hop up to the Service is there

  // "bootstrap" or "broker 10".
  std::string entryName() const;
  // What the path's verdict says: its denials, or when it is broken without one, the warnings
  // that tell why. Empty when the path is ok.
  std::vector<const PathFinding*> verdictFindings() const;
  std::vector<const PathFinding*> warnings() const;
};

// Every entry point of one Kafka listener: the bootstrap first, then each broker node by ID.
struct Explanation {
  model::ObjectKey kafka;
  std::string listener;
  std::string listenerType;
  std::int64_t listenerPort = 0;
  std::vector<EntryPath> paths;
  // Findings on the Kafka and its KafkaNodePools that concern no one path (another listener is
  // left out): a denial here is a denial of the cluster as written.
  std::vector<PathFinding> clusterFindings;

  bool ok() const;
};

struct ExplainRequest {
  model::ObjectKey kafka;
  // Empty: the only listener that goes through a Gateway (a tlsroute listener, or one some
  // TLSRoute leads to), else the only listener with Services of its own.
  std::optional<std::string> listener;
};

// Traces every entry point of a Kafka listener through the cluster of `snapshot`, and judges
// every object on the way with the webhook's rules (rules::validate, as on CREATE), so a path's
// verdict is the denial `kubectl apply` would print. Hand-made TLSRoutes are found by hostname;
// for a `type: tlsroute` listener the routes are those the operator will create. Fails with a
// message when there is no such Kafka or listener, or several listeners could be meant.
std::variant<Explanation, std::string> explain(const cluster::ClusterSnapshot& snapshot,
                                               const ExplainRequest& request,
                                               std::chrono::system_clock::time_point now);

} // namespace sgw::explain

#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sgw/cluster/cluster_view.h"
#include "sgw/model/gateway.h"
#include "sgw/model/kind.h"
#include "sgw/model/tls_route.h"

namespace sgw::gateway {

// A route as a parent sees it when deciding whether to accept it: its group and kind, its
// namespace and its hostnames. The route need not exist: the routes the Strimzi operator will
// make for a `type: tlsroute` listener, or those `routes` is about to print, are judged alike.
struct RouteToAttach {
  std::string group{model::kGatewayGroup};
  std::string kind = "TLSRoute";
  std::string namespace_;
  std::vector<std::string> hostnames; // empty: every hostname
};

// Why one listener does not accept the route.
enum class Reason {
  PortMismatch,        // parentRef.port is not the listener's port
  NotTls,              // protocol is not TLS
  NotPassthrough,      // TLS with tls.mode Terminate: Kafka clients would not see the broker
  KindNotAllowed,      // allowedRoutes.kinds (or the protocol's kinds) leave out the route's kind
  NamespaceNotAllowed, // allowedRoutes.namespaces leaves out the route's namespace
  HostnameMismatch,    // no route hostname intersects the listener's hostname
  // Of a ListenerSet parent: its Gateway does not take it (spec.allowedListeners), is missing, or
  // it names no Gateway.
  ListenerSetNotAllowed,
};

struct Refusal {
  Reason reason;
  std::string detail; // "listener kafka-listener of Gateway my-gateway allows ..."
  // False when the refusal depends on something the state does not hold (the labels of a
  // Namespace that is not in it): the listener may accept after all.
  bool certain = true;
};

// One listener the parentRef selects, with every reason it refuses the route (none: it accepts).
struct ListenerVerdict {
  const model::GatewayListener* listener = nullptr;
  std::vector<Refusal> refusals;

  bool accepts() const { return refusals.empty(); }
  bool refusedFor(Reason reason) const;
  // True when every refusal is one of `reasons` (or there are none).
  bool refusedOnlyFor(std::initializer_list<Reason> reasons) const;
  // True when some refusal is certain.
  bool certainlyRefuses() const;
  // Every refusal's detail, joined with "; ".
  std::string refusalDetails() const;
};

// How a route's parentRef fares with its parent.
struct ParentVerdict {
  enum class State {
    NotJudged,       // a parent kind other than Gateway and ListenerSet (a mesh Service, ...)
    NotFound,        // no such Gateway or ListenerSet in the state
    SectionNotFound, // sectionName names no listener of the parent
    Found,           // `candidates` holds the listeners the parentRef selects
  };
  State state = State::NotJudged;
  std::string parentKind;                  // "Gateway" or "ListenerSet"
  std::string owner;                       // "Gateway my-gateway", "ListenerSet kafka-listeners"
  const model::Gateway* gateway = nullptr; // the parent, or the ListenerSet's Gateway
  const model::ListenerSet* listenerSet = nullptr; // when the parent is a ListenerSet
  const std::vector<model::GatewayListener>* listeners = nullptr; // every listener of the parent
  // The listeners the parentRef selects: the one named by sectionName, else every listener of
  // the parent (a parentRef.port refuses those on other ports).
  std::vector<ListenerVerdict> candidates;
  // ListenerSet parent: why its Gateway does not take it (spec.allowedListeners), or that its
  // Gateway is missing (not certain then: the Gateway may come).
  std::optional<Refusal> listenerSetRefusal;

  // The parent exists, takes its listeners, and at least one candidate accepts the route.
  bool accepted() const;
  // The ports of the candidates that accept the route, sorted and unique.
  std::vector<std::int64_t> acceptingPorts() const;
};

// Judges one parentRef of a route as the Gateway API specifies (v1.6): sectionName and port
// select listeners; a listener accepts a route whose kind its allowedRoutes.kinds allow (by
// default the kinds of its protocol), whose namespace its allowedRoutes.namespaces allow (by
// default the listener owner's own), and with a hostname intersecting its own; a ListenerSet's
// listeners count only when its Gateway's spec.allowedListeners takes it. A Gateway parent
// offers its own listeners only, never those of its ListenerSets.
ParentVerdict judgeParent(const RouteToAttach& route, const model::ParentReference& parent,
                          const cluster::ClusterView& view);

// True when a route hostname and a listener hostname intersect: equal, or one is a wildcard
// (`*.example.com`, any number of labels in place of `*`) that covers the other.
bool hostnamesIntersect(std::string_view listenerHostname, std::string_view routeHostname);

// The route kinds a listener of this protocol accepts when allowedRoutes.kinds is empty.
const std::vector<model::RouteGroupKind>& defaultRouteKinds(std::string_view protocol);

// "listener kafka-listener of Gateway my-gateway".
std::string describeListener(const ParentVerdict& parent, const model::GatewayListener& listener);

} // namespace sgw::gateway

#include "sgw/rules/tls_route/route_broker_match.h"

#include <set>

#include "sgw/core/hostname.h"
#include "sgw/derived/route_backends.h"
#include "sgw/rules/message_lists.h"
#include "sgw/strimzi/listener_hosts.h"
#include "sgw/strimzi/resource_names.h"

namespace sgw::rules::tls_route {

namespace {

using model::NodeId;

// A hostname that leads to one broker (or the bootstrap) of one listener, with the Service a
// route for it must reach.
struct KnownHost {
  std::string host; // lower case
  const derived::KafkaCluster* cluster;
  std::size_t listenerIndex;
  std::optional<NodeId> broker; // empty: a bootstrap name
  std::string service;

  std::string describe() const {
    const auto& listener = cluster->kafka->listeners[listenerIndex].name;
    return broker.has_value()
               ? "is advertised by broker " + broker->toString() + " (listener " + listener + ")"
               : "is a bootstrap host of listener " + listener;
  }
};

std::vector<KnownHost> knownHosts(const derived::KafkaCluster& cluster) {
  std::vector<KnownHost> out;
  const auto& kafka = *cluster.kafka;
  for (std::size_t i = 0; i < kafka.listeners.size(); ++i) {
    const auto& listener = kafka.listeners[i];
    if (!strimzi::hasOwnServices(listener)) {
      continue;
    }
    for (const auto& host : strimzi::brokerHosts(kafka.metadata.name, listener, *cluster.nodes)) {
      const auto* pool = cluster.nodes->poolOf(*host.broker);
      const auto service = pool == nullptr
                               ? std::nullopt
                               : strimzi::perBrokerServiceName(kafka.metadata.name, pool->pool,
                                                               listener, *host.broker);
      if (service.has_value()) {
        out.push_back({lowerCaseHostname(host.host), &cluster, i, host.broker, *service});
      }
    }
    if (strimzi::createsBootstrapService(listener)) {
      for (const auto& host : strimzi::bootstrapHosts(listener)) {
        out.push_back({lowerCaseHostname(host.host), &cluster, i, std::nullopt,
                       strimzi::bootstrapServiceName(kafka.metadata.name, listener)});
      }
    }
  }
  return out;
}

void check(const Subject<model::TlsRoute>& subject, FindingSink& sink) {
  const auto& route = subject.object;
  const auto& backends = subject.derived.backendsOf(route);
  const auto& targets = backends.targets();
  std::vector<KnownHost> known;
  std::set<const derived::KafkaCluster*> seen;
  for (const auto& target : targets) {
    if (target.cluster != nullptr && seen.insert(target.cluster).second) {
      for (auto& host : knownHosts(*target.cluster)) {
        known.push_back(std::move(host));
      }
    }
  }
  if (known.empty()) {
    return;
  }

  std::vector<bool> reported(targets.size(), false);
  std::vector<bool> hostnameKnown(route.hostnames.size(), false);
  for (std::size_t i = 0; i < route.hostnames.size(); ++i) {
    const auto& hostname = route.hostnames[i];
    if (hostname.empty() || isWildcardHostname(hostname)) {
      continue;
    }
    const auto lower = lowerCaseHostname(hostname);
    const KnownHost* match = nullptr;
    for (const auto& candidate : known) {
      if (candidate.host == lower) {
        match = &candidate;
        break;
      }
    }
    if (match == nullptr) {
      continue;
    }
    hostnameKnown[i] = true;
    const auto& namespace_ = match->cluster->kafka->metadata.namespace_;
    for (std::size_t t = 0; t < targets.size(); ++t) {
      const auto& ref = *targets[t].ref;
      if (reported[t] || (ref.name == match->service && ref.namespace_ == namespace_)) {
        continue;
      }
      reported[t] = true;
      sink.deny(FieldError::invalid(targets[t].path().child("name"), ref.name,
                                    "spec.hostnames[" + std::to_string(i) + "] " + hostname + " " +
                                        match->describe() + "; route it to " + match->service));
    }
  }

  // One route, one broker: the Gateway balances over the backends of a route, so clients would
  // reach a random broker under one broker's name.
  const derived::BackendTarget* firstBroker = nullptr;
  bool spread = false;
  bool bootstrap = false;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const auto* service = targets[t].service;
    if (service == nullptr) {
      continue;
    }
    if (!service->broker.has_value()) {
      bootstrap = true;
      continue;
    }
    if (firstBroker == nullptr) {
      firstBroker = &targets[t];
      continue;
    }
    const auto* first = firstBroker->service;
    if (first->broker == service->broker && first->listenerIndex == service->listenerIndex &&
        firstBroker->cluster == targets[t].cluster) {
      continue;
    }
    spread = true;
    if (!reported[t]) {
      reported[t] = true;
      sink.deny(FieldError::invalid(
          targets[t].path().child("name"), targets[t].ref->name,
          "this route already leads to broker " + first->broker->toString() + " (" + first->name +
              "); a route must lead to one broker, as clients reach each broker by its own "
              "hostname"));
    }
  }

  // A route to one broker under a name that broker does not advertise is never used by clients.
  if (firstBroker == nullptr || spread || bootstrap) {
    return;
  }
  const auto broker = *firstBroker->service->broker;
  const auto listenerIndex = firstBroker->service->listenerIndex;
  std::vector<std::string> ownHosts;
  for (const auto& host : known) {
    if (host.cluster == firstBroker->cluster && host.listenerIndex == listenerIndex &&
        host.broker == std::optional(broker)) {
      ownHosts.push_back(host.host);
    }
  }
  if (ownHosts.empty()) {
    return;
  }
  for (std::size_t i = 0; i < route.hostnames.size(); ++i) {
    const auto& hostname = route.hostnames[i];
    if (hostnameKnown[i] || hostname.empty() || isWildcardHostname(hostname)) {
      continue;
    }
    sink.warn(FieldError::invalid(FieldPath::root("spec").child("hostnames").index(i), hostname,
                                  "broker " + broker.toString() + " advertises " +
                                      joinNames(ownHosts) +
                                      "; clients are never sent to this hostname"));
  }
}

} // namespace

const Rule<model::TlsRoute>& routeBrokerMatchRule() {
  static const Rule<model::TlsRoute> kRule{
      "route-broker-match",
      "A broker's hostname routes to that broker's Service, a bootstrap hostname to the "
      "bootstrap Service, and one route to one broker.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::tls_route

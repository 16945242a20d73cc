#include "sgw/rules/kafka/tlsroute_gateway.h"

#include <algorithm>
#include <set>

#include "sgw/gateway/route_acceptance.h"
#include "sgw/rules/kafka_fields.h"
#include "sgw/rules/message_lists.h"
#include "sgw/strimzi/broker_entry.h"
#include "sgw/strimzi/node_assignment.h"
#include "sgw/strimzi/tls_route_listener.h"

namespace sgw::rules::kafka {

namespace {

using gateway::ParentVerdict;
using gateway::Reason;

// A route the operator will create, with the field its hostname comes from.
struct PlannedRoute {
  const strimzi::OperatorTlsRoute* route;
  FieldPath hostPath;
};

// Where a broker's route hostname is written: its brokers[] entry with `host`, else
// hostTemplate.
FieldPath brokerHostPath(const model::KafkaListener& listener, std::size_t listenerIndex,
                         model::NodeId id) {
  const auto entry =
      strimzi::brokerEntrySetting(listener, id, &model::ListenerBrokerOverride::host);
  return entry.has_value() ? brokerEntryPath(listenerIndex, *entry, "host")
                           : listenerConfigurationPath(listenerIndex).child("hostTemplate");
}

// True when the only thing keeping a listener from the route is its hostname.
bool refusedForHostnameOnly(const ParentVerdict& verdict) {
  return std::any_of(verdict.candidates.begin(), verdict.candidates.end(), [](const auto& c) {
    return !c.accepts() && c.refusedOnlyFor({Reason::HostnameMismatch});
  });
}

// Why the parent takes none of the routes, whatever their hostnames: one finding on the
// parentRef. Returns false when the parent could take routes with the right hostnames.
bool reportParentRefusal(const ParentVerdict& verdict, const model::ParentReference& parent,
                         const FieldPath& path, const std::string& listenerName,
                         FindingSink& sink) {
  if (verdict.listenerSetRefusal.has_value()) {
    const auto& refusal = *verdict.listenerSetRefusal;
    auto error = FieldError::invalid(
        path.child("name"), parent.name,
        refusal.detail + (refusal.certain ? "; the ListenerSet is not accepted, so the TLSRoutes "
                                            "of listener " +
                                                listenerName + " would attach to nothing"
                                          : ""));
    sink.denyIfCertain(refusal.certain, std::move(error));
    return true;
  }
  if (refusedForHostnameOnly(verdict) ||
      std::any_of(verdict.candidates.begin(), verdict.candidates.end(),
                  [](const auto& c) { return c.accepts(); })) {
    return false;
  }
  bool certain = true;
  std::string detail;
  for (const auto& candidate : verdict.candidates) {
    certain = certain && candidate.certainlyRefuses();
    detail += (detail.empty() ? "" : "; ") + candidate.refusalDetails();
  }
  if (verdict.candidates.empty()) {
    detail = verdict.owner + " has no listener";
  }
  const auto field = parent.sectionName.has_value() ? path.child("sectionName") : path;
  auto error = FieldError::forbidden(
      field, detail + "; " + verdict.owner +
                 " would not accept the TLSRoutes Strimzi creates for "
                 "listener " +
                 listenerName +
                 " (they need a TLS listener with tls.mode Passthrough that allows "
                 "TLSRoutes from this namespace)");
  sink.denyIfCertain(certain, std::move(error));
  return true;
}

void checkParent(const model::Kafka& kafka, std::size_t listenerIndex,
                 const strimzi::TlsRouteListener& planned, const std::vector<PlannedRoute>& routes,
                 std::size_t parentIndex, const cluster::ClusterView& view, FindingSink& sink) {
  const auto& listener = kafka.listeners[listenerIndex];
  const auto& parent = planned.parentRefs[parentIndex];
  const auto path = listenerConfigurationPath(listenerIndex).child("parentRefs").index(parentIndex);
  const auto attach = [&](const std::optional<std::string>& hostname) {
    gateway::RouteToAttach route;
    route.namespace_ = planned.namespace_;
    if (hostname.has_value() && !hostname->empty()) {
      route.hostnames.push_back(*hostname);
    }
    return gateway::judgeParent(route, parent, view);
  };

  const auto first = attach(std::nullopt);
  switch (first.state) {
  case ParentVerdict::State::NotJudged:
    return;
  case ParentVerdict::State::NotFound:
    sink.warn(FieldError::notFound(path.child("name"), parent.name,
                                   "no " + parent.kind + " of this name in namespace " +
                                       parent.namespace_ + " yet; the TLSRoutes Strimzi creates " +
                                       "for listener " + listener.name +
                                       " stay unattached until it exists"));
    return;
  case ParentVerdict::State::SectionNotFound:
    sink.deny(FieldError::notFound(path.child("sectionName"), *parent.sectionName,
                                   first.owner + " has no such listener"));
    return;
  case ParentVerdict::State::Found:
    break;
  }
  if (reportParentRefusal(first, parent, path, listener.name, sink)) {
    return;
  }

  // The parent can take TLSRoutes from here: now each route with its own hostname.
  std::set<std::int64_t> portsWarned;
  for (const auto& plannedRoute : routes) {
    const auto& route = *plannedRoute.route;
    const auto verdict = attach(route.hostname);
    if (!verdict.accepted()) {
      std::vector<std::string> hostnames;
      for (const auto& candidate : verdict.candidates) {
        if (candidate.refusedOnlyFor({Reason::HostnameMismatch}) &&
            candidate.listener->hostname.has_value()) {
          hostnames.push_back(gateway::describeListener(verdict, *candidate.listener) + " takes " +
                              *candidate.listener->hostname);
        }
      }
      sink.deny(FieldError::invalid(
          plannedRoute.hostPath, route.hostname.value_or(""),
          "the TLSRoute " + route.name + " Strimzi creates for this host would not be accepted (" +
              joinNames(hostnames) + "); use a host that listener hostname covers"));
      continue;
    }
    if (!route.broker.has_value() || !route.advertisedPort.has_value()) {
      continue;
    }
    const auto ports = verdict.acceptingPorts();
    const auto advertised = *route.advertisedPort;
    if (std::find(ports.begin(), ports.end(), advertised) != ports.end() ||
        !portsWarned.insert(advertised).second) {
      continue;
    }
    std::string listeners;
    for (const auto& candidate : verdict.candidates) {
      if (candidate.accepts()) {
        listeners = gateway::describeListener(verdict, *candidate.listener) + " listens on " +
                    std::to_string(candidate.listener->port);
        break;
      }
    }
    // A broker's own advertisedPort, else advertisedPortTemplate (written or not: that is
    // where a fix goes).
    const auto entry = strimzi::brokerEntrySetting(listener, *route.broker,
                                                   &model::ListenerBrokerOverride::advertisedPort);
    const bool ownPort = entry.has_value();
    const auto portPath =
        ownPort ? brokerEntryPath(listenerIndex, *entry, "advertisedPort")
                : listenerConfigurationPath(listenerIndex).child("advertisedPortTemplate");
    const auto gatewayPort = std::to_string(ports.front());
    sink.warn(
        FieldError::invalid(portPath, advertised,
                            (ownPort ? "broker " + route.broker->toString() + " advertises "
                                     : std::string("brokers advertise ")) +
                                std::to_string(advertised) + ", but " + listeners + "; " +
                                (ownPort ? "set it to " + gatewayPort
                                         : "set advertisedPortTemplate: \"" + gatewayPort + "\"") +
                                " unless something in front maps the port"));
  }
}

void check(const Subject<model::Kafka>& subject, FindingSink& sink) {
  const auto& kafka = subject.object;
  for (std::size_t i = 0; i < kafka.listeners.size(); ++i) {
    const auto& listener = kafka.listeners[i];
    if (!strimzi::isTlsRouteListener(listener) || listener.configuration.parentRefs.empty()) {
      continue;
    }
    const auto planned = strimzi::tlsRouteListener(kafka, i, subject.derived.nodesOf(kafka));
    std::vector<PlannedRoute> routes;
    const auto configuration = listenerConfigurationPath(i);
    if (planned.bootstrap.hostname.has_value()) {
      routes.push_back({&planned.bootstrap, configuration.child("bootstrap").child("host")});
    }
    for (const auto& route : planned.brokers) {
      if (route.hostname.has_value() && route.broker.has_value()) {
        routes.push_back({&route, brokerHostPath(listener, i, *route.broker)});
      }
    }
    for (std::size_t j = 0; j < planned.parentRefs.size(); ++j) {
      if (!planned.parentRefs[j].name.empty()) {
        checkParent(kafka, i, planned, routes, j, subject.cluster, sink);
      }
    }
  }
}

} // namespace

const Rule<model::Kafka>& tlsRouteGatewayRule() {
  static const Rule<model::Kafka> kRule{
      "tlsroute-gateway",
      "The TLSRoutes Strimzi creates for a tlsroute listener are accepted by the Gateway "
      "listeners they name, and brokers advertise those listeners' port.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::kafka

#include "sgw/strimzi/tls_route_listener.h"

#include "sgw/strimzi/broker_entry.h"
#include "sgw/strimzi/port_template.h"
#include "sgw/strimzi/resource_names.h"

namespace sgw::strimzi {

namespace {

// The name of the bootstrap TLSRoute: `<cluster>-kafka-<listener>-bootstrap`, or
// `<cluster>-kafka-bootstrap` for a listener named `external` on port 9094 (the names Strimzi
// keeps for routes and ingresses of older releases).
std::string bootstrapRouteName(const std::string& cluster, const model::KafkaListener& listener) {
  if (listener.name == "external" && listener.port == 9094) {
    return cluster + "-kafka-bootstrap";
  }
  return cluster + "-kafka-" + listener.name + "-bootstrap";
}

std::optional<std::string> advertisedHostOf(const std::string& cluster,
                                            const model::KafkaListener& listener,
                                            const std::string& pool, model::NodeId id) {
  if (auto host = brokerEntryValue(listener, id, &model::ListenerBrokerOverride::advertisedHost)) {
    return host;
  }
  if (const auto& hostTemplate = listener.configuration.advertisedHostTemplate) {
    return renderHostTemplate(*hostTemplate, id, podName(cluster, pool, id));
  }
  return std::nullopt;
}

} // namespace

bool isTlsRouteListener(const model::KafkaListener& listener) {
  return listener.type == "tlsroute";
}

std::optional<std::string> tlsRouteBrokerHost(const std::string& cluster,
                                              const model::KafkaListener& listener,
                                              const std::string& pool, model::NodeId id) {
  if (auto host = brokerEntryValue(listener, id, &model::ListenerBrokerOverride::host)) {
    return host;
  }
  if (const auto& hostTemplate = listener.configuration.hostTemplate) {
    return renderHostTemplate(*hostTemplate, id, podName(cluster, pool, id));
  }
  return std::nullopt;
}

TlsRouteListener tlsRouteListener(const model::Kafka& kafka, std::size_t listenerIndex,
                                  const ClusterNodes& nodes) {
  const auto& listener = kafka.listeners.at(listenerIndex);
  const auto& cluster = kafka.metadata.name;
  TlsRouteListener out;
  out.listenerIndex = listenerIndex;
  out.namespace_ = kafka.metadata.namespace_;
  out.parentRefs = listener.configuration.parentRefs;

  out.bootstrap.name = bootstrapRouteName(cluster, listener);
  out.bootstrap.ownerKind = "Kafka";
  out.bootstrap.hostname = listener.configuration.bootstrap.host;
  out.bootstrap.service = bootstrapServiceName(cluster, listener);
  out.bootstrap.servicePort = listener.port;

  for (const auto& pool : nodes.pools) {
    if (!pool.roles.broker) {
      continue;
    }
    for (const auto& id : pool.desired) {
      OperatorTlsRoute route;
      // The per-broker route shares its name with the per-broker Service it leads to.
      route.service = *perBrokerServiceName(cluster, pool.pool, listener, id);
      route.name = route.service;
      route.broker = id;
      route.pool = pool.pool;
      route.ownerKind = nodes.usesNodePools ? "KafkaNodePool" : "Kafka";
      route.hostname = tlsRouteBrokerHost(cluster, listener, pool.pool, id);
      route.servicePort = listener.port;
      route.advertisedHost = advertisedHostOf(cluster, listener, pool.pool, id);
      if (!route.advertisedHost.has_value()) {
        route.advertisedHost = route.hostname;
      }
      // An override wins; without one the Gateway's 443. A template Strimzi cannot evaluate
      // leaves the port unknown.
      route.advertisedPort = advertisedPortOverride(listener, id);
      if (!route.advertisedPort.has_value() &&
          !listener.configuration.advertisedPortTemplate.has_value()) {
        route.advertisedPort = kTlsRouteAdvertisedPort;
      }
      out.brokers.push_back(std::move(route));
    }
  }
  return out;
}

} // namespace sgw::strimzi

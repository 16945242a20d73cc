#include "sgw/rules/kafka/advertised_port.h"

#include <algorithm>

#include "sgw/gateway/attaching_route.h"
#include "sgw/gateway/route_acceptance.h"
#include "sgw/rules/kafka_fields.h"
#include "sgw/strimzi/broker_entry.h"
#include "sgw/strimzi/listener_advertising.h"
#include "sgw/strimzi/listener_services.h"
#include "sgw/strimzi/node_assignment.h"
#include "sgw/strimzi/tls_route_listener.h"

namespace sgw::rules::kafka {

namespace {

// Where the broker's advertised port is written: its brokers[] entry with advertisedPort, else
// advertisedPortTemplate, else the listener port.
FieldPath portPath(const model::KafkaListener& listener, std::size_t listenerIndex,
                   model::NodeId broker) {
  const auto entry =
      strimzi::brokerEntrySetting(listener, broker, &model::ListenerBrokerOverride::advertisedPort);
  if (entry.has_value()) {
    return brokerEntryPath(listenerIndex, *entry, "advertisedPort");
  }
  if (listener.configuration.advertisedPortTemplate.has_value()) {
    return listenerConfigurationPath(listenerIndex).child("advertisedPortTemplate");
  }
  return listenerPath(listenerIndex).child("port");
}

void check(const Subject<model::Kafka>& subject, FindingSink& sink) {
  const auto& kafka = subject.object;
  const auto& view = subject.cluster;
  const auto& namespace_ = kafka.metadata.namespace_;
  const auto& nodes = subject.derived.nodesOf(kafka);
  for (const auto& service : strimzi::listenerServices(kafka, nodes)) {
    if (!service.broker.has_value()) {
      continue;
    }
    const auto& listener = kafka.listeners[service.listenerIndex];
    if (strimzi::isTlsRouteListener(listener)) {
      continue; // tlsroute-gateway judges the routes the operator makes for it
    }
    const auto port = strimzi::advertisedPort(listener, *service.broker);
    for (const auto* route : view.tlsRoutesWithBackend({namespace_, service.name})) {
      const auto attaching = gateway::routeToAttach(*route);
      bool reported = false;
      for (const auto& parent : route->parentRefs) {
        const auto verdict = gateway::judgeParent(attaching, parent, view);
        const auto ports = verdict.acceptingPorts();
        if (!verdict.accepted() || std::find(ports.begin(), ports.end(), port) != ports.end()) {
          continue;
        }
        sink.warn(FieldError::invalid(
            portPath(listener, service.listenerIndex, *service.broker), port,
            "its TLSRoute " + route->metadata.name + " attaches to " + verdict.owner + " on port " +
                std::to_string(ports.front()) + "; advertise " + std::to_string(ports.front()) +
                " unless something in front maps the port"));
        reported = true;
        break;
      }
      if (reported) {
        break;
      }
    }
  }
}

} // namespace

const Rule<model::Kafka>& advertisedPortRule() {
  static const Rule<model::Kafka> kRule{
      "advertised-port",
      "A broker advertises the port of the Gateway listener its TLSRoute attaches to.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::kafka

#include "sgw/rules/kafka/listener_config.h"

#include <variant>

#include "sgw/rules/kafka_fields.h"
#include "sgw/rules/message_lists.h"
#include "sgw/strimzi/node_assignment.h"
#include "sgw/strimzi/port_template.h"
#include "sgw/strimzi/tls_route_listener.h"

namespace sgw::rules::kafka {

namespace {

using model::NodeId;

// The listener types that route by hostname and so take host names of their own.
bool takesHosts(const model::KafkaListener& listener) {
  return listener.type == "tlsroute" || listener.type == "route" || listener.type == "ingress";
}

std::string ofListener(const model::KafkaListener& listener) {
  return "listener " + listener.name + " is of type " + listener.type;
}

void checkFieldsOfType(const model::KafkaListener& listener, std::size_t index, FindingSink& sink) {
  const auto configuration = listenerConfigurationPath(index);
  const auto& config = listener.configuration;
  if (!takesHosts(listener)) {
    const auto only = "; Strimzi takes it on tlsroute, route and ingress listeners only";
    if (config.hostTemplate.has_value()) {
      sink.deny(
          FieldError::forbidden(configuration.child("hostTemplate"), ofListener(listener) + only));
    }
    if (config.bootstrap.host.has_value()) {
      sink.deny(FieldError::forbidden(configuration.child("bootstrap").child("host"),
                                      ofListener(listener) + only));
    }
    for (std::size_t i = 0; i < config.brokers.size(); ++i) {
      if (config.brokers[i].host.has_value()) {
        sink.deny(FieldError::forbidden(configuration.child("brokers").index(i).child("host"),
                                        ofListener(listener) + only +
                                            "; set advertisedHost for the name brokers advertise"));
      }
    }
  }
  if (!strimzi::isTlsRouteListener(listener) && config.hasParentRefs) {
    sink.deny(FieldError::forbidden(configuration.child("parentRefs"),
                                    ofListener(listener) +
                                        "; Strimzi takes parentRefs on tlsroute listeners only"));
  }
}

void checkTlsRouteListener(const model::Kafka& kafka, const model::KafkaListener& listener,
                           std::size_t index, const strimzi::ClusterNodes& nodes,
                           FindingSink& sink) {
  const auto configuration = listenerConfigurationPath(index);
  const auto& config = listener.configuration;
  const auto refuses = "; Strimzi refuses a tlsroute listener without it";
  if (!config.hasParentRefs) {
    sink.deny(FieldError::required(configuration.child("parentRefs"),
                                   "the Gateway (or ListenerSet) the TLSRoutes of listener " +
                                       listener.name + " attach to" + refuses));
  } else if (config.parentRefs.empty()) {
    sink.deny(FieldError::required(configuration.child("parentRefs"),
                                   "an empty list attaches the TLSRoutes of listener " +
                                       listener.name +
                                       " to nothing; name the Gateway (or ListenerSet) they "
                                       "attach to"));
  }
  for (std::size_t i = 0; i < config.parentRefs.size(); ++i) {
    if (config.parentRefs[i].name.empty()) {
      sink.deny(FieldError::required(configuration.child("parentRefs").index(i).child("name"),
                                     "the name of the " + config.parentRefs[i].kind +
                                         "; a TLSRoute parent reference needs one"));
    }
  }
  if (!config.bootstrap.host.has_value()) {
    sink.deny(FieldError::required(configuration.child("bootstrap").child("host"),
                                   "the hostname of the bootstrap TLSRoute of listener " +
                                       listener.name + refuses));
  }
  if (config.hostTemplate.has_value()) {
    return; // every broker gets its host from the template
  }
  if (!config.hasBrokers) {
    sink.deny(FieldError::required(configuration.child("hostTemplate"),
                                   "set hostTemplate (such as broker-{nodeId}.example.com) or a "
                                   "brokers[].host for every broker; Strimzi refuses a tlsroute "
                                   "listener without broker hosts"));
    return;
  }
  // Strimzi looks at the first entry for each broker node only.
  std::vector<NodeId> missing;
  for (const auto& id : nodes.brokerIds()) {
    const model::ListenerBrokerOverride* first = nullptr;
    for (const auto& entry : config.brokers) {
      if (entry.broker == std::optional(id)) {
        first = &entry;
        break;
      }
    }
    if (first == nullptr || !first->host.has_value()) {
      missing.push_back(id);
    }
  }
  if (!missing.empty()) {
    const bool one = missing.size() == 1;
    sink.deny(FieldError::required(
        configuration.child("brokers"),
        std::string(one ? "no host for broker " : "no host for brokers ") + joinIds(missing) +
            " of cluster " + kafka.metadata.name + "; add a brokers[].host for " +
            (one ? "it" : "each") +
            " or set hostTemplate; Strimzi refuses a tlsroute listener without broker hosts"));
  }
}

void checkPortTemplate(const model::KafkaListener& listener, std::size_t index,
                       const strimzi::ClusterNodes& nodes, FindingSink& sink) {
  const auto& portTemplate = listener.configuration.advertisedPortTemplate;
  if (!portTemplate.has_value()) {
    return;
  }
  const auto path = listenerConfigurationPath(index).child("advertisedPortTemplate");
  // The formula's shape does not depend on the node, so any ID shows whether it parses.
  const auto probe = strimzi::renderPortTemplate(*portTemplate, NodeId{0});
  if (const auto* why = std::get_if<std::string>(&probe)) {
    sink.deny(FieldError::invalid(path, *portTemplate,
                                  "Strimzi cannot evaluate it (" + *why + "); use " +
                                      std::string(strimzi::kPortTemplateSyntax)));
    return;
  }
  std::vector<std::string> outside;
  for (const auto& id : nodes.brokerIds()) {
    const auto rendered = strimzi::renderPortTemplate(*portTemplate, id);
    const auto* port = std::get_if<std::int64_t>(&rendered);
    if (port == nullptr) {
      outside.push_back("nothing for broker " + id.toString());
    } else if (*port < strimzi::kMinPort || *port > strimzi::kMaxPort) {
      outside.push_back(std::to_string(*port) + " for broker " + id.toString());
    }
  }
  if (!outside.empty()) {
    sink.deny(FieldError::invalid(path, *portTemplate,
                                  "renders " + joinNames(outside) + "; a port runs from " +
                                      std::to_string(strimzi::kMinPort) + " to " +
                                      std::to_string(strimzi::kMaxPort)));
  }
}

void check(const Subject<model::Kafka>& subject, FindingSink& sink) {
  const auto& kafka = subject.object;
  for (std::size_t i = 0; i < kafka.listeners.size(); ++i) {
    const auto& listener = kafka.listeners[i];
    checkFieldsOfType(listener, i, sink);
    if (strimzi::isTlsRouteListener(listener)) {
      checkTlsRouteListener(kafka, listener, i, subject.derived.nodesOf(kafka), sink);
    }
    if (listener.configuration.advertisedPortTemplate.has_value()) {
      checkPortTemplate(listener, i, subject.derived.nodesOf(kafka), sink);
    }
  }
}

} // namespace

const Rule<model::Kafka>& listenerConfigRule() {
  static const Rule<model::Kafka> kRule{
      "listener-config",
      "Each listener is configured as Strimzi's operator accepts it: what a tlsroute listener "
      "needs, host fields only on the types that take them, an advertisedPortTemplate it can "
      "evaluate.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::kafka

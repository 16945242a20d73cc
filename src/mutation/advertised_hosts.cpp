#include "sgw/mutation/advertised_hosts.h"

#include <array>
#include <set>
#include <utility>
#include <vector>

#include "sgw/mutation/pattern_inference.h"
#include "sgw/strimzi/port_template.h"
#include "sgw/strimzi/resource_names.h"
#include "sgw/strimzi/tls_route_listener.h"

namespace sgw::mutation {

namespace {

using model::NodeId;

// How one listener is filled: the template, the port of new entries (none: entries without
// advertisedPort, as the inferred pattern has it) and the annotation it came from (null when
// inferred from the existing entries).
struct ListenerFill {
  HostTemplate hostTemplate;
  std::optional<std::int64_t> port;
  const TemplateAnnotation* annotation = nullptr;
  // Set when the port of each new entry is the listener's advertisedPortTemplate rendered for
  // its broker (Strimzi 1.0+), not `port`.
  bool portFromTemplate = false;
};

// One entry to add.
struct NewEntry {
  NodeId broker;
  std::string host;
  std::optional<std::int64_t> port;
};

bool hasFillableType(const model::KafkaListener& listener) {
  static constexpr std::array<std::string_view, 4> kTypes{"cluster-ip", "loadbalancer", "nodeport",
                                                          "internal"};
  for (const auto type : kTypes) {
    if (listener.type == type) {
      return true;
    }
  }
  return false;
}

FieldPath listenerPath(std::size_t index) {
  return FieldPath::root("spec").child("kafka").child("listeners").index(index);
}

FieldPath brokersPath(std::size_t index) {
  return listenerPath(index).child("configuration").child("brokers");
}

// A member that is present and not null, or nothing.
std::optional<JsonValue> memberOf(const std::optional<JsonValue>& parent, std::string_view key) {
  if (!parent.has_value()) {
    return std::nullopt;
  }
  auto found = parent->member(key);
  return found.has_value() && !found->isNull() ? found : std::nullopt;
}

// The raw listeners, in the order of the model's.
std::vector<JsonValue> rawListeners(JsonValue raw) {
  const auto listeners = memberOf(memberOf(memberOf(raw, "spec"), "kafka"), "listeners");
  return listeners.has_value() ? listeners->elements() : std::vector<JsonValue>();
}

// The advertisedPort every existing entry sets, when there are entries and they agree.
std::optional<std::int64_t> agreedPort(const std::vector<model::ListenerBrokerOverride>& entries) {
  std::optional<std::int64_t> port;
  for (const auto& entry : entries) {
    if (!entry.advertisedPort.has_value() || (port.has_value() && *port != *entry.advertisedPort)) {
      return std::nullopt;
    }
    port = entry.advertisedPort;
  }
  return port;
}

std::optional<ListenerFill> chooseFill(const model::KafkaListener& listener,
                                       const MutationAnnotations& annotations,
                                       rules::FindingSink& sink) {
  if (listener.configuration.advertisedHostTemplate.has_value()) {
    if (const auto own = annotations.listenerHostTemplates.find(listener.name);
        own != annotations.listenerHostTemplates.end()) {
      sink.warn(FieldError::forbidden(annotationPath(own->second.key),
                                      "listener " + listener.name +
                                          " sets Strimzi's advertisedHostTemplate, which wins; "
                                          "the annotation is ignored"));
    }
    return std::nullopt;
  }
  if (const auto* annotation =
          annotations.hostTemplateFor(listener.name, takesGeneralTemplate(listener))) {
    const auto* port = annotations.portFor(listener.name);
    if (port != nullptr) {
      return ListenerFill{annotation->hostTemplate, port->port, annotation};
    }
    // Without a port annotation, new entries advertise what the broker would advertise anyway:
    // the rendered advertisedPortTemplate, else the port the existing entries agree on, else
    // the listener port.
    if (listener.configuration.advertisedPortTemplate.has_value()) {
      return ListenerFill{annotation->hostTemplate, std::nullopt, annotation, true};
    }
    return ListenerFill{annotation->hostTemplate,
                        agreedPort(listener.configuration.brokers).value_or(listener.port),
                        annotation};
  }
  if (!hasFillableType(listener)) {
    return std::nullopt;
  }
  const auto pattern = inferPattern(listener.configuration.brokers);
  if (!pattern.has_value()) {
    return std::nullopt;
  }
  auto parsed = HostTemplate::parse(pattern->hostTemplate);
  if (!std::holds_alternative<HostTemplate>(parsed)) {
    return std::nullopt; // braces in the hosts: not a name we could render
  }
  return ListenerFill{std::get<HostTemplate>(std::move(parsed)), pattern->port, nullptr};
}

// Why the cluster has no broker IDs to fill in, or nothing when it has some.
std::optional<std::string> noBrokersReason(const model::Kafka& kafka,
                                           const strimzi::ClusterNodes& nodes) {
  const auto& cluster = kafka.metadata.name;
  if (nodes.conflict.has_value()) {
    return *nodes.conflict + ", so the broker IDs of cluster " + cluster +
           " cannot be predicted; fix the pools' status, then apply the Kafka again";
  }
  if (!nodes.brokerIds().empty()) {
    return std::nullopt;
  }
  if (!nodes.usesNodePools) {
    return "cluster " + cluster + " has no brokers: spec.kafka.replicas is not set";
  }
  if (nodes.pools.empty()) {
    return "cluster " + cluster +
           " has no KafkaNodePools yet; apply the Kafka again once its pools exist";
  }
  return "no KafkaNodePool of cluster " + cluster +
         " has broker nodes yet; apply the Kafka again once one has";
}

HostTemplateValues valuesFor(const model::Kafka& kafka, const strimzi::ClusterNodes& nodes,
                             const model::KafkaListener& listener, NodeId id) {
  const auto* pool = nodes.poolOf(id);
  const std::string poolName = pool != nullptr ? pool->pool : strimzi::kVirtualPoolName;
  return {id,
          strimzi::podName(kafka.metadata.name, poolName, id),
          poolName,
          kafka.metadata.name,
          kafka.metadata.namespace_,
          listener.name};
}

// Warns about entries of current brokers that set no advertisedHost: the webhook leaves them as
// they are, so those brokers keep advertising Strimzi's default host.
void warnEntriesWithoutHost(const model::KafkaListener& listener, std::size_t index,
                            const std::set<NodeId>& brokers, rules::FindingSink& sink) {
  const auto& entries = listener.configuration.brokers;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& entry = entries[i];
    if (entry.broker.has_value() && brokers.count(*entry.broker) != 0 &&
        !entry.advertisedHost.has_value()) {
      sink.warn(FieldError::note(brokersPath(index).index(i),
                                 "has no advertisedHost, so broker " + entry.broker->toString() +
                                     " advertises Strimzi's default host; the webhook never "
                                     "changes an existing entry: set advertisedHost here"));
    }
  }
}

// The entries one listener lacks, in broker ID order; nothing when the template renders a host
// that is not a DNS name (denied on the annotation, or warned about for an inferred pattern).
// An annotation's template is checked for every broker, so a bad one is refused before the next
// scale-up needs it.
std::optional<std::vector<NewEntry>>
newEntries(const model::Kafka& kafka, const strimzi::ClusterNodes& nodes,
           const model::KafkaListener& listener, std::size_t index, const ListenerFill& fill,
           std::set<std::string>& deniedAnnotations, rules::FindingSink& sink) {
  std::set<NodeId> present;
  for (const auto& entry : listener.configuration.brokers) {
    if (entry.broker.has_value()) {
      present.insert(*entry.broker);
    }
  }
  std::vector<NewEntry> added;
  for (const auto id : nodes.brokerIds()) {
    const bool missing = present.count(id) == 0;
    if (!missing && fill.annotation == nullptr) {
      continue;
    }
    auto host = fill.hostTemplate.render(valuesFor(kafka, nodes, listener, id));
    if (const auto problem = dnsSubdomainProblem(host)) {
      const auto gives = "gives " + goQuote(host) + " for broker " + id.toString() +
                         " of listener " + listener.name + ", which is not a DNS name: " + *problem;
      if (fill.annotation == nullptr) {
        sink.warn(FieldError::note(brokersPath(index), "nothing added: the pattern " +
                                                           fill.hostTemplate.text() +
                                                           " of the existing entries " + gives));
      } else if (deniedAnnotations.insert(fill.annotation->key).second) {
        sink.deny(FieldError::invalid(annotationPath(fill.annotation->key),
                                      fill.hostTemplate.text(), gives));
      }
      return std::nullopt;
    }
    if (missing) {
      auto port = fill.port;
      if (fill.portFromTemplate) {
        // A template Strimzi cannot evaluate is denied by listener-config; the entry then
        // carries no port rather than a guessed one.
        const auto rendered =
            strimzi::renderPortTemplate(*listener.configuration.advertisedPortTemplate, id);
        const auto* value = std::get_if<std::int64_t>(&rendered);
        port = value != nullptr ? std::optional(*value) : std::nullopt;
      }
      added.push_back({id, std::move(host), port});
    }
  }
  return added;
}

nlohmann::json entryJson(const NewEntry& entry) {
  nlohmann::json out = {{"broker", entry.broker.value}, {"advertisedHost", entry.host}};
  if (entry.port.has_value()) {
    out["advertisedPort"] = *entry.port;
  }
  return out;
}

void appendOperations(JsonValue listenerJson, std::size_t index,
                      const std::vector<NewEntry>& entries, nlohmann::json& patch) {
  auto array = nlohmann::json::array();
  for (const auto& entry : entries) {
    array.push_back(entryJson(entry));
  }
  const auto configuration = memberOf(listenerJson, "configuration");
  if (!configuration.has_value()) {
    patch.push_back({{"op", "add"},
                     {"path", listenerPath(index).child("configuration").jsonPointer()},
                     {"value", {{"brokers", std::move(array)}}}});
    return;
  }
  if (!memberOf(configuration, "brokers").has_value()) {
    patch.push_back(
        {{"op", "add"}, {"path", brokersPath(index).jsonPointer()}, {"value", std::move(array)}});
    return;
  }
  for (auto& value : array) {
    patch.push_back({{"op", "add"},
                     {"path", brokersPath(index).jsonPointer() + "/-"},
                     {"value", std::move(value)}});
  }
}

} // namespace

bool takesGeneralTemplate(const model::KafkaListener& listener) {
  return listener.tls && hasFillableType(listener);
}

nlohmann::json fillAdvertisedHosts(JsonValue raw, const model::Kafka& kafka,
                                   const MutationAnnotations& annotations,
                                   const strimzi::ClusterNodes& nodes, rules::FindingSink& sink) {
  auto patch = nlohmann::json::array();
  const auto brokerIds = nodes.brokerIds();
  const std::set<NodeId> brokers(brokerIds.begin(), brokerIds.end());
  const auto noBrokers = noBrokersReason(kafka, nodes);
  std::set<std::string> deniedAnnotations;
  const auto listenersJson = rawListeners(raw);

  for (std::size_t index = 0; index < kafka.listeners.size(); ++index) {
    const auto& listener = kafka.listeners[index];
    if (index >= listenersJson.size() || !listenersJson[index].isObject()) {
      continue;
    }
    const auto listenerJson = listenersJson[index];
    if (strimzi::isTlsRouteListener(listener)) {
      // Strimzi itself makes the routes of a tlsroute listener and advertises each broker's
      // route host: nothing here is for the webhook to fill.
      if (const auto own = annotations.listenerHostTemplates.find(listener.name);
          own != annotations.listenerHostTemplates.end()) {
        sink.warn(FieldError::forbidden(annotationPath(own->second.key),
                                        "listener " + listener.name +
                                            " is of type tlsroute: Strimzi advertises each "
                                            "broker's route host (brokers[].host or "
                                            "hostTemplate); the annotation is ignored"));
      }
      continue;
    }
    const auto fill = chooseFill(listener, annotations, sink);
    if (!fill.has_value()) {
      continue;
    }
    if (noBrokers.has_value()) {
      // Entries the user wrote are complete as far as anyone knows: only an annotation that
      // asked for entries deserves an explanation of why none came.
      if (fill->annotation != nullptr) {
        sink.warn(FieldError::note(brokersPath(index), "nothing added: " + *noBrokers));
      }
      continue;
    }

    const auto added = newEntries(kafka, nodes, listener, index, *fill, deniedAnnotations, sink);
    if (!added.has_value()) {
      continue;
    }
    if (fill->annotation != nullptr) {
      warnEntriesWithoutHost(listener, index, brokers, sink);
    }
    if (added->empty()) {
      continue;
    }
    appendOperations(listenerJson, index, *added, patch);
    std::vector<NodeId> ids;
    for (const auto& entry : *added) {
      ids.push_back(entry.broker);
    }
    sink.warn(FieldError::note(
        brokersPath(index),
        "added " + model::joinNodeIds(ids) +
            (fill->annotation != nullptr ? " from template " : " from inferred pattern ") +
            fill->hostTemplate.text()));
  }
  return patch;
}

} // namespace sgw::mutation

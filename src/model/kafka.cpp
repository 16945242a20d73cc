#include "sgw/model/kafka.h"

#include <algorithm>
#include <cctype>

#include "sgw/model/json_fields.h"

namespace sgw::model {

namespace {

// `routeNamespace`: the namespace of the TLSRoutes Strimzi makes, the Kafka's.
ListenerConfiguration parseConfiguration(const JsonFields& fields,
                                         const std::string& routeNamespace) {
  ListenerConfiguration configuration;
  if (fields.object("brokerCertChainAndKey").has_value()) {
    const auto cert = fields.nested("brokerCertChainAndKey");
    configuration.brokerCertChainAndKey = CertAndKeySecretSource{
        cert.string("secretName").value_or(""), cert.string("certificate").value_or(""),
        cert.string("key").value_or("")};
  }
  if (const auto brokers = fields.array("brokers")) {
    configuration.hasBrokers = true;
    for (std::size_t i = 0; i < brokers->size(); ++i) {
      const auto broker = fields.element("brokers", i, (*brokers)[i]);
      if (!broker.expectObject()) {
        configuration.brokers.emplace_back();
        continue;
      }
      ListenerBrokerOverride entry;
      if (const auto id = broker.integer("broker")) {
        entry.broker = NodeId{*id};
      }
      entry.advertisedHost = broker.string("advertisedHost");
      entry.advertisedPort = broker.integer("advertisedPort");
      entry.host = broker.string("host");
      configuration.brokers.push_back(std::move(entry));
    }
  }
  const auto bootstrap = fields.nested("bootstrap");
  configuration.bootstrap.host = bootstrap.string("host");
  configuration.bootstrap.alternativeNames = bootstrap.stringArray("alternativeNames");
  configuration.advertisedHostTemplate = fields.string("advertisedHostTemplate");
  configuration.hostTemplate = fields.string("hostTemplate");
  configuration.advertisedPortTemplate = fields.string("advertisedPortTemplate");
  configuration.createBootstrapService = fields.boolean("createBootstrapService");
  if (const auto parents = fields.array("parentRefs")) {
    configuration.hasParentRefs = true;
    for (std::size_t i = 0; i < parents->size(); ++i) {
      configuration.parentRefs.push_back(
          parseParentReference(fields.element("parentRefs", i, (*parents)[i]), routeNamespace));
    }
  }
  return configuration;
}

} // namespace

bool Kafka::isPreV1() const {
  const auto version = apiVersion.substr(apiVersion.find('/') + 1);
  return version == "v1beta2" || version == "v1beta1" || version == "v1alpha1";
}

bool Kafka::usesNodePools() const {
  // Strimzi 1.0 serves only kafka.strimzi.io/v1, and since Strimzi 0.48 KRaft and node pools are
  // always on (the strimzi.io/node-pools and strimzi.io/kraft annotations are ignored): a v1
  // Kafka always runs on its KafkaNodePools.
  if (!isPreV1()) {
    return true;
  }
  // A v1beta2 Kafka on Strimzi 0.4x uses pools when the annotation enables them (Strimzi compares
  // the lower-cased value, ReconcilerUtils.nodePoolsEnabled), or when it has neither ZooKeeper
  // nor spec.kafka.replicas: such a cluster can only run on pools (and on Strimzi 0.48+, which
  // reads v1beta2 objects too, it does).
  auto value = metadata.annotation(kNodePoolsAnnotation).value_or("");
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value == "enabled" || (!hasZookeeper && !replicas.has_value());
}

const KafkaListener* Kafka::listener(const std::string& name) const {
  for (const auto& candidate : listeners) {
    if (candidate.name == name) {
      return &candidate;
    }
  }
  return nullptr;
}

Kafka parseKafka(JsonValue object, const std::string& defaultNamespace, FieldErrorList& errors) {
  Kafka kafka;
  kafka.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  kafka.apiVersion = root.string("apiVersion").value_or("");
  kafka.hasZookeeper = root.nested("spec").object("zookeeper").has_value();
  const auto spec = root.nested("spec").nested("kafka");
  kafka.replicas = spec.integer("replicas");
  if (const auto listeners = spec.array("listeners")) {
    for (std::size_t i = 0; i < listeners->size(); ++i) {
      const auto fields = spec.element("listeners", i, (*listeners)[i]);
      KafkaListener listener;
      if (fields.expectObject()) {
        listener.name = fields.string("name").value_or("");
        listener.port = fields.integer("port").value_or(0);
        listener.type = fields.string("type").value_or("");
        listener.tls = fields.boolean("tls").value_or(false);
        if (fields.object("configuration").has_value()) {
          listener.hasConfiguration = true;
          listener.configuration =
              parseConfiguration(fields.nested("configuration"), kafka.metadata.namespace_);
        }
      }
      kafka.listeners.push_back(std::move(listener));
    }
  }
  return kafka;
}

} // namespace sgw::model

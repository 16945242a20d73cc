#include "sgw/model/kafka.h"

#include <algorithm>
#include <cctype>

#include "sgw/model/json_fields.h"

namespace sgw::model {

namespace {

ListenerConfiguration parseConfiguration(const JsonFields& fields) {
  ListenerConfiguration configuration;
  if (fields.object("brokerCertChainAndKey") != nullptr) {
    const auto cert = fields.nested("brokerCertChainAndKey");
    configuration.brokerCertChainAndKey = CertAndKeySecretSource{
        cert.string("secretName").value_or(""), cert.string("certificate").value_or(""),
        cert.string("key").value_or("")};
  }
  if (const auto* brokers = fields.array("brokers")) {
    configuration.hasBrokers = true;
    for (std::size_t i = 0; i < brokers->size(); ++i) {
      const auto path = fields.pathOf("brokers").index(i);
      if (!expectObject((*brokers)[i], path, fields.errors())) {
        configuration.brokers.emplace_back();
        continue;
      }
      const JsonFields broker((*brokers)[i], path, fields.errors());
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
  configuration.createBootstrapService = fields.boolean("createBootstrapService");
  return configuration;
}

} // namespace

bool Kafka::usesNodePools() const {
  // Strimzi compares the lower-cased value (ReconcilerUtils.nodePoolsEnabled).
  auto value = metadata.annotation("strimzi.io/node-pools").value_or("");
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value == "enabled";
}

const KafkaListener* Kafka::listener(const std::string& name) const {
  for (const auto& candidate : listeners) {
    if (candidate.name == name) {
      return &candidate;
    }
  }
  return nullptr;
}

Kafka parseKafka(const nlohmann::json& object, const std::string& defaultNamespace,
                 FieldErrorList& errors) {
  Kafka kafka;
  kafka.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  const auto spec = root.nested("spec").nested("kafka");
  kafka.replicas = spec.integer("replicas");
  if (const auto* listeners = spec.array("listeners")) {
    for (std::size_t i = 0; i < listeners->size(); ++i) {
      const auto path = spec.pathOf("listeners").index(i);
      KafkaListener listener;
      if (expectObject((*listeners)[i], path, errors)) {
        const JsonFields fields((*listeners)[i], path, errors);
        listener.name = fields.string("name").value_or("");
        listener.port = fields.integer("port").value_or(0);
        listener.type = fields.string("type").value_or("");
        listener.tls = fields.boolean("tls").value_or(false);
        if (fields.object("configuration") != nullptr) {
          listener.hasConfiguration = true;
          listener.configuration = parseConfiguration(fields.nested("configuration"));
        }
      }
      kafka.listeners.push_back(std::move(listener));
    }
  }
  return kafka;
}

} // namespace sgw::model

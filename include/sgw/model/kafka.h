#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/model/node_id.h"
#include "sgw/model/object_meta.h"

namespace sgw::model {

// `configuration.brokerCertChainAndKey`: the Secret holding the listener's own certificate.
struct CertAndKeySecretSource {
  std::string secretName;
  std::string certificate; // key in the Secret holding the PEM chain
  std::string key;         // key in the Secret holding the private key (never read)
};

// One entry of `configuration.brokers[]`.
struct ListenerBrokerOverride {
  std::optional<NodeId> broker;
  std::optional<std::string> advertisedHost;
  std::optional<std::int64_t> advertisedPort;
  std::optional<std::string> host;
};

struct ListenerBootstrap {
  std::optional<std::string> host;
  std::vector<std::string> alternativeNames;
};

struct ListenerConfiguration {
  std::optional<CertAndKeySecretSource> brokerCertChainAndKey;
  // True when `brokers` is present, even as an empty list.
  bool hasBrokers = false;
  std::vector<ListenerBrokerOverride> brokers;
  ListenerBootstrap bootstrap;
  std::optional<std::string> advertisedHostTemplate;
  std::optional<std::string> hostTemplate;
  std::optional<bool> createBootstrapService;
};

// One entry of `spec.kafka.listeners[]`.
struct KafkaListener {
  std::string name;
  std::int64_t port = 0;
  std::string type; // internal, cluster-ip, nodeport, loadbalancer, route, ingress
  bool tls = false;
  bool hasConfiguration = false;
  ListenerConfiguration configuration;
};

// A Strimzi `Kafka` (kafka.strimzi.io/v1beta2): the fields that decide which broker Services
// exist and which hostnames brokers advertise.
struct Kafka {
  ObjectMeta metadata;
  std::vector<KafkaListener> listeners;
  // `spec.kafka.replicas`: the broker count of a cluster without node pools.
  std::optional<std::int64_t> replicas;

  // True when the `strimzi.io/node-pools: enabled` annotation makes KafkaNodePools define the
  // nodes; otherwise nodes come from `spec.kafka.replicas`.
  bool usesNodePools() const;
  const KafkaListener* listener(const std::string& name) const;
};

// Parses a Kafka. Fields of the wrong type are reported in `errors` at their paths.
Kafka parseKafka(const nlohmann::json& object, const std::string& defaultNamespace,
                 FieldErrorList& errors);

} // namespace sgw::model

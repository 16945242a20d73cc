#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/core/json_value.h"
#include "sgw/model/node_id.h"
#include "sgw/model/object_meta.h"
#include "sgw/model/tls_route.h"

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
  // Strimzi 1.0+: a port formula over `{nodeId}` for brokers without their own advertisedPort.
  std::optional<std::string> advertisedPortTemplate;
  std::optional<bool> createBootstrapService;
  // Strimzi 1.1+, `tlsroute` listeners: the Gateway API parents of the TLSRoutes the operator
  // creates, with the Gateway API defaults filled in (the routes live in the Kafka's namespace).
  // Empty when the field is absent; `hasParentRefs` tells an absent list from an empty one.
  bool hasParentRefs = false;
  std::vector<ParentReference> parentRefs;
};

// One entry of `spec.kafka.listeners[]`.
struct KafkaListener {
  std::string name;
  std::int64_t port = 0;
  std::string type; // internal, cluster-ip, nodeport, loadbalancer, route, ingress, tlsroute
  bool tls = false;
  bool hasConfiguration = false;
  ListenerConfiguration configuration;
};

inline constexpr const char* kNodePoolsAnnotation = "strimzi.io/node-pools";

// A Strimzi `Kafka` (kafka.strimzi.io/v1, or v1beta2 on Strimzi 0.4x): the fields that decide
// which nodes, broker Services and routes exist and which hostnames brokers advertise.
struct Kafka {
  ObjectMeta metadata;
  std::string apiVersion; // as written: "kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2"
  std::vector<KafkaListener> listeners;
  // `spec.kafka.replicas`: the broker count of a cluster without node pools.
  std::optional<std::int64_t> replicas;
  // True when `spec.zookeeper` is present (a ZooKeeper-based cluster of Strimzi 0.4x).
  bool hasZookeeper = false;

  // Whether Strimzi takes this cluster's nodes from its KafkaNodePools (otherwise from
  // `spec.kafka.replicas`, in the virtual pool "kafka"). The one place this is decided; every
  // rule, the mutation, `check` and `routes` ask here.
  bool usesNodePools() const;
  // True for the versions before kafka.strimzi.io/v1 (v1beta2 and older).
  bool isPreV1() const;
  const KafkaListener* listener(const std::string& name) const;
};

// Parses a Kafka. Fields of the wrong type are reported in `errors` at their paths.
Kafka parseKafka(JsonValue object, const std::string& defaultNamespace, FieldErrorList& errors);

} // namespace sgw::model

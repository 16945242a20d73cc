#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sgw/cluster/cluster_view.h"
#include "sgw/model/kafka.h"
#include "sgw/model/tls_route.h"
#include "sgw/strimzi/listener_services.h"
#include "sgw/strimzi/node_assignment.h"

namespace sgw::derived {

class ReviewModel;

// A Kafka cluster with its nodes and the Services the operator makes for its listeners, as it
// will be after the change under review.
struct KafkaCluster {
  const model::Kafka* kafka = nullptr;
  const strimzi::ClusterNodes* nodes = nullptr; // held by the ReviewModel
  std::vector<strimzi::ListenerService> services;

  const std::string& name() const { return kafka->metadata.name; }
  // The names of `services`, sorted: the valid backends of a route to this cluster.
  std::vector<std::string> serviceNames() const;
  const strimzi::ListenerService* service(const std::string& name) const;
};

// The Kafka clusters of one namespace, with their nodes from the review model (each cluster's
// node ID assignment runs once per review however many routes and rules look at it).
class NamespaceClusters {
public:
  NamespaceClusters(const ReviewModel& model, const std::string& namespace_);

  NamespaceClusters(const NamespaceClusters&) = delete;
  NamespaceClusters& operator=(const NamespaceClusters&) = delete;

  const std::vector<KafkaCluster>& clusters() const { return clusters_; }
  const KafkaCluster* cluster(const std::string& name) const;
  // The cluster a Service belongs to, found in this order: a Service the operator makes for a
  // listener; the `strimzi.io/cluster` label of the existing Service; the longest cluster name
  // the Service name starts with (`<cluster>-`); the only Kafka of the namespace.
  const KafkaCluster* clusterOfService(const std::string& serviceName,
                                       const model::Service* existing) const;

private:
  std::vector<KafkaCluster> clusters_;
};

// One Service backendRef of a TLSRoute, traced back to the Kafka listener behind it.
struct BackendTarget {
  std::size_t rule = 0;    // spec.rules[rule]
  std::size_t backend = 0; // .backendRefs[backend]
  const model::BackendReference* ref = nullptr;
  const model::Service* existing = nullptr;          // the Service, if it exists now
  const KafkaCluster* cluster = nullptr;             // the Kafka it belongs to, if any
  const strimzi::ListenerService* service = nullptr; // the Strimzi Service it is, if any

  const model::KafkaListener* listener() const;
  FieldPath path() const; // spec.rules[rule].backendRefs[backend]
};

// The Service backends of a route with what they lead to. "Which listener and broker does this
// Service belong to" is answered here once for every TLSRoute rule. The clusters it points into
// belong to the review model, which must outlive it.
class RouteBackends {
public:
  RouteBackends(const model::TlsRoute& route, const ReviewModel& model);

  RouteBackends(const RouteBackends&) = delete;
  RouteBackends& operator=(const RouteBackends&) = delete;

  // Service backendRefs with a name, in rule and backend order.
  const std::vector<BackendTarget>& targets() const { return targets_; }

private:
  std::vector<BackendTarget> targets_;
};

} // namespace sgw::derived

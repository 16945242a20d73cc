#include "sgw/derived/route_backends.h"

#include <algorithm>

#include "sgw/derived/review_model.h"
#include "sgw/model/kafka_node_pool.h"

namespace sgw::derived {

std::vector<std::string> KafkaCluster::serviceNames() const {
  std::vector<std::string> names;
  for (const auto& service : services) {
    names.push_back(service.name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

const strimzi::ListenerService* KafkaCluster::service(const std::string& name) const {
  for (const auto& candidate : services) {
    if (candidate.name == name) {
      return &candidate;
    }
  }
  return nullptr;
}

NamespaceClusters::NamespaceClusters(const ReviewModel& model, const std::string& namespace_) {
  for (const auto* kafka : model.view().kafkasIn(namespace_)) {
    KafkaCluster cluster;
    cluster.kafka = kafka;
    cluster.nodes = &model.nodesOf(*kafka);
    cluster.services = strimzi::listenerServices(*kafka, *cluster.nodes);
    clusters_.push_back(std::move(cluster));
  }
}

const KafkaCluster* NamespaceClusters::cluster(const std::string& name) const {
  for (const auto& candidate : clusters_) {
    if (candidate.name() == name) {
      return &candidate;
    }
  }
  return nullptr;
}

const KafkaCluster* NamespaceClusters::clusterOfService(const std::string& serviceName,
                                                        const model::Service* existing) const {
  for (const auto& candidate : clusters_) {
    if (candidate.service(serviceName) != nullptr) {
      return &candidate;
    }
  }
  if (existing != nullptr) {
    if (const auto label = existing->metadata.label(model::kClusterLabel)) {
      if (const auto* labelled = cluster(*label)) {
        return labelled;
      }
    }
  }
  const KafkaCluster* longest = nullptr;
  for (const auto& candidate : clusters_) {
    const auto prefix = candidate.name() + "-";
    if (serviceName.rfind(prefix, 0) == 0 &&
        (longest == nullptr || candidate.name().size() > longest->name().size())) {
      longest = &candidate;
    }
  }
  if (longest != nullptr) {
    return longest;
  }
  return clusters_.size() == 1 ? &clusters_.front() : nullptr;
}

const model::KafkaListener* BackendTarget::listener() const {
  if (cluster == nullptr || service == nullptr ||
      service->listenerIndex >= cluster->kafka->listeners.size()) {
    return nullptr;
  }
  return &cluster->kafka->listeners[service->listenerIndex];
}

FieldPath BackendTarget::path() const {
  return FieldPath::root("spec").child("rules").index(rule).child("backendRefs").index(backend);
}

RouteBackends::RouteBackends(const model::TlsRoute& route, const ReviewModel& model) {
  for (std::size_t i = 0; i < route.rules.size(); ++i) {
    const auto& backends = route.rules[i].backendRefs;
    for (std::size_t j = 0; j < backends.size(); ++j) {
      const auto& ref = backends[j];
      if (!ref.isService() || ref.name.empty()) {
        continue;
      }
      BackendTarget target;
      target.rule = i;
      target.backend = j;
      target.ref = &ref;
      target.existing = model.view().service(ref.key());
      target.cluster = model.clustersIn(ref.namespace_).clusterOfService(ref.name, target.existing);
      if (target.cluster != nullptr) {
        target.service = target.cluster->service(ref.name);
      }
      targets_.push_back(target);
    }
  }
}

} // namespace sgw::derived

#include "sgw/derived/review_model.h"

namespace sgw::derived {

ReviewModel::ReviewModel(const cluster::ClusterView& view) : view_(view) {}

ReviewModel::~ReviewModel() = default;

const strimzi::ClusterNodes& ReviewModel::nodesOf(const model::Kafka& kafka) const {
  auto found = nodes_.find(&kafka);
  if (found == nodes_.end()) {
    found = nodes_.emplace(&kafka, strimzi::clusterNodes(kafka, view_)).first;
  }
  return found->second;
}

const NamespaceClusters& ReviewModel::clustersIn(const std::string& namespace_) const {
  auto found = clusters_.find(namespace_);
  if (found == clusters_.end()) {
    // Built before it is inserted: building asks nodesOf, never clustersIn.
    auto clusters = std::make_unique<NamespaceClusters>(*this, namespace_);
    found = clusters_.emplace(namespace_, std::move(clusters)).first;
  }
  return *found->second;
}

const RouteBackends& ReviewModel::backendsOf(const model::TlsRoute& route) const {
  auto found = backends_.find(&route);
  if (found == backends_.end()) {
    auto backends = std::make_unique<RouteBackends>(route, *this);
    found = backends_.emplace(&route, std::move(backends)).first;
  }
  return *found->second;
}

} // namespace sgw::derived

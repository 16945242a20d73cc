#include "sgw/derived/review_model.h"

namespace sgw::derived {

const strimzi::ClusterNodes& ReviewModel::nodesOf(const model::Kafka& kafka) const {
  auto found = nodes_.find(&kafka);
  if (found == nodes_.end()) {
    found = nodes_.emplace(&kafka, strimzi::clusterNodes(kafka, view_)).first;
  }
  return found->second;
}

const RouteBackends& ReviewModel::backendsOf(const model::TlsRoute& route) const {
  auto& backends = backends_[&route];
  if (backends == nullptr) {
    backends = std::make_unique<RouteBackends>(route, view_);
  }
  return *backends;
}

} // namespace sgw::derived

#pragma once

#include <map>
#include <memory>
#include <string>

#include "sgw/cluster/cluster_view.h"
#include "sgw/derived/route_backends.h"
#include "sgw/model/kafka.h"
#include "sgw/model/tls_route.h"
#include "sgw/strimzi/node_assignment.h"

namespace sgw::derived {

// What the rules of one review derive from the cluster, each fact computed once on first use and
// shared by every rule after: the nodes of a Kafka cluster (the node ID assignment over its
// pools), the clusters of a namespace with the Services made for them, the backends of a route
// traced to their Kafka listeners. Six Kafka rules need the reviewed cluster's nodes, four
// TLSRoute rules the reviewed route's backends, and every backend the clusters of its namespace.
//
// Lifetime and threads: one per review, on the review's thread, next to the view it reads; it
// borrows the view and the objects asked about, which must outlive it. Facts are keyed by the
// object's address, which is stable for the view's lifetime.
class ReviewModel {
public:
  explicit ReviewModel(const cluster::ClusterView& view);
  ~ReviewModel();

  ReviewModel(const ReviewModel&) = delete;
  ReviewModel& operator=(const ReviewModel&) = delete;

  const cluster::ClusterView& view() const { return view_; }
  // strimzi::clusterNodes(kafka, view()), computed once per Kafka.
  const strimzi::ClusterNodes& nodesOf(const model::Kafka& kafka) const;
  // The Kafka clusters of a namespace, computed once per namespace.
  const NamespaceClusters& clustersIn(const std::string& namespace_) const;
  // RouteBackends(route, *this), computed once per route.
  const RouteBackends& backendsOf(const model::TlsRoute& route) const;

private:
  const cluster::ClusterView& view_;
  mutable std::map<const model::Kafka*, strimzi::ClusterNodes> nodes_;
  mutable std::map<std::string, std::unique_ptr<NamespaceClusters>, std::less<>> clusters_;
  mutable std::map<const model::TlsRoute*, std::unique_ptr<RouteBackends>> backends_;
};

} // namespace sgw::derived

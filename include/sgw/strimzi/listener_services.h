#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sgw/model/kafka.h"
#include "sgw/strimzi/node_assignment.h"

namespace sgw::strimzi {

// A Service the Strimzi operator creates for a listener: the bootstrap Service, or the
// per-broker Service of one broker node. Route backends are judged against these, so a TLSRoute
// may name a Service the operator has not made yet.
struct ListenerService {
  std::string name;
  std::size_t listenerIndex = 0;       // into Kafka::listeners
  std::optional<model::NodeId> broker; // empty for the bootstrap Service
  std::string pool;                    // the pool of `broker`; empty for the bootstrap Service
  std::int64_t port = 0;               // the Service port: always the listener port
};

// The Services of every listener that has Services of its own (every type but `internal`):
// listener by listener, the bootstrap Service (unless a loadbalancer listener turns it off), then
// one per node of every broker-role pool, as KafkaCluster.generatePerPodServices does.
std::vector<ListenerService> listenerServices(const model::Kafka& kafka, const ClusterNodes& nodes);

} // namespace sgw::strimzi

#pragma once

#include <optional>
#include <string>

#include "sgw/model/kafka.h"
#include "sgw/model/node_id.h"

namespace sgw::strimzi {

// `<cluster>-<pool>`: the base name of a pool's pods and per-broker Services.
std::string componentName(const std::string& cluster, const std::string& pool);
// `<cluster>-<pool>-<nodeId>`: the pod (and `{nodePodName}`) of a node.
std::string podName(const std::string& cluster, const std::string& pool, model::NodeId id);

// True for listeners that get Services of their own (every type but `internal`).
bool hasOwnServices(const model::KafkaListener& listener);
// Whether Strimzi creates the listener's bootstrap Service (`createBootstrapService: false` only
// takes effect on loadbalancer listeners).
bool createsBootstrapService(const model::KafkaListener& listener);

// The per-broker Service of a node for a listener: `<cluster>-<pool>-<listener>-<nodeId>`, or
// `<cluster>-<pool>-<nodeId>` for the listener named `external` on port 9094. Internal listeners
// have none.
std::optional<std::string> perBrokerServiceName(const std::string& cluster, const std::string& pool,
                                                const model::KafkaListener& listener,
                                                model::NodeId id);
// The bootstrap Service of a listener: `<cluster>-kafka-<listener>-bootstrap`, or the shared
// `<cluster>-kafka-bootstrap` for internal listeners.
std::string bootstrapServiceName(const std::string& cluster, const model::KafkaListener& listener);

// Strimzi's host templates (`advertisedHostTemplate`, `hostTemplate`): `{nodeId}` and
// `{nodePodName}` replaced.
std::string renderHostTemplate(const std::string& hostTemplate, model::NodeId id,
                               const std::string& podName);

} // namespace sgw::strimzi

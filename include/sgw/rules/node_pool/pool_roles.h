#pragma once

#include "sgw/model/kafka_node_pool.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::node_pool {

// pool-roles: a pool change keeps the Kafka's listener configuration true: no ID a listener
// lists as a broker becomes controller-only, new brokers get advertised hosts, and removed
// brokers leave no listener entries or TLSRoutes behind.
const Rule<model::KafkaNodePool>& poolRolesRule();

} // namespace sgw::rules::node_pool

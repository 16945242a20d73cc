#pragma once

#include "sgw/model/kafka_node_pool.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::node_pool {

// pool-annotations: `strimzi.io/next-node-ids` and `strimzi.io/remove-node-ids` are values Strimzi
// can parse. Strimzi only logs a bad value and falls back to sequential IDs, so without this
// rule the nodes silently get IDs nobody planned for.
const Rule<model::KafkaNodePool>& poolAnnotationsRule();

} // namespace sgw::rules::node_pool

#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

namespace sgw::model {

// A Kafka node ID (KRaft node.id / broker.id). A strong type so it cannot be mixed up with a
// replica count, a port or a list index.
struct NodeId {
  std::int64_t value = 0;

  auto operator<=>(const NodeId&) const = default;
  std::string toString() const { return std::to_string(value); }
};

// "10, 11, 12": the form used in messages.
std::string joinNodeIds(const std::vector<NodeId>& ids);

} // namespace sgw::model

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sgw/model/kafka.h"

namespace sgw::mutation {

// What the existing `brokers` entries of a listener have in common, so that entries for new
// brokers can be written the way the user wrote the others.
struct InferredPattern {
  std::string hostTemplate;         // for example `broker-{nodeId}.example.com`
  std::optional<std::int64_t> port; // absent when no entry sets advertisedPort
};

// Infers the pattern of a listener's entries. The entries follow a pattern when
// - there are at least two of them, for different brokers (one entry cannot tell the node ID
//   from a number that merely equals it);
// - every entry has `broker` and `advertisedHost`;
// - every host is the same text with the entry's node ID, in decimal, in the same one place,
//   and not run together with other digits (`broker-10.x` and `broker-11.x` give
//   `broker-{nodeId}.x`; `broker-100.x` never reads as node 10 followed by a 0);
// - exactly one such place fits every entry (otherwise the pattern is ambiguous);
// - every entry sets the same advertisedPort, or none sets one.
// Anything else returns nothing: a guess the user did not make is worse than no entry.
std::optional<InferredPattern>
inferPattern(const std::vector<model::ListenerBrokerOverride>& entries);

} // namespace sgw::mutation

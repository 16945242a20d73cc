#pragma once

#include <cstddef>
#include <optional>

#include "sgw/model/kafka.h"

namespace sgw::strimzi {

// The index of the first `configuration.brokers[]` entry for node `id` that sets `field`. When
// several entries name one node, Strimzi reads the first that sets the field it needs.
template <typename T>
std::optional<std::size_t>
brokerEntrySetting(const model::KafkaListener& listener, model::NodeId id,
                   std::optional<T> model::ListenerBrokerOverride::*field) {
  const auto& entries = listener.configuration.brokers;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (entries[k].broker == std::optional(id) && (entries[k].*field).has_value()) {
      return k;
    }
  }
  return std::nullopt;
}

// The value of `field` in that entry, if any.
template <typename T>
std::optional<T> brokerEntryValue(const model::KafkaListener& listener, model::NodeId id,
                                  std::optional<T> model::ListenerBrokerOverride::*field) {
  const auto entry = brokerEntrySetting(listener, id, field);
  if (!entry.has_value()) {
    return std::nullopt;
  }
  return listener.configuration.brokers[*entry].*field;
}

} // namespace sgw::strimzi

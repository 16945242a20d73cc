#pragma once

#include <cstddef>
#include <string_view>

#include "sgw/core/field_path.h"
#include "sgw/strimzi/listener_hosts.h"

namespace sgw::rules {

// `spec.kafka.listeners[<index>]`.
FieldPath listenerPath(std::size_t index);
// `spec.kafka.listeners[<index>].configuration`.
FieldPath listenerConfigurationPath(std::size_t index);
// The field a listener hostname was written in: `...configuration.brokers[2].advertisedHost`,
// `...configuration.advertisedHostTemplate`, `...configuration.bootstrap.alternativeNames[0]`.
FieldPath listenerHostPath(std::size_t listenerIndex, const strimzi::ListenerHost& host);

// `...configuration.brokers[<entry>].<field>`.
FieldPath brokerEntryPath(std::size_t listenerIndex, std::size_t entry, std::string_view field);

} // namespace sgw::rules

#pragma once

#include <cstdint>
#include <vector>

#include "sgw/model/kafka.h"
#include "sgw/model/node_id.h"

namespace sgw::strimzi {

// True for a listener whose brokers advertise hosts listed one by one (some
// `brokers[].advertisedHost`) rather than from an `advertisedHostTemplate`: such a listener needs
// an entry per broker node, which listener-coverage and pool-roles both check.
bool advertisesPerBroker(const model::KafkaListener& listener);

// The IDs of `brokers` that have no `brokers[].advertisedHost` entry in the listener.
std::vector<model::NodeId> brokersWithoutAdvertisedHost(const model::KafkaListener& listener,
                                                        const std::vector<model::NodeId>& brokers);

// The port broker `id` advertises on the listener, as Strimzi picks it: the advertisedPort of its
// brokers[] entry, else the rendered advertisedPortTemplate (Strimzi 1.0+), else 443 for a
// tlsroute listener and the listener port for any other.
std::int64_t advertisedPort(const model::KafkaListener& listener, model::NodeId id);

} // namespace sgw::strimzi

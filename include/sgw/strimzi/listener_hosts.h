#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sgw/model/kafka.h"
#include "sgw/strimzi/node_assignment.h"

namespace sgw::strimzi {

// Where in a listener's `configuration` a hostname comes from.
enum class HostSource {
  AdvertisedHost,           // brokers[index].advertisedHost
  Host,                     // brokers[index].host
  AdvertisedHostTemplate,   // advertisedHostTemplate, rendered for `broker`
  HostTemplate,             // hostTemplate, rendered for `broker`
  BootstrapHost,            // bootstrap.host
  BootstrapAlternativeName, // bootstrap.alternativeNames[index]
};

// One hostname clients reach a listener by, and where it was written.
struct ListenerHost {
  std::string host;
  HostSource source = HostSource::AdvertisedHost;
  std::size_t index = 0;               // the brokers[] or alternativeNames[] position
  std::optional<model::NodeId> broker; // the broker the name leads to; empty for bootstrap names
};

// The hostnames a listener's certificate must cover: every brokers[].advertisedHost and
// brokers[].host entry (also for IDs that are no node yet), each template rendered for every
// broker node without an entry of its own (an entry wins over the template, as in Strimzi),
// bootstrap.host and every bootstrap.alternativeNames entry. Empty names are left out.
std::vector<ListenerHost> certificateHosts(const std::string& cluster,
                                           const model::KafkaListener& listener,
                                           const ClusterNodes& nodes);

// For each broker node of the cluster, the hostnames that lead to it on this listener: the one it
// advertises (brokers[].advertisedHost or the rendered advertisedHostTemplate) and its route or
// ingress host (brokers[].host or the rendered hostTemplate), whichever are set.
std::vector<ListenerHost> brokerHosts(const std::string& cluster,
                                      const model::KafkaListener& listener,
                                      const ClusterNodes& nodes);

// bootstrap.host and bootstrap.alternativeNames: the names that lead to the bootstrap Service.
std::vector<ListenerHost> bootstrapHosts(const model::KafkaListener& listener);

// The first brokers[] entry for `id` that sets the field `source` names (AdvertisedHost or
// Host), as Strimzi's lookup picks it; or nothing.
std::optional<std::size_t> brokerEntry(const model::KafkaListener& listener, model::NodeId id,
                                       HostSource source);

} // namespace sgw::strimzi

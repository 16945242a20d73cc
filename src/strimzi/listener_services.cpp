#include "sgw/strimzi/listener_services.h"

#include "sgw/strimzi/resource_names.h"

namespace sgw::strimzi {

std::vector<ListenerService> listenerServices(const model::Kafka& kafka,
                                              const ClusterNodes& nodes) {
  std::vector<ListenerService> out;
  const auto& cluster = kafka.metadata.name;
  for (std::size_t i = 0; i < kafka.listeners.size(); ++i) {
    const auto& listener = kafka.listeners[i];
    if (!hasOwnServices(listener)) {
      continue;
    }
    if (createsBootstrapService(listener)) {
      out.push_back({bootstrapServiceName(cluster, listener), i, std::nullopt, {}, listener.port});
    }
    for (const auto& pool : nodes.pools) {
      if (!pool.roles.broker) {
        continue;
      }
      for (const auto& id : pool.desired) {
        if (auto name = perBrokerServiceName(cluster, pool.pool, listener, id)) {
          out.push_back({std::move(*name), i, id, pool.pool, listener.port});
        }
      }
    }
  }
  return out;
}

} // namespace sgw::strimzi

#include "sgw/strimzi/listener_hosts.h"

#include "sgw/strimzi/resource_names.h"

namespace sgw::strimzi {

namespace {

const std::optional<std::string>& entryField(const model::ListenerBrokerOverride& entry,
                                             HostSource source) {
  return source == HostSource::Host ? entry.host : entry.advertisedHost;
}

const std::optional<std::string>& templateOf(const model::KafkaListener& listener,
                                             HostSource source) {
  return source == HostSource::Host ? listener.configuration.hostTemplate
                                    : listener.configuration.advertisedHostTemplate;
}

HostSource templateSource(HostSource source) {
  return source == HostSource::Host ? HostSource::HostTemplate : HostSource::AdvertisedHostTemplate;
}

// The name that leads to broker `id` through the per-broker field `source`: its own entry, else
// the rendered template.
std::optional<ListenerHost> effectiveHost(const std::string& cluster,
                                          const model::KafkaListener& listener,
                                          const PoolNodes& pool, model::NodeId id,
                                          HostSource source) {
  if (const auto index = brokerEntry(listener, id, source)) {
    return ListenerHost{*entryField(listener.configuration.brokers[*index], source), source, *index,
                        id};
  }
  const auto& hostTemplate = templateOf(listener, source);
  if (hostTemplate.has_value() && !hostTemplate->empty()) {
    return ListenerHost{renderHostTemplate(*hostTemplate, id, podName(cluster, pool.pool, id)),
                        templateSource(source), 0, id};
  }
  return std::nullopt;
}

} // namespace

std::optional<std::size_t> brokerEntry(const model::KafkaListener& listener, model::NodeId id,
                                       HostSource source) {
  const auto& brokers = listener.configuration.brokers;
  for (std::size_t i = 0; i < brokers.size(); ++i) {
    const auto& value = entryField(brokers[i], source);
    if (brokers[i].broker == std::optional(id) && value.has_value() && !value->empty()) {
      return i;
    }
  }
  return std::nullopt;
}

std::vector<ListenerHost> certificateHosts(const std::string& cluster,
                                           const model::KafkaListener& listener,
                                           const ClusterNodes& nodes) {
  std::vector<ListenerHost> out;
  const auto& brokers = listener.configuration.brokers;
  for (std::size_t i = 0; i < brokers.size(); ++i) {
    for (const auto source : {HostSource::AdvertisedHost, HostSource::Host}) {
      const auto& value = entryField(brokers[i], source);
      if (value.has_value() && !value->empty()) {
        out.push_back({*value, source, i, brokers[i].broker});
      }
    }
  }
  for (const auto source : {HostSource::AdvertisedHost, HostSource::Host}) {
    for (const auto& pool : nodes.pools) {
      if (!pool.roles.broker) {
        continue;
      }
      for (const auto& id : pool.desired) {
        auto host = effectiveHost(cluster, listener, pool, id, source);
        if (host.has_value() && host->source == templateSource(source)) {
          out.push_back(std::move(*host));
        }
      }
    }
  }
  for (auto& host : bootstrapHosts(listener)) {
    out.push_back(std::move(host));
  }
  return out;
}

std::vector<ListenerHost> brokerHosts(const std::string& cluster,
                                      const model::KafkaListener& listener,
                                      const ClusterNodes& nodes) {
  std::vector<ListenerHost> out;
  for (const auto& pool : nodes.pools) {
    if (!pool.roles.broker) {
      continue;
    }
    for (const auto& id : pool.desired) {
      for (const auto source : {HostSource::AdvertisedHost, HostSource::Host}) {
        if (auto host = effectiveHost(cluster, listener, pool, id, source)) {
          out.push_back(std::move(*host));
        }
      }
    }
  }
  return out;
}

std::vector<ListenerHost> bootstrapHosts(const model::KafkaListener& listener) {
  std::vector<ListenerHost> out;
  const auto& bootstrap = listener.configuration.bootstrap;
  if (bootstrap.host.has_value() && !bootstrap.host->empty()) {
    out.push_back({*bootstrap.host, HostSource::BootstrapHost, 0, std::nullopt});
  }
  for (std::size_t i = 0; i < bootstrap.alternativeNames.size(); ++i) {
    if (!bootstrap.alternativeNames[i].empty()) {
      out.push_back(
          {bootstrap.alternativeNames[i], HostSource::BootstrapAlternativeName, i, std::nullopt});
    }
  }
  return out;
}

} // namespace sgw::strimzi

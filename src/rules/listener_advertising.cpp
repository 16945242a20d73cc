#include "sgw/rules/listener_advertising.h"

#include "sgw/strimzi/listener_hosts.h"

namespace sgw::rules {

bool advertisesPerBroker(const model::KafkaListener& listener) {
  const auto& configuration = listener.configuration;
  if (configuration.advertisedHostTemplate.has_value() &&
      !configuration.advertisedHostTemplate->empty()) {
    return false;
  }
  for (const auto& entry : configuration.brokers) {
    if (entry.advertisedHost.has_value() && !entry.advertisedHost->empty()) {
      return true;
    }
  }
  return false;
}

std::vector<model::NodeId> brokersWithoutAdvertisedHost(const model::KafkaListener& listener,
                                                        const std::vector<model::NodeId>& brokers) {
  std::vector<model::NodeId> out;
  for (const auto& id : brokers) {
    if (!strimzi::brokerEntry(listener, id, strimzi::HostSource::AdvertisedHost).has_value()) {
      out.push_back(id);
    }
  }
  return out;
}

std::int64_t advertisedPort(const model::KafkaListener& listener, model::NodeId id) {
  for (const auto& entry : listener.configuration.brokers) {
    if (entry.broker == id && entry.advertisedPort.has_value()) {
      return *entry.advertisedPort;
    }
  }
  return listener.port;
}

} // namespace sgw::rules

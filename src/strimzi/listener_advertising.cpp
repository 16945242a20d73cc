#include "sgw/strimzi/listener_advertising.h"

#include "sgw/strimzi/listener_hosts.h"
#include "sgw/strimzi/port_template.h"
#include "sgw/strimzi/tls_route_listener.h"

namespace sgw::strimzi {

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
    if (!brokerEntry(listener, id, HostSource::AdvertisedHost).has_value()) {
      out.push_back(id);
    }
  }
  return out;
}

std::int64_t advertisedPort(const model::KafkaListener& listener, model::NodeId id) {
  if (const auto port = advertisedPortOverride(listener, id)) {
    return *port;
  }
  // Strimzi 1.1: a tlsroute listener's brokers are reached through the Gateway, on 443 unless
  // told otherwise; every other listener advertises its own port.
  return isTlsRouteListener(listener) ? kTlsRouteAdvertisedPort : listener.port;
}

} // namespace sgw::strimzi

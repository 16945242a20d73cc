#include "sgw/rules/kafka_fields.h"

namespace sgw::rules {

FieldPath listenerPath(std::size_t index) {
  return FieldPath::root("spec").child("kafka").child("listeners").index(index);
}

FieldPath listenerConfigurationPath(std::size_t index) {
  return listenerPath(index).child("configuration");
}

FieldPath brokerEntryPath(std::size_t listenerIndex, std::size_t entry, std::string_view field) {
  return listenerConfigurationPath(listenerIndex).child("brokers").index(entry).child(field);
}

FieldPath listenerHostPath(std::size_t listenerIndex, const strimzi::ListenerHost& host) {
  const auto configuration = listenerConfigurationPath(listenerIndex);
  switch (host.source) {
  case strimzi::HostSource::AdvertisedHost:
    return configuration.child("brokers").index(host.index).child("advertisedHost");
  case strimzi::HostSource::Host:
    return configuration.child("brokers").index(host.index).child("host");
  case strimzi::HostSource::AdvertisedHostTemplate:
    return configuration.child("advertisedHostTemplate");
  case strimzi::HostSource::HostTemplate:
    return configuration.child("hostTemplate");
  case strimzi::HostSource::BootstrapHost:
    return configuration.child("bootstrap").child("host");
  case strimzi::HostSource::BootstrapAlternativeName:
    return configuration.child("bootstrap").child("alternativeNames").index(host.index);
  }
  return configuration;
}

} // namespace sgw::rules

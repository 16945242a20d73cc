#include <catch2/catch.hpp>

#include "sgw/rules/kafka_fields.h"

using sgw::strimzi::HostSource;

TEST_CASE("listener paths are built from spec.kafka.listeners", "[rules][kafka-fields]") {
  CHECK(sgw::rules::listenerPath(0).toString() == "spec.kafka.listeners[0]");
  CHECK(sgw::rules::listenerConfigurationPath(3).toString() ==
        "spec.kafka.listeners[3].configuration");
  CHECK(sgw::rules::brokerEntryPath(1, 2, "advertisedPort").toString() ==
        "spec.kafka.listeners[1].configuration.brokers[2].advertisedPort");
  CHECK(sgw::rules::brokerEntryPath(1, 2, "advertisedPort").jsonPointer() ==
        "/spec/kafka/listeners/1/configuration/brokers/2/advertisedPort");
}

TEST_CASE("a listener hostname points at the field it was written in", "[rules][kafka-fields]") {
  const auto [source, path] = GENERATE(table<HostSource, std::string>({
      {HostSource::AdvertisedHost,
       "spec.kafka.listeners[1].configuration.brokers[2].advertisedHost"},
      {HostSource::Host, "spec.kafka.listeners[1].configuration.brokers[2].host"},
      {HostSource::AdvertisedHostTemplate,
       "spec.kafka.listeners[1].configuration.advertisedHostTemplate"},
      {HostSource::HostTemplate, "spec.kafka.listeners[1].configuration.hostTemplate"},
      {HostSource::BootstrapHost, "spec.kafka.listeners[1].configuration.bootstrap.host"},
      {HostSource::BootstrapAlternativeName,
       "spec.kafka.listeners[1].configuration.bootstrap.alternativeNames[2]"},
  }));
  CAPTURE(path);
  sgw::strimzi::ListenerHost host;
  host.host = "broker-10.example";
  host.source = source;
  host.index = 2;
  CHECK(sgw::rules::listenerHostPath(1, host).toString() == path);
}

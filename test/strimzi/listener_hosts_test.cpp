#include <catch2/catch.hpp>

#include "sgw/strimzi/listener_hosts.h"

using sgw::model::NodeId;
using sgw::strimzi::HostSource;

namespace {

std::string sourceName(HostSource source) {
  switch (source) {
  case HostSource::AdvertisedHost:
    return "advertisedHost";
  case HostSource::Host:
    return "host";
  case HostSource::AdvertisedHostTemplate:
    return "advertisedHostTemplate";
  case HostSource::HostTemplate:
    return "hostTemplate";
  case HostSource::BootstrapHost:
    return "bootstrap.host";
  case HostSource::BootstrapAlternativeName:
    return "bootstrap.alternativeNames";
  }
  return "?";
}

// "<host> <source>[<index>] -> <broker>", or "-> bootstrap".
std::vector<std::string> describe(const std::vector<sgw::strimzi::ListenerHost>& hosts) {
  std::vector<std::string> out;
  for (const auto& host : hosts) {
    out.push_back(host.host + " " + sourceName(host.source) + "[" + std::to_string(host.index) +
                  "] -> " + (host.broker.has_value() ? host.broker->toString() : "bootstrap"));
  }
  return out;
}

sgw::model::ListenerBrokerOverride entry(std::int64_t broker,
                                         std::optional<std::string> advertisedHost,
                                         std::optional<std::string> host = std::nullopt) {
  return {NodeId{broker}, std::move(advertisedHost), std::nullopt, std::move(host)};
}

// Brokers 10 and 11 in pool "broker"; controller 0 in pool "controller".
sgw::strimzi::ClusterNodes nodes() {
  sgw::strimzi::ClusterNodes out;
  sgw::strimzi::PoolNodes brokers;
  brokers.pool = "broker";
  brokers.roles = {true, false};
  brokers.desired = {NodeId{10}, NodeId{11}};
  sgw::strimzi::PoolNodes controllers;
  controllers.pool = "controller";
  controllers.roles = {false, true};
  controllers.desired = {NodeId{0}};
  out.pools = {brokers, controllers};
  return out;
}

sgw::model::KafkaListener listener() {
  sgw::model::KafkaListener out;
  out.name = "obiwan";
  out.port = 9092;
  out.type = "cluster-ip";
  out.tls = true;
  auto& configuration = out.configuration;
  configuration.hasBrokers = true;
  configuration.brokers = {
      entry(10, "adv-10.example"),
      // A second entry for broker 10: Strimzi uses the first.
      entry(10, "second-10.example"),
      // An ID that is no node (yet).
      entry(12, std::nullopt, "route-12.example"),
      // An empty name counts as none: broker 11 falls back to the template.
      entry(11, ""),
  };
  configuration.advertisedHostTemplate = "b-{nodeId}.example";
  configuration.hostTemplate = "{nodePodName}.routes.example";
  configuration.bootstrap.host = "bootstrap.example";
  configuration.bootstrap.alternativeNames = {"", "alt.example"};
  return out;
}

} // namespace

TEST_CASE("a certificate must cover every entry, the templates for the other brokers and the "
          "bootstrap names",
          "[strimzi][listener-hosts]") {
  CHECK(describe(sgw::strimzi::certificateHosts("my-cluster", listener(), nodes())) ==
        std::vector<std::string>{
            "adv-10.example advertisedHost[0] -> 10",
            "second-10.example advertisedHost[1] -> 10",
            "route-12.example host[2] -> 12",
            "b-11.example advertisedHostTemplate[0] -> 11",
            "my-cluster-broker-10.routes.example hostTemplate[0] -> 10",
            "my-cluster-broker-11.routes.example hostTemplate[0] -> 11",
            "bootstrap.example bootstrap.host[0] -> bootstrap",
            "alt.example bootstrap.alternativeNames[1] -> bootstrap",
        });
}

TEST_CASE("each broker node is reached by its entry, else by the rendered template",
          "[strimzi][listener-hosts]") {
  // The controller gets no names; broker 12 is no node, so its entry leads nowhere.
  CHECK(describe(sgw::strimzi::brokerHosts("my-cluster", listener(), nodes())) ==
        std::vector<std::string>{
            "adv-10.example advertisedHost[0] -> 10",
            "my-cluster-broker-10.routes.example hostTemplate[0] -> 10",
            "b-11.example advertisedHostTemplate[0] -> 11",
            "my-cluster-broker-11.routes.example hostTemplate[0] -> 11",
        });
}

TEST_CASE("a listener without names or templates has no hosts", "[strimzi][listener-hosts]") {
  sgw::model::KafkaListener bare;
  bare.name = "plain";
  CHECK(sgw::strimzi::certificateHosts("my-cluster", bare, nodes()).empty());
  CHECK(sgw::strimzi::brokerHosts("my-cluster", bare, nodes()).empty());
  CHECK(sgw::strimzi::bootstrapHosts(bare).empty());
  // Empty templates are no templates.
  bare.configuration.advertisedHostTemplate = "";
  bare.configuration.hostTemplate = "";
  bare.configuration.bootstrap.host = "";
  CHECK(sgw::strimzi::brokerHosts("my-cluster", bare, nodes()).empty());
  CHECK(sgw::strimzi::certificateHosts("my-cluster", bare, nodes()).empty());
}

TEST_CASE("bootstrap hosts are bootstrap.host and the non-empty alternative names",
          "[strimzi][listener-hosts]") {
  CHECK(describe(sgw::strimzi::bootstrapHosts(listener())) ==
        std::vector<std::string>{"bootstrap.example bootstrap.host[0] -> bootstrap",
                                 "alt.example bootstrap.alternativeNames[1] -> bootstrap"});
}

TEST_CASE("brokerEntry finds the first entry of a broker that sets the field",
          "[strimzi][listener-hosts]") {
  const auto l = listener();
  CHECK(sgw::strimzi::brokerEntry(l, NodeId{10}, HostSource::AdvertisedHost) == 0u);
  CHECK_FALSE(sgw::strimzi::brokerEntry(l, NodeId{10}, HostSource::Host).has_value());
  CHECK(sgw::strimzi::brokerEntry(l, NodeId{12}, HostSource::Host) == 2u);
  CHECK_FALSE(sgw::strimzi::brokerEntry(l, NodeId{12}, HostSource::AdvertisedHost).has_value());
  CHECK_FALSE(sgw::strimzi::brokerEntry(l, NodeId{11}, HostSource::AdvertisedHost).has_value());
  CHECK_FALSE(sgw::strimzi::brokerEntry(l, NodeId{99}, HostSource::AdvertisedHost).has_value());
}

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sgw/mutation/pattern_inference.h"

using sgw::model::ListenerBrokerOverride;
using sgw::model::NodeId;
using sgw::mutation::inferPattern;

namespace {

ListenerBrokerOverride entry(std::optional<int> broker, std::optional<std::string> host,
                             std::optional<int> port = 9092) {
  ListenerBrokerOverride out;
  if (broker.has_value()) {
    out.broker = NodeId{*broker};
  }
  out.advertisedHost = std::move(host);
  if (port.has_value()) {
    out.advertisedPort = *port;
  }
  return out;
}

} // namespace

TEST_CASE("the seed's entries follow broker-{nodeId} on one port", "[mutation][pattern]") {
  const auto pattern = inferPattern({entry(10, "broker-10.strimzi.gateway.api.test"),
                                     entry(11, "broker-11.strimzi.gateway.api.test"),
                                     entry(12, "broker-12.strimzi.gateway.api.test")});
  REQUIRE(pattern.has_value());
  CHECK(pattern->hostTemplate == "broker-{nodeId}.strimzi.gateway.api.test");
  CHECK(pattern->port == std::optional<std::int64_t>(9092));
}

TEST_CASE("patterns are found wherever the node ID stands", "[mutation][pattern]") {
  using Entries = std::vector<ListenerBrokerOverride>;
  const auto [entries, expected] = GENERATE(table<Entries, std::string>({
      {{entry(0, "0.kafka.example.com"), entry(1, "1.kafka.example.com")},
       "{nodeId}.kafka.example.com"},
      {{entry(12, "kafka.example.com-12"), entry(3, "kafka.example.com-3")},
       "kafka.example.com-{nodeId}"},
      // 1 inside "b1" is not a node ID of its own: only the place after "-" fits both entries.
      {{entry(1, "b1-1.example.com"), entry(2, "b1-2.example.com")}, "b1-{nodeId}.example.com"},
      // Entries for brokers that no longer exist are evidence all the same; order is irrelevant.
      {{entry(12, "k12.example.com"), entry(10, "k10.example.com"), entry(99, "k99.example.com")},
       "k{nodeId}.example.com"},
  }));
  const auto pattern = inferPattern(entries);
  REQUIRE(pattern.has_value());
  CHECK(pattern->hostTemplate == expected);
}

TEST_CASE("entries without advertisedPort give a pattern without port", "[mutation][pattern]") {
  const auto pattern = inferPattern({entry(10, "broker-10.example.com", std::nullopt),
                                     entry(11, "broker-11.example.com", std::nullopt)});
  REQUIRE(pattern.has_value());
  CHECK(pattern->hostTemplate == "broker-{nodeId}.example.com");
  CHECK(pattern->port == std::nullopt);
}

TEST_CASE("entries that do not all follow one pattern give none", "[mutation][pattern]") {
  using Entries = std::vector<ListenerBrokerOverride>;
  const auto [why, entries] = GENERATE(table<std::string, Entries>({
      {"no entries", {}},
      {"one entry is no evidence", {entry(10, "broker-10.example.com")}},
      {"two entries for one broker", {entry(10, "broker-10.x"), entry(10, "broker-10.x")}},
      {"different ports", {entry(10, "broker-10.x", 9092), entry(11, "broker-11.x", 9093)}},
      {"one port missing",
       {entry(10, "broker-10.x", 9092), entry(11, "broker-11.x", std::nullopt)}},
      {"different suffixes", {entry(10, "broker-10.a.example"), entry(11, "broker-11.b.example")}},
      {"no node ID in a host", {entry(10, "broker-10.x"), entry(11, "broker-eleven.x")}},
      {"the node ID runs into other digits",
       {entry(10, "broker-100.x"), entry(11, "broker-110.x")}},
      {"the node ID in two places", {entry(10, "b10-10.x"), entry(11, "b11-11.x")}},
      {"an entry without advertisedHost", {entry(10, "broker-10.x"), entry(11, std::nullopt)}},
      {"an entry without broker", {entry(10, "broker-10.x"), entry(std::nullopt, "broker-11.x")}},
  }));
  CAPTURE(why);
  CHECK(inferPattern(entries) == std::nullopt);
}

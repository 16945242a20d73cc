#include <catch2/catch.hpp>
#include <optional>

#include "sgw/cluster/any_object.h"
#include "sgw/gateway/route_acceptance.h"
#include "support/seed.h"

using sgw::gateway::judgeParent;
using sgw::gateway::ParentVerdict;
using sgw::gateway::Reason;
using sgw::gateway::RouteToAttach;
using Json = nlohmann::json;

namespace {

sgw::model::ParentReference parentRef(const std::string& kind, const std::string& name,
                                      std::optional<std::string> sectionName = std::nullopt,
                                      std::optional<std::int64_t> port = std::nullopt,
                                      const std::string& namespace_ = "strimzi") {
  return {std::string(sgw::model::kGatewayGroup), kind, namespace_, name, sectionName, port};
}

RouteToAttach brokerRoute(std::vector<std::string> hostnames = {
                              "broker-10.strimzi.gateway.api.test"}) {
  return {std::string(sgw::model::kGatewayGroup), "TLSRoute", "strimzi", std::move(hostnames)};
}

Json tlsListener(const std::string& name, std::int64_t port, const std::string& mode) {
  return {{"name", name}, {"protocol", "TLS"}, {"port", port}, {"tls", {{"mode", mode}}}};
}

Json listenerSet(const std::string& name, Json listeners) {
  return {{"apiVersion", "gateway.networking.k8s.io/v1"},
          {"kind", "ListenerSet"},
          {"metadata", {{"name", name}, {"namespace", "strimzi"}}},
          {"spec", {{"parentRef", {{"name", "my-gateway"}}}, {"listeners", std::move(listeners)}}}};
}

Json namespaceObject(const std::string& name, Json labels) {
  return {{"apiVersion", "v1"},
          {"kind", "Namespace"},
          {"metadata", {{"name", name}, {"labels", std::move(labels)}}}};
}

std::vector<std::string> reasonsOf(const ParentVerdict& verdict) {
  std::vector<std::string> out;
  for (const auto& candidate : verdict.candidates) {
    for (const auto& refusal : candidate.refusals) {
      out.push_back(refusal.detail); // the details name the listener; verdicts may outlive it
    }
  }
  return out;
}

} // namespace

TEST_CASE("route and listener hostnames intersect as the Gateway API defines",
          "[gateway][route-acceptance]") {
  using Row = std::tuple<std::string, std::string, bool>;
  const auto [listener, route, expected] = GENERATE(
      // The examples of the TLSRoute hostnames documentation.
      Row{"test.example.com", "test.example.com", true},
      Row{"test.example.com", "*.example.com", true},
      Row{"*.example.com", "test.example.com", true}, Row{"*.example.com", "*.example.com", true},
      Row{"*.example.com", "example.com", false}, Row{"*.example.com", "test.example.net", false},
      Row{"something.example.com", "*.example.com", true},
      // A wildcard stands for one or more labels.
      Row{"*.example.com", "foo.test.example.com", true},
      Row{"*.example.com", "*.foo.example.com", true},
      Row{"*.foo.example.com", "*.example.com", true}, Row{"*.example.com", "*.example.net", false},
      Row{"*.example.com", "badexample.com", false}, Row{"a.example.com", "b.example.com", false},
      // The seed's names against a listener for other brokers.
      Row{"*.other.example", "broker-10.strimzi.gateway.api.test", false},
      // DNS names compare case-insensitively.
      Row{"*.Strimzi.Gateway.Api.Test", "BROKER-10.strimzi.gateway.api.test", true},
      Row{"Test.Example.com", "test.EXAMPLE.com", true},
      Row{"*.Example.com", "*.example.COM", true}, Row{"*.EXAMPLE.com", "*.Foo.example.com", true},
      Row{"*.foo.Example.com", "*.EXAMPLE.com", true},
      Row{"*.Example.com", "*.example.NET", false});
  CAPTURE(listener, route);
  CHECK(sgw::gateway::hostnamesIntersect(listener, route) == expected);
}

TEST_CASE("a listener's default route kinds follow its protocol", "[gateway][route-acceptance]") {
  const auto kinds = sgw::gateway::defaultRouteKinds("TLS");
  REQUIRE(kinds.size() == 1);
  CHECK(kinds[0].group == "gateway.networking.k8s.io");
  CHECK(kinds[0].kind == "TLSRoute");
  CHECK(sgw::gateway::defaultRouteKinds("TCP")[0].kind == "TCPRoute");
  CHECK(sgw::gateway::defaultRouteKinds("SCTP").empty());
}

TEST_CASE("the seed Gateway accepts the seed route on its passthrough listener",
          "[gateway][route-acceptance]") {
  sgw::test::Seed seed;
  const auto snapshot = seed.snapshot();
  const sgw::cluster::ClusterView view(snapshot);
  const auto verdict = judgeParent(brokerRoute(), parentRef("Gateway", "my-gateway"), view);
  CHECK(verdict.state == ParentVerdict::State::Found);
  CHECK(verdict.accepted());
  CHECK(verdict.acceptingPorts() == std::vector<std::int64_t>{9092});
  CHECK(reasonsOf(verdict).empty());
}

TEST_CASE("a route that does not exist yet is judged like one that does",
          "[gateway][route-acceptance]") {
  // The routes Strimzi makes for a tlsroute listener: Kafka namespace, bootstrap host.
  sgw::test::Seed seed;
  seed.get("Gateway", "my-gateway")["spec"]["listeners"][0]["hostname"] = "*.other.example";
  const auto snapshot = seed.snapshot();
  const sgw::cluster::ClusterView view(snapshot);
  const auto verdict = judgeParent(brokerRoute({"bootstrap.strimzi.gateway.api.test"}),
                                   parentRef("Gateway", "my-gateway", "kafka-listener"), view);
  CHECK_FALSE(verdict.accepted());
  CHECK(reasonsOf(verdict) ==
        std::vector<std::string>{
            "listener kafka-listener of Gateway my-gateway has hostname "
            "*.other.example, which no route hostname (bootstrap.strimzi.gateway.api.test) "
            "matches; give the route a hostname under it or change the listener's hostname"});
  CHECK(verdict.candidates[0].refusedOnlyFor({Reason::HostnameMismatch}));
}

TEST_CASE("sectionName and port select the candidate listeners", "[gateway][route-acceptance]") {
  sgw::test::Seed seed;
  auto& listeners = seed.get("Gateway", "my-gateway")["spec"]["listeners"];
  listeners.push_back(tlsListener("kafka-9093", 9093, "Passthrough"));
  listeners.push_back({{"name", "https"}, {"protocol", "HTTPS"}, {"port", 443}});
  const auto snapshot = seed.snapshot();
  const sgw::cluster::ClusterView view(snapshot);

  SECTION("neither: every listener is a candidate, the route attaches where it may") {
    const auto verdict = judgeParent(brokerRoute(), parentRef("Gateway", "my-gateway"), view);
    REQUIRE(verdict.candidates.size() == 3);
    CHECK(verdict.acceptingPorts() == std::vector<std::int64_t>{9092, 9093});
    CHECK(verdict.candidates[2].refusedFor(Reason::NotTls));
    CHECK_FALSE(verdict.candidates[2].refusedFor(Reason::KindNotAllowed));
  }
  SECTION("a port: listeners on other ports refuse") {
    const auto verdict =
        judgeParent(brokerRoute(), parentRef("Gateway", "my-gateway", std::nullopt, 9093), view);
    CHECK(verdict.acceptingPorts() == std::vector<std::int64_t>{9093});
    CHECK(verdict.candidates[0].refusedOnlyFor({Reason::PortMismatch}));
  }
  SECTION("a sectionName that names no listener") {
    const auto verdict =
        judgeParent(brokerRoute(), parentRef("Gateway", "my-gateway", "kafka"), view);
    CHECK(verdict.state == ParentVerdict::State::SectionNotFound);
    CHECK_FALSE(verdict.accepted());
  }
  SECTION("a missing parent") {
    const auto verdict = judgeParent(brokerRoute(), parentRef("Gateway", "other-gateway"), view);
    CHECK(verdict.state == ParentVerdict::State::NotFound);
    CHECK_FALSE(verdict.accepted());
  }
  SECTION("a parent of another kind is not judged") {
    auto parent = parentRef("Service", "kafka");
    parent.group = "";
    CHECK(judgeParent(brokerRoute(), parent, view).state == ParentVerdict::State::NotJudged);
  }
}

TEST_CASE("allowedRoutes namespaces: Same, All and Selector", "[gateway][route-acceptance]") {
  sgw::test::Seed seed;
  auto& gateway = seed.get("Gateway", "my-gateway");
  gateway["metadata"]["namespace"] = "gateways";
  auto& listener = gateway["spec"]["listeners"][0];
  const auto parent =
      parentRef("Gateway", "my-gateway", "kafka-listener", std::nullopt, "gateways");
  const auto judge = [&](sgw::test::Seed& changed) {
    const auto snapshot = changed.snapshot();
    const sgw::cluster::ClusterView view(snapshot);
    return judgeParent(brokerRoute(), parent, view);
  };

  SECTION("Same (the default) keeps out routes of other namespaces") {
    const auto verdict = judge(seed);
    CHECK(reasonsOf(verdict) ==
          std::vector<std::string>{
              "listener kafka-listener of Gateway gateways/my-gateway takes "
              "routes from its own namespace gateways only (allowedRoutes.namespaces.from Same, "
              "the default), not from strimzi; set allowedRoutes.namespaces.from to All or "
              "Selector there"});
    CHECK(verdict.candidates[0].certainlyRefuses());
  }
  SECTION("All lets them in") {
    listener["allowedRoutes"] = {{"namespaces", {{"from", "All"}}}};
    CHECK(judge(seed).accepted());
  }
  listener["allowedRoutes"] = Json::parse(R"({"namespaces": {"from": "Selector", "selector":
      {"matchExpressions": [{"key": "team", "operator": "In", "values": ["kafka", "data"]}]}}})");
  SECTION("Selector on the labels of the route's Namespace") {
    seed.put(namespaceObject("strimzi", {{"team", "data"}}));
    CHECK(judge(seed).accepted());
    seed.put(namespaceObject("strimzi", {{"team", "web"}}));
    const auto verdict = judge(seed);
    CHECK(reasonsOf(verdict) ==
          std::vector<std::string>{
              "listener kafka-listener of Gateway gateways/my-gateway takes "
              "routes from namespaces labelled team in (kafka, data) only "
              "(allowedRoutes.namespaces.selector), and namespace strimzi does not match; label "
              "the namespace or widen the selector"});
  }
  SECTION("Selector with the Namespace unknown: a refusal that is not certain") {
    const auto verdict = judge(seed);
    REQUIRE(verdict.candidates.size() == 1);
    CHECK_FALSE(verdict.candidates[0].certainlyRefuses());
    CHECK_FALSE(verdict.accepted());
  }
  SECTION("Selector on the name label the API server sets on every Namespace") {
    listener["allowedRoutes"]["namespaces"]["selector"] = {
        {"matchLabels", {{"kubernetes.io/metadata.name", "strimzi"}}}};
    CHECK(judge(seed).accepted());
  }
}

TEST_CASE("allowedRoutes kinds", "[gateway][route-acceptance]") {
  sgw::test::Seed seed;
  auto& listener = seed.get("Gateway", "my-gateway")["spec"]["listeners"][0];
  // A verdict points into the snapshot it was judged on, so the snapshot outlives the lambda.
  std::optional<sgw::cluster::ClusterSnapshot> snapshot;
  const auto judge = [&] {
    snapshot.emplace(seed.snapshot());
    const sgw::cluster::ClusterView view(*snapshot);
    return judgeParent(brokerRoute(), parentRef("Gateway", "my-gateway"), view);
  };
  listener["allowedRoutes"] = {{"kinds", {{{"kind", "TCPRoute"}}}}};
  CHECK(reasonsOf(judge()) ==
        std::vector<std::string>{"listener kafka-listener of Gateway my-gateway "
                                 "allows TCPRoute only (allowedRoutes.kinds), not TLSRoute; add "
                                 "kind TLSRoute there"});
  listener["allowedRoutes"]["kinds"].push_back({{"kind", "TLSRoute"}});
  CHECK(judge().accepted());
  // The group counts too.
  listener["allowedRoutes"]["kinds"] = {{{"group", "example.com"}, {"kind", "TLSRoute"}}};
  CHECK_FALSE(judge().accepted());
}

TEST_CASE("a ListenerSet parent: its listeners, and its Gateway's allowedListeners",
          "[gateway][route-acceptance]") {
  sgw::test::Seed seed;
  seed.put(listenerSet("kafka-listeners", {tlsListener("kafka", 9094, "Passthrough")}));
  auto& gateway = seed.get("Gateway", "my-gateway");
  const auto parent = parentRef("ListenerSet", "kafka-listeners");
  // A verdict points into the snapshot it was judged on, so the snapshot outlives the lambda.
  std::optional<sgw::cluster::ClusterSnapshot> snapshot;
  const auto judge = [&] {
    snapshot.emplace(seed.snapshot());
    const sgw::cluster::ClusterView view(*snapshot);
    return judgeParent(brokerRoute(), parent, view);
  };

  SECTION("by default a Gateway takes no ListenerSets") {
    const auto verdict = judge();
    REQUIRE(verdict.listenerSetRefusal.has_value());
    CHECK(verdict.listenerSetRefusal->detail ==
          "Gateway strimzi/my-gateway of ListenerSet kafka-listeners takes no ListenerSets "
          "(spec.allowedListeners.namespaces.from None, the default); set it to Same, All or "
          "Selector");
    CHECK_FALSE(verdict.accepted());
    // Its listeners are judged all the same.
    CHECK(verdict.candidates.size() == 1);
    CHECK(verdict.candidates[0].accepts());
  }
  SECTION("allowedListeners Same takes it, and its listener's port is the one that counts") {
    gateway["spec"]["allowedListeners"] = {{"namespaces", {{"from", "Same"}}}};
    const auto verdict = judge();
    CHECK(verdict.accepted());
    CHECK(verdict.acceptingPorts() == std::vector<std::int64_t>{9094});
  }
  SECTION("a route to the Gateway does not reach the ListenerSet's listeners") {
    gateway["spec"]["allowedListeners"] = {{"namespaces", {{"from", "All"}}}};
    const auto snapshot = seed.snapshot();
    const sgw::cluster::ClusterView view(snapshot);
    const auto verdict =
        judgeParent(brokerRoute(), parentRef("Gateway", "my-gateway", "kafka"), view);
    CHECK(verdict.state == ParentVerdict::State::SectionNotFound);
  }
  SECTION("a ListenerSet whose Gateway is missing") {
    seed.remove("Gateway", "my-gateway");
    const auto verdict = judge();
    REQUIRE(verdict.listenerSetRefusal.has_value());
    CHECK_FALSE(verdict.listenerSetRefusal->certain);
  }
}

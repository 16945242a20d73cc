#include <catch2/catch.hpp>

#include "sgw/rules/tls_route/route_acceptance.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

Json& listenerOf(Seed& seed) {
  return seed.get("Gateway", "my-gateway")["spec"]["listeners"][0];
}

// The seed Gateway moved to namespace `gateways`, the route following it there.
void moveGateway(Seed& seed, Json& route) {
  seed.get("Gateway", "my-gateway")["metadata"]["namespace"] = "gateways";
  route["spec"]["parentRefs"][0]["namespace"] = "gateways";
}

Json namespaceObject(const std::string& name, Json labels) {
  return {{"apiVersion", "v1"},
          {"kind", "Namespace"},
          {"metadata", {{"name", name}, {"labels", std::move(labels)}}}};
}

Json kafkaListenerSet(const std::string& mode) {
  return {
      {"apiVersion", "gateway.networking.k8s.io/v1"},
      {"kind", "ListenerSet"},
      {"metadata", {{"name", "kafka-listeners"}, {"namespace", "strimzi"}}},
      {"spec",
       {{"parentRef", {{"name", "my-gateway"}}},
        {"listeners",
         {{{"name", "kafka"}, {"protocol", "TLS"}, {"port", 9092}, {"tls", {{"mode", mode}}}}}}}}};
}

void toListenerSet(Json& route) {
  route["spec"]["parentRefs"][0] = {{"group", "gateway.networking.k8s.io"},
                                    {"kind", "ListenerSet"},
                                    {"name", "kafka-listeners"},
                                    {"sectionName", "kafka"}};
}

void selectTeamKafka(Seed& seed) {
  listenerOf(seed)["allowedRoutes"] = {
      {"namespaces", {{"from", "Selector"}, {"selector", {{"matchLabels", {{"team", "kafka"}}}}}}}};
}

const std::string kNotAllowed =
    "; Gateway my-gateway would not accept the route (Accepted: False, NotAllowedByListeners)";

} // namespace

TEST_CASE("route-acceptance: the parent accepts the route", "[rules][route-acceptance]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"the seed route is allowed", [](Seed&, Json&) {}, {}},
      {"a listener hostname no route hostname matches",
       [](Seed& seed, Json&) { listenerOf(seed)["hostname"] = "*.other.example"; },
       {"deny: spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway "
        "my-gateway has hostname *.other.example, which no route hostname "
        "(broker-10.strimzi.gateway.api.test) matches; give the route a hostname under it or "
        "change the listener's hostname; Gateway my-gateway would not accept the route "
        "(Accepted: False, NoMatchingListenerHostname)"}},
      {"a wildcard listener hostname the route's hostname falls under",
       [](Seed& seed, Json&) { listenerOf(seed)["hostname"] = "*.strimzi.gateway.api.test"; },
       {}},
      {"the route's own hostname on the listener",
       [](Seed& seed, Json&) {
         listenerOf(seed)["hostname"] = "broker-10.strimzi.gateway.api.test";
       },
       {}},
      {"a Gateway in another namespace with the default allowedRoutes",
       [](Seed& seed, Json& route) { moveGateway(seed, route); },
       {"deny: spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway "
        "gateways/my-gateway takes routes from its own namespace gateways only "
        "(allowedRoutes.namespaces.from Same, the default), not from strimzi; set "
        "allowedRoutes.namespaces.from to All or Selector there; Gateway gateways/my-gateway "
        "would not accept the route (Accepted: False, NotAllowedByListeners)"}},
      {"a Gateway in another namespace that takes routes from all",
       [](Seed& seed, Json& route) {
         listenerOf(seed)["allowedRoutes"] = {{"namespaces", {{"from", "All"}}}};
         moveGateway(seed, route);
       },
       {}},
      {"allowedRoutes.kinds without TLSRoute",
       [](Seed& seed, Json&) {
         listenerOf(seed)["allowedRoutes"] = {{"kinds", {{{"kind", "TCPRoute"}}}}};
       },
       {"deny: spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway "
        "my-gateway allows TCPRoute only (allowedRoutes.kinds), not TLSRoute; add kind TLSRoute "
        "there" +
        kNotAllowed}},
      {"a namespace selector that does not match the route's namespace",
       [](Seed& seed, Json&) {
         selectTeamKafka(seed);
         seed.put(namespaceObject("strimzi", {{"team", "web"}}));
       },
       {"deny: spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway "
        "my-gateway takes routes from namespaces labelled team=kafka only "
        "(allowedRoutes.namespaces.selector), and namespace strimzi does not match; label the "
        "namespace or widen the selector" +
        kNotAllowed}},
      {"a namespace selector that matches",
       [](Seed& seed, Json&) {
         selectTeamKafka(seed);
         seed.put(namespaceObject("strimzi", {{"team", "kafka"}}));
       },
       {}},
      {"a namespace selector and a Namespace the state does not hold",
       [](Seed& seed, Json&) { selectTeamKafka(seed); },
       {"warn: spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway "
        "my-gateway takes routes from namespaces labelled team=kafka only, and the labels of "
        "namespace strimzi are not known here"}},
      {"a ListenerSet the Gateway does not allow",
       [](Seed& seed, Json& route) {
         seed.put(kafkaListenerSet("Passthrough"));
         toListenerSet(route);
       },
       {"deny: spec.parentRefs[0].name: Invalid value: \"kafka-listeners\": Gateway "
        "strimzi/my-gateway of ListenerSet kafka-listeners takes no ListenerSets "
        "(spec.allowedListeners.namespaces.from None, the default); set it to Same, All or "
        "Selector; the ListenerSet is not accepted, so no route attaches to it"}},
      {"a ListenerSet the Gateway allows",
       [](Seed& seed, Json& route) {
         seed.put(kafkaListenerSet("Passthrough"));
         seed.get("Gateway",
                  "my-gateway")["spec"]["allowedListeners"] = {{"namespaces", {{"from", "Same"}}}};
         toListenerSet(route);
       },
       {}},
      {"a ListenerSet listener that terminates TLS is gateway-passthrough's",
       [](Seed& seed, Json& route) {
         seed.put(kafkaListenerSet("Terminate"));
         seed.get("Gateway",
                  "my-gateway")["spec"]["allowedListeners"] = {{"namespaces", {{"from", "All"}}}};
         toListenerSet(route);
       },
       {}},
      {"two parents: one accepts, the other does not",
       [](Seed& seed, Json& route) {
         auto other = seed.get("Gateway", "my-gateway");
         other["metadata"]["name"] = "other-gateway";
         other["spec"]["listeners"][0]["hostname"] = "*.other.example";
         seed.put(other);
         auto parent = route["spec"]["parentRefs"][0];
         parent["name"] = "other-gateway";
         route["spec"]["parentRefs"].push_back(parent);
       },
       {"deny: spec.parentRefs[1].sectionName: Forbidden: listener kafka-listener of Gateway "
        "other-gateway has hostname *.other.example, which no route hostname "
        "(broker-10.strimzi.gateway.api.test) matches; give the route a hostname under it or "
        "change the listener's hostname; Gateway other-gateway would not accept the route "
        "(Accepted: False, NoMatchingListenerHostname)"}},
      {"no sectionName: one of two passthrough listeners accepting is enough",
       [](Seed& seed, Json& route) {
         route["spec"]["parentRefs"][0].erase("sectionName");
         auto second = listenerOf(seed);
         second["name"] = "other-brokers";
         second["port"] = 9093;
         second["hostname"] = "*.other.example";
         seed.get("Gateway", "my-gateway")["spec"]["listeners"].push_back(second);
       },
       {}},
      {"no sectionName: no passthrough listener accepts",
       [](Seed& seed, Json& route) {
         route["spec"]["parentRefs"][0].erase("sectionName");
         listenerOf(seed)["hostname"] = "*.other.example";
         auto second = listenerOf(seed);
         second["name"] = "tcp-only";
         second["port"] = 9093;
         second.erase("hostname");
         second["allowedRoutes"] = {{"kinds", {{{"kind", "TCPRoute"}}}}};
         seed.get("Gateway", "my-gateway")["spec"]["listeners"].push_back(second);
       },
       {"deny: spec.parentRefs[0]: Forbidden: listener kafka-listener of Gateway my-gateway has "
        "hostname *.other.example, which no route hostname (broker-10.strimzi.gateway.api.test) "
        "matches; give the route a hostname under it or change the listener's hostname; "
        "listener tcp-only of Gateway my-gateway allows TCPRoute only (allowedRoutes.kinds), not "
        "TLSRoute; add kind TLSRoute there" +
        kNotAllowed}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto route = seed.get("TLSRoute", "gateway-api-test-broker-10");
  c.change(seed, route);
  CHECK(sgw::test::check(sgw::rules::tls_route::routeAcceptanceRule(), seed.snapshot(), route) ==
        c.expected);
}

#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/tls_route/gateway_passthrough.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

Json& listenersOf(Seed& seed) {
  return seed.get("Gateway", "my-gateway")["spec"]["listeners"];
}

Json grant(const std::string& fromNamespace, std::optional<std::string> service) {
  Json to = {{"group", ""}, {"kind", "Service"}};
  if (service.has_value()) {
    to["name"] = *service;
  }
  return {{"apiVersion", "gateway.networking.k8s.io/v1beta1"},
          {"kind", "ReferenceGrant"},
          {"metadata", {{"name", "routes-from-" + fromNamespace}, {"namespace", "strimzi"}}},
          {"spec",
           {{"from",
             {{{"group", "gateway.networking.k8s.io"},
               {"kind", "TLSRoute"},
               {"namespace", fromNamespace}}}},
            {"to", {to}}}}};
}

// The seed route moved to namespace `apps`, still reaching the Service in `strimzi` and the
// Gateway in `strimzi`.
void moveToApps(Json& route) {
  route["metadata"]["namespace"] = "apps";
  route["spec"]["rules"][0]["backendRefs"][0]["namespace"] = "strimzi";
}

const std::string kNoPassthrough = "; it has no TLS Passthrough listener";

Json terminatingListenerSet() {
  return {{"apiVersion", "gateway.networking.k8s.io/v1"},
          {"kind", "ListenerSet"},
          {"metadata", {{"name", "kafka-listeners"}, {"namespace", "strimzi"}}},
          {"spec",
           {{"parentRef", {{"name", "my-gateway"}}},
            {"listeners",
             {{{"name", "kafka"},
               {"protocol", "TLS"},
               {"port", 9092},
               {"tls", {{"mode", "Terminate"}}}}}}}}};
}

void toListenerSet(Json& route) {
  route["spec"]["parentRefs"][0] = {{"group", "gateway.networking.k8s.io"},
                                    {"kind", "ListenerSet"},
                                    {"name", "kafka-listeners"},
                                    {"sectionName", "kafka"}};
}

} // namespace

TEST_CASE("gateway-passthrough wants TLS passthrough listeners", "[rules][gateway-passthrough]") {
  using Case = sgw::test::SeedCase;
  const auto c = GENERATE(values<Case>({
      {"the seed route is allowed", [](Seed&, Json&) {}, {}},
      {"the Gateway does not exist yet",
       [](Seed& seed, Json&) { seed.remove("Gateway", "my-gateway"); },
       {"warn: spec.parentRefs[0].name: Not found: \"my-gateway\": no Gateway of this name in "
        "namespace strimzi yet; the route stays unattached until it exists"}},
      {"a listener the Gateway does not have",
       [](Seed&, Json& route) { route["spec"]["parentRefs"][0]["sectionName"] = "kafka"; },
       {"deny: spec.parentRefs[0].sectionName: Not found: \"kafka\": Gateway my-gateway has no "
        "such listener; its TLS Passthrough listener is kafka-listener"}},
      {"a listener that terminates TLS",
       [](Seed& seed, Json&) { listenersOf(seed)[0]["tls"]["mode"] = "Terminate"; },
       {"deny: spec.parentRefs[0].sectionName: Invalid value: \"kafka-listener\": listener "
        "kafka-listener of Gateway my-gateway terminates TLS (tls.mode Terminate); Kafka clients "
        "need tls.mode Passthrough" +
        kNoPassthrough}},
      {"tls without a mode terminates",
       [](Seed& seed, Json&) { listenersOf(seed)[0]["tls"] = Json::object(); },
       {"deny: spec.parentRefs[0].sectionName: Invalid value: \"kafka-listener\": listener "
        "kafka-listener of Gateway my-gateway terminates TLS (tls.mode Terminate); Kafka clients "
        "need tls.mode Passthrough" +
        kNoPassthrough}},
      {"an HTTPS listener",
       [](Seed& seed, Json&) { listenersOf(seed)[0]["protocol"] = "HTTPS"; },
       {"deny: spec.parentRefs[0].sectionName: Invalid value: \"kafka-listener\": listener "
        "kafka-listener of Gateway my-gateway has protocol HTTPS, not TLS with tls.mode "
        "Passthrough" +
        kNoPassthrough}},
      {"a port the listener does not have",
       [](Seed&, Json& route) { route["spec"]["parentRefs"][0]["port"] = 443; },
       {"deny: spec.parentRefs[0].port: Invalid value: 443: listener kafka-listener of Gateway "
        "my-gateway has port 9092"}},
      {"no sectionName: every TLS listener must pass through",
       [](Seed& seed, Json& route) {
         route["spec"]["parentRefs"][0].erase("sectionName");
         listenersOf(seed).push_back({{"name", "https"},
                                      {"protocol", "HTTPS"},
                                      {"port", 443},
                                      {"tls", {{"mode", "Terminate"}}}});
         listenersOf(seed).push_back({{"name", "tls-terminate"},
                                      {"protocol", "TLS"},
                                      {"port", 8443},
                                      {"tls", {{"mode", "Terminate"}}}});
       },
       {"deny: spec.parentRefs[0].name: Invalid value: \"my-gateway\": listener tls-terminate of "
        "Gateway my-gateway terminates TLS (tls.mode Terminate); Kafka clients need tls.mode "
        "Passthrough; its TLS Passthrough listener is kafka-listener; set sectionName to a "
        "Passthrough listener"}},
      {"no sectionName and only passthrough listeners",
       [](Seed&, Json& route) { route["spec"]["parentRefs"][0].erase("sectionName"); },
       {}},
      {"no sectionName and no TLS listener",
       [](Seed& seed, Json& route) {
         route["spec"]["parentRefs"][0].erase("sectionName");
         listenersOf(seed)[0]["protocol"] = "TCP";
         listenersOf(seed)[0].erase("tls");
       },
       {"deny: spec.parentRefs[0].name: Invalid value: \"my-gateway\": Gateway my-gateway has no "
        "TLS listener; add one with tls.mode Passthrough"}},
      {"a ListenerSet listener that terminates TLS",
       [](Seed& seed, Json& route) {
         seed.put(terminatingListenerSet());
         toListenerSet(route);
       },
       {"deny: spec.parentRefs[0].sectionName: Invalid value: \"kafka\": listener kafka of "
        "ListenerSet kafka-listeners terminates TLS (tls.mode Terminate); Kafka clients need "
        "tls.mode Passthrough" +
        kNoPassthrough}},
      {"a ListenerSet that does not exist yet",
       [](Seed&, Json& route) { toListenerSet(route); },
       {"warn: spec.parentRefs[0].name: Not found: \"kafka-listeners\": no ListenerSet of this "
        "name in namespace strimzi yet; the route stays unattached until it exists"}},
      {"no sectionName: a terminating listener that would not take the route anyway",
       [](Seed& seed, Json& route) {
         route["spec"]["parentRefs"][0].erase("sectionName");
         listenersOf(seed).push_back({{"name", "tls-terminate"},
                                      {"protocol", "TLS"},
                                      {"port", 8443},
                                      {"hostname", "*.other.example"},
                                      {"tls", {{"mode", "Terminate"}}}});
       },
       {}},
      {"parents that are not Gateways are not judged",
       [](Seed&, Json& route) {
         route["spec"]["parentRefs"][0]["kind"] = "Mesh";
         route["spec"]["parentRefs"][0]["group"] = "example.com";
       },
       {}},
      {"a backend in another namespace without a ReferenceGrant",
       [](Seed&, Json& route) { moveToApps(route); },
       {"deny: spec.rules[0].backendRefs[0].namespace: Forbidden: no ReferenceGrant in namespace "
        "strimzi lets TLSRoutes of namespace apps use Service gateway-api-test-broker-obiwan-10; "
        "create one there"}},
      {"a ReferenceGrant for every Service",
       [](Seed& seed, Json& route) {
         moveToApps(route);
         seed.put(grant("apps", std::nullopt));
       },
       {}},
      {"a ReferenceGrant for another Service",
       [](Seed& seed, Json& route) {
         moveToApps(route);
         seed.put(grant("apps", "gateway-api-test-broker-obiwan-11"));
       },
       {"deny: spec.rules[0].backendRefs[0].namespace: Forbidden: no ReferenceGrant in namespace "
        "strimzi lets TLSRoutes of namespace apps use Service gateway-api-test-broker-obiwan-10; "
        "create one there"}},
      {"a ReferenceGrant for another namespace",
       [](Seed& seed, Json& route) {
         moveToApps(route);
         seed.put(grant("web", std::nullopt));
       },
       {"deny: spec.rules[0].backendRefs[0].namespace: Forbidden: no ReferenceGrant in namespace "
        "strimzi lets TLSRoutes of namespace apps use Service gateway-api-test-broker-obiwan-10; "
        "create one there"}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto route = seed.get("TLSRoute", "gateway-api-test-broker-10");
  c.change(seed, route);
  CHECK(sgw::test::check(sgw::rules::tls_route::gatewayPassthroughRule(), seed.snapshot(), route) ==
        c.expected);
}

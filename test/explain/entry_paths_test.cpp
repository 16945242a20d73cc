#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/cluster/object_set.h"
#include "sgw/explain/entry_paths.h"
#include "sgw/manifest/manifest.h"
#include "sgw/offline/mutated_objects.h"
#include "support/seed.h"
#include "support/temp_dir.h"
#include "support/test_certificates.h"

using sgw::explain::Coverage;
using sgw::explain::EntryPath;
using sgw::explain::Explanation;
using sgw::explain::Link;
using sgw::test::fixturePath;
using sgw::test::sourcePath;
using Json = nlohmann::json;

namespace {

// The objects of a folder as `explain` sees them: after the mutating webhook.
std::vector<Json> objectsIn(const std::string& folder) {
  const auto loaded = sgw::manifest::loadPath(folder);
  REQUIRE(loaded.errors.empty());
  return sgw::manifest::objectsOf(loaded.manifests);
}

Explanation explainObjects(const std::vector<Json>& objects,
                           std::optional<std::string> listener = std::nullopt) {
  const auto mutated = sgw::offline::mutateObjects(objects, "default", sgw::test::testNow());
  const auto result = sgw::explain::explain(mutated.set.snapshot,
                                            {{"strimzi", "gateway-api-test"}, std::move(listener)},
                                            sgw::test::testNow());
  if (const auto* error = std::get_if<std::string>(&result)) {
    FAIL(*error);
  }
  return std::get<Explanation>(result);
}

std::string explainError(const std::vector<Json>& objects,
                         const sgw::explain::ExplainRequest& request) {
  const auto mutated = sgw::offline::mutateObjects(objects, "default", sgw::test::testNow());
  const auto result = sgw::explain::explain(mutated.set.snapshot, request, sgw::test::testNow());
  REQUIRE(std::holds_alternative<std::string>(result));
  return std::get<std::string>(result);
}

// The verdict of a path as the table prints it: each finding, "<Kind> <key>: <field error>".
std::vector<std::string> verdictOf(const EntryPath& path) {
  std::vector<std::string> out;
  for (const auto* finding : path.verdictFindings()) {
    out.push_back(std::string(sgw::model::kindName(finding->kind)) + " " +
                  finding->object.toString() + ": " + finding->finding.error.toString());
  }
  return out;
}

const EntryPath& pathOf(const Explanation& explanation, const std::string& entry) {
  for (const auto& path : explanation.paths) {
    if (path.entryName() == entry) {
      return path;
    }
  }
  FAIL("no entry " << entry);
  throw std::logic_error("unreachable");
}

Json& kafkaIn(std::vector<Json>& objects) {
  for (auto& object : objects) {
    if (object.value("kind", "") == "Kafka") {
      return object;
    }
  }
  throw std::logic_error("no Kafka");
}

Json& objectNamed(std::vector<Json>& objects, const std::string& kind, const std::string& name) {
  for (auto& object : objects) {
    if (object.value("kind", "") == kind && object["metadata"].value("name", "") == name) {
      return object;
    }
  }
  throw std::logic_error("no " + kind + " " + name);
}

} // namespace

TEST_CASE("the seed's entry paths are all ok, with its hostnames, routes and Services",
          "[explain]") {
  // examples/: Strimzi 1.x and TLSRoute v1; seed-strimzi-0.4x/: v1beta2 and TLSRoute v1alpha2.
  const std::string folder = GENERATE("examples", "test/fixtures/seed-strimzi-0.4x");
  CAPTURE(folder);
  const auto explanation = explainObjects(objectsIn(sourcePath(folder).string()));
  CHECK(explanation.listener == "obiwan");
  CHECK(explanation.listenerType == "cluster-ip");
  CHECK(explanation.ok());
  CHECK(explanation.clusterFindings.empty());
  REQUIRE(explanation.paths.size() == 4);

  const std::vector<std::string> entries{"bootstrap", "broker 10", "broker 11", "broker 12"};
  const std::vector<std::string> hosts{
      "bootstrap.strimzi.gateway.api.test", "broker-10.strimzi.gateway.api.test",
      "broker-11.strimzi.gateway.api.test", "broker-12.strimzi.gateway.api.test"};
  const std::vector<std::string> routes{"gateway-api-test-bootstrap", "gateway-api-test-broker-10",
                                        "gateway-api-test-broker-11", "gateway-api-test-broker-12"};
  const std::vector<std::string> services{
      "gateway-api-test-kafka-obiwan-bootstrap", "gateway-api-test-broker-obiwan-10",
      "gateway-api-test-broker-obiwan-11", "gateway-api-test-broker-obiwan-12"};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& path = explanation.paths[i];
    CAPTURE(i);
    CHECK(path.entryName() == entries[i]);
    CHECK(path.host == std::optional(hosts[i]));
    CHECK(path.port == std::optional<std::int64_t>(9092));
    CHECK(path.certificate == Coverage::Covered);
    REQUIRE(path.listener.has_value());
    CHECK(path.listener->kind == "Gateway");
    CHECK(path.listener->parent == sgw::model::ObjectKey{"strimzi", "my-gateway"});
    CHECK(path.listener->listener == "kafka-listener");
    CHECK(path.listener->port == 9092);
    CHECK(path.listener->accepts);
    REQUIRE(path.route.has_value());
    CHECK(path.route->key == sgw::model::ObjectKey{"strimzi", routes[i]});
    CHECK_FALSE(path.route->createdByStrimzi);
    REQUIRE(path.service.has_value());
    CHECK(path.service->key == sgw::model::ObjectKey{"strimzi", services[i]});
    CHECK(path.service->port == std::optional<std::int64_t>(9092));
    CHECK(path.service->exists);
    CHECK(path.service->createdByStrimzi);
    CHECK(path.findings.empty());
    CHECK(path.ok);
  }
  std::vector<std::int64_t> bootstrapNodes;
  for (const auto& node : explanation.paths[0].nodes) {
    bootstrapNodes.push_back(node.id.value);
    CHECK(node.pool == "broker");
  }
  CHECK(bootstrapNodes == std::vector<std::int64_t>{10, 11, 12});
  REQUIRE(explanation.paths[2].nodes.size() == 1);
  CHECK(explanation.paths[2].nodes[0].id.value == 11);
  CHECK(explanation.paths[2].nodes[0].pool == "broker");
}

TEST_CASE("a tlsroute listener's paths are the routes the operator will create",
          "[explain][tlsroute]") {
  const std::string folder = GENERATE("examples", "test/fixtures/seed-strimzi-0.4x");
  CAPTURE(folder);
  auto objects = objectsIn(sourcePath(folder).string());
  auto listener = sgw::test::tlsRouteListener();
  listener["configuration"]["advertisedPortTemplate"] = "9092";
  kafkaIn(objects)["spec"]["kafka"]["listeners"].push_back(listener);
  const auto explanation = explainObjects(objects, "gw");
  CHECK(explanation.listenerType == "tlsroute");
  CHECK(explanation.ok());
  REQUIRE(explanation.paths.size() == 4);
  const auto& bootstrap = explanation.paths[0];
  CHECK(bootstrap.host == std::optional<std::string>("bootstrap-gw.strimzi.gateway.api.test"));
  CHECK(bootstrap.port == std::optional<std::int64_t>(9092));
  REQUIRE(bootstrap.route.has_value());
  CHECK(bootstrap.route->key.name == "gateway-api-test-kafka-gw-bootstrap");
  CHECK(bootstrap.route->createdByStrimzi);
  REQUIRE(bootstrap.service.has_value());
  CHECK(bootstrap.service->key.name == "gateway-api-test-kafka-gw-bootstrap");
  CHECK(bootstrap.service->port == std::optional<std::int64_t>(9095));
  CHECK_FALSE(bootstrap.service->exists);
  CHECK(bootstrap.service->createdByStrimzi);
  CHECK(bootstrap.nodes.size() == 3);
  for (std::size_t i = 1; i < 4; ++i) {
    const auto& path = explanation.paths[i];
    const auto id = std::to_string(9 + i);
    CAPTURE(id);
    CHECK(path.host == std::optional("broker-" + id + "-gw.strimzi.gateway.api.test"));
    CHECK(path.port == std::optional<std::int64_t>(9092));
    CHECK(path.certificate == Coverage::Covered);
    REQUIRE(path.listener.has_value());
    CHECK(path.listener->listener == "kafka-listener");
    CHECK(path.listener->accepts);
    CHECK(path.route->key.name == "gateway-api-test-broker-gw-" + id);
    CHECK(path.service->key.name == "gateway-api-test-broker-gw-" + id);
    REQUIRE(path.nodes.size() == 1);
    CHECK(path.nodes[0].id.toString() == id);
    CHECK(path.findings.empty());
  }
}

TEST_CASE("a tlsroute listener advertising 443 to a Gateway on 9092 is ok with the warning",
          "[explain][tlsroute]") {
  auto objects = objectsIn(sourcePath("examples").string());
  kafkaIn(objects)["spec"]["kafka"]["listeners"].push_back(sgw::test::tlsRouteListener());
  const auto explanation = explainObjects(objects, "gw");
  CHECK(explanation.ok());
  const auto& broker = pathOf(explanation, "broker 10");
  CHECK(broker.port == std::optional<std::int64_t>(443));
  REQUIRE(broker.warnings().size() == 1);
  CHECK(broker.warnings()[0]->finding.ruleId == "tlsroute-gateway");
  CHECK(broker.warnings()[0]->link == Link::ClientToListener);
  CHECK(broker.warnings()[0]->finding.error.toString() ==
        "spec.kafka.listeners[1].configuration.advertisedPortTemplate: Invalid value: 443: brokers "
        "advertise 443, but listener kafka-listener of Gateway my-gateway listens on 9092; set "
        "advertisedPortTemplate: \"9092\" unless something in front maps the port");
  CHECK(pathOf(explanation, "bootstrap").warnings().empty());
}

// Each folder under test/fixtures/check/ is the Strimzi 0.4x seed with one mistake of a rule's
// tests; the path it breaks carries that rule's finding, word for word.
TEST_CASE("each broken variant gives its path the rule's verdict", "[explain]") {
  const auto [mistake, entry,
              expected] = GENERATE(table<std::string, std::string, std::vector<std::string>>({
      {"advertised-host-outside-certificate",
       "broker 12",
       {"Kafka strimzi/gateway-api-test: spec.kafka.listeners[0].configuration.brokers[2]."
        "advertisedHost: Invalid value: \"broker-12.kafka.example.com\": not covered by the "
        "certificate in Secret my-certificate, whose SANs are *.strimzi.gateway.api.test",
        "Kafka strimzi/gateway-api-test: spec.kafka.listeners[0].configuration.brokers[2]."
        "advertisedHost: Not found: \"broker-12.kafka.example.com\": no TLSRoute has this "
        "hostname, so no Gateway listener takes its clients; add one that leads to Service "
        "gateway-api-test-broker-obiwan-12"}},
      {"broker-ids",
       "broker 10",
       {"Kafka strimzi/gateway-api-test: spec.kafka.listeners[0].configuration.brokers: Invalid "
        "value: [0,1,2]: none of these is a broker node; broker nodes of cluster "
        "gateway-api-test are 10, 11, 12"}},
      {"gateway-terminate",
       "broker 11",
       {"TLSRoute strimzi/gateway-api-test-broker-11: spec.parentRefs[0].sectionName: Invalid "
        "value: \"kafka-listener\": listener kafka-listener of Gateway my-gateway terminates "
        "TLS (tls.mode Terminate); Kafka clients need tls.mode Passthrough; it has no TLS "
        "Passthrough listener"}},
      {"listener-hostname",
       "bootstrap",
       {"TLSRoute strimzi/gateway-api-test-bootstrap: spec.parentRefs[0].sectionName: "
        "Forbidden: listener kafka-listener of Gateway my-gateway has hostname "
        "*.other.example, which no route hostname (bootstrap.strimzi.gateway.api.test) "
        "matches; give the route a hostname under it or change the listener's hostname; "
        "Gateway my-gateway would not accept the route (Accepted: False, "
        "NoMatchingListenerHostname)"}},
      {"route-kinds",
       "broker 12",
       {"TLSRoute strimzi/gateway-api-test-broker-12: spec.parentRefs[0].sectionName: "
        "Forbidden: listener kafka-listener of Gateway my-gateway allows TCPRoute only "
        "(allowedRoutes.kinds), not TLSRoute; add kind TLSRoute there; Gateway my-gateway "
        "would not accept the route (Accepted: False, NotAllowedByListeners)"}},
      {"listenerset-not-allowed",
       "broker 10",
       {"TLSRoute strimzi/gateway-api-test-broker-10: spec.parentRefs[0].name: Invalid value: "
        "\"kafka-listeners\": Gateway strimzi/my-gateway of ListenerSet kafka-listeners takes "
        "no ListenerSets (spec.allowedListeners.namespaces.from None, the default); set it to "
        "Same, All or Selector; the ListenerSet is not accepted, so no route attaches to it"}},
      {"misrouted-hostname",
       "broker 11",
       {"TLSRoute strimzi/gateway-api-test-broker-11: spec.rules[0].backendRefs[0].name: "
        "Invalid value: \"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
        "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener obiwan); "
        "route it to gateway-api-test-broker-obiwan-11"}},
      {"route-to-missing-service",
       "broker 12",
       {"TLSRoute strimzi/gateway-api-test-broker-12: spec.rules[0].backendRefs[0].name: Not "
        "found: \"gateway-api-test-broker-obiwan-13\": Services of cluster gateway-api-test "
        "are gateway-api-test-broker-obiwan-10, gateway-api-test-broker-obiwan-11, "
        "gateway-api-test-broker-obiwan-12, gateway-api-test-kafka-obiwan-bootstrap",
        "TLSRoute strimzi/gateway-api-test-broker-12: spec.rules[0].backendRefs[0].name: "
        "Invalid value: \"gateway-api-test-broker-obiwan-13\": spec.hostnames[0] "
        "broker-12.strimzi.gateway.api.test is advertised by broker 12 (listener obiwan); "
        "route it to gateway-api-test-broker-obiwan-12"}},
      // Strimzi's own routes are only warned about; the path is broken all the same.
      {"strimzi-owned-route",
       "broker 11",
       {"TLSRoute strimzi/gateway-api-test-broker-11: spec.rules[0].backendRefs[0].name: "
        "Invalid value: \"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
        "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener obiwan); "
        "route it to gateway-api-test-broker-obiwan-11"}},
  }));
  CAPTURE(mistake);
  const auto explanation = explainObjects(objectsIn(fixturePath("check/" + mistake).string()));
  CHECK_FALSE(explanation.ok());
  const auto& path = pathOf(explanation, entry);
  CHECK_FALSE(path.ok);
  CHECK(verdictOf(path) == expected);
}

TEST_CASE("only the broken paths of a variant are broken", "[explain]") {
  const auto explanation =
      explainObjects(objectsIn(fixturePath("check/misrouted-hostname").string()));
  std::vector<bool> ok;
  for (const auto& path : explanation.paths) {
    ok.push_back(path.ok);
  }
  CHECK(ok == std::vector<bool>{true, true, false, true});
  // The route leads clients of broker 11 to broker 12: the path shows where they end up.
  const auto& broken = explanation.paths[2];
  CHECK(broken.service->key.name == "gateway-api-test-broker-obiwan-12");
  REQUIRE(broken.nodes.size() == 1);
  CHECK(broken.nodes[0].id.value == 12);
  CHECK(broken.verdictFindings()[0]->link == Link::RouteToService);
}

TEST_CASE("a broker hostname no TLSRoute carries breaks that broker's path", "[explain]") {
  auto objects = sgw::test::loadExamples();
  std::erase_if(objects, [](const Json& object) {
    return object.value("kind", "") == "TLSRoute" &&
           object["metadata"].value("name", "") == "gateway-api-test-broker-12";
  });
  const auto explanation = explainObjects(objects);
  const auto& path = pathOf(explanation, "broker 12");
  CHECK_FALSE(path.ok);
  CHECK_FALSE(path.route.has_value());
  CHECK_FALSE(path.listener.has_value());
  CHECK(verdictOf(path) ==
        std::vector<std::string>{
            "Kafka strimzi/gateway-api-test: spec.kafka.listeners[0].configuration.brokers[2]."
            "advertisedHost: Not found: \"broker-12.strimzi.gateway.api.test\": no TLSRoute has "
            "this hostname, so no Gateway listener takes its clients; add one that leads to "
            "Service gateway-api-test-broker-obiwan-12"});
  CHECK(path.verdictFindings()[0]->finding.ruleId == "explain");
  CHECK(path.verdictFindings()[0]->link == Link::ListenerToRoute);
  CHECK(pathOf(explanation, "broker 11").ok);
}

TEST_CASE("a tlsroute listener whose hosts the Gateway listener refuses", "[explain][tlsroute]") {
  auto objects = sgw::test::loadExamples();
  kafkaIn(objects)["spec"]["kafka"]["listeners"].push_back(sgw::test::tlsRouteListener());
  SECTION("the listener hostname takes none of the hosts") {
    objectNamed(objects, "Gateway", "my-gateway")["spec"]["listeners"][0]["hostname"] =
        "*.other.example";
    const auto explanation = explainObjects(objects, "gw");
    CHECK(verdictOf(pathOf(explanation, "bootstrap")) ==
          std::vector<std::string>{
              "Kafka strimzi/gateway-api-test: spec.kafka.listeners[1].configuration.bootstrap."
              "host: Invalid value: \"bootstrap-gw.strimzi.gateway.api.test\": the TLSRoute "
              "gateway-api-test-kafka-gw-bootstrap Strimzi creates for this host would not be "
              "accepted (listener kafka-listener of Gateway my-gateway takes *.other.example); "
              "use a host that listener hostname covers"});
    CHECK(verdictOf(pathOf(explanation, "broker 11")) ==
          std::vector<std::string>{
              "Kafka strimzi/gateway-api-test: spec.kafka.listeners[1].configuration.hostTemplate: "
              "Invalid value: \"broker-11-gw.strimzi.gateway.api.test\": the TLSRoute "
              "gateway-api-test-broker-gw-11 Strimzi creates for this host would not be accepted "
              "(listener kafka-listener of Gateway my-gateway takes *.other.example); use a host "
              "that listener hostname covers"});
  }
  SECTION("the listener terminates TLS") {
    objectNamed(objects, "Gateway", "my-gateway")["spec"]["listeners"][0]["tls"]["mode"] =
        "Terminate";
    const auto explanation = explainObjects(objects, "gw");
    for (const auto& path : explanation.paths) {
      CAPTURE(path.entryName());
      CHECK_FALSE(path.ok);
      REQUIRE(path.listener.has_value());
      CHECK_FALSE(path.listener->accepts);
      REQUIRE_FALSE(path.verdictFindings().empty());
      CHECK(path.verdictFindings()[0]->finding.ruleId == "tlsroute-gateway");
      CHECK(path.verdictFindings()[0]->finding.error.path.toString() ==
            "spec.kafka.listeners[1].configuration.parentRefs[0].sectionName");
    }
  }
}

TEST_CASE("an unknown Kafka or listener, or an ambiguous listener, is refused with the choices",
          "[explain]") {
  auto objects = sgw::test::loadExamples();
  CHECK(explainError(objects, {{"strimzi", "other"}, std::nullopt}) ==
        "no Kafka strimzi/other in the cluster; the Kafkas are strimzi/gateway-api-test");
  CHECK(explainError(objects, {{"strimzi", "gateway-api-test"}, "plain"}) ==
        "Kafka strimzi/gateway-api-test has no listener plain; its listeners are obiwan");
  kafkaIn(objects)["spec"]["kafka"]["listeners"].push_back(sgw::test::tlsRouteListener());
  CHECK(explainError(objects, {{"strimzi", "gateway-api-test"}, std::nullopt}) ==
        "several listeners of Kafka strimzi/gateway-api-test could be meant: obiwan, gw; choose "
        "one with --listener");
}

TEST_CASE("a missing Gateway breaks every path, with the warning that says so", "[explain]") {
  auto objects = sgw::test::loadExamples();
  std::erase_if(objects, [](const Json& object) { return object.value("kind", "") == "Gateway"; });
  const auto explanation = explainObjects(objects);
  CHECK_FALSE(explanation.ok());
  const auto& path = pathOf(explanation, "broker 10");
  CHECK_FALSE(path.ok);
  CHECK_FALSE(path.listener.has_value());
  // The rules only warn (the Gateway may come later); the path is broken until it does.
  CHECK(verdictOf(path) ==
        std::vector<std::string>{
            "TLSRoute strimzi/gateway-api-test-broker-10: spec.parentRefs[0].name: Not found: "
            "\"my-gateway\": no Gateway of this name in namespace strimzi yet; the route stays "
            "unattached until it exists"});
  CHECK(path.verdictFindings()[0]->finding.severity == sgw::rules::Severity::Warn);
}

TEST_CASE("a route that names no Gateway gets explain's own verdict", "[explain]") {
  auto objects = sgw::test::loadExamples();
  objectNamed(objects, "TLSRoute", "gateway-api-test-broker-11")["spec"].erase("parentRefs");
  const auto explanation = explainObjects(objects);
  const auto& path = pathOf(explanation, "broker 11");
  CHECK_FALSE(path.ok);
  CHECK(verdictOf(path) ==
        std::vector<std::string>{"TLSRoute strimzi/gateway-api-test-broker-11: spec.parentRefs: "
                                 "Forbidden: no Gateway or ListenerSet listener takes the TLSRoute "
                                 "gateway-api-test-broker-11"});
  CHECK(path.verdictFindings()[0]->finding.ruleId == "explain");
  CHECK(pathOf(explanation, "broker 12").ok);
}

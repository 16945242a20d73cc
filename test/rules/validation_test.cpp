#include <catch2/catch.hpp>

#include "sgw/cluster/cluster_view.h"
#include "sgw/rules/validation.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

// rules::validate on a TLSRoute created into the seed's cluster, findings as
// "<rule> <deny|warn>: <field error>".
std::vector<std::string> validateRoute(const Seed& seed, const Json& route) {
  const auto snapshot = seed.snapshot();
  auto parsed = sgw::cluster::parseObject(route, "strimzi");
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->errors.empty());
  const auto& typed = *std::get<std::shared_ptr<const sgw::model::TlsRoute>>(parsed->object);
  const auto view = sgw::cluster::ClusterView::withObject(snapshot, parsed->object);
  const sgw::derived::ReviewModel model(view);
  const sgw::rules::Subject<sgw::model::TlsRoute> subject{
      typed, nullptr, sgw::rules::Operation::Create, view, sgw::test::testNow(), model};
  std::vector<std::string> out;
  for (const auto& finding : sgw::rules::validate(subject)) {
    out.push_back(finding.ruleId +
                  (finding.severity == sgw::rules::Severity::Deny ? " deny: " : " warn: ") +
                  finding.error.toString());
  }
  return out;
}

const std::string kMisrouted =
    "route-broker-match %s: spec.rules[0].backendRefs[0].name: Invalid value: "
    "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] broker-11.strimzi.gateway.api.test "
    "is advertised by broker 11 (listener obiwan); route it to gateway-api-test-broker-obiwan-11";

std::string misrouted(const std::string& severity) {
  auto text = kMisrouted;
  text.replace(text.find("%s"), 2, severity);
  return text;
}

} // namespace

TEST_CASE("validate denies a misrouted TLSRoute", "[rules][validation]") {
  Seed seed;
  auto route = seed.get("TLSRoute", "gateway-api-test-broker-11");
  route["spec"]["rules"][0]["backendRefs"][0]["name"] = "gateway-api-test-broker-obiwan-12";
  CHECK(validateRoute(seed, route) == std::vector<std::string>{misrouted("deny")});
}

TEST_CASE("validate only warns about a TLSRoute Strimzi owns", "[rules][validation]") {
  Seed seed;
  auto route = seed.get("TLSRoute", "gateway-api-test-broker-11");
  route["spec"]["rules"][0]["backendRefs"][0]["name"] = "gateway-api-test-broker-obiwan-12";
  const auto owner = GENERATE(as<std::string>{}, "Kafka", "KafkaNodePool");
  CAPTURE(owner);
  route["metadata"]["ownerReferences"] = {{{"apiVersion", "kafka.strimzi.io/v1beta2"},
                                           {"kind", owner},
                                           {"name", "broker"},
                                           {"uid", "1"},
                                           {"controller", true}}};
  CHECK(validateRoute(seed, route) == std::vector<std::string>{misrouted("warn")});
}

TEST_CASE("the TLSRoutes Strimzi makes for a tlsroute listener are checked, never blocked",
          "[rules][validation][tlsroute]") {
  Seed seed;
  auto& kafka = seed.get("Kafka", "gateway-api-test");
  kafka["spec"]["kafka"]["listeners"].push_back(sgw::test::tlsRouteListener());
  // The route of broker 11 as the operator writes it (KafkaCluster.generateExternalTlsRoutes).
  Json route = {
      {"apiVersion", "gateway.networking.k8s.io/v1"},
      {"kind", "TLSRoute"},
      {"metadata",
       {{"name", "gateway-api-test-broker-gw-11"},
        {"namespace", "strimzi"},
        {"ownerReferences",
         {{{"apiVersion", "kafka.strimzi.io/v1"},
           {"kind", "KafkaNodePool"},
           {"name", "broker"},
           {"uid", "1"},
           {"controller", true}}}}}},
      {"spec",
       {{"parentRefs", {{{"name", "my-gateway"}, {"sectionName", "kafka-listener"}}}},
        {"hostnames", {"broker-11-gw.strimzi.gateway.api.test"}},
        {"rules",
         {{{"backendRefs", {{{"name", "gateway-api-test-broker-gw-11"}, {"port", 9095}}}}}}}}}};
  CHECK(validateRoute(seed, route).empty());
  route["spec"]["rules"][0]["backendRefs"][0]["name"] = "gateway-api-test-broker-gw-12";
  CHECK(validateRoute(seed, route) ==
        std::vector<std::string>{
            "route-broker-match warn: spec.rules[0].backendRefs[0].name: Invalid value: "
            "\"gateway-api-test-broker-gw-12\": spec.hostnames[0] "
            "broker-11-gw.strimzi.gateway.api.test is advertised by broker 11 (listener gw); "
            "route it to gateway-api-test-broker-gw-11"});
}

TEST_CASE("type errors are denials of the object-schema rule", "[rules][validation]") {
  const auto findings = sgw::rules::objectSchemaFindings({sgw::FieldError::invalid(
      sgw::FieldPath::root("spec").child("replicas"), "three", "must be an integer")});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].ruleId == "object-schema");
  CHECK(findings[0].severity == sgw::rules::Severity::Deny);
  CHECK(findings[0].error.toString() == "spec.replicas: Invalid value: \"three\": must be an "
                                        "integer");
}

TEST_CASE("Kafkas, KafkaNodePools, TLSRoutes and Certificates are judged, nothing else",
          "[rules][validation]") {
  using sgw::model::Kind;
  for (const auto kind : {Kind::Kafka, Kind::KafkaNodePool, Kind::TlsRoute, Kind::Certificate}) {
    CHECK(sgw::rules::isJudged(kind));
  }
  for (const auto kind : {Kind::Gateway, Kind::ReferenceGrant, Kind::Service, Kind::Secret,
                          Kind::ListenerSet, Kind::Namespace}) {
    CHECK_FALSE(sgw::rules::isJudged(kind));
  }

  // The object reaches the judge as its own type; another kind gets the default result.
  const auto snapshot = Seed().snapshot();
  const auto route = snapshot.tlsRoutes().begin()->second;
  const auto kindName = [](const auto& object) {
    using T = std::remove_cvref_t<decltype(object)>;
    return std::string(std::is_same_v<T, sgw::model::TlsRoute> ? "TLSRoute" : "other");
  };
  CHECK(sgw::rules::judgeAsItsKind(sgw::cluster::AnyObject(route), kindName) == "TLSRoute");
  const auto gateway = snapshot.gateways().begin()->second;
  CHECK(sgw::rules::judgeAsItsKind(sgw::cluster::AnyObject(gateway), kindName).empty());
}

#include <catch2/catch.hpp>

#include "sgw/explain/entry_paths.h"
#include "sgw/explain/renderers.h"
#include "support/explanations.h"
#include "support/temp_dir.h"

using sgw::explain::Explanation;
using sgw::test::explainFolder;
using sgw::test::fixturePath;
using sgw::test::seedExplanation;

TEST_CASE("the table of the seed: aligned columns, one row per entry", "[explain][table]") {
  CHECK(sgw::explain::renderTable(seedExplanation()) ==
        "Kafka strimzi/gateway-api-test, listener obiwan (cluster-ip, port 9092)\n"
        "ENTRY      HOST:PORT                                CERT  GATEWAY LISTENER              "
        "     TLSROUTE                    SERVICE:PORT                                  NODE      "
        "  POOL    VERDICT\n"
        "bootstrap  bootstrap.strimzi.gateway.api.test:9092  yes   Gateway my-gateway/kafka-liste"
        "ner  gateway-api-test-bootstrap  gateway-api-test-kafka-obiwan-bootstrap:9092  10, 11, 12"
        "  broker  ok\n"
        "broker 10  broker-10.strimzi.gateway.api.test:9092  yes   Gateway my-gateway/kafka-liste"
        "ner  gateway-api-test-broker-10  gateway-api-test-broker-obiwan-10:9092        10        "
        "  broker  ok\n"
        "broker 11  broker-11.strimzi.gateway.api.test:9092  yes   Gateway my-gateway/kafka-liste"
        "ner  gateway-api-test-broker-11  gateway-api-test-broker-obiwan-11:9092        11        "
        "  broker  ok\n"
        "broker 12  broker-12.strimzi.gateway.api.test:9092  yes   Gateway my-gateway/kafka-liste"
        "ner  gateway-api-test-broker-12  gateway-api-test-broker-obiwan-12:9092        12        "
        "  broker  ok\n");
}

TEST_CASE("the README shows the seed's table and the misrouted variant's as they are printed",
          "[explain][table]") {
  const auto readme = sgw::test::readFile(sgw::test::sourcePath("README.md"));
  const auto block = [&](const std::string& after) {
    const auto start = readme.find(after + "\n\n```console\n");
    REQUIRE(start != std::string::npos);
    const auto from = readme.find('\n', readme.find("```console", start)) + 1;
    return readme.substr(from, readme.find("```", from) - from);
  };
  CHECK(block("For the example cluster (`--state-dir examples`):") ==
        sgw::explain::renderTable(seedExplanation()));
  CHECK(block("In `test/fixtures/check/misrouted-hostname/` the route of broker 11 leads to "
              "broker 12's Service:") ==
        sgw::explain::renderTable(explainFolder(fixturePath("check/misrouted-hostname"))));
}

TEST_CASE("the table prints a broken path's verdict and the warnings of ok paths",
          "[explain][table]") {
  const auto table = sgw::explain::renderTable(explainFolder(fixturePath("check/advertised-port")));
  CHECK_THAT(table, Catch::Contains("  broker  ok (2 warnings)\n"));
  CHECK_THAT(table,
             Catch::Contains("\nwarning: broker 10: Kafka strimzi/gateway-api-test: "
                             "spec.kafka.listeners[0].configuration.brokers[0].advertisedPort: "
                             "Invalid value: 9093: its TLSRoute gateway-api-test-broker-10 "));
  const auto broken =
      sgw::explain::renderTable(explainFolder(fixturePath("check/route-to-missing-service")));
  CHECK_THAT(broken, Catch::Contains("gateway-api-test-broker-obiwan-13:9092 (missing)  -  "));
  CHECK_THAT(broken, Catch::Contains("  [spec.rules[0].backendRefs[0].name: Not found: "
                                     "\"gateway-api-test-broker-obiwan-13\": "));
}

namespace {

sgw::explain::PathFinding findingAbout(sgw::model::Kind kind, sgw::model::ObjectKey object,
                                       sgw::rules::Severity severity, const std::string& detail) {
  return {{"some-rule", severity, sgw::FieldError::forbidden(sgw::FieldPath::root("spec"), detail)},
          kind,
          std::move(object),
          sgw::explain::Link::RouteToService};
}

} // namespace

TEST_CASE("the table marks what is refused, missing, made by Strimzi or absent",
          "[explain][table]") {
  using sgw::model::Kind;
  using sgw::rules::Severity;
  Explanation explanation;
  explanation.kafka = {"strimzi", "c"};
  explanation.listener = "l";
  explanation.listenerType = "tlsroute";
  explanation.listenerPort = 9095;
  sgw::explain::EntryPath bootstrap;
  bootstrap.host = "b.example";
  bootstrap.port = 9095;
  bootstrap.certificate = sgw::explain::Coverage::Covered;
  bootstrap.listener = {"Gateway", {"other", "gw"}, "l1", 9095, false};
  bootstrap.route = {{"strimzi", "c-bootstrap"}, true};
  bootstrap.service = {{"strimzi", "c-svc"}, 9095, false, false};
  bootstrap.nodes = {{{10}, "pool-a"}, {{11}, "pool-a"}, {{12}, "pool-b"}};
  bootstrap.findings = {
      findingAbout(Kind::TlsRoute, {"strimzi", "c-bootstrap"}, Severity::Deny, "a"),
      findingAbout(Kind::TlsRoute, {"strimzi", "c-bootstrap"}, Severity::Deny, "b"),
      // A warning beside denials is not part of a broken path's verdict.
      findingAbout(Kind::TlsRoute, {"strimzi", "c-bootstrap"}, Severity::Warn, "hidden")};
  sgw::explain::EntryPath broker10; // a hostname without a port
  broker10.broker = sgw::model::NodeId{10};
  broker10.host = "broker-10.example";
  broker10.certificate = sgw::explain::Coverage::NotCovered;
  broker10.findings = {findingAbout(Kind::TlsRoute, {"strimzi", "r"}, Severity::Warn, "w")};
  broker10.ok = true;
  sgw::explain::EntryPath broker11;
  broker11.broker = sgw::model::NodeId{11};
  broker11.ok = true;
  explanation.paths = {bootstrap, broker10, broker11};
  explanation.clusterFindings = {
      findingAbout(Kind::Kafka, {"strimzi", "c"}, Severity::Deny, "x"),
      findingAbout(Kind::KafkaNodePool, {"strimzi", "pool-a"}, Severity::Warn, "y")};

  CHECK(sgw::explain::renderTable(explanation) ==
        "Kafka strimzi/c, listener l (tlsroute, port 9095)\n"
        "ENTRY      HOST:PORT          CERT  GATEWAY LISTENER               TLSROUTE             "
        "     SERVICE:PORT          NODE        POOL            VERDICT\n"
        "bootstrap  b.example:9095     yes   Gateway other/gw/l1 (refuses)  c-bootstrap (by Strim"
        "zi)  c-svc:9095 (missing)  10, 11, 12  pool-a, pool-b  [spec: Forbidden: a, spec: Forbid"
        "den: b]\n"
        "broker 10  broker-10.example  NO    -                              -                    "
        "     -                     -           -               ok (1 warning)\n"
        "broker 11  -                  -     -                              -                    "
        "     -                     -           -               ok\n"
        "warning: broker 10: TLSRoute strimzi/r: spec: Forbidden: w\n"
        "cluster: Kafka strimzi/c: spec: Forbidden: x\n"
        "cluster: warning: KafkaNodePool strimzi/pool-a: spec: Forbidden: y\n");
}

TEST_CASE("shortName leaves out the Kafka's own namespace", "[explain][table]") {
  CHECK(sgw::explain::shortName({"strimzi", "my-gateway"}, "strimzi") == "my-gateway");
  CHECK(sgw::explain::shortName({"other", "my-gateway"}, "strimzi") == "other/my-gateway");
  CHECK(sgw::explain::shortName({"", "cluster-wide"}, "strimzi") == "cluster-wide");
}

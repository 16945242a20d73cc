#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/dev_certs.h"
#include "support/fake_api_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

using sgw::test::devCertificates;
using sgw::test::FakeApiServer;
using sgw::test::kubeconfigFor;
using sgw::test::runWebhook;
using Json = nlohmann::json;

namespace {

struct LiveCluster {
  FakeApiServer api{devCertificates()};
  sgw::test::TempDir dir{"sgw-check-kube"};
  std::filesystem::path kubeconfig;

  LiveCluster() {
    api.loadRecordedCluster();
    api.requireToken("check-token");
  }
  void start() { kubeconfig = dir.write("kubeconfig", kubeconfigFor(api.start(), "check-token")); }
};

} // namespace

// The recorded cluster holds what a cluster without the webhook lets in: a listener entry for a
// controller-only node, and a route under a hostname the certificate does not cover.
const std::string kRecordedFindings =
    "Kafka strimzi/gateway-api-test: spec.kafka.listeners[0].configuration.brokers[4].broker: "
    "Invalid value: 0: node 0 is a controller-only node (pool controller); broker nodes of "
    "cluster gateway-api-test are 10, 11, 12, 13\n"
    "TLSRoute strimzi/gateway-api-test-broker-10-other: spec.hostnames[0]: Invalid value: "
    "\"broker-10.other.example\": not covered by the certificate of listener obiwan of Kafka "
    "gateway-api-test (Secret my-certificate), whose SANs are *.strimzi.gateway.api.test\n"
    "warning: TLSRoute strimzi/gateway-api-test-broker-10-other: spec.hostnames[0]: Invalid "
    "value: \"broker-10.other.example\": broker 10 advertises "
    "broker-10.strimzi.gateway.api.test; clients are never sent to this hostname\n";

TEST_CASE("check --kubeconfig audits the recorded cluster: what it would deny today",
          "[cli][check][kube][audit]") {
  LiveCluster cluster;
  cluster.start();
  const auto run = runWebhook({"check", "--kubeconfig", cluster.kubeconfig.string()});
  INFO(run.err);
  CHECK(run.out == kRecordedFindings);
  CHECK_THAT(run.err, Catch::EndsWith("checked 9 objects: 2 denied, 1 warning\n"));
  CHECK(run.exitCode == 1);
}

TEST_CASE("check --kubeconfig sees a Gateway edited under the routes",
          "[cli][check][kube][audit]") {
  LiveCluster cluster;
  auto gateway = *cluster.api.object("gateways", "strimzi", "my-gateway");
  gateway["spec"]["listeners"][0]["tls"]["mode"] = "Terminate";
  cluster.api.applyEvent("gateways", {{"type", "MODIFIED"}, {"object", gateway}});
  cluster.start();
  const std::string terminate =
      "Invalid value: \"kafka-listener\": listener kafka-listener of Gateway my-gateway "
      "terminates TLS (tls.mode Terminate); Kafka clients need tls.mode Passthrough; it has no "
      "TLS Passthrough listener";

  SECTION("text") {
    const auto run = runWebhook({"check", "--kubeconfig", cluster.kubeconfig.string()});
    INFO(run.err);
    for (const auto* route :
         {"bootstrap", "broker-10", "broker-10-other", "broker-11", "broker-12", "broker-13"}) {
      CHECK_THAT(run.out,
                 Catch::Contains(std::string("\nTLSRoute strimzi/gateway-api-test-") + route +
                                 ": spec.parentRefs[0].sectionName: " + terminate + "\n"));
    }
    CHECK_THAT(run.err, Catch::EndsWith("checked 9 objects: 7 denied, 1 warning\n"));
    CHECK(run.exitCode == 1);
  }
  SECTION("JSON, with the rule set to warn") {
    const auto run = runWebhook({"check", "--kubeconfig", cluster.kubeconfig.string(), "--output",
                                 "json", "--rule-action", "gateway-passthrough=warn"});
    INFO(run.err);
    const auto findings = Json::parse(run.out);
    REQUIRE(findings.size() == 9);
    CHECK(findings[1] == Json{{"file", nullptr},
                              {"line", nullptr},
                              {"kind", "TLSRoute"},
                              {"namespace", "strimzi"},
                              {"name", "gateway-api-test-bootstrap"},
                              {"severity", "warn"},
                              {"rule", "gateway-passthrough"},
                              {"field", "spec.parentRefs[0].sectionName"},
                              {"message", "would deny (gateway-passthrough): " + terminate}});
    CHECK_THAT(run.err, Catch::EndsWith("checked 9 objects: 2 denied, 7 warnings\n"));
    CHECK(run.exitCode == 1);
  }
  SECTION("a namespace without Kafka objects") {
    const auto run =
        runWebhook({"check", "--kubeconfig", cluster.kubeconfig.string(), "--namespaces", "other"});
    INFO(run.err);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::EndsWith("checked 0 objects: 0 denied, 0 warnings\n"));
    CHECK(run.exitCode == 0);
  }
}

TEST_CASE("check takes manifests or a kubeconfig, not both and not neither", "[cli][check]") {
  const sgw::test::TempDir dir("sgw-check-kube");
  const auto kubeconfig =
      dir.write("kubeconfig", kubeconfigFor(FakeApiServer::unusedPort(), "check-token"));
  const auto neither = runWebhook({"check"});
  CHECK(neither.exitCode == 2);
  CHECK(neither.err == "error: check manifests with -f, or a live cluster with --kubeconfig\n");
  const auto both =
      runWebhook({"check", "--kubeconfig", kubeconfig.string(), "-f", dir.path().string()});
  CHECK(both.exitCode != 0);
  CHECK_THAT(both.err, Catch::Contains("excludes"));
  const auto unreachable =
      runWebhook({"check", "--kubeconfig", kubeconfig.string(), "--sync-timeout", "1"});
  CHECK(unreachable.exitCode == 2);
  CHECK_THAT(unreachable.err, Catch::Contains("did not sync within 1 s"));
}

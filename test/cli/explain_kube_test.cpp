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

namespace {} // namespace

TEST_CASE("explain --kubeconfig reads the cluster from the API server", "[cli][explain][kube]") {
  FakeApiServer api(devCertificates());
  api.loadRecordedCluster();
  api.requireToken("explain-token");
  const int port = api.start();
  const sgw::test::TempDir dir("sgw-explain-kube");
  const auto kubeconfig = dir.write("kubeconfig", kubeconfigFor(port, "explain-token"));
  const auto run = runWebhook({"explain", "--kubeconfig", kubeconfig.string(), "--kafka",
                               "gateway-api-test", "--output", "json"});
  INFO(run.err);
  const auto json = Json::parse(run.out);
  CHECK(json["kafka"] == Json{{"namespace", "strimzi"}, {"name", "gateway-api-test"}});
  // The recorded cluster: broker pool scaled to nodes 10-13, routes for all four.
  REQUIRE(json["paths"].size() == 5);
  CHECK(json["paths"][4]["broker"] == 13);
  CHECK(json["paths"][4]["host"] == "broker-13.strimzi.gateway.api.test");
  CHECK(json["paths"][4]["verdict"] == "ok");
  CHECK(json["paths"][1]["host"] == "broker-10.strimzi.gateway.api.test");
  CHECK(json["paths"][1]["certificate"] == "covered");
  CHECK(json["paths"][1]["tlsRoute"]["name"] == "gateway-api-test-broker-10");
  CHECK(json["paths"][1]["service"]["name"] == "gateway-api-test-broker-obiwan-10");
  CHECK(json["ok"] == true);
  CHECK(run.exitCode == 0);
}

TEST_CASE("explain --kubeconfig and manifests together are refused", "[cli][explain][kube]") {
  const sgw::test::TempDir dir("sgw-explain-kube");
  const auto kubeconfig =
      dir.write("kubeconfig", kubeconfigFor(FakeApiServer::unusedPort(), "explain-token"));
  const auto run = runWebhook({"explain", "--kubeconfig", kubeconfig.string(), "-f",
                               dir.path().string(), "--kafka", "gateway-api-test"});
  CHECK(run.exitCode == 2);
  CHECK(run.err == "error: name the cluster with --state-dir or -f, or with --kubeconfig\n");
}

TEST_CASE("explain --kubeconfig gives up with exit 2 when the API server never answers",
          "[cli][explain][kube]") {
  const sgw::test::TempDir dir("sgw-explain-kube");
  const auto kubeconfig =
      dir.write("kubeconfig", kubeconfigFor(FakeApiServer::unusedPort(), "explain-token"));
  const auto run = runWebhook({"explain", "--kubeconfig", kubeconfig.string(), "--kafka",
                               "gateway-api-test", "--sync-timeout", "1"});
  CHECK(run.exitCode == 2);
  CHECK(run.out.empty());
  CHECK_THAT(run.err, Catch::Contains("error: the cluster of " + kubeconfig.string() +
                                      " did not sync within 1 s: "));
}

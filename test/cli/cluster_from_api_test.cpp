#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/cli/cluster_from_api.h"
#include "support/captured_log.h"
#include "support/dev_certs.h"
#include "support/fake_api_server.h"
#include "support/temp_dir.h"

using sgw::cli::ApiSourceOptions;
using sgw::cli::readClusterFromApi;
using sgw::test::devCertificates;
using sgw::test::FakeApiServer;
using sgw::test::kubeconfigFor;
using Snapshot = std::shared_ptr<const sgw::cluster::ClusterSnapshot>;

namespace {

constexpr const char* kToken = "read-token";

// readClusterFromApi sets up logging for a one-shot command; the other tests keep theirs.
std::variant<Snapshot, std::string> read(const ApiSourceOptions& options,
                                         const sgw::model::ObjectKey& kafka = {}) {
  const sgw::test::CapturedLog log(sgw::observability::LogFormat::Text, spdlog::level::err);
  return readClusterFromApi(options, kafka);
}

Snapshot snapshotOf(const std::variant<Snapshot, std::string>& result) {
  if (const auto* error = std::get_if<std::string>(&result)) {
    FAIL(*error);
  }
  const auto snapshot = std::get<Snapshot>(result);
  REQUIRE(snapshot != nullptr);
  return snapshot;
}

std::string errorOf(const std::variant<Snapshot, std::string>& result) {
  REQUIRE(std::holds_alternative<std::string>(result));
  return std::get<std::string>(result);
}

// The recorded cluster behind a fake API server on 127.0.0.1, and a kubeconfig that reaches it.
struct RecordedCluster {
  FakeApiServer api{devCertificates()};
  sgw::test::TempDir dir{"sgw-cluster-from-api"};
  ApiSourceOptions options;

  RecordedCluster() {
    api.loadRecordedCluster();
    api.requireToken(kToken);
  }
  void start() {
    options.kubeconfig = dir.write("kubeconfig", kubeconfigFor(api.start(), kToken)).string();
  }
};

} // namespace

TEST_CASE("the recorded cluster is read once, with the certificate Secret of its Kafka",
          "[cli][kube]") {
  RecordedCluster cluster;
  cluster.start();
  const auto snapshot = snapshotOf(read(cluster.options, {"strimzi", "gateway-api-test"}));
  CHECK(snapshot->kafkas().size() == 1);
  CHECK(snapshot->kafkas().count({"strimzi", "gateway-api-test"}) == 1);
  CHECK(snapshot->nodePools().size() == 2);
  CHECK(snapshot->tlsRoutes().size() == 6);
  CHECK(snapshot->gateways().count({"strimzi", "my-gateway"}) == 1);
  CHECK(snapshot->services().size() == 4);
  // The Secret's informer starts only once the Kafka naming it is cached: it is waited for.
  CHECK(snapshot->secrets().count({"strimzi", "my-certificate"}) == 1);
}

TEST_CASE("every Kafka's certificate Secret is waited for when no Kafka is named", "[cli][kube]") {
  RecordedCluster cluster;
  cluster.start();
  const auto snapshot = snapshotOf(read(cluster.options));
  CHECK(snapshot->kafkas().size() == 1);
  CHECK(snapshot->secrets().count({"strimzi", "my-certificate"}) == 1);
}

TEST_CASE("a cluster read limited to namespaces sees only those", "[cli][kube]") {
  RecordedCluster cluster;
  cluster.start();
  cluster.options.namespaces = {"other"};
  const auto snapshot = snapshotOf(read(cluster.options));
  CHECK(snapshot->objectCount() == 0);
}

TEST_CASE("a certificate Secret that never comes leaves the snapshot without it, not an error",
          "[cli][kube]") {
  RecordedCluster cluster;
  cluster.api.loadList(
      "secrets", {{"metadata", {{"resourceVersion", "1"}}}, {"items", nlohmann::json::array()}});
  cluster.start();
  // All of it is spent waiting for the Secret, yet it must leave the first sync room on a
  // loaded machine.
  cluster.options.syncTimeout = std::chrono::seconds(5);
  const auto snapshot = snapshotOf(read(cluster.options, {"strimzi", "gateway-api-test"}));
  CHECK(snapshot->kafkas().count({"strimzi", "gateway-api-test"}) == 1);
  CHECK(snapshot->secrets().empty());
}

TEST_CASE("a kubeconfig that cannot be used is an error naming the problem", "[cli][kube]") {
  const sgw::test::TempDir dir("sgw-cluster-from-api");
  ApiSourceOptions options;

  SECTION("a missing file") {
    options.kubeconfig = (dir.path() / "missing").string();
    CHECK(errorOf(read(options)) ==
          "cannot read kubeconfig " + options.kubeconfig + ": No such file or directory");
  }
  SECTION("a context it does not define") {
    options.kubeconfig =
        dir.write("kubeconfig", kubeconfigFor(FakeApiServer::unusedPort(), kToken)).string();
    options.context = "production";
    CHECK(errorOf(read(options)) == "context \"production\" is not defined in contexts");
  }
  SECTION("insecure-skip-tls-verify without allowInsecure") {
    options.kubeconfig = dir.write("kubeconfig", "apiVersion: v1\nkind: Config\n"
                                                 "current-context: test\n"
                                                 "contexts:\n- name: test\n"
                                                 "  context: {cluster: test, user: test}\n"
                                                 "clusters:\n- name: test\n  cluster:\n"
                                                 "    server: https://127.0.0.1:6443\n"
                                                 "    insecure-skip-tls-verify: true\n"
                                                 "users:\n- name: test\n  user: {token: t}\n")
                             .string();
    CHECK_THAT(errorOf(read(options)),
               Catch::StartsWith("cluster \"test\" sets insecure-skip-tls-verify, which would "
                                 "accept any server certificate"));
  }
}

TEST_CASE("a cluster that does not sync in time is an error naming the kubeconfig and the wait",
          "[cli][kube]") {
  const sgw::test::TempDir dir("sgw-cluster-from-api");
  ApiSourceOptions options;
  options.kubeconfig =
      dir.write("kubeconfig", kubeconfigFor(FakeApiServer::unusedPort(), kToken)).string();
  options.syncTimeout = std::chrono::milliseconds(1000);
  CHECK_THAT(errorOf(read(options)),
             Catch::StartsWith("the cluster of " + options.kubeconfig +
                               " did not sync within 1 s: waiting for the first list of "));
}

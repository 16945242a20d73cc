// The chart grants exactly the access the code uses. The verbs the code uses are not written down
// here: the watch cache runs against the fake API server (every resource served, a review that
// fetches a Secret it has not cached), and each request it made is turned into the RBAC verb the
// API server would authorize it as. That set must equal what the rendered chart grants, so a verb
// the code stops using, or starts using, fails this test until the chart follows.

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "chart/chart_render.h"
#include "sgw/kube/kube_metrics.h"
#include "sgw/kube/policy_report_writer.h"
#include "sgw/state/kube_state.h"
#include "support/fake_api_server.h"
#include "support/kube_test_client.h"

namespace sgw::test::chart {
namespace {

using nlohmann::json;

// "<apiGroup>/<resource> <verb>", with "core" for the core group.
using Grants = std::set<std::string>;

std::string grant(const std::string& group, const std::string& resource, const std::string& verb) {
  return (group.empty() ? "core" : group) + "/" + resource + " " + verb;
}

std::vector<std::string> pathSegments(const std::string& path) {
  std::vector<std::string> segments;
  std::istringstream in(path);
  for (std::string segment; std::getline(in, segment, '/');) {
    if (!segment.empty()) {
      segments.push_back(segment);
    }
  }
  return segments;
}

// The verbs kube-apiserver authorizes a request as (its RequestInfo rules): a GET of a named
// object is `get`, of a collection `list`, or `watch` with watch=true; a DELETE is `delete`; a
// server-side apply (PATCH) is `patch`, and `create` as well when it creates the object, which
// the writer cannot know beforehand. Discovery documents (/api, /apis/<group>,
// /apis/<group>/<version>) are no resource: every authenticated user may read them.
std::vector<std::string> grantsOf(const FakeApiServer::Request& request) {
  const auto segments = pathSegments(request.path);
  std::size_t at = 0;
  std::string group;
  if (segments.size() >= 2 && segments[0] == "api") {
    at = 2;
  } else if (segments.size() >= 3 && segments[0] == "apis") {
    group = segments[1];
    at = 3;
  } else {
    return {};
  }
  if (at >= segments.size()) {
    return {};
  }
  if (segments[at] == "namespaces" && segments.size() - at >= 3) {
    at += 2; // a namespaced resource: /namespaces/<ns>/<plural>[/<name>]
  }
  const std::string& resource = segments[at];
  const bool named = segments.size() - at >= 2;
  if (request.method == "PATCH") {
    return {grant(group, resource, "patch"), grant(group, resource, "create")};
  }
  if (request.method == "DELETE") {
    return {grant(group, resource, "delete")};
  }
  const std::string verb = named ? "get" : request.param("watch") == "true" ? "watch" : "list";
  return {grant(group, resource, verb)};
}

// What every request the server recorded amounts to.
Grants grantsOfRequests(const FakeApiServer& server) {
  Grants used;
  for (const auto& request : server.requests()) {
    for (const auto& granted : grantsOf(request)) {
      used.insert(granted);
    }
  }
  return used;
}

// A Kafka under review whose certificate Secret the watch cache does not hold.
cluster::AnyObject kafkaNamingUncachedSecret() {
  auto kafka = FakeApiServer::loadJson("list-kafkas-all-namespaces.json")["items"][0];
  kafka["spec"]["kafka"]["listeners"][0]["configuration"]["brokerCertChainAndKey"]["secretName"] =
      "not-cached";
  return cluster::parseObject(model::Kind::Kafka, kafka, "strimzi")->object;
}

// Runs the watch cache until every informer watches, makes it fetch a Secret, and returns what
// its requests amount to.
Grants grantsTheCodeUses(const std::vector<std::string>& namespaces) {
  FakeApiServer server(devCertificates());
  const int port = server.start();
  server.serveRecordedCluster();
  server.serveResource("gateway.networking.k8s.io", "v1", "listenersets");
  server.serveResource("cert-manager.io", "v1", "certificates");
  server.loadList("kafkas", FakeApiServer::loadJson("list-kafkas-all-namespaces.json"));
  server.loadList("secrets", FakeApiServer::loadJson("list-secrets-ns-strimzi.json"));

  state::KubeStateOptions options;
  options.namespaces = namespaces;
  options.informer.requestTimeout = std::chrono::seconds(5);
  auto metrics = std::make_shared<observability::Metrics>();
  auto state =
      std::make_shared<state::KubeState>(testClient(testClientConfig(port)), options, metrics);
  state->start();
  REQUIRE(state->waitUntilReady(std::chrono::seconds(10)));
  // kafkas, kafkanodepools, tlsroutes, gateways, referencegrants, listenersets, certificates,
  // services and namespaces (in the one watched namespace, or cluster-wide), and the certificate
  // Secret.
  REQUIRE(server.waitUntil([&] { return server.openWatches() == 10; }));
  const auto reviewed = kafkaNamingUncachedSecret();
  state->snapshotFor(&reviewed);
  // The review hands the GET to the fetcher: wait for its answer (the Secret does not exist).
  REQUIRE(server.waitUntil([&] {
    return metrics->value(kube::kSecretFetchesMetric, {{"result", "not_found"}}) == 1;
  }));
  state->stop();
  server.stop();

  return grantsOfRequests(server);
}

// Runs the PolicyReport writer through a first publish (listing an earlier run's reports and
// applying a report) and a second that deletes it; returns what its requests amount to.
Grants grantsThePolicyReportWriterUses(const std::vector<std::string>& namespaces) {
  FakeApiServer server(devCertificates());
  const int port = server.start();
  server.serveResource("wgpolicyk8s.io", "v1alpha2", "policyreports");
  kube::PolicyReportWriterOptions options;
  options.namespaces = namespaces;
  kube::PolicyReportWriter writer(testClient(testClientConfig(port)), options,
                                  std::make_shared<observability::Metrics>());
  const nlohmann::ordered_json report = {
      {"apiVersion", "wgpolicyk8s.io/v1alpha2"},
      {"kind", "PolicyReport"},
      {"metadata", {{"name", "strimzi-gateway-webhook"}, {"namespace", "strimzi"}}}};
  writer.publish({{"strimzi", report}});
  writer.publish({});
  server.stop();
  return grantsOfRequests(server);
}

Grants grantsOfChart(const std::string& values) {
  Grants granted;
  const auto objects = chartObjects(values);
  for (const auto* kind : {"ClusterRole", "Role"}) {
    for (const auto& role : objectsOfKind(objects, kind)) {
      for (const auto& rule : role["rules"]) {
        for (const auto& group : rule["apiGroups"]) {
          for (const auto& resource : rule["resources"]) {
            for (const auto& verb : rule["verbs"]) {
              granted.insert(grant(group, resource, verb));
            }
          }
        }
      }
    }
  }
  return granted;
}

TEST_CASE("chart: the RBAC grants the verbs the code uses, and no other", "[chart][kube][rbac]") {
  std::vector<std::string> namespaces;
  std::string values;
  SECTION("cluster-wide") {}
  SECTION("one namespace") {
    namespaces = {"strimzi"};
    values = "watchNamespaces: [strimzi]";
  }
  INFO("chart values: " << values);
  const auto used = grantsTheCodeUses(namespaces);
  // The requests were seen at all: a test that records nothing would compare empty sets.
  REQUIRE(used.count("core/secrets get") == 1);
  CHECK(grantsOfChart(values) == used);

  // With audit.policyReports, the PolicyReport writer's verbs too.
  auto withReports = used;
  const auto writerUses = grantsThePolicyReportWriterUses(namespaces);
  REQUIRE(writerUses.count("wgpolicyk8s.io/policyreports delete") == 1);
  withReports.insert(writerUses.begin(), writerUses.end());
  CHECK(grantsOfChart(values + "\naudit: {policyReports: true}") == withReports);
}

} // namespace
} // namespace sgw::test::chart

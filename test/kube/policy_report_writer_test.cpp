#include <catch2/catch.hpp>

#include "sgw/kube/policy_report_writer.h"
#include "support/fake_api_server.h"
#include "support/kube_test_client.h"

namespace sgw::test {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

const std::string kReports = "/apis/wgpolicyk8s.io/v1alpha2";

ordered_json report(const std::string& namespace_, int failures) {
  return {{"apiVersion", "wgpolicyk8s.io/v1alpha2"},
          {"kind", "PolicyReport"},
          {"metadata",
           {{"name", "strimzi-gateway-webhook"},
            {"namespace", namespace_},
            {"labels", {{"app.kubernetes.io/managed-by", "strimzi-gateway-webhook"}}}}},
          {"results", ordered_json::array()},
          {"summary", {{"pass", 0}, {"fail", failures}}}};
}

// "PATCH /apis/.../namespaces/a/policyreports/strimzi-gateway-webhook?fieldManager=...&force=true"
std::vector<std::string> writes(const FakeApiServer& server) {
  std::vector<std::string> out;
  for (const auto& request : server.requests()) {
    if (request.path.rfind(kReports, 0) == 0) {
      out.push_back(request.method + " " + request.toString().substr(kReports.size()));
    }
  }
  return out;
}

struct Fixture {
  FakeApiServer server{devCertificates()};
  std::shared_ptr<observability::Metrics> metrics = std::make_shared<observability::Metrics>();
  int port = server.start();

  kube::PolicyReportWriter writer(std::vector<std::string> namespaces = {}) {
    kube::PolicyReportWriterOptions options;
    options.namespaces = std::move(namespaces);
    options.requestTimeout = std::chrono::seconds(5);
    return kube::PolicyReportWriter(testClient(testClientConfig(port)), options, metrics);
  }
  double writesCounted(const std::string& operation, const std::string& outcome) const {
    return metrics->value(kube::kPolicyReportWritesMetric,
                          {{"operation", operation}, {"outcome", outcome}});
  }
};

const std::string kApply = "/policyreports/strimzi-gateway-webhook?fieldManager=strimzi-gateway-"
                           "webhook&force=true";

} // namespace

TEST_CASE("policy report writer applies changed reports and deletes the ones no longer made",
          "[kube][audit]") {
  Fixture fixture;
  fixture.server.serveResource("wgpolicyk8s.io", "v1alpha2", "policyreports");
  auto writer = fixture.writer();

  writer.publish({{"team-a", report("team-a", 1)}, {"team-b", report("team-b", 0)}});
  CHECK(writes(fixture.server) ==
        std::vector<std::string>{
            "GET /policyreports?labelSelector=app.kubernetes.io/managed-by=strimzi-gateway-webhook",
            "PATCH /namespaces/team-a" + kApply, "PATCH /namespaces/team-b" + kApply});
  for (const auto& request : fixture.server.requests()) {
    if (request.method == "PATCH") {
      CHECK(request.contentType == "application/apply-patch+yaml");
    }
  }
  const auto stored = fixture.server.object("policyreports", "team-a", "strimzi-gateway-webhook");
  REQUIRE(stored);
  CHECK((*stored)["summary"]["fail"] == 1);
  CHECK(fixture.writesCounted("apply", "ok") == 2);

  SECTION("the same reports again: nothing is written") {
    writer.publish({{"team-a", report("team-a", 1)}, {"team-b", report("team-b", 0)}});
    CHECK(writes(fixture.server).size() == 3);
  }
  SECTION("one report changed, one namespace without audited objects any more") {
    writer.publish({{"team-a", report("team-a", 2)}});
    const auto all = writes(fixture.server);
    CHECK(std::vector<std::string>(all.begin() + 3, all.end()) ==
          std::vector<std::string>{
              "PATCH /namespaces/team-a" + kApply,
              "DELETE /namespaces/team-b/policyreports/strimzi-gateway-webhook"});
    CHECK((*fixture.server.object("policyreports", "team-a",
                                  "strimzi-gateway-webhook"))["summary"]["fail"] == 2);
    CHECK_FALSE(fixture.server.object("policyreports", "team-b", "strimzi-gateway-webhook"));
    CHECK(writer.namespacesWithReports() == std::set<std::string>{"team-a"});
    CHECK(fixture.writesCounted("delete", "ok") == 1);
  }
}

TEST_CASE("policy report writer deletes the reports an earlier run left in emptied namespaces",
          "[kube][audit]") {
  Fixture fixture;
  fixture.server.serveResource("wgpolicyk8s.io", "v1alpha2", "policyreports");
  auto leftOver = json(report("gone", 3));
  fixture.server.applyEvent("policyreports", {{"type", "ADDED"}, {"object", leftOver}});
  auto otherTool = json(report("gone", 0));
  otherTool["metadata"]["name"] = "kyverno-report";
  fixture.server.applyEvent("policyreports", {{"type", "ADDED"}, {"object", otherTool}});

  std::vector<std::string> namespaces;
  std::string listed = "GET /policyreports?labelSelector=app.kubernetes.io/managed-by=strimzi-"
                       "gateway-webhook";
  SECTION("cluster-wide") {}
  SECTION("watching some namespaces: each is listed") {
    namespaces = {"gone"};
    listed = "GET /namespaces/gone/policyreports?labelSelector=app.kubernetes.io/"
             "managed-by=strimzi-gateway-webhook";
  }
  auto writer = fixture.writer(namespaces);
  writer.publish({{"team-a", report("team-a", 0)}});
  CHECK(writes(fixture.server) ==
        std::vector<std::string>{listed, "PATCH /namespaces/team-a" + kApply,
                                 "DELETE /namespaces/gone/policyreports/strimzi-gateway-webhook"});
  CHECK_FALSE(fixture.server.object("policyreports", "gone", "strimzi-gateway-webhook"));
  // It carries the label too; its name says it is not this writer's.
  CHECK(fixture.server.object("policyreports", "gone", "kyverno-report"));
}

TEST_CASE("policy report writer retries at the next publish when the CRD is not installed yet",
          "[kube][audit]") {
  Fixture fixture;
  auto writer = fixture.writer();
  writer.publish({{"team-a", report("team-a", 1)}});
  CHECK(fixture.writesCounted("list", "error") == 1);
  CHECK(fixture.writesCounted("apply", "error") == 1);
  CHECK(writer.namespacesWithReports().empty());

  fixture.server.serveResource("wgpolicyk8s.io", "v1alpha2", "policyreports");
  writer.publish({{"team-a", report("team-a", 1)}});
  CHECK(fixture.writesCounted("list", "ok") == 1);
  CHECK(fixture.writesCounted("apply", "ok") == 1);
  CHECK(fixture.server.object("policyreports", "team-a", "strimzi-gateway-webhook"));
}

} // namespace sgw::test

// The acceptance rules end to end: the recorded CREATE of the seed's broker-10 route, judged by
// `review` and by the server against check fixtures that change one thing in the seed.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/manifest/manifest.h"
#include "sgw/state/manifest_snapshot.h"
#include "support/https_client.h"
#include "support/process.h"
#include "support/running_server.h"
#include "support/test_paths.h"

namespace {

constexpr const char* kRouteCreate = "028-validate-TLSRoute-CREATE-gateway-api-test-broker-10.json";
constexpr const char* kUid = "b1bc10fa-339c-47af-bd13-8fb75240393e";

const std::string kHostnameDenial =
    "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway has "
    "hostname *.other.example, which no route hostname (broker-10.strimzi.gateway.api.test) "
    "matches; give the route a hostname under it or change the listener's hostname; Gateway "
    "my-gateway would not accept the route (Accepted: False, NoMatchingListenerHostname)";

const std::string kPortWarning =
    "spec.parentRefs[0]: Invalid value: \"my-gateway\": broker 10 advertises port 9093 on listener "
    "obiwan, but Gateway my-gateway takes this route on port 9092; set its advertisedPort to 9092 "
    "unless something in front maps the port";

std::string stateDir(const std::string& folder) {
  return folder == "examples" ? sgw::test::sourcePath("examples").string()
                              : sgw::test::fixturePath("check/" + folder).string();
}

sgw::test::CommandResult review(const std::string& folder) {
  return sgw::test::runWebhook(
      {"review", "--state-dir", stateDir(folder),
       sgw::test::fixturePath(std::string("admission/") + kRouteCreate).string()});
}

sgw::cluster::ClusterSnapshot snapshotOf(const std::string& folder) {
  const auto loaded = sgw::manifest::loadPath(stateDir(folder));
  REQUIRE(loaded.errors.empty());
  return sgw::state::snapshotFromManifests(loaded.manifests).snapshot;
}

nlohmann::json denied(const std::string& message) {
  return {{"uid", kUid},
          {"allowed", false},
          {"status", {{"code", 403}, {"reason", "Forbidden"}, {"message", message}}}};
}

} // namespace

TEST_CASE("review: a route the Gateway would not accept is denied, the seed's is allowed",
          "[cli][review][route-acceptance]") {
  using Row = std::tuple<std::string, int, nlohmann::json>;
  const auto [folder, exitCode, expected] = GENERATE_REF(
      Row{"examples", 0, {{"uid", kUid}, {"allowed", true}}},
      Row{"listener-hostname", 1, denied(kHostnameDenial)},
      Row{"route-kinds", 1,
          denied("spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway "
                 "my-gateway allows TCPRoute only (allowedRoutes.kinds), not TLSRoute; add kind "
                 "TLSRoute there; Gateway my-gateway would not accept the route (Accepted: False, "
                 "NotAllowedByListeners)")},
      Row{"namespace-selector", 1,
          denied("spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway "
                 "my-gateway takes routes from namespaces labelled team=kafka only "
                 "(allowedRoutes.namespaces.selector), and namespace strimzi does not match; "
                 "label the namespace or widen the selector; Gateway my-gateway would not accept "
                 "the route (Accepted: False, NotAllowedByListeners)")},
      Row{"advertised-port", 0, {{"uid", kUid}, {"allowed", true}, {"warnings", {kPortWarning}}}});
  CAPTURE(folder);
  const auto run = review(folder);
  CHECK(run.exitCode == exitCode);
  CHECK(nlohmann::json::parse(run.out).at("response") == expected);
}

TEST_CASE("server: a route the Gateway would not accept is denied over HTTPS",
          "[http][server][route-acceptance]") {
  using Row = std::pair<std::string, nlohmann::json>;
  const auto [folder, expected] = GENERATE_REF(
      Row{"examples", {{"uid", kUid}, {"allowed", true}}},
      Row{"listener-hostname", denied(kHostnameDenial)},
      Row{"advertised-port", {{"uid", kUid}, {"allowed", true}, {"warnings", {kPortWarning}}}});
  CAPTURE(folder);
  sgw::test::RunningServer server(std::make_shared<sgw::test::FakeState>(snapshotOf(folder)));
  auto client = sgw::test::httpsClient(server.port(), server.certs());
  const auto result = client->Post(
      "/validate",
      sgw::test::readFile(sgw::test::fixturePath(std::string("admission/") + kRouteCreate)),
      "application/json");
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(nlohmann::json::parse(result->body).at("response") == expected);
}

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/test_paths.h"

using nlohmann::json;
using sgw::test::CommandResult;

namespace {

constexpr const char* kTemplateAnnotation = "strimzi-gateway-webhook.io/advertised-host-template";

// Runs the built executable's `review` against the seed (examples/) on `request`, given on stdin.
CommandResult review(const json& request, const std::vector<std::string>& flags) {
  std::vector<std::string> args{"review", "--state-dir", std::string(SGW_SOURCE_DIR) + "/examples"};
  args.insert(args.end(), flags.begin(), flags.end());
  args.emplace_back("-");
  return sgw::test::runWebhook(args, request.dump());
}

json recordedKafkaCreate() {
  std::ifstream stream(std::string(SGW_FIXTURES_DIR) +
                       "/admission/015-mutate-Kafka-CREATE-gateway-api-test.json");
  REQUIRE(stream);
  return json::parse(stream);
}

json withoutBrokersWithTemplate(json review, const std::string& hostTemplate) {
  auto& object = review["request"]["object"];
  object["spec"]["kafka"]["listeners"][0]["configuration"].erase("brokers");
  object["metadata"]["annotations"][kTemplateAnnotation] = hostTemplate;
  return review;
}

} // namespace

TEST_CASE("review --mutate --apply prints the object with the patch applied", "[cli][mutation]") {
  const auto run = review(
      withoutBrokersWithTemplate(recordedKafkaCreate(), "broker-{nodeId}.strimzi.gateway.api.test"),
      {"--mutate", "--apply"});
  CHECK(run.exitCode == 0);
  auto expected = recordedKafkaCreate()["request"]["object"];
  expected["metadata"]["annotations"][kTemplateAnnotation] =
      "broker-{nodeId}.strimzi.gateway.api.test";
  CHECK(json::parse(run.out) == expected);
  CHECK(run.err == "warning: spec.kafka.listeners[0].configuration.brokers: added 10, 11, 12 from "
                   "template broker-{nodeId}.strimzi.gateway.api.test\n");
}

TEST_CASE("review --mutate --apply reports a denial on stderr and exits 1", "[cli][mutation]") {
  const auto run = review(withoutBrokersWithTemplate(recordedKafkaCreate(), "broker.example.com"),
                          {"--mutate", "--apply"});
  CHECK(run.exitCode == 1);
  CHECK(run.out.empty());
  CHECK(run.err == "error: denied: metadata.annotations[strimzi-gateway-webhook.io/"
                   "advertised-host-template]: Invalid value: \"broker.example.com\": must "
                   "contain {nodeId} or {nodePodName}, or every broker would advertise the same "
                   "host\n");
}

TEST_CASE("review --apply without --mutate is a usage error", "[cli][mutation]") {
  const auto run = review(recordedKafkaCreate(), {"--apply"});
  CHECK(run.exitCode == 2);
  CHECK(run.out.empty());
  CHECK(run.err.find("--apply requires --mutate") != std::string::npos);
}

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/test_paths.h"

namespace {

struct Run {
  int exitCode = -1;
  std::string output;
};

// Runs the built executable's `review` against examples/ and a recorded request.
Run review(const std::string& fixture, const std::string& options = "") {
  const std::string command = std::string("'") + SGW_EXECUTABLE + "' review " + options +
                              " --state-dir '" + SGW_SOURCE_DIR + "/examples' '" +
                              SGW_FIXTURES_DIR + "/admission/" + fixture + "' 2>&1";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    run.output.append(buffer, read);
  }
  const int status = pclose(pipe);
  REQUIRE(WIFEXITED(status));
  run.exitCode = WEXITSTATUS(status);
  return run;
}

} // namespace

TEST_CASE("review denies a misrouted TLSRoute and exits 1", "[cli][review][rules]") {
  const auto run = review("046-validate-TLSRoute-UPDATE-gateway-api-test-broker-11.json");
  CHECK(run.exitCode == 1);
  const auto response = nlohmann::json::parse(run.output).at("response");
  CHECK(response.at("uid") == "85626368-dab1-467f-9e40-e22671aad3fe");
  CHECK(response.at("allowed") == false);
  CHECK(response.at("status") ==
        nlohmann::json{{"code", 403},
                       {"reason", "Forbidden"},
                       {"message", "spec.rules[0].backendRefs[0].name: Invalid value: "
                                   "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
                                   "broker-11.strimzi.gateway.api.test is advertised by broker 11 "
                                   "(listener obiwan); route it to "
                                   "gateway-api-test-broker-obiwan-11"}});
}

TEST_CASE("review with the rule set to warn allows the misrouted TLSRoute with a warning",
          "[cli][review][rules][policy]") {
  const auto run = review("046-validate-TLSRoute-UPDATE-gateway-api-test-broker-11.json",
                          "--rule-action route-broker-match=warn");
  CHECK(run.exitCode == 0);
  const auto response = nlohmann::json::parse(run.output).at("response");
  CHECK(response ==
        nlohmann::json{{"uid", "85626368-dab1-467f-9e40-e22671aad3fe"},
                       {"allowed", true},
                       {"warnings",
                        {"would deny (route-broker-match): "
                         "spec.rules[0].backendRefs[0].name: Invalid value: "
                         "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
                         "broker-11.strimzi.gateway.api.test is advertised by broker 11 "
                         "(listener obiwan); route it to gateway-api-test-broker-obiwan-11"}}});
}

TEST_CASE("review with the rule off allows the misrouted TLSRoute silently",
          "[cli][review][rules][policy]") {
  const auto run = review("046-validate-TLSRoute-UPDATE-gateway-api-test-broker-11.json",
                          "--rule-action route-broker-match=off");
  CHECK(run.exitCode == 0);
  CHECK(nlohmann::json::parse(run.output).at("response") ==
        nlohmann::json{{"uid", "85626368-dab1-467f-9e40-e22671aad3fe"}, {"allowed", true}});
}

TEST_CASE("review allows the restored TLSRoute and exits 0", "[cli][review][rules]") {
  const auto run = review("048-validate-TLSRoute-UPDATE-gateway-api-test-broker-11.json");
  CHECK(run.exitCode == 0);
  const auto response = nlohmann::json::parse(run.output).at("response");
  CHECK(response ==
        nlohmann::json{{"uid", "eb076731-39b5-4116-a0e4-e040e67b00a0"}, {"allowed", true}});
}

TEST_CASE("review exits 2, not with a signal, on numbers no double holds",
          "[cli][review][limits]") {
  auto request = sgw::test::readFile(std::string(SGW_FIXTURES_DIR) +
                                     "/admission/050-validate-Kafka-UPDATE-gateway-api-test.json");
  const std::string field = "\"advertisedPort\":";
  const auto at = request.find(field) + field.size();
  request.replace(at, request.find_first_of(",}", at) - at, std::string(100000, '7'));
  const auto run = sgw::test::runWebhook(
      {"review", "--state-dir", std::string(SGW_SOURCE_DIR) + "/examples", "-"}, request);
  CHECK(run.exitCode == 2);
  CHECK(run.out.empty());
  CHECK_THAT(run.err, Catch::StartsWith("error: HTTP 400: request body is not valid JSON: "
                                        "[json.exception.out_of_range.406] number overflow"));
  CHECK(run.err.size() < 400);
}

TEST_CASE("check exits 2, not with a signal, on a manifest with numbers no double holds",
          "[cli][check][limits]") {
  const auto run = sgw::test::runWebhook(
      {"check", "-f", "-"},
      R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"n":)" +
          std::string(100000, '7') + "}}");
  CHECK(run.exitCode == 2);
  CHECK_THAT(run.err, Catch::StartsWith("error: <stdin>:1: invalid JSON: "
                                        "[json.exception.out_of_range.406] number overflow"));
  CHECK(run.err.size() < 400);
}

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/temp_dir.h"

using sgw::test::fixturePath;
using sgw::test::runWebhook;
using sgw::test::sourcePath;
using Json = nlohmann::json;

TEST_CASE("explain exits 0 on the seed, from --state-dir or -f, on either stack",
          "[cli][explain]") {
  const std::string folder = GENERATE("examples", "test/fixtures/seed-strimzi-0.4x");
  const std::string flag = GENERATE("--state-dir", "-f");
  CAPTURE(folder, flag);
  const auto run =
      runWebhook({"explain", flag, sourcePath(folder).string(), "--kafka", "gateway-api-test"});
  CHECK(run.exitCode == 0);
  CHECK(run.err.empty());
  CHECK_THAT(run.out, Catch::StartsWith("Kafka strimzi/gateway-api-test, listener obiwan "
                                        "(cluster-ip, port 9092)\nENTRY "));
  CHECK_THAT(run.out, Catch::Contains("\nbroker 12  broker-12.strimzi.gateway.api.test:9092  "));
}

TEST_CASE("explain exits 1 when a path is broken, in every output format", "[cli][explain]") {
  const std::string output = GENERATE("table", "json", "mermaid", "dot");
  CAPTURE(output);
  const auto run = runWebhook({"explain", "-f", fixturePath("check/gateway-terminate").string(),
                               "--kafka", "gateway-api-test", "-n", "strimzi", "--output", output});
  CHECK(run.exitCode == 1);
  CHECK(run.err.empty());
  if (output == "json") {
    const auto json = Json::parse(run.out);
    CHECK(json["ok"] == false);
    CHECK(json["paths"][0]["findings"][0]["rule"] == "gateway-passthrough");
  } else if (output == "mermaid") {
    CHECK_THAT(run.out, Catch::StartsWith("flowchart LR\n"));
  } else if (output == "dot") {
    CHECK_THAT(run.out, Catch::StartsWith("digraph "));
  } else {
    CHECK_THAT(run.out, Catch::Contains("terminates TLS (tls.mode Terminate)"));
  }
}

TEST_CASE("explain of a Kafka or listener that does not exist exits 2 with the choices",
          "[cli][explain]") {
  const auto examples = sourcePath("examples").string();
  const auto noKafka = runWebhook({"explain", "-f", examples, "--kafka", "nope"});
  CHECK(noKafka.exitCode == 2);
  CHECK(noKafka.out.empty());
  CHECK(noKafka.err ==
        "error: no Kafka default/nope in the cluster; the Kafkas are strimzi/gateway-api-test\n");
  const auto noListener =
      runWebhook({"explain", "-f", examples, "--kafka", "gateway-api-test", "--listener", "tls"});
  CHECK(noListener.exitCode == 2);
  CHECK(noListener.err ==
        "error: Kafka strimzi/gateway-api-test has no listener tls; its listeners are obiwan\n");
}

TEST_CASE("explain without a cluster or with unreadable input exits 2", "[cli][explain]") {
  const auto noSource = runWebhook({"explain", "--kafka", "gateway-api-test"});
  CHECK(noSource.exitCode == 2);
  CHECK(noSource.err == "error: name the cluster with --state-dir or -f, or with --kubeconfig\n");
  const auto badOutput = runWebhook({"explain", "-f", sourcePath("examples").string(), "--kafka",
                                     "gateway-api-test", "--output", "svg"});
  CHECK(badOutput.exitCode == 2);
  const sgw::test::TempDir dir("sgw-explain");
  const auto broken = dir.write("kafka.yaml", "kind: Kafka\nmetadata: [unclosed\n");
  const auto unreadable =
      runWebhook({"explain", "-f", broken.string(), "--kafka", "gateway-api-test"});
  CHECK(unreadable.exitCode == 2);
  CHECK_THAT(unreadable.err, Catch::StartsWith("error: " + broken.string() + ":"));
}

TEST_CASE("explain says which objects it left out and reads stdin", "[cli][explain]") {
  const auto run = runWebhook({"explain", "-f", fixturePath("check/wrong-field-type").string(),
                               "--kafka", "gateway-api-test"});
  CHECK(run.exitCode == 1);
  CHECK(run.err == "warning: TLSRoute strimzi/gateway-api-test-broker-11 is left out, its fields "
                   "have the wrong type: spec.rules[0].backendRefs[0].port: Invalid value: "
                   "\"9092\": must be an integer\n");
  std::string all;
  for (const auto* file : {"kafka.yaml", "kafka-node-pools.yaml", "gateway.yaml", "tls-routes.yaml",
                           "strimzi-services.yaml", "certificate-secret.yaml"}) {
    all += sgw::test::readFile(sourcePath(std::string("examples/") + file)) + "\n---\n";
  }
  const auto piped = runWebhook({"explain", "-f", "-", "--kafka", "gateway-api-test"}, all);
  CHECK(piped.exitCode == 0);
}

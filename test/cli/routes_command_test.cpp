#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/manifest/manifest.h"
#include "support/process.h"
#include "support/temp_dir.h"

using sgw::test::fixturePath;
using sgw::test::runWebhook;
using sgw::test::sourcePath;
using Json = nlohmann::json;

namespace {

sgw::test::CommandResult routes(const std::vector<std::string>& args) {
  std::vector<std::string> full{"routes"};
  full.insert(full.end(), args.begin(), args.end());
  return runWebhook(full);
}

std::vector<Json> objectsIn(const std::string& yaml) {
  const auto loaded = sgw::manifest::loadText(yaml, "routes.yaml");
  REQUIRE(loaded.errors.empty());
  return sgw::manifest::objectsOf(loaded.manifests);
}

// Every examples/ file but the TLSRoutes, as `-f` arguments.
std::vector<std::string> seedWithoutRoutes() {
  std::vector<std::string> args;
  for (const auto* file : {"certificate-secret.yaml", "gateway.yaml", "kafka-node-pools.yaml",
                           "kafka.yaml", "strimzi-services.yaml"}) {
    args.insert(args.end(), {"-f", sourcePath("examples").append(file).string()});
  }
  return args;
}

const std::vector<std::string> kSeedRoute{"--kafka",    "gateway-api-test", "--gateway",
                                          "my-gateway", "--section-name",   "kafka-listener"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

} // namespace

TEST_CASE("routes for the seed's cluster are the seed's TLSRoutes, byte for byte",
          "[cli][routes][offline]") {
  const auto seedRoutes = sgw::test::readFile(sourcePath("examples/tls-routes.yaml"));
  // --state-dir and -f both name the manifests; the seed's own routes may be among them.
  const auto source =
      GENERATE(as<std::vector<std::string>>{}, std::vector<std::string>{"--state-dir", "examples"},
               std::vector<std::string>{"-f", "examples"}, seedWithoutRoutes());
  auto args = source;
  if (args[1] == "examples") {
    args[1] = sourcePath("examples").string();
  }
  const auto run = routes(with(args, kSeedRoute));
  CHECK(run.err.empty());
  CHECK(run.exitCode == 0);
  CHECK(run.out == seedRoutes);
  CHECK(objectsIn(run.out) == objectsIn(seedRoutes));
}

TEST_CASE("routes writes v1 TLSRoutes unless told otherwise; v1alpha2 for older Gateway APIs",
          "[cli][routes][offline]") {
  // The Strimzi 0.4x seed routes are v1alpha2, as Gateway API 1.1 served them.
  const auto oldRoutes =
      sgw::test::readFile(sourcePath("test/fixtures/seed-strimzi-0.4x/tls-routes.yaml"));
  const auto old =
      routes(with({"--state-dir", sourcePath("test/fixtures/seed-strimzi-0.4x").string()},
                  with(kSeedRoute, {"--api-version", "v1alpha2"})));
  CHECK(old.err.empty());
  CHECK(old.exitCode == 0);
  CHECK(old.out == oldRoutes);
  const auto current = routes(
      with({"--state-dir", sourcePath("test/fixtures/seed-strimzi-0.4x").string()}, kSeedRoute));
  CHECK(current.exitCode == 0);
  for (const auto& route : objectsIn(current.out)) {
    CHECK(route["apiVersion"] == "gateway.networking.k8s.io/v1");
  }
}

TEST_CASE("routes prints nothing for a tlsroute listener: Strimzi makes those routes",
          "[cli][routes][offline][tlsroute]") {
  sgw::test::TempDir dir;
  auto kafka = sgw::manifest::loadPath(sourcePath("examples/kafka.yaml")).manifests.at(0).object;
  kafka["spec"]["kafka"]["listeners"].push_back(
      {{"name", "gw"},
       {"port", 9095},
       {"type", "tlsroute"},
       {"tls", true},
       {"configuration",
        {{"parentRefs", {{{"name", "my-gateway"}, {"sectionName", "kafka-listener"}}}},
         {"bootstrap", {{"host", "bootstrap-gw.strimzi.gateway.api.test"}}},
         {"hostTemplate", "broker-{nodeId}-gw.strimzi.gateway.api.test"}}}});
  dir.write("kafka.json", kafka.dump());
  std::vector<std::string> args;
  for (const auto* file : {"certificate-secret.yaml", "gateway.yaml", "kafka-node-pools.yaml",
                           "strimzi-services.yaml"}) {
    args.insert(args.end(), {"-f", sourcePath("examples").append(file).string()});
  }
  args.insert(args.end(), {"-f", dir.path().string()});
  const auto run = routes(with(args, with(kSeedRoute, {"--listener", "gw"})));
  CHECK(run.out.empty());
  CHECK(run.err ==
        "error: listener gw of Kafka strimzi/gateway-api-test is of type tlsroute: the Strimzi "
        "operator creates its TLSRoutes itself (gateway-api-test-kafka-gw-bootstrap, "
        "gateway-api-test-broker-gw-10, gateway-api-test-broker-gw-11, "
        "gateway-api-test-broker-gw-12) from configuration.parentRefs, bootstrap.host and the "
        "brokers' hosts, so there is nothing to print; `kubectl apply` of the Kafka checks what "
        "it will create\n");
  CHECK(run.exitCode == 2);
}

TEST_CASE("routes output passes check together with the seed without its routes",
          "[cli][routes][check][offline]") {
  const auto generated =
      routes(with({"--state-dir", sourcePath("examples").string(), "-n", "strimzi"},
                  {"--kafka", "gateway-api-test", "--gateway", "strimzi/my-gateway",
                   "--section-name", "kafka-listener", "--api-version", "v1"}));
  REQUIRE(generated.exitCode == 0);
  const auto checked =
      runWebhook(with(with({"check"}, seedWithoutRoutes()), {"-f", "-"}), generated.out);
  CHECK(checked.out.empty());
  CHECK(checked.err == "checked 7 objects: 0 denied, 0 warnings\n");
  CHECK(checked.exitCode == 0);
}

TEST_CASE("routes are made for the Kafka as the mutating webhook leaves it",
          "[cli][routes][offline]") {
  // The Kafka has no brokers[] entries, only the template annotation the mutation fills them from.
  const auto run =
      routes(with({"-f", fixturePath("check/mutation-template").string()}, kSeedRoute));
  CHECK(run.exitCode == 0);
  CHECK(run.out == sgw::test::readFile(sourcePath("examples/tls-routes.yaml")));
}

TEST_CASE("routes refuses what it cannot make or the webhook would deny",
          "[cli][routes][offline]") {
  SECTION("no manifests named") {
    const auto run = routes(kSeedRoute);
    CHECK(run.err == "error: name the manifests with --state-dir or -f\n");
    CHECK(run.exitCode == 2);
  }
  SECTION("no such Kafka") {
    const auto run = routes({"--state-dir", sourcePath("examples").string(), "--kafka", "other",
                             "--gateway", "my-gateway"});
    CHECK(run.out.empty());
    CHECK(run.err == "error: no Kafka default/other in the manifests; Kafkas there: "
                     "strimzi/gateway-api-test\n");
    CHECK(run.exitCode == 2);
  }
  SECTION("Kafkas of that name in several namespaces") {
    sgw::test::TempDir dir;
    auto kafka = sgw::test::readFile(sourcePath("examples/kafka.yaml"));
    kafka.replace(kafka.find("namespace: strimzi"), 18, "namespace: kafka");
    dir.write("kafka.yaml", kafka);
    const std::vector<std::string> both{"-f", sourcePath("examples").string(), "-f",
                                        dir.path().string()};
    const auto run = routes(with(both, kSeedRoute));
    CHECK(run.err == "error: there are Kafkas named gateway-api-test in namespaces kafka, "
                     "strimzi; choose one with -n\n");
    CHECK(run.exitCode == 2);
    CHECK(routes(with(with(both, kSeedRoute), {"-n", "strimzi"})).exitCode == 0);
  }
  SECTION("a Kafka with fields of the wrong type") {
    sgw::test::TempDir dir;
    auto kafka = sgw::test::readFile(sourcePath("examples/kafka.yaml"));
    kafka.replace(kafka.find("port: 9092"), 10, "port: first");
    dir.write("kafka.yaml", kafka);
    const auto run = routes(with(
        {"-f", sourcePath("examples/kafka-node-pools.yaml").string(), "-f", dir.path().string()},
        kSeedRoute));
    CHECK(run.out.empty());
    CHECK(run.err == "error: Kafka strimzi/gateway-api-test has fields of the wrong type: "
                     "spec.kafka.listeners[0].port: Invalid value: \"first\": must be an "
                     "integer\n");
    CHECK(run.exitCode == 2);
  }
  SECTION("a Kafka the mutating webhook denies") {
    const auto run =
        routes(with({"-f", fixturePath("check/malformed-mutation-template").string()}, kSeedRoute));
    CHECK(run.out.empty());
    CHECK(run.err ==
          "error: the mutating webhook would deny Kafka strimzi/gateway-api-test: "
          "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: Invalid "
          "value: \"broker-{id}.strimzi.gateway.api.test\": unknown placeholder {id}; use "
          "{nodeId}, {nodePodName}, {pool}, {cluster}, {namespace} or {listener}\n");
    CHECK(run.exitCode == 1);
  }
  SECTION("routes the webhook would deny are not printed") {
    const auto run =
        routes(with({"-f", fixturePath("check/gateway-terminate").string()}, kSeedRoute));
    CHECK(run.out.empty());
    std::string expected;
    for (const auto* name : {"broker-10", "broker-11", "broker-12", "bootstrap"}) {
      expected += "error: TLSRoute strimzi/gateway-api-test-" + std::string(name) +
                  ": spec.parentRefs[0].sectionName: Invalid value: \"kafka-listener\": listener "
                  "kafka-listener of Gateway my-gateway terminates TLS (tls.mode Terminate); "
                  "Kafka clients need tls.mode Passthrough; it has no TLS Passthrough listener\n";
    }
    expected += "error: the webhook would deny these TLSRoutes; nothing printed\n";
    CHECK(run.err == expected);
    CHECK(run.exitCode == 1);
  }
  SECTION("a --section-name whose listener would not accept the routes") {
    const auto run =
        routes(with({"-f", fixturePath("check/listener-hostname").string()}, kSeedRoute));
    CHECK(run.out.empty());
    std::string expected;
    for (const auto* name : {"broker-10", "broker-11", "broker-12", "bootstrap"}) {
      const std::string host = std::string(name) + ".strimzi.gateway.api.test";
      expected += "error: TLSRoute strimzi/gateway-api-test-" + std::string(name) +
                  ": spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of "
                  "Gateway my-gateway has hostname *.other.example, which no route hostname (" +
                  host +
                  ") matches; give the route a hostname under it or change the listener's "
                  "hostname; Gateway my-gateway would not accept the route (Accepted: False, "
                  "NoMatchingListenerHostname)\n";
    }
    expected += "error: the webhook would deny these TLSRoutes; nothing printed\n";
    CHECK(run.err == expected);
    CHECK(run.exitCode == 1);
  }
  SECTION("without --section-name, no listener of the Gateway takes TLSRoutes") {
    const auto run = routes({"-f", fixturePath("check/route-kinds").string(), "--kafka",
                             "gateway-api-test", "--gateway", "my-gateway"});
    CHECK(run.out.empty());
    CHECK(run.err.find("error: TLSRoute strimzi/gateway-api-test-broker-10: spec.parentRefs[0]: "
                       "Forbidden: listener kafka-listener of Gateway my-gateway allows TCPRoute "
                       "only (allowedRoutes.kinds), not TLSRoute; add kind TLSRoute there; Gateway "
                       "my-gateway would not accept the route (Accepted: False, "
                       "NotAllowedByListeners)\n") != std::string::npos);
    CHECK(run.exitCode == 1);
  }
  SECTION("warnings are printed and the routes too") {
    const auto run = routes({"--state-dir", sourcePath("examples").string(), "--kafka",
                             "gateway-api-test", "--gateway", "elsewhere/my-gateway"});
    CHECK(run.exitCode == 0);
    CHECK(objectsIn(run.out).size() == 4);
    std::string expected;
    for (const auto* name : {"broker-10", "broker-11", "broker-12", "bootstrap"}) {
      expected += "warning: TLSRoute strimzi/gateway-api-test-" + std::string(name) +
                  ": spec.parentRefs[0].name: Not found: \"my-gateway\": no Gateway of this name "
                  "in namespace elsewhere yet; the route stays unattached until it exists\n";
    }
    CHECK(run.err == expected);
  }
}

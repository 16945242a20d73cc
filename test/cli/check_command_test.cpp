#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "sgw/manifest/manifest.h"
#include "support/process.h"
#include "support/temp_dir.h"

using sgw::test::fixturePath;
using sgw::test::runWebhook;
using sgw::test::sourcePath;
using Json = nlohmann::json;

namespace {

// Output with the fixtures folder taken out of every path, so expectations read
// `<mistake>/kafka.yaml:25: ...` wherever the repository is checked out.
std::string relative(std::string text) {
  const auto prefix = fixturePath("check").string() + "/";
  for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) {
    text.erase(at, prefix.size());
  }
  return text;
}

sgw::test::CommandResult check(const std::vector<std::string>& args,
                               const std::string& input = "") {
  std::vector<std::string> full{"check"};
  full.insert(full.end(), args.begin(), args.end());
  return runWebhook(full, input);
}

std::string fixture(const std::string& name) {
  return fixturePath("check/" + name).string();
}

} // namespace

TEST_CASE("each check fixture is the Strimzi 0.4x seed with one file changed",
          "[cli][check][offline]") {
  namespace fs = std::filesystem;
  std::set<std::string> seedFiles;
  for (const auto& entry : fs::directory_iterator(sourcePath("test/fixtures/seed-strimzi-0.4x"))) {
    seedFiles.insert(entry.path().filename().string());
  }
  for (const auto& folder : fs::directory_iterator(fixturePath("check"))) {
    if (!folder.is_directory()) {
      continue;
    }
    CAPTURE(folder.path().filename().string());
    std::set<std::string> files;
    int changed = 0;
    for (const auto& entry : fs::directory_iterator(folder.path())) {
      const auto name = entry.path().filename().string();
      files.insert(name);
      changed += sgw::test::readFile(entry.path()) !=
                 sgw::test::readFile(sourcePath("test/fixtures/seed-strimzi-0.4x").append(name));
    }
    CHECK(files == seedFiles);
    CHECK(changed == 1);
  }
}

TEST_CASE("check passes the seed's manifests without a finding, on either stack",
          "[cli][check][offline]") {
  // examples/: Strimzi 1.x (kafka.strimzi.io/v1) and TLSRoute v1; test/fixtures/seed-strimzi-0.4x/:
  // the same cluster as Strimzi 0.4x (v1beta2, node pools by annotation) and TLSRoute v1alpha2.
  const std::string folder = GENERATE("examples", "test/fixtures/seed-strimzi-0.4x");
  CAPTURE(folder);
  const auto run = check({"-f", sourcePath(folder).string()});
  CHECK(run.out.empty());
  CHECK(run.err == "checked 7 objects: 0 denied, 0 warnings\n");
  CHECK(run.exitCode == 0);
}

// Each folder under test/fixtures/check/ is the seed with one change.
TEST_CASE("check names the file and line of each mistake", "[cli][check][offline]") {
  const auto [mistake, expected, summary] = GENERATE(table<std::string, std::string, std::string>({
      {"broker-ids",
       "broker-ids/kafka.yaml:25: Kafka strimzi/gateway-api-test: "
       "spec.kafka.listeners[0].configuration.brokers: Invalid value: [0,1,2]: none of these is a "
       "broker node; broker nodes of cluster gateway-api-test are 10, 11, 12\n"
       "broker-ids/kafka.yaml:25: warning: Kafka strimzi/gateway-api-test: "
       "spec.kafka.listeners[0].configuration.brokers: Required value: no advertisedHost for "
       "brokers 10, 11, 12, which would advertise their internal addresses; add entries for "
       "them\n",
       "checked 7 objects: 1 denied, 1 warning\n"},
      {"advertised-host-outside-certificate",
       "advertised-host-outside-certificate/kafka.yaml:32: Kafka strimzi/gateway-api-test: "
       "spec.kafka.listeners[0].configuration.brokers[2].advertisedHost: Invalid value: "
       "\"broker-12.kafka.example.com\": not covered by the certificate in Secret "
       "my-certificate, whose SANs are *.strimzi.gateway.api.test\n"
       "advertised-host-outside-certificate/tls-routes.yaml:50: warning: TLSRoute "
       "strimzi/gateway-api-test-broker-12: spec.hostnames[0]: Invalid value: "
       "\"broker-12.strimzi.gateway.api.test\": broker 12 advertises "
       "broker-12.kafka.example.com; clients are never sent to this hostname\n",
       "checked 7 objects: 1 denied, 1 warning\n"},
      {"route-to-missing-service",
       "route-to-missing-service/tls-routes.yaml:61: TLSRoute strimzi/gateway-api-test-broker-12: "
       "spec.rules[0].backendRefs[0].name: Not found: \"gateway-api-test-broker-obiwan-13\": "
       "Services of cluster gateway-api-test are gateway-api-test-broker-obiwan-10, "
       "gateway-api-test-broker-obiwan-11, gateway-api-test-broker-obiwan-12, "
       "gateway-api-test-kafka-obiwan-bootstrap\n"
       "route-to-missing-service/tls-routes.yaml:61: TLSRoute strimzi/gateway-api-test-broker-12: "
       "spec.rules[0].backendRefs[0].name: Invalid value: \"gateway-api-test-broker-obiwan-13\": "
       "spec.hostnames[0] broker-12.strimzi.gateway.api.test is advertised by broker 12 "
       "(listener obiwan); route it to gateway-api-test-broker-obiwan-12\n",
       "checked 7 objects: 1 denied, 0 warnings\n"},
      {"misrouted-hostname",
       "misrouted-hostname/tls-routes.yaml:40: TLSRoute strimzi/gateway-api-test-broker-11: "
       "spec.rules[0].backendRefs[0].name: Invalid value: \"gateway-api-test-broker-obiwan-12\": "
       "spec.hostnames[0] broker-11.strimzi.gateway.api.test is advertised by broker 11 "
       "(listener obiwan); route it to gateway-api-test-broker-obiwan-11\n",
       "checked 7 objects: 1 denied, 0 warnings\n"},
      {"gateway-terminate",
       "gateway-terminate/tls-routes.yaml:14: TLSRoute strimzi/gateway-api-test-broker-10: "
       "spec.parentRefs[0].sectionName: Invalid value: \"kafka-listener\": listener "
       "kafka-listener of Gateway my-gateway terminates TLS (tls.mode Terminate); Kafka clients "
       "need tls.mode Passthrough; it has no TLS Passthrough listener\n"
       "gateway-terminate/tls-routes.yaml:35: TLSRoute strimzi/gateway-api-test-broker-11: "
       "spec.parentRefs[0].sectionName: Invalid value: \"kafka-listener\": listener "
       "kafka-listener of Gateway my-gateway terminates TLS (tls.mode Terminate); Kafka clients "
       "need tls.mode Passthrough; it has no TLS Passthrough listener\n"
       "gateway-terminate/tls-routes.yaml:56: TLSRoute strimzi/gateway-api-test-broker-12: "
       "spec.parentRefs[0].sectionName: Invalid value: \"kafka-listener\": listener "
       "kafka-listener of Gateway my-gateway terminates TLS (tls.mode Terminate); Kafka clients "
       "need tls.mode Passthrough; it has no TLS Passthrough listener\n"
       "gateway-terminate/tls-routes.yaml:77: TLSRoute strimzi/gateway-api-test-bootstrap: "
       "spec.parentRefs[0].sectionName: Invalid value: \"kafka-listener\": listener "
       "kafka-listener of Gateway my-gateway terminates TLS (tls.mode Terminate); Kafka clients "
       "need tls.mode Passthrough; it has no TLS Passthrough listener\n",
       "checked 7 objects: 4 denied, 0 warnings\n"},
      {"listener-hostname",
       "listener-hostname/tls-routes.yaml:14: TLSRoute strimzi/gateway-api-test-broker-10: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "has hostname *.other.example, which no route hostname (broker-10.strimzi.gateway.api.test) "
       "matches; give "
       "the route a hostname under it or change the listener's hostname; Gateway my-gateway would "
       "not accept the route (Accepted: False, NoMatchingListenerHostname)\n"
       "listener-hostname/tls-routes.yaml:35: TLSRoute strimzi/gateway-api-test-broker-11: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "has hostname *.other.example, which no route hostname (broker-11.strimzi.gateway.api.test) "
       "matches; give "
       "the route a hostname under it or change the listener's hostname; Gateway my-gateway would "
       "not accept the route (Accepted: False, NoMatchingListenerHostname)\n"
       "listener-hostname/tls-routes.yaml:56: TLSRoute strimzi/gateway-api-test-broker-12: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "has hostname *.other.example, which no route hostname (broker-12.strimzi.gateway.api.test) "
       "matches; give "
       "the route a hostname under it or change the listener's hostname; Gateway my-gateway would "
       "not accept the route (Accepted: False, NoMatchingListenerHostname)\n"
       "listener-hostname/tls-routes.yaml:77: TLSRoute strimzi/gateway-api-test-bootstrap: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "has hostname *.other.example, which no route hostname (bootstrap.strimzi.gateway.api.test) "
       "matches; give "
       "the route a hostname under it or change the listener's hostname; Gateway my-gateway would "
       "not accept the route (Accepted: False, NoMatchingListenerHostname)\n",
       "checked 7 objects: 4 denied, 0 warnings\n"},
      {"route-kinds",
       "route-kinds/tls-routes.yaml:14: TLSRoute strimzi/gateway-api-test-broker-10: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "allows TCPRoute only (allowedRoutes.kinds), not TLSRoute; add kind TLSRoute there; Gateway "
       "my-gateway would not accept the route (Accepted: False, NotAllowedByListeners)\n"
       "route-kinds/tls-routes.yaml:35: TLSRoute strimzi/gateway-api-test-broker-11: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "allows TCPRoute only (allowedRoutes.kinds), not TLSRoute; add kind TLSRoute there; Gateway "
       "my-gateway would not accept the route (Accepted: False, NotAllowedByListeners)\n"
       "route-kinds/tls-routes.yaml:56: TLSRoute strimzi/gateway-api-test-broker-12: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "allows TCPRoute only (allowedRoutes.kinds), not TLSRoute; add kind TLSRoute there; Gateway "
       "my-gateway would not accept the route (Accepted: False, NotAllowedByListeners)\n"
       "route-kinds/tls-routes.yaml:77: TLSRoute strimzi/gateway-api-test-bootstrap: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "allows TCPRoute only (allowedRoutes.kinds), not TLSRoute; add kind TLSRoute there; Gateway "
       "my-gateway would not accept the route (Accepted: False, NotAllowedByListeners)\n",
       "checked 7 objects: 4 denied, 0 warnings\n"},
      {"namespace-selector",
       "namespace-selector/tls-routes.yaml:14: TLSRoute strimzi/gateway-api-test-broker-10: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "takes routes from namespaces labelled team=kafka only "
       "(allowedRoutes.namespaces.selector), and namespace strimzi does not match; label the "
       "namespace or widen the selector; Gateway my-gateway would not accept the route "
       "(Accepted: False, NotAllowedByListeners)\n"
       "namespace-selector/tls-routes.yaml:35: TLSRoute strimzi/gateway-api-test-broker-11: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "takes routes from namespaces labelled team=kafka only "
       "(allowedRoutes.namespaces.selector), and namespace strimzi does not match; label the "
       "namespace or widen the selector; Gateway my-gateway would not accept the route "
       "(Accepted: False, NotAllowedByListeners)\n"
       "namespace-selector/tls-routes.yaml:56: TLSRoute strimzi/gateway-api-test-broker-12: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "takes routes from namespaces labelled team=kafka only "
       "(allowedRoutes.namespaces.selector), and namespace strimzi does not match; label the "
       "namespace or widen the selector; Gateway my-gateway would not accept the route "
       "(Accepted: False, NotAllowedByListeners)\n"
       "namespace-selector/tls-routes.yaml:77: TLSRoute strimzi/gateway-api-test-bootstrap: "
       "spec.parentRefs[0].sectionName: Forbidden: listener kafka-listener of Gateway my-gateway "
       "takes routes from namespaces labelled team=kafka only "
       "(allowedRoutes.namespaces.selector), and namespace strimzi does not match; label the "
       "namespace or widen the selector; Gateway my-gateway would not accept the route "
       "(Accepted: False, NotAllowedByListeners)\n",
       "checked 7 objects: 4 denied, 0 warnings\n"},
      {"listenerset-not-allowed",
       "listenerset-not-allowed/tls-routes.yaml:12: TLSRoute strimzi/gateway-api-test-broker-10: "
       "spec.parentRefs[0].name: Invalid value: \"kafka-listeners\": Gateway strimzi/my-gateway "
       "of ListenerSet kafka-listeners takes no ListenerSets "
       "(spec.allowedListeners.namespaces.from None, the default); set it to Same, All or "
       "Selector; the ListenerSet is not accepted, so no route attaches to it\n"
       "listenerset-not-allowed/tls-routes.yaml:33: TLSRoute strimzi/gateway-api-test-broker-11: "
       "spec.parentRefs[0].name: Invalid value: \"kafka-listeners\": Gateway strimzi/my-gateway "
       "of ListenerSet kafka-listeners takes no ListenerSets "
       "(spec.allowedListeners.namespaces.from None, the default); set it to Same, All or "
       "Selector; the ListenerSet is not accepted, so no route attaches to it\n"
       "listenerset-not-allowed/tls-routes.yaml:54: TLSRoute strimzi/gateway-api-test-broker-12: "
       "spec.parentRefs[0].name: Invalid value: \"kafka-listeners\": Gateway strimzi/my-gateway "
       "of ListenerSet kafka-listeners takes no ListenerSets "
       "(spec.allowedListeners.namespaces.from None, the default); set it to Same, All or "
       "Selector; the ListenerSet is not accepted, so no route attaches to it\n"
       "listenerset-not-allowed/tls-routes.yaml:75: TLSRoute strimzi/gateway-api-test-bootstrap: "
       "spec.parentRefs[0].name: Invalid value: \"kafka-listeners\": Gateway strimzi/my-gateway "
       "of ListenerSet kafka-listeners takes no ListenerSets "
       "(spec.allowedListeners.namespaces.from None, the default); set it to Same, All or "
       "Selector; the ListenerSet is not accepted, so no route attaches to it\n",
       "checked 7 objects: 4 denied, 0 warnings\n"},
      {"invalid-next-node-ids",
       "invalid-next-node-ids/kafka-node-pools.yaml:5: KafkaNodePool strimzi/broker: "
       "metadata.annotations[strimzi.io/next-node-ids]: Invalid value: \"[10-100\": must be a "
       "bracketed list of node IDs and ranges such as [0, 1, 10-15, 200]; Strimzi would ignore "
       "it and assign IDs sequentially\n",
       "checked 7 objects: 1 denied, 0 warnings\n"},
      {"malformed-mutation-template",
       "malformed-mutation-template/kafka.yaml:9: Kafka strimzi/gateway-api-test: "
       "metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: Invalid "
       "value: \"broker-{id}.strimzi.gateway.api.test\": unknown placeholder {id}; use {nodeId}, "
       "{nodePodName}, {pool}, {cluster}, {namespace} or {listener}\n",
       "checked 7 objects: 1 denied, 0 warnings\n"},
      {"wrong-field-type",
       "wrong-field-type/tls-routes.yaml:41: TLSRoute strimzi/gateway-api-test-broker-11: "
       "spec.rules[0].backendRefs[0].port: Invalid value: \"9092\": must be an integer\n",
       "checked 7 objects: 1 denied, 0 warnings\n"},
  }));
  CAPTURE(mistake);
  const auto run = check({"-f", fixture(mistake)});
  CHECK(relative(run.out) == expected);
  CHECK(run.err == summary);
  CHECK(run.exitCode == 1);
}

TEST_CASE("check reports warnings without failing", "[cli][check][offline]") {
  const auto [folder, expected, summary] = GENERATE(table<std::string, std::string, std::string>({
      {"mutation-template",
       "mutation-template/kafka.yaml:21: warning: Kafka strimzi/gateway-api-test: "
       "spec.kafka.listeners[0].configuration.brokers: added 10, 11, 12 from template "
       "broker-{nodeId}.strimzi.gateway.api.test\n",
       "checked 7 objects: 0 denied, 1 warning\n"},
      {"advertised-port",
       "advertised-port/kafka.yaml:27: warning: Kafka strimzi/gateway-api-test: "
       "spec.kafka.listeners[0].configuration.brokers[0].advertisedPort: Invalid value: 9093: its "
       "TLSRoute gateway-api-test-broker-10 attaches to Gateway my-gateway on port 9092; advertise "
       "9092 unless something in front maps the port\nadvertised-port/tls-routes.yaml:10: warning: "
       "TLSRoute strimzi/gateway-api-test-broker-10: spec.parentRefs[0]: Invalid value: "
       "\"my-gateway\": broker 10 advertises port 9093 on listener obiwan, but Gateway my-gateway "
       "takes this route on port 9092; set its advertisedPort to 9092 unless something in front "
       "maps the port\n",
       "checked 7 objects: 0 denied, 2 warnings\n"},
      {"strimzi-owned-route",
       "strimzi-owned-route/tls-routes.yaml:46: warning: TLSRoute "
       "strimzi/gateway-api-test-broker-11: spec.rules[0].backendRefs[0].name: Invalid value: "
       "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
       "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener obiwan); route it "
       "to gateway-api-test-broker-obiwan-11\n",
       "checked 7 objects: 0 denied, 1 warning\n"},
  }));
  CAPTURE(folder);
  const auto run = check({"-f", fixture(folder)});
  CHECK(relative(run.out) == expected);
  CHECK(run.err == summary);
  CHECK(run.exitCode == 0);
}

TEST_CASE("check --output json prints the findings as an array", "[cli][check][offline]") {
  const auto run = check({"-f", fixture("broker-ids"), "--output", "json"});
  CHECK(run.exitCode == 1);
  CHECK(run.err == "checked 7 objects: 1 denied, 1 warning\n");
  CHECK(Json::parse(relative(run.out)) == Json::parse(R"([
    {"file": "broker-ids/kafka.yaml", "line": 25, "kind": "Kafka", "namespace": "strimzi",
     "name": "gateway-api-test", "severity": "deny", "rule": "broker-ids",
     "field": "spec.kafka.listeners[0].configuration.brokers",
     "message": "Invalid value: [0,1,2]: none of these is a broker node; broker nodes of cluster gateway-api-test are 10, 11, 12"},
    {"file": "broker-ids/kafka.yaml", "line": 25, "kind": "Kafka", "namespace": "strimzi",
     "name": "gateway-api-test", "severity": "warn", "rule": "listener-coverage",
     "field": "spec.kafka.listeners[0].configuration.brokers",
     "message": "Required value: no advertisedHost for brokers 10, 11, 12, which would advertise their internal addresses; add entries for them"}
  ])"));
  const auto passing = check({"-f", sourcePath("examples").string(), "--output", "json"});
  CHECK(passing.out == "[]\n");
  CHECK(passing.exitCode == 0);
}

TEST_CASE("check --show-mutations prints the Kafkas as the mutating webhook leaves them",
          "[cli][check][offline]") {
  const auto run = check({"-f", fixture("mutation-template"), "--show-mutations"});
  CHECK(run.exitCode == 0);
  CHECK(relative(run.err) == "mutation-template/kafka.yaml:21: warning: Kafka "
                             "strimzi/gateway-api-test: "
                             "spec.kafka.listeners[0].configuration.brokers: added 10, 11, 12 "
                             "from template broker-{nodeId}.strimzi.gateway.api.test\n"
                             "checked 7 objects: 0 denied, 1 warning\n");
  const auto printed = sgw::manifest::loadText(run.out, "stdout");
  REQUIRE(printed.errors.empty());
  REQUIRE(printed.manifests.size() == 1);
  // The seed's Kafka, whose entries the template writes exactly as the seed has them.
  auto expected = sgw::manifest::loadPath(sourcePath("test/fixtures/seed-strimzi-0.4x/kafka.yaml"))
                      .manifests.at(0)
                      .object;
  expected["metadata"]["annotations"]["strimzi-gateway-webhook.io/advertised-host-template"] =
      "broker-{nodeId}.strimzi.gateway.api.test";
  CHECK(printed.manifests[0].object == expected);

  const auto unchanged = check({"-f", sourcePath("examples").string(), "--show-mutations"});
  CHECK(unchanged.out.empty());
  CHECK(unchanged.exitCode == 0);
}

TEST_CASE("check exits 2 on input it cannot read", "[cli][check][offline]") {
  sgw::test::TempDir dir;
  SECTION("a YAML syntax error names the file and line") {
    const auto file = dir.write("broken.yaml", "apiVersion: v1\n"
                                               "kind: Service\n"
                                               "metadata:\n"
                                               "  name: svc\n"
                                               "  labels: {a: b\n");
    const auto run = check({"-f", sourcePath("examples").string(), "-f", dir.path().string()});
    CHECK(run.out.empty());
    CHECK(run.err == "error: " + file.string() + ":6: invalid YAML: end of map flow not found\n");
    CHECK(run.exitCode == 2);
  }
  SECTION("a path that does not exist") {
    const auto missing = (dir.path() / "missing.yaml").string();
    const auto run = check({"-f", missing});
    CHECK(run.err == "error: " + missing + ": no such file or folder\n");
    CHECK(run.exitCode == 2);
  }
  SECTION("no input named") {
    const auto run = check({});
    CHECK(run.err == "error: check manifests with -f, or a live cluster with --kubeconfig\n");
    CHECK(run.exitCode == 2);
  }
}

TEST_CASE("check reads manifests from stdin with -f -", "[cli][check][offline]") {
  std::vector<std::string> args;
  for (const auto* file : {"certificate-secret.yaml", "gateway.yaml", "kafka-node-pools.yaml",
                           "kafka.yaml", "strimzi-services.yaml"}) {
    args.insert(args.end(), {"-f", sourcePath("examples").append(file).string()});
  }
  args.insert(args.end(), {"-f", "-"});
  const auto run =
      check(args, sgw::test::readFile(fixturePath("check/misrouted-hostname/tls-routes.yaml")));
  CHECK(run.out == "<stdin>:40: TLSRoute strimzi/gateway-api-test-broker-11: "
                   "spec.rules[0].backendRefs[0].name: Invalid value: "
                   "\"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
                   "broker-11.strimzi.gateway.api.test is advertised by broker 11 (listener "
                   "obiwan); route it to gateway-api-test-broker-obiwan-11\n");
  CHECK(run.exitCode == 1);
}

TEST_CASE("check honours rule actions: warn sends a denial as a warning, off drops it",
          "[cli][check][offline][policy]") {
  const std::string denial =
      "broker-ids/kafka.yaml:25: warning: Kafka strimzi/gateway-api-test: would deny "
      "(broker-ids): spec.kafka.listeners[0].configuration.brokers: Invalid value: "
      "[0,1,2]: none of these is a broker node; broker nodes of cluster gateway-api-test are 10, "
      "11, 12\n";
  const std::string otherWarning =
      "broker-ids/kafka.yaml:25: warning: Kafka strimzi/gateway-api-test: "
      "spec.kafka.listeners[0].configuration.brokers: Required value: no advertisedHost for "
      "brokers 10, 11, 12, which would advertise their internal addresses; add entries for "
      "them\n";

  SECTION("one rule set to warn") {
    const auto run = check({"-f", fixture("broker-ids"), "--rule-action", "broker-ids=warn"});
    CHECK(relative(run.out) == denial + otherWarning);
    CHECK(run.err == "checked 7 objects: 0 denied, 2 warnings\n");
    CHECK(run.exitCode == 0);
  }
  SECTION("every rule set to warn at once") {
    const auto run = check({"-f", fixture("broker-ids"), "--enforcement", "warn"});
    CHECK(relative(run.out) == denial + otherWarning);
    CHECK(run.exitCode == 0);
  }
  SECTION("warn for all, but this rule still denies") {
    const auto run = check(
        {"-f", fixture("broker-ids"), "--enforcement", "warn", "--rule-action", "broker-ids=deny"});
    CHECK(run.err == "checked 7 objects: 1 denied, 1 warning\n");
    CHECK(run.exitCode == 1);
  }
  SECTION("the rule set to off; deny leaves a warning a warning") {
    const auto run = check({"-f", fixture("broker-ids"), "--rule-action",
                            "broker-ids=off,listener-coverage=deny", "--output", "json"});
    const auto findings = Json::parse(run.out);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0]["rule"] == "listener-coverage");
    CHECK(findings[0]["severity"] == "warn");
    CHECK(run.exitCode == 0);
  }
  SECTION("JSON keeps the would-deny notice in the message") {
    const auto run = check(
        {"-f", fixture("broker-ids"), "--rule-action", "broker-ids=warn", "--output", "json"});
    const auto findings = Json::parse(run.out);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0]["rule"] == "broker-ids");
    CHECK(findings[0]["severity"] == "warn");
    CHECK(findings[0]["field"] == "spec.kafka.listeners[0].configuration.brokers");
    CHECK(findings[0]["message"] ==
          "would deny (broker-ids): Invalid value: [0,1,2]: none of these "
          "is a broker node; broker nodes of cluster gateway-api-test are 10, 11, 12");
  }
}

TEST_CASE("check refuses an unknown rule id or action with exit 2", "[cli][check][policy]") {
  const auto unknownRule = check({"-f", fixture("broker-ids"), "--rule-action", "brokers=warn"});
  CHECK_THAT(unknownRule.err,
             Catch::StartsWith("error: unknown rule \"brokers\" in --rule-action; rules: "
                               "advertised-hosts, advertised-port, broker-ids,"));
  CHECK(unknownRule.out.empty());
  CHECK(unknownRule.exitCode == 2);
  const auto unknownAction =
      check({"-f", fixture("broker-ids"), "--rule-action", "broker-ids=audit"});
  CHECK(unknownAction.err ==
        "error: unknown action \"audit\" for rule broker-ids: use deny, warn or off\n");
  CHECK(unknownAction.exitCode == 2);
}

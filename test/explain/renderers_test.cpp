#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "sgw/explain/entry_paths.h"
#include "sgw/explain/path_graph.h"
#include "sgw/explain/renderers.h"
#include "sgw/manifest/manifest.h"
#include "sgw/offline/mutated_objects.h"
#include "support/seed.h"
#include "support/temp_dir.h"
#include "support/test_certificates.h"

using sgw::explain::Explanation;
using sgw::test::fixturePath;
using Json = nlohmann::json;

namespace {

Explanation explainFolder(const std::filesystem::path& folder) {
  const auto loaded = sgw::manifest::loadPath(folder);
  REQUIRE(loaded.errors.empty());
  const auto mutated = sgw::offline::mutateObjects(sgw::manifest::objectsOf(loaded.manifests),
                                                   "default", sgw::test::testNow());
  const auto result = sgw::explain::explain(
      mutated.set.snapshot, {{"strimzi", "gateway-api-test"}, std::nullopt}, sgw::test::testNow());
  REQUIRE(std::holds_alternative<Explanation>(result));
  return std::get<Explanation>(result);
}

Explanation seedExplanation() {
  return explainFolder(sgw::test::sourcePath("examples"));
}

// Renders `dot` text with Graphviz; returns the exit status of `dot -Tsvg`.
int renderWithGraphviz(const std::string& dot, std::string& svg) {
  const sgw::test::TempDir dir("sgw-explain-dot");
  const auto input = dir.write("paths.dot", dot);
  const auto output = dir.path() / "paths.svg";
  const auto command =
      "dot -Tsvg '" + input.string() + "' -o '" + output.string() + "' 2>/dev/null";
  const int status = std::system(command.c_str());
  if (status == 0) {
    svg = sgw::test::readFile(output);
  }
  return status;
}

bool graphvizInstalled() {
  return std::system("command -v dot >/dev/null 2>&1") == 0;
}

} // namespace

TEST_CASE("the table of the seed: aligned columns, one row per entry", "[explain][table]") {
  CHECK(sgw::explain::renderTable(seedExplanation()) ==
        "Kafka strimzi/gateway-api-test, listener obiwan (cluster-ip, port 9092)\n"
        "ENTRY      HOST:PORT                                CERT  GATEWAY LISTENER              "
        "     TLSROUTE                    SERVICE:PORT                                  NODE      "
        "  POOL    VERDICT\n"
        "bootstrap  bootstrap.strimzi.gateway.api.test:9092  yes   Gateway my-gateway/kafka-liste"
        "ner  gateway-api-test-bootstrap  gateway-api-test-kafka-obiwan-bootstrap:9092  10, 11, 12"
        "  broker  ok\n"
        "broker 10  broker-10.strimzi.gateway.api.test:9092  yes   Gateway my-gateway/kafka-liste"
        "ner  gateway-api-test-broker-10  gateway-api-test-broker-obiwan-10:9092        10        "
        "  broker  ok\n"
        "broker 11  broker-11.strimzi.gateway.api.test:9092  yes   Gateway my-gateway/kafka-liste"
        "ner  gateway-api-test-broker-11  gateway-api-test-broker-obiwan-11:9092        11        "
        "  broker  ok\n"
        "broker 12  broker-12.strimzi.gateway.api.test:9092  yes   Gateway my-gateway/kafka-liste"
        "ner  gateway-api-test-broker-12  gateway-api-test-broker-obiwan-12:9092        12        "
        "  broker  ok\n");
}

TEST_CASE("the README shows the seed's table and the misrouted variant's as they are printed",
          "[explain][table]") {
  const auto readme = sgw::test::readFile(sgw::test::sourcePath("README.md"));
  const auto block = [&](const std::string& after) {
    const auto start = readme.find(after + "\n\n```console\n");
    REQUIRE(start != std::string::npos);
    const auto from = readme.find('\n', readme.find("```console", start)) + 1;
    return readme.substr(from, readme.find("```", from) - from);
  };
  CHECK(block("For the example cluster (`--state-dir examples`):") ==
        sgw::explain::renderTable(seedExplanation()));
  CHECK(block("In `test/fixtures/check/misrouted-hostname/` the route of broker 11 leads to "
              "broker 12's Service:") ==
        sgw::explain::renderTable(explainFolder(fixturePath("check/misrouted-hostname"))));
}

TEST_CASE("the table prints a broken path's verdict and the warnings of ok paths",
          "[explain][table]") {
  const auto table = sgw::explain::renderTable(explainFolder(fixturePath("check/advertised-port")));
  CHECK_THAT(table, Catch::Contains("  broker  ok (2 warnings)\n"));
  CHECK_THAT(table,
             Catch::Contains("\nwarning: broker 10: Kafka strimzi/gateway-api-test: "
                             "spec.kafka.listeners[0].configuration.brokers[0].advertisedPort: "
                             "Invalid value: 9093: its TLSRoute gateway-api-test-broker-10 "));
  const auto broken =
      sgw::explain::renderTable(explainFolder(fixturePath("check/route-to-missing-service")));
  CHECK_THAT(broken, Catch::Contains("gateway-api-test-broker-obiwan-13:9092 (missing)  -  "));
  CHECK_THAT(broken, Catch::Contains("  [spec.rules[0].backendRefs[0].name: Not found: "
                                     "\"gateway-api-test-broker-obiwan-13\": "));
}

TEST_CASE("the JSON of an explanation has stable keys", "[explain][json]") {
  const auto json = Json::parse(sgw::explain::renderJson(seedExplanation()));
  CHECK(json["kafka"] == Json{{"namespace", "strimzi"}, {"name", "gateway-api-test"}});
  CHECK(json["listener"] == Json{{"name", "obiwan"}, {"type", "cluster-ip"}, {"port", 9092}});
  CHECK(json["ok"] == true);
  CHECK(json["clusterFindings"] == Json::array());
  REQUIRE(json["paths"].size() == 4);
  CHECK(json["paths"][0]["entry"] == "bootstrap");
  CHECK(json["paths"][0]["broker"] == nullptr);
  CHECK(json["paths"][1] == Json::parse(R"({
          "entry": "broker", "broker": 10,
          "host": "broker-10.strimzi.gateway.api.test", "port": 9092,
          "certificate": "covered",
          "gatewayListener": {"kind": "Gateway", "namespace": "strimzi", "name": "my-gateway",
                              "listener": "kafka-listener", "port": 9092, "accepts": true},
          "tlsRoute": {"namespace": "strimzi", "name": "gateway-api-test-broker-10",
                       "createdByStrimzi": false},
          "service": {"namespace": "strimzi", "name": "gateway-api-test-broker-obiwan-10",
                      "port": 9092, "exists": true, "createdByStrimzi": true},
          "nodes": [{"id": 10, "pool": "broker"}],
          "verdict": "ok",
          "findings": []
        })"));
  // Keys come in a fixed order, so diffs of saved output stay small.
  const auto ordered = nlohmann::ordered_json::parse(sgw::explain::renderJson(seedExplanation()));
  std::vector<std::string> keys;
  for (const auto& item : ordered["paths"][0].items()) {
    keys.push_back(item.key());
  }
  CHECK(keys == std::vector<std::string>{"entry", "broker", "host", "port", "certificate",
                                         "gatewayListener", "tlsRoute", "service", "nodes",
                                         "verdict", "findings"});
  keys.clear();
  for (const auto& item : ordered.items()) {
    keys.push_back(item.key());
  }
  CHECK(keys == std::vector<std::string>{"kafka", "listener", "ok", "paths", "clusterFindings"});
}

TEST_CASE("the JSON finding of a broken path names rule, object, link and field",
          "[explain][json]") {
  const auto json =
      Json::parse(sgw::explain::renderJson(explainFolder(fixturePath("check/misrouted-hostname"))));
  CHECK(json["ok"] == false);
  const auto& path = json["paths"][2];
  CHECK(path["verdict"] == "broken");
  REQUIRE(path["findings"].size() == 1);
  CHECK(path["findings"][0] ==
        Json{{"severity", "deny"},
             {"rule", "route-broker-match"},
             {"kind", "TLSRoute"},
             {"namespace", "strimzi"},
             {"name", "gateway-api-test-broker-11"},
             {"link", "route-service"},
             {"field", "spec.rules[0].backendRefs[0].name"},
             {"message", "Invalid value: \"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
                         "broker-11.strimzi.gateway.api.test is advertised by broker 11 "
                         "(listener obiwan); route it to gateway-api-test-broker-obiwan-11"}});
}

TEST_CASE("the graph has each element once and marks the broken link", "[explain][graph]") {
  const auto graph =
      sgw::explain::pathGraph(explainFolder(fixturePath("check/misrouted-hostname")));
  // 4 clients, 1 listener, 4 routes, 3 Services (broker 11's route reaches broker 12's), 3 nodes.
  CHECK(graph.nodes.size() == 15);
  std::vector<std::string> broken;
  for (const auto& edge : graph.edges) {
    if (edge.state == sgw::explain::GraphEdge::State::Broken) {
      broken.push_back(edge.from + " -> " + edge.to);
    }
  }
  CHECK(broken == std::vector<std::string>{"route/strimzi/gateway-api-test-broker-11 -> "
                                           "service/strimzi/gateway-api-test-broker-obiwan-12"});
}

TEST_CASE("the dot output is a digraph Graphviz renders", "[explain][graph][dot]") {
  const std::string folder = GENERATE("", "check/misrouted-hostname", "check/gateway-terminate",
                                      "check/advertised-host-outside-certificate");
  CAPTURE(folder);
  const auto explanation = folder.empty() ? seedExplanation() : explainFolder(fixturePath(folder));
  const auto dot = sgw::explain::renderDot(explanation);
  CHECK(dot.starts_with("digraph \"Kafka strimzi/gateway-api-test, listener obiwan\" {\n"));
  CHECK(dot.ends_with("}\n"));
  if (!folder.empty()) {
    CHECK_THAT(dot, Catch::Contains("color=red, fontcolor=red, style=dashed, label=\""));
  }
  // The test command installs Graphviz (.ci/install-deps test); elsewhere the check is skipped.
  if (!graphvizInstalled()) {
    WARN("Graphviz (dot) is not installed; the rendering is not checked");
    return;
  }
  std::string svg;
  REQUIRE(renderWithGraphviz(dot, svg) == 0);
  CHECK_THAT(svg, Catch::Contains("<svg"));
  CHECK_THAT(svg, Catch::Contains(">node 10</text>")); // SVG escapes the hyphens of names
}

TEST_CASE("dot ids and labels escape quotes and backslashes", "[explain][graph][dot]") {
  Explanation explanation;
  explanation.kafka = {"strimzi", "say-\"hi\""};
  explanation.listener = "back\\slash";
  sgw::explain::EntryPath path;
  path.host = "a\"b.example";
  path.port = 9092;
  explanation.paths.push_back(path);
  const auto dot = sgw::explain::renderDot(explanation);
  CHECK(dot.starts_with("digraph \"Kafka strimzi/say-\\\"hi\\\", listener back\\\\slash\" {\n"));
  CHECK_THAT(dot, Catch::Contains("[label=\"bootstrap\\na\\\"b.example:9092\", shape=oval]"));
  if (graphvizInstalled()) {
    std::string svg;
    CHECK(renderWithGraphviz(dot, svg) == 0);
  }
  const auto mermaid = sgw::explain::renderMermaid(explanation);
  CHECK_THAT(mermaid, Catch::Contains("n0([\"bootstrap<br/>a#quot;b.example:9092\"])"));
}

TEST_CASE("the mermaid output is a flowchart with the broken link dashed and red",
          "[explain][graph][mermaid]") {
  const auto mermaid =
      sgw::explain::renderMermaid(explainFolder(fixturePath("check/misrouted-hostname")));
  CHECK(mermaid.starts_with("flowchart LR\n  n0([\"bootstrap<br/>"
                            "bootstrap.strimzi.gateway.api.test:9092\"])\n"));
  CHECK_THAT(mermaid, Catch::Contains("  n11 -.->|\"spec.rules[0].backendRefs[0].name: Invalid "
                                      "value:<br/>#quot;gateway-api-test-broker-obiwan-12#quot;"));
  CHECK_THAT(mermaid, Catch::Contains("\n  linkStyle 12 stroke:red,color:red\n"));
  CHECK_THAT(sgw::explain::renderMermaid(seedExplanation()), !Catch::Contains("linkStyle"));
}

TEST_CASE("wrapLines breaks between words", "[explain][graph]") {
  CHECK(sgw::explain::wrapLines("aaa bbb ccc", 7) == "aaa bbb\nccc");
  CHECK(sgw::explain::wrapLines("averyverylongword x", 5) == "averyverylongword\nx");
  CHECK(sgw::explain::wrapLines("", 5).empty());
}

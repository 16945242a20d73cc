#include <catch2/catch.hpp>
#include <cstdlib>

#include "sgw/explain/entry_paths.h"
#include "sgw/explain/renderers.h"
#include "support/explanations.h"
#include "support/temp_dir.h"

using sgw::explain::Explanation;
using sgw::test::explainFolder;
using sgw::test::fixturePath;
using sgw::test::seedExplanation;

namespace {

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

namespace {

// Every kind of graph node and edge: an ok path with a warning on its route -> Service link, and
// a broker path that no TLSRoute carries.
Explanation everyShape() {
  Explanation explanation;
  explanation.kafka = {"strimzi", "my-cluster"};
  explanation.listener = "obiwan";
  sgw::explain::EntryPath bootstrap;
  bootstrap.host = "b.example";
  bootstrap.port = 9092;
  bootstrap.listener = {"Gateway", {"strimzi", "my-gateway"}, "kafka-listener", 9092, true};
  bootstrap.route = {{"strimzi", "r"}, false};
  bootstrap.service = {{"strimzi", "s"}, 9092, true, false};
  bootstrap.nodes = {{{10}, "broker"}};
  bootstrap.findings = {{{"some-rule", sgw::rules::Severity::Warn,
                          sgw::FieldError::forbidden(sgw::FieldPath::root("spec"), "odd <value>")},
                         sgw::model::Kind::TlsRoute,
                         {"strimzi", "r"},
                         sgw::explain::Link::RouteToService}};
  bootstrap.ok = true;
  sgw::explain::EntryPath broker;
  broker.broker = sgw::model::NodeId{10};
  broker.host = "broker-10.example";
  broker.port = 9092;
  explanation.paths = {bootstrap, broker};
  return explanation;
}

} // namespace

TEST_CASE("dot gives each role its shape and each edge state its style", "[explain][graph][dot]") {
  CHECK(sgw::explain::renderDot(everyShape()) ==
        "digraph \"Kafka strimzi/my-cluster, listener obiwan\" {\n"
        "  rankdir=LR;\n"
        "  label=\"Kafka strimzi/my-cluster, listener obiwan\";\n"
        "  labelloc=t;\n"
        "  fontname=\"Helvetica\";\n"
        "  node [fontname=\"Helvetica\", fontsize=10];\n"
        "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        "  \"client/bootstrap\" [label=\"bootstrap\\nb.example:9092\", shape=oval];\n"
        "  \"listener/Gateway/strimzi/my-gateway/kafka-listener\" [label=\"Gateway "
        "my-gateway\\nlistener kafka-listener :9092\", shape=hexagon];\n"
        "  \"route/strimzi/r\" [label=\"TLSRoute\\nr\", shape=box];\n"
        "  \"service/strimzi/s\" [label=\"Service\\ns:9092\", shape=box, style=rounded];\n"
        "  \"node/10\" [label=\"node 10\\npool broker\", shape=box3d];\n"
        "  \"client/broker 10\" [label=\"broker 10\\nbroker-10.example:9092\", shape=oval];\n"
        "  \"missing/broker 10/TLSRoute\" [label=\"no TLSRoute\", shape=box, style=dashed, "
        "color=red, fontcolor=red];\n"
        "  \"client/bootstrap\" -> \"listener/Gateway/strimzi/my-gateway/kafka-listener\";\n"
        "  \"listener/Gateway/strimzi/my-gateway/kafka-listener\" -> \"route/strimzi/r\";\n"
        "  \"route/strimzi/r\" -> \"service/strimzi/s\" [color=orange, fontcolor=orange, "
        "style=dotted, label=\"spec: Forbidden: odd <value>\"];\n"
        "  \"service/strimzi/s\" -> \"node/10\";\n"
        "  \"client/broker 10\" -> \"missing/broker 10/TLSRoute\" [color=red, fontcolor=red, "
        "style=dashed, label=\"\"];\n"
        "}\n");
}

TEST_CASE("mermaid gives each role its shape, escapes angle brackets and styles what is wrong",
          "[explain][graph][mermaid]") {
  CHECK(sgw::explain::renderMermaid(everyShape()) ==
        "flowchart LR\n"
        "  n0([\"bootstrap<br/>b.example:9092\"])\n"
        "  n1{{\"Gateway my-gateway<br/>listener kafka-listener :9092\"}}\n"
        "  n2[\"TLSRoute<br/>r\"]\n"
        "  n3(\"Service<br/>s:9092\")\n"
        "  n4[[\"node 10<br/>pool broker\"]]\n"
        "  n5([\"broker 10<br/>broker-10.example:9092\"])\n"
        "  n6[\"no TLSRoute\"]\n"
        "  n0 --> n1\n"
        "  n1 --> n2\n"
        "  n2 -.->|\"spec: Forbidden: odd #lt;value#gt;\"| n3\n"
        "  n3 --> n4\n"
        "  n5 -.->|\"\"| n6\n"
        "  linkStyle 2 stroke:orange,color:orange\n"
        "  linkStyle 4 stroke:red,color:red\n"
        "  style n6 stroke:red,stroke-dasharray:5 5,color:red\n");
}

#include <catch2/catch.hpp>

#include "sgw/explain/entry_paths.h"
#include "sgw/explain/path_graph.h"
#include "support/explanations.h"
#include "support/temp_dir.h"

using sgw::explain::Explanation;
using sgw::test::explainFolder;
using sgw::test::fixturePath;

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

TEST_CASE("wrapLines breaks between words", "[explain][graph]") {
  CHECK(sgw::explain::wrapLines("aaa bbb ccc", 7) == "aaa bbb\nccc");
  CHECK(sgw::explain::wrapLines("averyverylongword x", 5) == "averyverylongword\nx");
  CHECK(sgw::explain::wrapLines("", 5).empty());
}

namespace {

using sgw::explain::EntryPath;
using sgw::explain::GraphEdge;
using sgw::explain::GraphNode;
using sgw::explain::Link;
using sgw::explain::PathFinding;

std::string roleName(GraphNode::Role role) {
  switch (role) {
  case GraphNode::Role::Client:
    return "client";
  case GraphNode::Role::Listener:
    return "listener";
  case GraphNode::Role::Route:
    return "route";
  case GraphNode::Role::Service:
    return "service";
  case GraphNode::Role::Node:
    return "node";
  case GraphNode::Role::Missing:
    return "missing";
  }
  return "?";
}

std::string stateName(GraphEdge::State state) {
  switch (state) {
  case GraphEdge::State::Ok:
    return "ok";
  case GraphEdge::State::Warned:
    return "warned";
  case GraphEdge::State::Broken:
    return "broken";
  }
  return "?";
}

std::vector<std::string> nodesOf(const sgw::explain::PathGraph& graph) {
  std::vector<std::string> out;
  for (const auto& node : graph.nodes) {
    out.push_back(node.id + " | " + node.label + " | " + roleName(node.role));
  }
  return out;
}

std::vector<std::string> edgesOf(const sgw::explain::PathGraph& graph) {
  std::vector<std::string> out;
  for (const auto& edge : graph.edges) {
    out.push_back(edge.from + " -> " + edge.to + " | " + stateName(edge.state) + " | " +
                  edge.label);
  }
  return out;
}

PathFinding findingOn(Link link, sgw::rules::Severity severity, const std::string& detail) {
  return {{"some-rule", severity, sgw::FieldError::forbidden(sgw::FieldPath::root("spec"), detail)},
          sgw::model::Kind::TlsRoute,
          {"strimzi", "shared"},
          link};
}

sgw::explain::ListenerLink gatewayListener(bool accepts = true) {
  return {"Gateway", {"strimzi", "my-gateway"}, "kafka-listener", 9092, accepts};
}

Explanation explanationOf(std::vector<EntryPath> paths) {
  Explanation explanation;
  explanation.kafka = {"strimzi", "my-cluster"};
  explanation.listener = "obiwan";
  explanation.paths = std::move(paths);
  return explanation;
}

} // namespace

TEST_CASE("a complete path is drawn client, listener, route, Service, node with its labels",
          "[explain][graph]") {
  EntryPath bootstrap;
  bootstrap.host = "bootstrap.example";
  bootstrap.port = 9092;
  bootstrap.listener = gatewayListener();
  bootstrap.route = {{"strimzi", "my-route"}, true};
  bootstrap.service = {{"kafka", "my-cluster-bootstrap"}, 9093, true, false};
  bootstrap.nodes = {{{10}, "broker"}, {{11}, "broker"}};
  bootstrap.ok = true;
  EntryPath broker;
  broker.broker = sgw::model::NodeId{10};
  broker.host = "broker-10.example";
  broker.port = 9092;
  broker.listener = gatewayListener();
  broker.route = {{"other", "broker-route"}, false};
  broker.service = {{"strimzi", "my-cluster-broker-10"}, std::nullopt, false, true};
  broker.nodes = {{{10}, "broker"}};
  broker.ok = true;

  const auto graph = sgw::explain::pathGraph(explanationOf({bootstrap, broker}));
  CHECK(graph.title == "Kafka strimzi/my-cluster, listener obiwan");
  // The listener and node 10 are shared, so they appear once; names outside the Kafka's
  // namespace keep their namespace.
  CHECK(nodesOf(graph) ==
        std::vector<std::string>{
            "client/bootstrap | bootstrap\nbootstrap.example:9092 | client",
            "listener/Gateway/strimzi/my-gateway/kafka-listener | Gateway my-gateway\nlistener "
            "kafka-listener :9092 | listener",
            "route/strimzi/my-route | TLSRoute\nmy-route\n(created by Strimzi) | route",
            "service/kafka/my-cluster-bootstrap | Service\nkafka/my-cluster-bootstrap:9093 | "
            "service",
            "node/10 | node 10\npool broker | node",
            "node/11 | node 11\npool broker | node",
            "client/broker 10 | broker 10\nbroker-10.example:9092 | client",
            "route/other/broker-route | TLSRoute\nother/broker-route | route",
            "service/strimzi/my-cluster-broker-10 | Service\nmy-cluster-broker-10 | service",
        });
  CHECK(
      edgesOf(graph) ==
      std::vector<std::string>{
          "client/bootstrap -> listener/Gateway/strimzi/my-gateway/kafka-listener | ok | ",
          "listener/Gateway/strimzi/my-gateway/kafka-listener -> route/strimzi/my-route | ok | ",
          "route/strimzi/my-route -> service/kafka/my-cluster-bootstrap | ok | ",
          "service/kafka/my-cluster-bootstrap -> node/10 | ok | ",
          "service/kafka/my-cluster-bootstrap -> node/11 | ok | ",
          "client/broker 10 -> listener/Gateway/strimzi/my-gateway/kafka-listener | ok | ",
          "listener/Gateway/strimzi/my-gateway/kafka-listener -> route/other/broker-route | ok | ",
          "route/other/broker-route -> service/strimzi/my-cluster-broker-10 | ok | ",
          "service/strimzi/my-cluster-broker-10 -> node/10 | ok | ",
      });
}

TEST_CASE("a path that stops early ends in a node naming what is missing", "[explain][graph]") {
  EntryPath noRoute; // nothing carries the hostname
  noRoute.host = "bootstrap.example";
  EntryPath noListener; // a route, but no Gateway listener takes it
  noListener.broker = sgw::model::NodeId{10};
  noListener.route = {{"strimzi", "broker-10"}, false};
  EntryPath noService;
  noService.broker = sgw::model::NodeId{11};
  noService.host = "broker-11.example";
  noService.listener = gatewayListener(false);
  noService.route = {{"strimzi", "broker-11"}, false};

  const auto graph = sgw::explain::pathGraph(explanationOf({noRoute, noListener, noService}));
  CHECK(nodesOf(graph) ==
        std::vector<std::string>{
            "client/bootstrap | bootstrap\nbootstrap.example | client",
            "missing/bootstrap/TLSRoute | no TLSRoute | missing",
            "client/broker 10 | broker 10\nno hostname | client",
            "missing/broker 10/Gateway listener | no Gateway listener | missing",
            "client/broker 11 | broker 11\nbroker-11.example | client",
            "listener/Gateway/strimzi/my-gateway/kafka-listener | Gateway my-gateway\nlistener "
            "kafka-listener :9092 | listener",
            "route/strimzi/broker-11 | TLSRoute\nbroker-11 | route",
            "missing/broker 11/Service | no Service | missing",
        });
  // A refusing listener breaks the listener -> route link; the missing Service breaks the next.
  CHECK(edgesOf(graph) ==
        std::vector<std::string>{
            "client/bootstrap -> missing/bootstrap/TLSRoute | broken | ",
            "client/broker 10 -> missing/broker 10/Gateway listener | broken | ",
            "client/broker 11 -> listener/Gateway/strimzi/my-gateway/kafka-listener | ok | ",
            "listener/Gateway/strimzi/my-gateway/kafka-listener -> route/strimzi/broker-11 | "
            "broken | ",
            "route/strimzi/broker-11 -> missing/broker 11/Service | broken | ",
        });
}

TEST_CASE("a path without a hostname breaks its first link", "[explain][graph]") {
  EntryPath path;
  path.listener = gatewayListener();
  path.route = {{"strimzi", "r"}, false};
  path.service = {{"strimzi", "s"}, 9092, true, false};
  const auto graph = sgw::explain::pathGraph(explanationOf({path}));
  REQUIRE(graph.edges.size() == 3);
  CHECK(edgesOf(graph)[0] ==
        "client/bootstrap -> listener/Gateway/strimzi/my-gateway/kafka-listener | broken | ");
  CHECK(graph.edges[1].state == GraphEdge::State::Ok);
  // No nodes and no finding on the last link: the graph ends at the Service.
  CHECK(graph.edges[2].to == "service/strimzi/s");
}

TEST_CASE("the findings of a path mark the link they are about", "[explain][graph]") {
  using sgw::rules::Severity;
  EntryPath path;
  path.broker = sgw::model::NodeId{10};
  path.host = "broker-10.example";
  path.listener = gatewayListener();
  path.route = {{"strimzi", "r"}, false};
  path.service = {{"strimzi", "s"}, 9092, true, false};
  path.findings = {findingOn(Link::RouteToService, Severity::Deny, "wrong Service"),
                   findingOn(Link::RouteToService, Severity::Warn, "also odd"),
                   findingOn(Link::ClientToListener, Severity::Warn, "port differs"),
                   findingOn(Link::ServiceToNode, Severity::Deny, "no such node")};

  const auto graph = sgw::explain::pathGraph(explanationOf({path}));
  // A denial outweighs the warnings on the same link, which then go unlabelled; with no nodes
  // a finding on the last link is drawn to a missing node.
  CHECK(edgesOf(graph) ==
        std::vector<std::string>{
            "client/broker 10 -> listener/Gateway/strimzi/my-gateway/kafka-listener | warned | "
            "spec: Forbidden: port differs",
            "listener/Gateway/strimzi/my-gateway/kafka-listener -> route/strimzi/r | ok | ",
            "route/strimzi/r -> service/strimzi/s | broken | spec: Forbidden: wrong Service",
            "service/strimzi/s -> missing/broker 10/node | broken | spec: Forbidden: no such node",
        });

  // On a path that is ok a warning marks its link without breaking it.
  path.findings = {findingOn(Link::RouteToService, Severity::Warn, "also odd")};
  path.ok = true;
  const auto warned = sgw::explain::pathGraph(explanationOf({path}));
  REQUIRE(warned.edges.size() == 3);
  CHECK(edgesOf(warned)[2] == "route/strimzi/r -> service/strimzi/s | warned | spec: Forbidden: "
                              "also odd");
}

TEST_CASE("an edge several paths share keeps the worst state and each label once",
          "[explain][graph]") {
  using sgw::rules::Severity;
  const auto pathTo = [](std::int64_t broker) {
    EntryPath path;
    path.broker = sgw::model::NodeId{broker};
    path.host = "broker.example";
    path.listener = gatewayListener();
    path.route = {{"strimzi", "shared"}, false};
    return path;
  };
  auto clean = pathTo(10);
  auto warned = pathTo(11);
  warned.findings = {findingOn(Link::ListenerToRoute, Severity::Warn, "hostname is odd")};
  // On a broken path without a denial the warnings are the verdict; these paths are ok.
  warned.ok = true;
  auto warnedAgain = pathTo(12);
  warnedAgain.findings = warned.findings;
  warnedAgain.ok = true;
  auto broken = pathTo(13);
  broken.findings = {findingOn(Link::ListenerToRoute, Severity::Deny, "refused")};

  const auto graph = sgw::explain::pathGraph(explanationOf({clean, warned, warnedAgain, broken}));
  std::vector<std::string> shared;
  for (const auto& edge : edgesOf(graph)) {
    if (edge.starts_with("listener/")) {
      shared.push_back(edge);
    }
  }
  CHECK(shared == std::vector<std::string>{
                      "listener/Gateway/strimzi/my-gateway/kafka-listener -> route/strimzi/shared "
                      "| broken | spec: Forbidden: hostname is odd\nspec: Forbidden: refused"});
}

TEST_CASE("the finding on a graph edge is wrapped at 60 columns", "[explain][graph]") {
  EntryPath path;
  path.host = "bootstrap.example";
  path.findings = {findingOn(Link::ClientToListener, sgw::rules::Severity::Deny,
                             "the hostname bootstrap.example is not covered by any certificate of "
                             "the listener")};
  const auto graph = sgw::explain::pathGraph(explanationOf({path}));
  REQUIRE(graph.edges.size() == 1);
  CHECK(graph.edges[0].label == "spec: Forbidden: the hostname bootstrap.example is not\n"
                                "covered by any certificate of the listener");
}

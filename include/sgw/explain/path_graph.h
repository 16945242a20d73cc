#pragma once

#include <string>
#include <vector>

#include "sgw/explain/entry_paths.h"

namespace sgw::explain {

// The entry paths of an explanation as one graph: client -> Gateway listener -> TLSRoute ->
// Service -> node, each element once (the bootstrap Service fans out to every broker). Both
// pictures (Mermaid and Graphviz) are drawn from this, so they always show the same thing.
struct GraphNode {
  enum class Role { Client, Listener, Route, Service, Node, Missing };
  std::string id;    // stable and unique: "route/strimzi/gateway-api-test-broker-10"
  std::string label; // lines separated by '\n'
  Role role = Role::Client;
};

struct GraphEdge {
  enum class State { Ok, Warned, Broken };
  std::string from;
  std::string to;
  State state = State::Ok;
  // For a broken or warned edge: the findings on that link, wrapped into short lines.
  std::string label;
};

struct PathGraph {
  std::string title; // "Kafka strimzi/gateway-api-test, listener obiwan"
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
};

PathGraph pathGraph(const Explanation& explanation);

// `text` with line breaks put between words so no line is longer than `width` (a longer word
// stays whole).
std::string wrapLines(const std::string& text, std::size_t width);

} // namespace sgw::explain

#include "sgw/explain/path_graph.h"

#include <algorithm>
#include <map>

#include "sgw/explain/renderers.h"

namespace sgw::explain {

namespace {

constexpr std::size_t kLabelWidth = 60;

using State = GraphEdge::State;

std::string hostAndPort(const EntryPath& path) {
  if (!path.host.has_value()) {
    return "no hostname";
  }
  return *path.host + (path.port.has_value() ? ":" + std::to_string(*path.port) : "");
}

// Collects nodes and edges once each; an edge drawn by several paths keeps its worst state and
// every label.
class GraphBuilder {
public:
  explicit GraphBuilder(PathGraph& graph) : graph_(graph) {}

  std::string node(std::string id, std::string label, GraphNode::Role role) {
    const auto [slot, fresh] = nodes_.try_emplace(id, graph_.nodes.size());
    if (fresh) {
      graph_.nodes.push_back({std::move(id), std::move(label), role});
    }
    return graph_.nodes[slot->second].id;
  }

  void edge(const std::string& from, const std::string& to, State state, const std::string& label) {
    const auto [slot, fresh] = edges_.try_emplace({from, to}, graph_.edges.size());
    if (fresh) {
      graph_.edges.push_back({from, to, state, label});
      return;
    }
    auto& edge = graph_.edges[slot->second];
    edge.state = std::max(edge.state, state);
    if (!label.empty() && edge.label.find(label) == std::string::npos) {
      edge.label += (edge.label.empty() ? "" : "\n") + label;
    }
  }

private:
  PathGraph& graph_;
  std::map<std::string, std::size_t> nodes_;
  std::map<std::pair<std::string, std::string>, std::size_t> edges_;
};

// The state of one link of a path, and what its findings say.
std::pair<State, std::string> linkState(const EntryPath& path, Link link) {
  std::string label;
  State state = State::Ok;
  const auto verdict = path.verdictFindings();
  for (const auto* finding : verdict) {
    if (finding->link == link) {
      state = State::Broken;
      label +=
          (label.empty() ? "" : "\n") + wrapLines(finding->finding.error.toString(), kLabelWidth);
    }
  }
  if (state == State::Broken) {
    return {state, label};
  }
  for (const auto* finding : path.warnings()) {
    if (finding->link == link) {
      state = State::Warned;
      label +=
          (label.empty() ? "" : "\n") + wrapLines(finding->finding.error.toString(), kLabelWidth);
    }
  }
  return {state, label};
}

void drawPath(GraphBuilder& builder, const EntryPath& path, const std::string& kafkaNamespace) {
  const auto entry = path.entryName();
  auto from =
      builder.node("client/" + entry, entry + "\n" + hostAndPort(path), GraphNode::Role::Client);
  const auto missing = [&](const std::string& what) {
    return builder.node("missing/" + entry + "/" + what, "no " + what, GraphNode::Role::Missing);
  };
  const auto step = [&](const std::string& to, Link link, bool present) {
    auto [state, label] = linkState(path, link);
    if (!present) {
      state = State::Broken;
    }
    builder.edge(from, to, state, label);
    from = to;
  };

  if (!path.listener.has_value()) {
    // Nothing takes the client: the edge ends where the chain stops, with what breaks it.
    const auto [clientState, clientLabel] = linkState(path, Link::ClientToListener);
    const auto [routeState, routeLabel] = linkState(path, Link::ListenerToRoute);
    const auto label =
        clientLabel + (clientLabel.empty() || routeLabel.empty() ? "" : "\n") + routeLabel;
    builder.edge(from, missing(path.route.has_value() ? "Gateway listener" : "TLSRoute"),
                 State::Broken, label);
    return;
  }
  const auto& listener = *path.listener;
  step(builder.node("listener/" + listener.kind + "/" + listener.parent.toString() + "/" +
                        listener.listener,
                    listener.kind + " " + shortName(listener.parent, kafkaNamespace) +
                        "\nlistener " + listener.listener + " :" + std::to_string(listener.port),
                    GraphNode::Role::Listener),
       Link::ClientToListener, path.host.has_value());
  if (!path.route.has_value()) {
    step(missing("TLSRoute"), Link::ListenerToRoute, false);
    return;
  }
  const auto& route = *path.route;
  step(builder.node("route/" + route.key.toString(),
                    "TLSRoute\n" + shortName(route.key, kafkaNamespace) +
                        (route.createdByStrimzi ? "\n(created by Strimzi)" : ""),
                    GraphNode::Role::Route),
       Link::ListenerToRoute, listener.accepts);
  if (!path.service.has_value()) {
    step(missing("Service"), Link::RouteToService, false);
    return;
  }
  const auto& service = *path.service;
  step(builder.node("service/" + service.key.toString(),
                    "Service\n" + shortName(service.key, kafkaNamespace) +
                        (service.port.has_value() ? ":" + std::to_string(*service.port) : ""),
                    GraphNode::Role::Service),
       Link::RouteToService, service.exists || service.createdByStrimzi);
  const auto serviceId = from;
  const auto [state, label] = linkState(path, Link::ServiceToNode);
  if (path.nodes.empty()) {
    if (state != State::Ok) {
      builder.edge(serviceId, missing("node"), state, label);
    }
    return;
  }
  for (const auto& node : path.nodes) {
    const auto id =
        builder.node("node/" + node.id.toString(),
                     "node " + node.id.toString() + "\npool " + node.pool, GraphNode::Role::Node);
    builder.edge(serviceId, id, state, label);
  }
}

} // namespace

std::string wrapLines(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t lineLength = 0;
  std::size_t position = 0;
  while (position < text.size()) {
    auto end = text.find(' ', position);
    if (end == std::string::npos) {
      end = text.size();
    }
    const auto word = text.substr(position, end - position);
    if (lineLength > 0 && lineLength + 1 + word.size() > width) {
      out += '\n';
      lineLength = 0;
    } else if (lineLength > 0) {
      out += ' ';
      ++lineLength;
    }
    out += word;
    lineLength += word.size();
    position = end + 1;
  }
  return out;
}

PathGraph pathGraph(const Explanation& explanation) {
  PathGraph graph;
  graph.title = "Kafka " + explanation.kafka.toString() + ", listener " + explanation.listener;
  GraphBuilder builder(graph);
  for (const auto& path : explanation.paths) {
    drawPath(builder, path, explanation.kafka.namespace_);
  }
  return graph;
}

} // namespace sgw::explain

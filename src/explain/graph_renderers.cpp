#include <map>

#include "sgw/explain/path_graph.h"
#include "sgw/explain/renderers.h"

namespace sgw::explain {

namespace {

// A Graphviz quoted string: `"` and `\` escaped, line breaks as `\n` (centred lines).
std::string dotQuoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string dotShape(GraphNode::Role role) {
  switch (role) {
  case GraphNode::Role::Client:
    return "shape=oval";
  case GraphNode::Role::Listener:
    return "shape=hexagon";
  case GraphNode::Role::Route:
    return "shape=box";
  case GraphNode::Role::Service:
    return "shape=box, style=rounded";
  case GraphNode::Role::Node:
    return "shape=box3d";
  case GraphNode::Role::Missing:
    return "shape=box, style=dashed, color=red, fontcolor=red";
  }
  return "shape=box";
}

// Mermaid label text inside `"..."`: quotes and angle brackets as entity codes, line breaks as
// <br/>.
std::string mermaidText(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '"':
      out += "#quot;";
      break;
    case '<':
      out += "#lt;";
      break;
    case '>':
      out += "#gt;";
      break;
    case '\n':
      out += "<br/>";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string mermaidNode(const std::string& id, const GraphNode& node) {
  const auto text = "\"" + mermaidText(node.label) + "\"";
  switch (node.role) {
  case GraphNode::Role::Client:
    return id + "([" + text + "])";
  case GraphNode::Role::Listener:
    return id + "{{" + text + "}}";
  case GraphNode::Role::Service:
    return id + "(" + text + ")";
  case GraphNode::Role::Node:
    return id + "[[" + text + "]]";
  case GraphNode::Role::Route:
  case GraphNode::Role::Missing:
    return id + "[" + text + "]";
  }
  return id + "[" + text + "]";
}

} // namespace

std::string renderDot(const Explanation& explanation) {
  const auto graph = pathGraph(explanation);
  std::string out = "digraph " + dotQuoted(graph.title) + " {\n";
  out += "  rankdir=LR;\n";
  out += "  label=" + dotQuoted(graph.title) + ";\n  labelloc=t;\n  fontname=\"Helvetica\";\n";
  out += "  node [fontname=\"Helvetica\", fontsize=10];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (const auto& node : graph.nodes) {
    out += "  " + dotQuoted(node.id) + " [label=" + dotQuoted(node.label) + ", " +
           dotShape(node.role) + "];\n";
  }
  for (const auto& edge : graph.edges) {
    out += "  " + dotQuoted(edge.from) + " -> " + dotQuoted(edge.to);
    switch (edge.state) {
    case GraphEdge::State::Ok:
      break;
    case GraphEdge::State::Warned:
      out += " [color=orange, fontcolor=orange, style=dotted, label=" + dotQuoted(edge.label) + "]";
      break;
    case GraphEdge::State::Broken:
      out += " [color=red, fontcolor=red, style=dashed, label=" + dotQuoted(edge.label) + "]";
      break;
    }
    out += ";\n";
  }
  return out + "}\n";
}

std::string renderMermaid(const Explanation& explanation) {
  const auto graph = pathGraph(explanation);
  std::map<std::string, std::string> ids;
  std::string out = "flowchart LR\n";
  for (const auto& node : graph.nodes) {
    const auto id = "n" + std::to_string(ids.size());
    ids.emplace(node.id, id);
    out += "  " + mermaidNode(id, node) + "\n";
  }
  std::string styles;
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    const auto& edge = graph.edges[i];
    const auto& from = ids.at(edge.from);
    const auto& to = ids.at(edge.to);
    if (edge.state == GraphEdge::State::Ok) {
      out += "  " + from + " --> " + to + "\n";
      continue;
    }
    out += "  " + from + " -.->|\"" + mermaidText(edge.label) + "\"| " + to + "\n";
    const auto color = edge.state == GraphEdge::State::Broken ? "red" : "orange";
    styles += "  linkStyle " + std::to_string(i) + " stroke:" + color + ",color:" + color + "\n";
  }
  for (const auto& node : graph.nodes) {
    if (node.role == GraphNode::Role::Missing) {
      styles += "  style " + ids.at(node.id) + " stroke:red,stroke-dasharray:5 5,color:red\n";
    }
  }
  return out + styles;
}

} // namespace sgw::explain

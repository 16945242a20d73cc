#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sgw/model/node_id.h"

namespace sgw::mutation {

// The values a host template can name for one broker of one listener.
struct HostTemplateValues {
  model::NodeId nodeId;
  std::string nodePodName; // `<cluster>-<pool>-<nodeId>`
  std::string pool;
  std::string cluster;
  std::string namespace_;
  std::string listener;
};

// An advertised-host template such as `broker-{nodeId}.example.com`: literal text and the
// placeholders {nodeId}, {nodePodName}, {pool}, {cluster}, {namespace} and {listener}. Parsing
// once and rendering per broker keeps the syntax errors (reported on the annotation) apart from
// the per-broker results (checked as DNS names).
class HostTemplate {
public:
  // Parses `text`; on failure returns the detail of the field error, saying what would fix it.
  // A template must name the node ({nodeId} or {nodePodName}): otherwise every broker would
  // advertise the same host and clients could not reach a chosen broker.
  static std::variant<HostTemplate, std::string> parse(std::string_view text);

  std::string render(const HostTemplateValues& values) const;
  // The template as written, for messages.
  const std::string& text() const { return text_; }

private:
  enum class Placeholder { NodeId, NodePodName, Pool, Cluster, Namespace, Listener };
  struct Segment {
    std::string literal; // used when `placeholder` is empty
    std::optional<Placeholder> placeholder;
  };

  std::string text_;
  std::vector<Segment> segments_;
};

// Why `host` is not a DNS name a broker can advertise (a lowercase RFC 1123 subdomain: labels of
// a-z, 0-9 and '-', starting and ending with a letter or digit, at most 63 characters each and
// 253 in all), or nothing when it is one.
std::optional<std::string> dnsSubdomainProblem(std::string_view host);

} // namespace sgw::mutation

#include "sgw/mutation/host_template.h"

#include <array>
#include <utility>

namespace sgw::mutation {

namespace {

constexpr std::size_t kMaxDnsNameLength = 253;
constexpr std::size_t kMaxDnsLabelLength = 63;

constexpr std::string_view kPlaceholderList =
    "{nodeId}, {nodePodName}, {pool}, {cluster}, {namespace} or {listener}";

std::string characterAt(std::size_t position) {
  return "character " + std::to_string(position + 1);
}

bool isLowerAlphanumeric(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

} // namespace

std::variant<HostTemplate, std::string> HostTemplate::parse(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, Placeholder>, 6> kNames{{
      {"nodeId", Placeholder::NodeId},
      {"nodePodName", Placeholder::NodePodName},
      {"pool", Placeholder::Pool},
      {"cluster", Placeholder::Cluster},
      {"namespace", Placeholder::Namespace},
      {"listener", Placeholder::Listener},
  }};
  if (text.empty()) {
    return std::string("must not be empty; for example broker-{nodeId}.kafka.example.com");
  }
  HostTemplate parsed;
  parsed.text_ = std::string(text);
  bool namesNode = false;
  std::string literal;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '}') {
      return "unbalanced braces: \"}\" at " + characterAt(pos) + " has no opening \"{\"";
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    const auto close = text.find_first_of("{}", pos + 1);
    if (close == std::string_view::npos || text[close] == '{') {
      return "unbalanced braces: \"{\" at " + characterAt(pos) + " is not closed by \"}\"";
    }
    const auto name = text.substr(pos + 1, close - pos - 1);
    std::optional<Placeholder> placeholder;
    for (const auto& [candidate, kind] : kNames) {
      if (candidate == name) {
        placeholder = kind;
      }
    }
    if (!placeholder.has_value()) {
      return "unknown placeholder {" + std::string(name) + "}; use " +
             std::string(kPlaceholderList);
    }
    namesNode = namesNode || *placeholder == Placeholder::NodeId ||
                *placeholder == Placeholder::NodePodName;
    if (!literal.empty()) {
      parsed.segments_.push_back({std::move(literal), std::nullopt});
      literal.clear();
    }
    parsed.segments_.push_back({{}, placeholder});
    pos = close;
  }
  if (!literal.empty()) {
    parsed.segments_.push_back({std::move(literal), std::nullopt});
  }
  if (!namesNode) {
    return std::string(
        "must contain {nodeId} or {nodePodName}, or every broker would advertise the same host");
  }
  return parsed;
}

std::string HostTemplate::render(const HostTemplateValues& values) const {
  std::string out;
  for (const auto& segment : segments_) {
    if (!segment.placeholder.has_value()) {
      out += segment.literal;
      continue;
    }
    switch (*segment.placeholder) {
    case Placeholder::NodeId:
      out += values.nodeId.toString();
      break;
    case Placeholder::NodePodName:
      out += values.nodePodName;
      break;
    case Placeholder::Pool:
      out += values.pool;
      break;
    case Placeholder::Cluster:
      out += values.cluster;
      break;
    case Placeholder::Namespace:
      out += values.namespace_;
      break;
    case Placeholder::Listener:
      out += values.listener;
      break;
    }
  }
  return out;
}

std::optional<std::string> dnsSubdomainProblem(std::string_view host) {
  if (host.empty()) {
    return std::string("is empty");
  }
  for (const char c : host) {
    if (!isLowerAlphanumeric(c) && c != '-' && c != '.') {
      return "contains \"" + std::string(1, c) +
             "\"; only lowercase letters, digits, '-' and '.' are allowed";
    }
  }
  if (host.size() > kMaxDnsNameLength) {
    return "is " + std::to_string(host.size()) + " characters long; at most " +
           std::to_string(kMaxDnsNameLength) + " are allowed";
  }
  std::size_t start = 0;
  while (start <= host.size()) {
    const auto dot = host.find('.', start);
    const auto label =
        host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty()) {
      return std::string("has an empty label; labels are separated by single dots");
    }
    if (label.size() > kMaxDnsLabelLength) {
      return "has a label of " + std::to_string(label.size()) + " characters; at most " +
             std::to_string(kMaxDnsLabelLength) + " are allowed";
    }
    if (!isLowerAlphanumeric(label.front()) || !isLowerAlphanumeric(label.back())) {
      return "has the label \"" + std::string(label) +
             "\", which must start and end with a letter or digit";
    }
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  return std::nullopt;
}

} // namespace sgw::mutation

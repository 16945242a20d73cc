#include "sgw/mutation/pattern_inference.h"

#include <set>
#include <utility>

namespace sgw::mutation {

namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// The places in `host` where `id` stands as a whole number, as (prefix, suffix) pairs.
std::vector<std::pair<std::string, std::string>> placesOf(const std::string& host,
                                                          const std::string& id) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto pos = host.find(id); pos != std::string::npos; pos = host.find(id, pos + 1)) {
    const auto end = pos + id.size();
    const bool digitBefore = pos > 0 && isDigit(host[pos - 1]);
    const bool digitAfter = end < host.size() && isDigit(host[end]);
    if (!digitBefore && !digitAfter) {
      out.emplace_back(host.substr(0, pos), host.substr(end));
    }
  }
  return out;
}

bool samePort(const std::vector<model::ListenerBrokerOverride>& entries) {
  for (const auto& entry : entries) {
    if (entry.advertisedPort != entries.front().advertisedPort) {
      return false;
    }
  }
  return true;
}

} // namespace

std::optional<InferredPattern>
inferPattern(const std::vector<model::ListenerBrokerOverride>& entries) {
  std::set<model::NodeId> brokers;
  for (const auto& entry : entries) {
    if (!entry.broker.has_value() || !entry.advertisedHost.has_value()) {
      return std::nullopt;
    }
    brokers.insert(*entry.broker);
  }
  if (brokers.size() < 2 || !samePort(entries)) {
    return std::nullopt;
  }
  const auto& first = entries.front();
  std::optional<std::pair<std::string, std::string>> found;
  for (auto& [prefix, suffix] : placesOf(*first.advertisedHost, first.broker->toString())) {
    bool fitsAll = true;
    for (const auto& entry : entries) {
      fitsAll = fitsAll && *entry.advertisedHost == prefix + entry.broker->toString() + suffix;
    }
    if (!fitsAll) {
      continue;
    }
    if (found.has_value()) {
      return std::nullopt;
    }
    found.emplace(std::move(prefix), std::move(suffix));
  }
  if (!found.has_value()) {
    return std::nullopt;
  }
  return InferredPattern{found->first + "{nodeId}" + found->second, first.advertisedPort};
}

} // namespace sgw::mutation

#include "sgw/cluster/cluster_snapshot.h"

#include <algorithm>
#include <set>

namespace sgw::cluster {

std::string lowerCaseHostname(std::string_view hostname) {
  std::string out(hostname);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

namespace {

template <class Index, class Key>
std::vector<model::ObjectKey> keysAt(const Index& index, const Key& key) {
  const auto found = index.find(key);
  return found == index.end() ? std::vector<model::ObjectKey>{} : found->second;
}

} // namespace

std::size_t ClusterSnapshot::KeyHash::operator()(const model::ObjectKey& key) const noexcept {
  const std::hash<std::string> hash;
  // As boost::hash_combine mixes two hashes.
  const auto first = hash(key.namespace_);
  return first ^ (hash(key.name) + 0x9e3779b97f4a7c15ULL + (first << 6U) + (first >> 2U));
}

std::vector<model::ObjectKey>
ClusterSnapshot::nodePoolKeysOf(const model::ObjectKey& cluster) const {
  return keysAt(poolsByCluster_, cluster);
}

std::vector<model::ObjectKey>
ClusterSnapshot::tlsRouteKeysWithHostname(const std::string& hostname) const {
  return keysAt(routesByHostname_, lowerCaseHostname(hostname));
}

std::vector<model::ObjectKey>
ClusterSnapshot::tlsRouteKeysWithBackend(const model::ObjectKey& service) const {
  return keysAt(routesByBackend_, service);
}

std::vector<model::ObjectKey>
ClusterSnapshot::certificateKeysForSecret(const model::ObjectKey& secret) const {
  return keysAt(certificatesBySecret_, secret);
}

std::size_t ClusterSnapshot::objectCount() const {
  return kafkas_.size() + nodePools_.size() + tlsRoutes_.size() + gateways_.size() +
         referenceGrants_.size() + services_.size() + secrets_.size() + listenerSets_.size() +
         namespaces_.size() + certificates_.size();
}

ClusterSnapshot::Builder::Builder(const ClusterSnapshot& from) : snapshot_(from) {}

ClusterSnapshot::Builder& ClusterSnapshot::Builder::put(AnyObject object) {
  const auto key = metadataOf(object).key();
  std::visit(
      [&](auto& typed) {
        using T = std::remove_const_t<typename std::decay_t<decltype(typed)>::element_type>;
        if constexpr (std::is_same_v<T, model::Kafka>) {
          snapshot_.kafkas_[key] = typed;
        } else if constexpr (std::is_same_v<T, model::KafkaNodePool>) {
          snapshot_.nodePools_[key] = typed;
        } else if constexpr (std::is_same_v<T, model::TlsRoute>) {
          snapshot_.tlsRoutes_[key] = typed;
        } else if constexpr (std::is_same_v<T, model::Gateway>) {
          snapshot_.gateways_[key] = typed;
        } else if constexpr (std::is_same_v<T, model::ReferenceGrant>) {
          snapshot_.referenceGrants_[key] = typed;
        } else if constexpr (std::is_same_v<T, model::Service>) {
          snapshot_.services_[key] = typed;
        } else if constexpr (std::is_same_v<T, model::Secret>) {
          snapshot_.secrets_[key] = typed;
        } else if constexpr (std::is_same_v<T, model::ListenerSet>) {
          snapshot_.listenerSets_[key] = typed;
        } else if constexpr (std::is_same_v<T, model::Namespace>) {
          snapshot_.namespaces_[key] = typed;
        } else {
          static_assert(std::is_same_v<T, model::Certificate>);
          snapshot_.certificates_[key] = typed;
        }
      },
      object);
  return *this;
}

ClusterSnapshot::Builder& ClusterSnapshot::Builder::remove(model::Kind kind,
                                                           const model::ObjectKey& key) {
  switch (kind) {
  case model::Kind::Kafka:
    snapshot_.kafkas_.erase(key);
    break;
  case model::Kind::KafkaNodePool:
    snapshot_.nodePools_.erase(key);
    break;
  case model::Kind::TlsRoute:
    snapshot_.tlsRoutes_.erase(key);
    break;
  case model::Kind::Gateway:
    snapshot_.gateways_.erase(key);
    break;
  case model::Kind::ReferenceGrant:
    snapshot_.referenceGrants_.erase(key);
    break;
  case model::Kind::Service:
    snapshot_.services_.erase(key);
    break;
  case model::Kind::Secret:
    snapshot_.secrets_.erase(key);
    break;
  case model::Kind::ListenerSet:
    snapshot_.listenerSets_.erase(key);
    break;
  case model::Kind::Namespace:
    snapshot_.namespaces_.erase(key);
    break;
  case model::Kind::Certificate:
    snapshot_.certificates_.erase(key);
    break;
  }
  return *this;
}

ClusterSnapshot ClusterSnapshot::Builder::build() const {
  ClusterSnapshot out = snapshot_;
  out.poolsByCluster_.clear();
  out.routesByHostname_.clear();
  out.routesByBackend_.clear();
  out.certificatesBySecret_.clear();
  for (const auto& [key, pool] : out.nodePools_) {
    if (const auto cluster = pool->clusterName()) {
      out.poolsByCluster_[model::ObjectKey{key.namespace_, *cluster}].push_back(key);
    }
  }
  for (const auto& [key, certificate] : out.certificates_) {
    if (!certificate->secretName.empty()) {
      out.certificatesBySecret_[certificate->secretKey()].push_back(key);
    }
  }
  for (const auto& [key, route] : out.tlsRoutes_) {
    std::set<std::string> hostnames;
    for (const auto& hostname : route->hostnames) {
      hostnames.insert(lowerCaseHostname(hostname));
    }
    for (const auto& hostname : hostnames) {
      out.routesByHostname_[hostname].push_back(key);
    }
    std::set<model::ObjectKey> backends;
    for (const auto& rule : route->rules) {
      for (const auto& backend : rule.backendRefs) {
        if (backend.isService()) {
          backends.insert(backend.key());
        }
      }
    }
    for (const auto& backend : backends) {
      out.routesByBackend_[backend].push_back(key);
    }
  }
  return out;
}

} // namespace sgw::cluster

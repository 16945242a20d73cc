#include "sgw/cluster/cluster_snapshot.h"

#include <set>

#include "sgw/core/hostname.h"

namespace sgw::cluster {

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

ClusterSnapshot::ClusterSnapshot() {
  static const auto kEmpty = std::make_shared<const Objects>();
  objects_ = kEmpty;
}

ClusterSnapshot
ClusterSnapshot::withSecrets(std::span<const std::shared_ptr<const model::Secret>> secrets,
                             std::set<model::ObjectKey> loading) const {
  ClusterSnapshot out;
  out.objects_ = objects_;
  out.secrets_ = secrets_;
  for (const auto& secret : secrets) {
    out.secrets_[secret->metadata.key()] = secret;
  }
  out.secretsLoading_ = std::move(loading);
  return out;
}

std::vector<model::ObjectKey>
ClusterSnapshot::nodePoolKeysOf(const model::ObjectKey& cluster) const {
  return keysAt(objects_->poolsByCluster, cluster);
}

std::vector<model::ObjectKey>
ClusterSnapshot::tlsRouteKeysWithHostname(const std::string& hostname) const {
  return keysAt(objects_->routesByHostname, lowerCaseHostname(hostname));
}

std::vector<model::ObjectKey>
ClusterSnapshot::tlsRouteKeysWithBackend(const model::ObjectKey& service) const {
  return keysAt(objects_->routesByBackend, service);
}

std::vector<model::ObjectKey>
ClusterSnapshot::certificateKeysForSecret(const model::ObjectKey& secret) const {
  return keysAt(objects_->certificatesBySecret, secret);
}

std::size_t ClusterSnapshot::objectCount() const {
  const auto& objects = *objects_;
  return objects.kafkas.size() + objects.nodePools.size() + objects.tlsRoutes.size() +
         objects.gateways.size() + objects.referenceGrants.size() + objects.services.size() +
         secrets_.size() + objects.listenerSets.size() + objects.namespaces.size() +
         objects.certificates.size();
}

ClusterSnapshot::Builder::Builder(const ClusterSnapshot& from) : secrets_(from.secrets_) {
  // The maps only: build() makes the indexes anew.
  const auto& objects = *from.objects_;
  objects_.kafkas = objects.kafkas;
  objects_.nodePools = objects.nodePools;
  objects_.tlsRoutes = objects.tlsRoutes;
  objects_.gateways = objects.gateways;
  objects_.referenceGrants = objects.referenceGrants;
  objects_.services = objects.services;
  objects_.listenerSets = objects.listenerSets;
  objects_.namespaces = objects.namespaces;
  objects_.certificates = objects.certificates;
}

ClusterSnapshot::Builder& ClusterSnapshot::Builder::put(AnyObject object) {
  const auto key = metadataOf(object).key();
  std::visit(
      [&](auto& typed) {
        using T = std::remove_const_t<typename std::decay_t<decltype(typed)>::element_type>;
        if constexpr (std::is_same_v<T, model::Kafka>) {
          objects_.kafkas[key] = typed;
        } else if constexpr (std::is_same_v<T, model::KafkaNodePool>) {
          objects_.nodePools[key] = typed;
        } else if constexpr (std::is_same_v<T, model::TlsRoute>) {
          objects_.tlsRoutes[key] = typed;
        } else if constexpr (std::is_same_v<T, model::Gateway>) {
          objects_.gateways[key] = typed;
        } else if constexpr (std::is_same_v<T, model::ReferenceGrant>) {
          objects_.referenceGrants[key] = typed;
        } else if constexpr (std::is_same_v<T, model::Service>) {
          objects_.services[key] = typed;
        } else if constexpr (std::is_same_v<T, model::Secret>) {
          secrets_[key] = typed;
        } else if constexpr (std::is_same_v<T, model::ListenerSet>) {
          objects_.listenerSets[key] = typed;
        } else if constexpr (std::is_same_v<T, model::Namespace>) {
          objects_.namespaces[key] = typed;
        } else {
          static_assert(std::is_same_v<T, model::Certificate>);
          objects_.certificates[key] = typed;
        }
      },
      object);
  return *this;
}

ClusterSnapshot::Builder& ClusterSnapshot::Builder::remove(model::Kind kind,
                                                           const model::ObjectKey& key) {
  switch (kind) {
  case model::Kind::Kafka:
    objects_.kafkas.erase(key);
    break;
  case model::Kind::KafkaNodePool:
    objects_.nodePools.erase(key);
    break;
  case model::Kind::TlsRoute:
    objects_.tlsRoutes.erase(key);
    break;
  case model::Kind::Gateway:
    objects_.gateways.erase(key);
    break;
  case model::Kind::ReferenceGrant:
    objects_.referenceGrants.erase(key);
    break;
  case model::Kind::Service:
    objects_.services.erase(key);
    break;
  case model::Kind::Secret:
    secrets_.erase(key);
    break;
  case model::Kind::ListenerSet:
    objects_.listenerSets.erase(key);
    break;
  case model::Kind::Namespace:
    objects_.namespaces.erase(key);
    break;
  case model::Kind::Certificate:
    objects_.certificates.erase(key);
    break;
  }
  return *this;
}

ClusterSnapshot ClusterSnapshot::Builder::build() const {
  auto objects = std::make_shared<Objects>(objects_);
  for (const auto& [key, pool] : objects->nodePools) {
    if (const auto cluster = pool->clusterName()) {
      objects->poolsByCluster[model::ObjectKey{key.namespace_, *cluster}].push_back(key);
    }
  }
  for (const auto& [key, certificate] : objects->certificates) {
    if (!certificate->secretName.empty()) {
      objects->certificatesBySecret[certificate->secretKey()].push_back(key);
    }
  }
  for (const auto& [key, route] : objects->tlsRoutes) {
    std::set<std::string> hostnames;
    for (const auto& hostname : route->hostnames) {
      hostnames.insert(lowerCaseHostname(hostname));
    }
    for (const auto& hostname : hostnames) {
      objects->routesByHostname[hostname].push_back(key);
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
      objects->routesByBackend[backend].push_back(key);
    }
  }
  ClusterSnapshot out;
  out.objects_ = std::move(objects);
  out.secrets_ = secrets_;
  return out;
}

} // namespace sgw::cluster

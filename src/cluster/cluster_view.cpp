#include "sgw/cluster/cluster_view.h"

#include <algorithm>

#include "sgw/core/hostname.h"

namespace sgw::cluster {

ClusterView ClusterView::withObject(const ClusterSnapshot& snapshot, AnyObject object) {
  const auto kind = kindOf(object);
  auto key = metadataOf(object).key();
  return ClusterView(snapshot, Change{kind, std::move(key), std::move(object)});
}

ClusterView ClusterView::without(const ClusterSnapshot& snapshot, model::Kind kind,
                                 model::ObjectKey key) {
  return ClusterView(snapshot, Change{kind, std::move(key), std::nullopt});
}

template <class T>
const T* ClusterView::find(model::Kind kind, const ObjectMap<T>& map,
                           const model::ObjectKey& key) const {
  if (change_.has_value() && change_->kind == kind && change_->key == key) {
    return change_->replacement.has_value()
               ? std::get<std::shared_ptr<const T>>(*change_->replacement).get()
               : nullptr;
  }
  const auto found = map.find(key);
  return found == map.end() ? nullptr : found->second.get();
}

namespace {

// Orders objects by namespace, then name, without building keys.
template <class T> bool byKey(const T* a, const T* b) {
  const auto& left = a->metadata;
  const auto& right = b->metadata;
  if (left.namespace_ != right.namespace_) {
    return left.namespace_ < right.namespace_;
  }
  return left.name < right.name;
}

} // namespace

template <class T, class Predicate>
std::vector<const T*> ClusterView::select(model::Kind kind, const ObjectMap<T>& map,
                                          const std::vector<model::ObjectKey>& candidates,
                                          Predicate matches) const {
  std::vector<const T*> out;
  out.reserve(candidates.size() + 1);
  const bool changed = change_.has_value() && change_->kind == kind;
  for (const auto& key : candidates) {
    if (changed && change_->key == key) {
      continue;
    }
    const auto found = map.find(key);
    if (found != map.end()) {
      out.push_back(found->second.get());
    }
  }
  if (changed && change_->replacement.has_value()) {
    const auto& replacement = std::get<std::shared_ptr<const T>>(*change_->replacement);
    if (matches(*replacement)) {
      out.push_back(replacement.get());
    }
  }
  std::sort(out.begin(), out.end(), byKey<T>);
  return out;
}

template <class T, class Predicate>
std::vector<const T*>
ClusterView::scan(model::Kind kind, typename ObjectMap<T>::const_iterator from,
                  typename ObjectMap<T>::const_iterator to, Predicate matches) const {
  // The map is ordered by key already: the changed object is put in its place while walking, so
  // nothing is copied or sorted.
  const bool changed = change_.has_value() && change_->kind == kind;
  const T* replacement = nullptr;
  if (changed && change_->replacement.has_value()) {
    replacement = std::get<std::shared_ptr<const T>>(*change_->replacement).get();
    if (!matches(*replacement)) {
      replacement = nullptr;
    }
  }
  std::vector<const T*> out;
  for (auto it = from; it != to; ++it) {
    if (changed && it->first == change_->key) {
      continue;
    }
    if (replacement != nullptr && byKey(replacement, it->second.get())) {
      out.push_back(replacement);
      replacement = nullptr;
    }
    if (matches(*it->second)) {
      out.push_back(it->second.get());
    }
  }
  if (replacement != nullptr) {
    out.push_back(replacement);
  }
  return out;
}

const model::Kafka* ClusterView::kafka(const model::ObjectKey& key) const {
  return find(model::Kind::Kafka, snapshot_.kafkas(), key);
}

const model::KafkaNodePool* ClusterView::nodePool(const model::ObjectKey& key) const {
  return find(model::Kind::KafkaNodePool, snapshot_.nodePools(), key);
}

const model::TlsRoute* ClusterView::tlsRoute(const model::ObjectKey& key) const {
  return find(model::Kind::TlsRoute, snapshot_.tlsRoutes(), key);
}

const model::Gateway* ClusterView::gateway(const model::ObjectKey& key) const {
  return find(model::Kind::Gateway, snapshot_.gateways(), key);
}

const model::Service* ClusterView::service(const model::ObjectKey& key) const {
  return find(model::Kind::Service, snapshot_.services(), key);
}

const model::Secret* ClusterView::secret(const model::ObjectKey& key) const {
  return find(model::Kind::Secret, snapshot_.secrets(), key);
}

const model::ListenerSet* ClusterView::listenerSet(const model::ObjectKey& key) const {
  return find(model::Kind::ListenerSet, snapshot_.listenerSets(), key);
}

const model::Certificate* ClusterView::certificate(const model::ObjectKey& key) const {
  return find(model::Kind::Certificate, snapshot_.certificates(), key);
}

std::vector<const model::Certificate*>
ClusterView::certificatesForSecret(const model::ObjectKey& secret) const {
  return select(model::Kind::Certificate, snapshot_.certificates(),
                snapshot_.certificateKeysForSecret(secret),
                [&](const model::Certificate& certificate) {
                  return !certificate.secretName.empty() && certificate.secretKey() == secret;
                });
}

const model::Namespace* ClusterView::namespaceNamed(const std::string& name) const {
  return find(model::Kind::Namespace, snapshot_.namespaces(), model::ObjectKey{"", name});
}

std::vector<const model::KafkaNodePool*>
ClusterView::nodePoolsOf(const model::ObjectKey& cluster) const {
  return select(model::Kind::KafkaNodePool, snapshot_.nodePools(),
                snapshot_.nodePoolKeysOf(cluster), [&](const model::KafkaNodePool& pool) {
                  return pool.metadata.namespace_ == cluster.namespace_ &&
                         pool.clusterName() == std::optional<std::string>(cluster.name);
                });
}

std::vector<const model::Kafka*> ClusterView::kafkas() const {
  const auto& kafkas = snapshot_.kafkas();
  return scan<model::Kafka>(model::Kind::Kafka, kafkas.begin(), kafkas.end(),
                            [](const model::Kafka&) { return true; });
}

std::vector<const model::Kafka*> ClusterView::kafkasIn(const std::string& namespace_) const {
  const auto& kafkas = snapshot_.kafkas();
  return scan<model::Kafka>(
      model::Kind::Kafka, kafkas.lower_bound({namespace_, ""}),
      kafkas.lower_bound({namespace_ + '\0', ""}),
      [&](const model::Kafka& kafka) { return kafka.metadata.namespace_ == namespace_; });
}

std::vector<const model::TlsRoute*> ClusterView::tlsRoutes() const {
  const auto& routes = snapshot_.tlsRoutes();
  return scan<model::TlsRoute>(model::Kind::TlsRoute, routes.begin(), routes.end(),
                               [](const model::TlsRoute&) { return true; });
}

std::vector<const model::TlsRoute*>
ClusterView::tlsRoutesWithHostname(const std::string& hostname) const {
  const auto wanted = lowerCaseHostname(hostname);
  return select(model::Kind::TlsRoute, snapshot_.tlsRoutes(),
                snapshot_.tlsRouteKeysWithHostname(hostname), [&](const model::TlsRoute& route) {
                  return std::any_of(route.hostnames.begin(), route.hostnames.end(),
                                     [&](const std::string& candidate) {
                                       return lowerCaseHostname(candidate) == wanted;
                                     });
                });
}

std::vector<const model::TlsRoute*>
ClusterView::tlsRoutesWithBackend(const model::ObjectKey& service) const {
  return select(model::Kind::TlsRoute, snapshot_.tlsRoutes(),
                snapshot_.tlsRouteKeysWithBackend(service), [&](const model::TlsRoute& route) {
                  for (const auto& rule : route.rules) {
                    for (const auto& backend : rule.backendRefs) {
                      if (backend.isService() && backend.key() == service) {
                        return true;
                      }
                    }
                  }
                  return false;
                });
}

std::vector<const model::ReferenceGrant*>
ClusterView::referenceGrantsIn(const std::string& namespace_) const {
  const auto& grants = snapshot_.referenceGrants();
  std::vector<model::ObjectKey> candidates;
  for (auto it = grants.lower_bound({namespace_, ""});
       it != grants.end() && it->first.namespace_ == namespace_; ++it) {
    candidates.push_back(it->first);
  }
  return select(
      model::Kind::ReferenceGrant, grants, candidates,
      [&](const model::ReferenceGrant& grant) { return grant.metadata.namespace_ == namespace_; });
}

} // namespace sgw::cluster

#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sgw/cluster/any_object.h"

namespace sgw::cluster {

template <class T> using ObjectMap = std::map<model::ObjectKey, std::shared_ptr<const T>>;

// An immutable picture of the objects of the cluster that the rules read, with the indexes the
// rules look things up by. A snapshot never changes after it is built: state sources publish a
// new one (sharing the unchanged objects) and reviews keep the one they started with, so a review
// never sees half an update and never waits for one.
class ClusterSnapshot {
public:
  class Builder;

  const ObjectMap<model::Kafka>& kafkas() const { return kafkas_; }
  const ObjectMap<model::KafkaNodePool>& nodePools() const { return nodePools_; }
  const ObjectMap<model::TlsRoute>& tlsRoutes() const { return tlsRoutes_; }
  const ObjectMap<model::Gateway>& gateways() const { return gateways_; }
  const ObjectMap<model::ReferenceGrant>& referenceGrants() const { return referenceGrants_; }
  const ObjectMap<model::Service>& services() const { return services_; }
  const ObjectMap<model::Secret>& secrets() const { return secrets_; }
  const ObjectMap<model::ListenerSet>& listenerSets() const { return listenerSets_; }
  // Cluster-scoped: keyed by {"", name}.
  const ObjectMap<model::Namespace>& namespaces() const { return namespaces_; }
  // cert-manager Certificates (none on a cluster without cert-manager).
  const ObjectMap<model::Certificate>& certificates() const { return certificates_; }

  // Keys of the pools labelled `strimzi.io/cluster: <cluster.name>` in the cluster's namespace.
  std::vector<model::ObjectKey> nodePoolKeysOf(const model::ObjectKey& cluster) const;
  // Keys of the routes listing `hostname` (compared case-insensitively, as DNS names are).
  std::vector<model::ObjectKey> tlsRouteKeysWithHostname(const std::string& hostname) const;
  // Keys of the routes with a Service backendRef to `service`.
  std::vector<model::ObjectKey> tlsRouteKeysWithBackend(const model::ObjectKey& service) const;
  // Keys of the Certificates that issue into the Secret `secret` (same namespace, secretName).
  std::vector<model::ObjectKey> certificateKeysForSecret(const model::ObjectKey& secret) const;

  std::size_t objectCount() const;

private:
  ObjectMap<model::Kafka> kafkas_;
  ObjectMap<model::KafkaNodePool> nodePools_;
  ObjectMap<model::TlsRoute> tlsRoutes_;
  ObjectMap<model::Gateway> gateways_;
  ObjectMap<model::ReferenceGrant> referenceGrants_;
  ObjectMap<model::Service> services_;
  ObjectMap<model::Secret> secrets_;
  ObjectMap<model::ListenerSet> listenerSets_;
  ObjectMap<model::Namespace> namespaces_;
  ObjectMap<model::Certificate> certificates_;

  // Hashed: every review asks them by key, and at 100 000 objects an ordered map's look-up is some
  // seventeen key comparisons that each miss the cache. Each list is in key order.
  struct KeyHash {
    std::size_t operator()(const model::ObjectKey& key) const noexcept;
  };
  template <class Key, class Hash = std::hash<Key>>
  using KeyIndex = std::unordered_map<Key, std::vector<model::ObjectKey>, Hash>;
  KeyIndex<model::ObjectKey, KeyHash> poolsByCluster_;
  KeyIndex<std::string> routesByHostname_;
  KeyIndex<model::ObjectKey, KeyHash> routesByBackend_;
  KeyIndex<model::ObjectKey, KeyHash> certificatesBySecret_;
};

// Collects objects into a new snapshot. Starting from an existing snapshot copies only its
// object maps (the objects themselves are shared); indexes are rebuilt by build().
class ClusterSnapshot::Builder {
public:
  Builder() = default;
  explicit Builder(const ClusterSnapshot& from);

  // Adds or replaces the object with the same kind and key.
  Builder& put(AnyObject object);
  Builder& remove(model::Kind kind, const model::ObjectKey& key);
  ClusterSnapshot build() const;

private:
  ClusterSnapshot snapshot_;
};

// Lower-cases ASCII letters: DNS names compare case-insensitively.
std::string lowerCaseHostname(std::string_view hostname);

} // namespace sgw::cluster

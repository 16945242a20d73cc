#pragma once

#include <map>
#include <memory>
#include <set>
#include <span>
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

  ClusterSnapshot();

  const ObjectMap<model::Kafka>& kafkas() const { return objects_->kafkas; }
  const ObjectMap<model::KafkaNodePool>& nodePools() const { return objects_->nodePools; }
  const ObjectMap<model::TlsRoute>& tlsRoutes() const { return objects_->tlsRoutes; }
  const ObjectMap<model::Gateway>& gateways() const { return objects_->gateways; }
  const ObjectMap<model::ReferenceGrant>& referenceGrants() const {
    return objects_->referenceGrants;
  }
  const ObjectMap<model::Service>& services() const { return objects_->services; }
  const ObjectMap<model::Secret>& secrets() const { return secrets_; }
  const ObjectMap<model::ListenerSet>& listenerSets() const { return objects_->listenerSets; }
  // Cluster-scoped: keyed by {"", name}.
  const ObjectMap<model::Namespace>& namespaces() const { return objects_->namespaces; }
  // cert-manager Certificates (none on a cluster without cert-manager).
  const ObjectMap<model::Certificate>& certificates() const { return objects_->certificates; }
  // Secrets the state source is still reading for the object under review: whether they exist,
  // or hold the keys it names, is not known yet, so a rule says so instead of judging a missing
  // or trimmed copy.
  const std::set<model::ObjectKey>& secretsLoading() const { return secretsLoading_; }

  // This snapshot with `secrets` in place of their namesakes (or added) and `loading` counted as
  // still being read. Every other object and index is shared, not copied: only the Secret map is,
  // and it holds just the certificate Secrets that Kafkas name.
  ClusterSnapshot withSecrets(std::span<const std::shared_ptr<const model::Secret>> secrets,
                              std::set<model::ObjectKey> loading) const;

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
  // Hashed: every review asks them by key, and at 100 000 objects an ordered map's look-up is some
  // seventeen key comparisons that each miss the cache. Each list is in key order.
  struct KeyHash {
    std::size_t operator()(const model::ObjectKey& key) const noexcept;
  };
  template <class Key, class Hash = std::hash<Key>>
  using KeyIndex = std::unordered_map<Key, std::vector<model::ObjectKey>, Hash>;

  // Everything but the Secrets, with the indexes over it: shared by the snapshots that differ
  // only in their Secrets.
  struct Objects {
    ObjectMap<model::Kafka> kafkas;
    ObjectMap<model::KafkaNodePool> nodePools;
    ObjectMap<model::TlsRoute> tlsRoutes;
    ObjectMap<model::Gateway> gateways;
    ObjectMap<model::ReferenceGrant> referenceGrants;
    ObjectMap<model::Service> services;
    ObjectMap<model::ListenerSet> listenerSets;
    ObjectMap<model::Namespace> namespaces;
    ObjectMap<model::Certificate> certificates;

    KeyIndex<model::ObjectKey, KeyHash> poolsByCluster;
    KeyIndex<std::string> routesByHostname;
    KeyIndex<model::ObjectKey, KeyHash> routesByBackend;
    KeyIndex<model::ObjectKey, KeyHash> certificatesBySecret;
  };

  std::shared_ptr<const Objects> objects_; // never null
  ObjectMap<model::Secret> secrets_;
  std::set<model::ObjectKey> secretsLoading_;
};

// Collects objects into a new snapshot. Starting from an existing snapshot copies only its
// object maps (the objects themselves are shared), not the Secrets it counts as loading; indexes
// are rebuilt by build().
class ClusterSnapshot::Builder {
public:
  Builder() = default;
  explicit Builder(const ClusterSnapshot& from);

  // Adds or replaces the object with the same kind and key.
  Builder& put(AnyObject object);
  Builder& remove(model::Kind kind, const model::ObjectKey& key);
  ClusterSnapshot build() const;

private:
  Objects objects_;
  ObjectMap<model::Secret> secrets_;
};

} // namespace sgw::cluster

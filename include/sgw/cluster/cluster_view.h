#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sgw/cluster/cluster_snapshot.h"

namespace sgw::cluster {

// What the rules see: a snapshot with the object under review put in place of its namesake
// (CREATE, UPDATE) or taken out (DELETE), so every rule judges the cluster as it would be after
// the change. The view copies nothing: lookups consult the one changed object first, then the
// snapshot. It borrows the snapshot, which must outlive it.
class ClusterView {
public:
  explicit ClusterView(const ClusterSnapshot& snapshot) : snapshot_(snapshot) {}

  // A view where `object` replaces the object of the same kind and key.
  static ClusterView withObject(const ClusterSnapshot& snapshot, AnyObject object);
  // A view without the object of this kind and key.
  static ClusterView without(const ClusterSnapshot& snapshot, model::Kind kind,
                             model::ObjectKey key);

  const model::Kafka* kafka(const model::ObjectKey& key) const;
  const model::KafkaNodePool* nodePool(const model::ObjectKey& key) const;
  const model::TlsRoute* tlsRoute(const model::ObjectKey& key) const;
  const model::Gateway* gateway(const model::ObjectKey& key) const;
  const model::Service* service(const model::ObjectKey& key) const;
  const model::Secret* secret(const model::ObjectKey& key) const;
  // True when the state source is still reading this Secret (see ClusterSnapshot::secretsLoading).
  bool secretLoading(const model::ObjectKey& key) const {
    return snapshot_.secretsLoading().count(key) != 0;
  }
  const model::ListenerSet* listenerSet(const model::ObjectKey& key) const;
  const model::Certificate* certificate(const model::ObjectKey& key) const;
  // The Certificates that issue into the Secret `secret` (a Certificate always writes its
  // Secret in its own namespace), by name. Normally one; several fight over the Secret.
  std::vector<const model::Certificate*>
  certificatesForSecret(const model::ObjectKey& secret) const;
  // The Namespace of this name, if the state holds it.
  const model::Namespace* namespaceNamed(const std::string& name) const;

  // The KafkaNodePools of a Kafka (same namespace, `strimzi.io/cluster` label), by name.
  std::vector<const model::KafkaNodePool*> nodePoolsOf(const model::ObjectKey& cluster) const;
  // Every Kafka, ordered by namespace and name.
  std::vector<const model::Kafka*> kafkas() const;
  // The Kafkas of one namespace, by name: the cost follows that namespace, not the cluster.
  std::vector<const model::Kafka*> kafkasIn(const std::string& namespace_) const;
  std::vector<const model::TlsRoute*> tlsRoutes() const;
  std::vector<const model::TlsRoute*> tlsRoutesWithHostname(const std::string& hostname) const;
  std::vector<const model::TlsRoute*> tlsRoutesWithBackend(const model::ObjectKey& service) const;
  std::vector<const model::ReferenceGrant*> referenceGrantsIn(const std::string& namespace_) const;

  const ClusterSnapshot& snapshot() const { return snapshot_; }

private:
  struct Change {
    model::Kind kind;
    model::ObjectKey key;
    std::optional<AnyObject> replacement; // empty: the object is removed
  };

  ClusterView(const ClusterSnapshot& snapshot, Change change)
      : snapshot_(snapshot), change_(std::move(change)) {}

  template <class T>
  const T* find(model::Kind kind, const ObjectMap<T>& map, const model::ObjectKey& key) const;
  template <class T, class Predicate>
  std::vector<const T*> select(model::Kind kind, const ObjectMap<T>& map,
                               const std::vector<model::ObjectKey>& candidates,
                               Predicate matches) const;
  // The objects of [from, to) that match, with the change applied, in key order.
  template <class T, class Predicate>
  std::vector<const T*> scan(model::Kind kind, typename ObjectMap<T>::const_iterator from,
                             typename ObjectMap<T>::const_iterator to, Predicate matches) const;

  const ClusterSnapshot& snapshot_;
  std::optional<Change> change_;
};

} // namespace sgw::cluster

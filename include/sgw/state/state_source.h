#pragma once

#include <memory>
#include <string>

#include "sgw/cluster/any_object.h"
#include "sgw/cluster/cluster_snapshot.h"

namespace sgw::state {

// Where reviews get the cluster from: the manifests of a folder, or the Kubernetes API through a
// watch cache. Implementations publish immutable snapshots; snapshot() is cheap, never blocks on
// a reload and may be called from any thread.
class StateSource {
public:
  virtual ~StateSource() = default;

  // The latest published snapshot (an empty one before the first load).
  virtual std::shared_ptr<const cluster::ClusterSnapshot> snapshot() const = 0;
  // The snapshot to judge `reviewed` against: the object a CREATE or UPDATE puts under review, or
  // null. A source that may not hold an object the reviewed one depends on yet (a watch cache
  // that has not seen a Secret a Kafka names) can ask for it here, in the background, and answer
  // a snapshot that counts it as loading; it must not wait for it. The default is the latest
  // snapshot. Sources know objects, never requests.
  virtual std::shared_ptr<const cluster::ClusterSnapshot>
  snapshotFor(const cluster::AnyObject* /*reviewed*/) const {
    return snapshot();
  }
  // True once the state has been loaded completely at least once.
  virtual bool ready() const = 0;
  // One line for /readyz: what is loaded, or what is still missing.
  virtual std::string readinessDetail() const = 0;
};

using StateSourcePtr = std::shared_ptr<StateSource>;

} // namespace sgw::state

#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "sgw/cluster/cluster_snapshot.h"
#include "sgw/model/object_meta.h"

namespace sgw::cli {

// Where a one-shot command reads a live cluster from: a kubeconfig, as `serve --kubeconfig`.
struct ApiSourceOptions {
  std::string kubeconfig;
  std::string context; // empty: the kubeconfig's current-context
  bool allowInsecure = false;
  std::chrono::milliseconds syncTimeout{30000};
  std::vector<std::string> namespaces; // empty: every namespace
};

// Lists the cluster once through the same watch cache `serve` keeps (every resource the rules
// read, Secrets only by name), waits until every resource has synced and the certificate Secrets
// of the Kafkas named `kafka.name` (every Kafka when empty) are in (in `kafka.namespace_`, or any
// namespace when empty;
// each wait bounded by the timeout: a Secret that never comes leaves the certificate unchecked),
// and returns that snapshot. Fails with a message when the kubeconfig
// cannot be used or the cache does not sync in time.
std::variant<std::shared_ptr<const cluster::ClusterSnapshot>, std::string>
readClusterFromApi(const ApiSourceOptions& options, const model::ObjectKey& kafka);

} // namespace sgw::cli

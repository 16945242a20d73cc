#pragma once

// What the microbenchmarks share: the recorded reviews of the example cluster, a large Kafka
// review built from one of them, and cluster states of the example cluster copied across
// namespaces.

#include <cstddef>
#include <string>
#include <vector>

#include "sgw/cluster/cluster_snapshot.h"

namespace sgw::bench {

struct ReviewBody {
  std::string name; // kafka, kafka-update, tlsroute, pool, large, largest
  std::string text;
};

// The reviews the benchmarks send: recorded validating reviews of examples/ (a Kafka CREATE, a
// Kafka UPDATE with its oldObject, a TLSRoute CREATE, a KafkaNodePool UPDATE) and a ~300 KB
// Kafka CREATE (the first with 2 600 broker configuration entries added) and the largest review
// the server accepts (8 MiB, the first with about 83 000 broker entries naming no node).
const std::vector<ReviewBody>& reviewBodies();
const ReviewBody& reviewBody(const std::string& name);

// The example cluster (examples/) as the server's state folder loads it.
const cluster::ClusterSnapshot& exampleSnapshot();

// The example cluster in its own namespace plus copies of it in namespaces copy-1, copy-2, ...
// until the state holds at least `objects` objects.
cluster::ClusterSnapshot scaledSnapshot(std::size_t objects);

// Resident set size of this process, in bytes.
std::size_t residentBytes();

} // namespace sgw::bench

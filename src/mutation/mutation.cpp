#include "sgw/mutation/mutation.h"

#include "sgw/mutation/advertised_hosts.h"
#include "sgw/mutation/mutation_annotations.h"
#include "sgw/strimzi/node_assignment.h"

namespace sgw::mutation {

MutationResult mutateKafka(const KafkaMutationInput& input) {
  MutationResult result;
  rules::FindingSink sink(kAdvertisedHostsId, result.findings);
  const auto annotations = readMutationAnnotations(input.kafka, sink);
  if (rules::hasDenial(result.findings)) {
    return result;
  }
  const auto nodes = strimzi::clusterNodes(input.kafka, input.cluster);
  auto patch = fillAdvertisedHosts(input.raw, input.kafka, annotations, nodes, sink);
  // A denied review is not patched: the apiserver would drop the patch anyway.
  if (!rules::hasDenial(result.findings)) {
    result.patch = std::move(patch);
  }
  return result;
}

} // namespace sgw::mutation

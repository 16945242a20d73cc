#include "sgw/mutation/mutation.h"

namespace sgw::mutation {

MutationResult mutateKafka(const KafkaMutationInput& /*input*/) {
  return {};
}

} // namespace sgw::mutation

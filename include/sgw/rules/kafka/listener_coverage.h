#pragma once

#include "sgw/model/kafka.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::kafka {

// listener-coverage: a listener that lists advertised hosts per broker (and has no template)
// lists one for every broker node; a broker without one advertises its internal address, which
// clients outside the cluster cannot reach.
const Rule<model::Kafka>& listenerCoverageRule();

} // namespace sgw::rules::kafka

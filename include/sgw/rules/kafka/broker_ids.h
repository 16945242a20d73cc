#pragma once

#include "sgw/model/kafka.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::kafka {

// broker-ids: every `configuration.brokers[].broker` of a listener names a broker node of the
// cluster. Strimzi silently ignores entries for other IDs, so a typo ("0, 1, 2" for "10, 11, 12")
// leaves brokers advertising their internal addresses with no error anywhere.
const Rule<model::Kafka>& brokerIdsRule();

} // namespace sgw::rules::kafka

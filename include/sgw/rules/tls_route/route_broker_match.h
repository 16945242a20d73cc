#pragma once

#include "sgw/model/tls_route.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::tls_route {

// route-broker-match: a hostname that a broker advertises leads to that broker's Service, a
// bootstrap hostname to the bootstrap Service, and one route leads to one broker. A client sent
// to the wrong broker gets "not the leader" errors or reads the wrong partitions' metadata.
const Rule<model::TlsRoute>& routeBrokerMatchRule();

} // namespace sgw::rules::tls_route

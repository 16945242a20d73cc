#pragma once

#include "sgw/model/tls_route.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::tls_route {

// advertised-port (TLSRoute): a broker whose route attaches to a Gateway listener on port P
// advertises port P on its Kafka listener, since clients reconnect to the advertised host and
// port after bootstrap. Only a warning: a load balancer in front of the Gateway may map ports.
const Rule<model::TlsRoute>& advertisedPortRule();

} // namespace sgw::rules::tls_route

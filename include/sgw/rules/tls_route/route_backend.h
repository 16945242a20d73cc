#pragma once

#include "sgw/model/tls_route.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::tls_route {

// route-backend: each Service backend of a TLSRoute exists, or is one the Strimzi operator will
// create for a broker node or listener bootstrap, and is addressed on its port.
const Rule<model::TlsRoute>& routeBackendRule();

} // namespace sgw::rules::tls_route

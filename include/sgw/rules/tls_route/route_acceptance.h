#pragma once

#include "sgw/model/tls_route.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::tls_route {

// route-acceptance: each parent Gateway or ListenerSet accepts the route on one of the TLS
// Passthrough listeners the parentRef selects: a listener hostname the route's hostnames
// intersect, allowedRoutes that let in the route's namespace and kind, and, for a ListenerSet,
// a Gateway whose spec.allowedListeners takes it. Otherwise the route sits with Accepted: False
// and Kafka clients time out.
const Rule<model::TlsRoute>& routeAcceptanceRule();

} // namespace sgw::rules::tls_route

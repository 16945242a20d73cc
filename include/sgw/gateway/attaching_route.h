#pragma once

#include "sgw/gateway/route_acceptance.h"
#include "sgw/model/tls_route.h"

namespace sgw::rules {

// A TLSRoute as its parents judge it: kind, namespace and hostnames.
gateway::RouteToAttach routeToAttach(const model::TlsRoute& route);

} // namespace sgw::rules

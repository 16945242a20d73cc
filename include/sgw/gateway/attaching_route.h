#pragma once

#include "sgw/gateway/route_acceptance.h"
#include "sgw/model/tls_route.h"

namespace sgw::gateway {

// A TLSRoute as its parents judge it: kind, namespace and hostnames.
RouteToAttach routeToAttach(const model::TlsRoute& route);

} // namespace sgw::gateway

#pragma once

#include "sgw/model/tls_route.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::tls_route {

// gateway-passthrough: the Gateway or ListenerSet listeners a TLSRoute attaches to pass TLS
// through untouched (protocol TLS, tls.mode Passthrough), as Kafka clients must see the broker's
// own certificate; backends in other namespaces are allowed by a ReferenceGrant there.
const Rule<model::TlsRoute>& gatewayPassthroughRule();

} // namespace sgw::rules::tls_route

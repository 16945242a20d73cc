#pragma once

#include "sgw/model/tls_route.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::tls_route {

// hostname-san (TLSRoute): with TLS passthrough the broker presents its own certificate, so each
// route hostname must be covered by the certificate of the Kafka listener behind the backends.
const Rule<model::TlsRoute>& hostnameSanRule();

} // namespace sgw::rules::tls_route

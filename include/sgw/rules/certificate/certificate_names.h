#pragma once

#include "sgw/model/certificate.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::certificate {

// certificate-names: a cert-manager Certificate keeps covering every hostname that the Kafka
// listeners using its Secret (brokerCertChainAndKey) and the TLSRoutes leading to them need; a
// change that drops such a name passes today and breaks every client at the next issuance.
const Rule<model::Certificate>& certificateNamesRule();

} // namespace sgw::rules::certificate

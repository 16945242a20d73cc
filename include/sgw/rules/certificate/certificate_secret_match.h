#pragma once

#include "sgw/model/certificate.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::certificate {

// certificate-secret-match: the certificate already in a Certificate's Secret carries the names
// the Certificate requests; when it does not (cert-manager has not reissued yet, or someone
// replaced the Secret), listeners are served a certificate other than the one asked for.
const Rule<model::Certificate>& certificateSecretMatchRule();

} // namespace sgw::rules::certificate

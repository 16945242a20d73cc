#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/core/json_value.h"
#include "sgw/model/object_meta.h"

namespace sgw::model {

// A cert-manager `Certificate` (cert-manager.io/v1): the certificate cert-manager keeps issued
// into the Secret `secretName` of the Certificate's own namespace (a Certificate can never fill
// a Secret of another namespace). Its SANs are exactly `dnsNames` and `ipAddresses`:
// cert-manager puts `commonName` in the subject only, and clients ignore the subject when SANs
// exist, so the common name never counts as a name the certificate covers.
struct Certificate {
  std::string apiVersion; // as written
  ObjectMeta metadata;
  std::string secretName;
  std::vector<std::string> dnsNames;
  std::vector<std::string> ipAddresses;
  std::optional<std::string> commonName;
  // `status.conditions[type=Ready]`: "True" once the Secret holds a certificate matching the
  // spec, "False" while it is missing, outdated or being issued; absent before cert-manager
  // looked at the Certificate.
  std::optional<std::string> readyStatus;
  std::optional<std::string> readyReason;
  // `status.conditions[type=Issuing]` is "True": cert-manager is issuing a new certificate (the
  // first one, a renewal, or one for a changed spec).
  bool issuing = false;

  ObjectKey secretKey() const { return {metadata.namespace_, secretName}; }
  bool ready() const { return readyStatus == "True"; }
  // "Ready: False, DoesNotExist; issuing", "Ready: True", "no Ready condition yet": for
  // messages.
  std::string describeReadiness() const;
};

Certificate parseCertificate(JsonValue object, const std::string& defaultNamespace,
                             FieldErrorList& errors);

} // namespace sgw::model

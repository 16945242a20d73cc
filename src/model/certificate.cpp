#include "sgw/model/certificate.h"

#include "sgw/model/json_fields.h"

namespace sgw::model {

std::string Certificate::describeReadiness() const {
  if (!readyStatus.has_value()) {
    return issuing ? "no Ready condition yet; issuing" : "no Ready condition yet";
  }
  std::string out = "Ready: " + *readyStatus;
  if (readyReason.has_value() && !readyReason->empty()) {
    out += ", " + *readyReason;
  }
  return issuing ? out + "; issuing" : out;
}

Certificate parseCertificate(JsonValue object, const std::string& defaultNamespace,
                             FieldErrorList& errors) {
  Certificate certificate;
  certificate.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  certificate.apiVersion = root.string("apiVersion").value_or("");
  const auto spec = root.nested("spec");
  certificate.secretName = spec.string("secretName").value_or("");
  certificate.dnsNames = spec.stringArray("dnsNames");
  certificate.ipAddresses = spec.stringArray("ipAddresses");
  certificate.commonName = spec.string("commonName");

  const auto status = root.nested("status");
  if (const auto conditions = status.array("conditions")) {
    for (std::size_t i = 0; i < conditions->size(); ++i) {
      const auto condition = status.element("conditions", i, (*conditions)[i]);
      if (!condition.expectObject()) {
        continue;
      }
      const auto type = condition.string("type");
      const auto conditionStatus = condition.string("status");
      const auto reason = condition.string("reason");
      if (type == "Ready") {
        certificate.readyStatus = conditionStatus;
        certificate.readyReason = reason;
      } else if (type == "Issuing") {
        certificate.issuing = conditionStatus == "True";
      }
    }
  }
  return certificate;
}

} // namespace sgw::model

#include <algorithm>
#include <catch2/catch.hpp>

#include "sgw/cluster/any_object.h"
#include "sgw/manifest/manifest.h"
#include "sgw/model/certificate.h"
#include "sgw/model/kind.h"
#include "support/seed.h"
#include "support/temp_dir.h"

using sgw::model::Certificate;
using Json = nlohmann::json;

namespace {

Certificate parse(const Json& object, sgw::FieldErrorList& errors) {
  return sgw::model::parseCertificate(object, "default", errors);
}

} // namespace

TEST_CASE("a cert-manager Certificate reads its Secret, names and readiness",
          "[model][certificate]") {
  sgw::FieldErrorList errors;
  auto object = sgw::test::certificateJson("False");
  object["spec"]["commonName"] = "kafka.strimzi.gateway.api.test";
  object["spec"]["ipAddresses"] = {"192.0.2.10", "2001:db8::1"};
  const auto certificate = parse(object, errors);
  CHECK(errors.empty());
  CHECK(certificate.metadata.key() == sgw::model::ObjectKey{"strimzi", "my-certificate"});
  CHECK(certificate.secretName == "my-certificate");
  CHECK(certificate.secretKey() == sgw::model::ObjectKey{"strimzi", "my-certificate"});
  CHECK(certificate.dnsNames == std::vector<std::string>{"*.strimzi.gateway.api.test"});
  CHECK(certificate.ipAddresses == std::vector<std::string>{"192.0.2.10", "2001:db8::1"});
  CHECK(certificate.commonName == "kafka.strimzi.gateway.api.test");
  CHECK(certificate.readyStatus == "False");
  CHECK_FALSE(certificate.ready());
  CHECK(certificate.issuing);
  CHECK(certificate.describeReadiness() == "Ready: False, DoesNotExist; issuing");
}

TEST_CASE("a Certificate's readiness reads as cert-manager reports it", "[model][certificate]") {
  sgw::FieldErrorList errors;
  const auto ready = parse(sgw::test::certificateJson("True"), errors);
  CHECK(ready.ready());
  CHECK_FALSE(ready.issuing);
  CHECK(ready.describeReadiness() == "Ready: True, Ready");
  const auto fresh = parse(sgw::test::certificateJson(""), errors);
  CHECK_FALSE(fresh.readyStatus.has_value());
  CHECK(fresh.describeReadiness() == "no Ready condition yet");
  CHECK(errors.empty());
}

TEST_CASE("a Certificate without a namespace takes the default one", "[model][certificate]") {
  sgw::FieldErrorList errors;
  auto object = sgw::test::certificateJson();
  object["metadata"].erase("namespace");
  CHECK(parse(object, errors).metadata.namespace_ == "default");
}

TEST_CASE("fields of the wrong type in a Certificate are field errors", "[model][certificate]") {
  auto object = sgw::test::certificateJson();
  object["spec"]["secretName"] = 7;
  object["spec"]["dnsNames"] = {"a.example.com", 3};
  object["spec"]["ipAddresses"] = "10.0.0.1";
  object["spec"]["commonName"] = true;
  object["status"]["conditions"] = {"Ready", {{"type", "Ready"}, {"status", false}}};
  sgw::FieldErrorList errors;
  const auto certificate = parse(object, errors);
  std::vector<std::string> printed;
  for (const auto& error : errors) {
    printed.push_back(error.toString());
  }
  CHECK(printed == std::vector<std::string>{
                       "spec.secretName: Invalid value: 7: must be a string",
                       "spec.dnsNames[1]: Invalid value: 3: must be a string",
                       "spec.ipAddresses: Invalid value: \"10.0.0.1\": must be a list",
                       "spec.commonName: Invalid value: true: must be a string",
                       "status.conditions[0]: Invalid value: \"Ready\": must be an object",
                       "status.conditions[1].status: Invalid value: false: must be a string",
                   });
  CHECK(certificate.dnsNames == std::vector<std::string>{"a.example.com"});
}

TEST_CASE("Certificates are the cert-manager.io kind Certificate", "[model][certificate]") {
  CHECK(sgw::model::kindOfObject(sgw::test::certificateJson()) == sgw::model::Kind::Certificate);
  CHECK(sgw::model::kindFromGroupKind("cert-manager.io", "Certificate") ==
        sgw::model::Kind::Certificate);
  CHECK_FALSE(sgw::model::kindFromGroupKind("", "Certificate").has_value());
  CHECK(sgw::model::groupOf(sgw::model::Kind::Certificate) == "cert-manager.io");
  const auto parsed = sgw::cluster::parseObject(sgw::test::certificateJson(), "strimzi");
  REQUIRE(parsed.has_value());
  CHECK(sgw::cluster::kindOf(parsed->object) == sgw::model::Kind::Certificate);
  CHECK(sgw::cluster::metadataOf(parsed->object).name == "my-certificate");
}

TEST_CASE("the fields a Certificate is read by are cert-manager's, with their types",
          "[model][certificate]") {
  // cert-manager v1.21.1's CRD: a renamed or retyped field would make the model read nothing.
  const auto loaded = sgw::manifest::loadPath(
      sgw::test::fixturePath("crds/cert-manager/cert-manager.io_certificates.yaml"));
  REQUIRE(loaded.errors.empty());
  REQUIRE(loaded.manifests.size() == 1);
  const auto& crd = loaded.manifests[0].object;
  CHECK(crd["spec"]["group"] == "cert-manager.io");
  CHECK(crd["spec"]["names"]["kind"] == "Certificate");
  CHECK(crd["spec"]["scope"] == "Namespaced");
  const Json* schema = nullptr;
  for (const auto& version : crd["spec"]["versions"]) {
    if (version["name"] == "v1") {
      schema = &version["schema"]["openAPIV3Schema"];
    }
  }
  REQUIRE(schema != nullptr);
  const auto& spec = (*schema)["properties"]["spec"];
  CHECK(spec["properties"]["secretName"]["type"] == "string");
  CHECK(spec["properties"]["commonName"]["type"] == "string");
  for (const auto* list : {"dnsNames", "ipAddresses"}) {
    CAPTURE(list);
    CHECK(spec["properties"][list]["type"] == "array");
    CHECK(spec["properties"][list]["items"]["type"] == "string");
  }
  CHECK(std::find(spec["required"].begin(), spec["required"].end(), "secretName") !=
        spec["required"].end());
  const auto& conditions = (*schema)["properties"]["status"]["properties"]["conditions"];
  CHECK(conditions["type"] == "array");
  for (const auto* field : {"type", "status", "reason"}) {
    CAPTURE(field);
    CHECK(conditions["items"]["properties"][field]["type"] == "string");
  }
}

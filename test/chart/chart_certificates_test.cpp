// The three ways the chart gets the webhook its serving certificate, and how the API server learns
// the CA that signed it: cert-manager (with CA injection), an existing Secret plus caBundle, or
// the certs/gen-dev-certs.sh files.

#include <catch2/catch.hpp>

#include "chart/chart_render.h"
#include "sgw/core/base64.h"

namespace sgw::test::chart {
namespace {

using nlohmann::json;

const std::vector<std::string> kWebhookKinds{"ValidatingWebhookConfiguration",
                                             "MutatingWebhookConfiguration"};

json clientConfig(const json& configuration) {
  REQUIRE(configuration["webhooks"].size() == 1);
  return configuration["webhooks"][0]["clientConfig"];
}

std::string mountedSecret(const std::vector<json>& objects) {
  const auto pod = objectOf(objects, "Deployment", fullname())["spec"]["template"]["spec"];
  return pod["volumes"][0]["secret"]["secretName"];
}

TEST_CASE("chart: cert-manager makes a CA and the serving certificate by default", "[chart]") {
  const auto objects = chartObjects();
  CHECK(objectOf(objects, "Issuer", fullname("-selfsigned"))["spec"] ==
        json{{"selfSigned", json::object()}});
  CHECK(objectOf(objects, "Certificate", fullname("-ca"))["spec"] == json::parse(R"({
    "isCA": true, "commonName": "sgw-strimzi-gateway-webhook-ca",
    "secretName": "sgw-strimzi-gateway-webhook-ca", "duration": "43800h",
    "privateKey": {"algorithm": "ECDSA", "size": 256},
    "issuerRef": {"name": "sgw-strimzi-gateway-webhook-selfsigned", "kind": "Issuer",
                  "group": "cert-manager.io"}})"));
  CHECK(objectOf(objects, "Issuer", fullname("-ca"))["spec"] ==
        json::parse(R"({"ca": {"secretName": "sgw-strimzi-gateway-webhook-ca"}})"));
  CHECK(objectOf(objects, "Certificate", fullname("-serving"))["spec"] == json::parse(R"({
    "secretName": "sgw-strimzi-gateway-webhook-tls",
    "dnsNames": ["sgw-strimzi-gateway-webhook.sgw-system.svc",
                 "sgw-strimzi-gateway-webhook.sgw-system.svc.cluster.local"],
    "duration": "2160h", "renewBefore": "720h",
    "usages": ["digital signature", "server auth"],
    "privateKey": {"algorithm": "ECDSA", "size": 256, "rotationPolicy": "Always"},
    "issuerRef": {"name": "sgw-strimzi-gateway-webhook-ca", "kind": "Issuer",
                  "group": "cert-manager.io"}})"));
  CHECK(mountedSecret(objects) == "sgw-strimzi-gateway-webhook-tls");
  CHECK(objectsOfKind(objects, "Secret").empty());
}

TEST_CASE("chart: cert-manager injects the CA into both webhook configurations", "[chart]") {
  const auto objects = chartObjects();
  for (const auto& kind : kWebhookKinds) {
    INFO(kind);
    const auto configuration = objectOf(objects, kind, fullname());
    CHECK(
        configuration["metadata"]["annotations"] ==
        json{{"cert-manager.io/inject-ca-from", "sgw-system/sgw-strimzi-gateway-webhook-serving"}});
    CHECK_FALSE(clientConfig(configuration).contains("caBundle"));
  }
}

TEST_CASE("chart: cert-manager can issue from the installer's own issuer", "[chart]") {
  const auto objects = chartObjects(R"(
certificates:
  clusterDomain: example.internal
  certManager:
    issuerRef: {name: company-ca, kind: ClusterIssuer}
)");
  CHECK(objectsOfKind(objects, "Issuer").empty());
  CHECK(kindsAndNames(objectsOfKind(objects, "Certificate")) ==
        std::vector<std::string>{"Certificate/sgw-strimzi-gateway-webhook-serving"});
  const auto spec = objectOf(objects, "Certificate", fullname("-serving"))["spec"];
  CHECK(spec["issuerRef"] ==
        json::parse(
            R"({"name": "company-ca", "kind": "ClusterIssuer", "group": "cert-manager.io"})"));
  CHECK(spec["dnsNames"] == json::parse(R"(["sgw-strimzi-gateway-webhook.sgw-system.svc",
    "sgw-strimzi-gateway-webhook.sgw-system.svc.example.internal"])"));
}

TEST_CASE("chart: an existing Secret from gen-dev-certs.sh with its printed caBundle", "[chart]") {
  TempDir dir;
  const auto caBundle = generateDevCerts(dir.path());
  // The README's commands: the script's output goes into a Secret made with kubectl and its
  // printed caBundle into the values.
  const auto objects =
      chartObjects("certificates: {mode: existingSecret, existingSecret: {name: webhook-tls}}",
                   {"--set", "certificates.existingSecret.caBundle=" + caBundle});
  CHECK(base64Decode(caBundle) == readFile(dir.path() / "ca.crt"));
  CHECK(mountedSecret(objects) == "webhook-tls");
  for (const auto& kind : kWebhookKinds) {
    INFO(kind);
    const auto configuration = objectOf(objects, kind, fullname());
    CHECK(clientConfig(configuration)["caBundle"] == caBundle);
    CHECK_FALSE(configuration["metadata"].contains("annotations"));
  }
  CHECK(objectsOfKind(objects, "Certificate").empty());
  CHECK(objectsOfKind(objects, "Issuer").empty());
  CHECK(objectsOfKind(objects, "Secret").empty());
}

TEST_CASE("chart: the files mode makes the Secret from gen-dev-certs.sh's files", "[chart]") {
  TempDir dir;
  const auto caBundle = generateDevCerts(dir.path());
  const auto objects =
      chartObjects("certificates: {mode: files}",
                   {"--set-file", "certificates.files.tlsCrt=" + (dir.path() / "tls.crt").string(),
                    "--set-file", "certificates.files.tlsKey=" + (dir.path() / "tls.key").string(),
                    "--set-file", "certificates.files.caCrt=" + (dir.path() / "ca.crt").string()});

  const auto secret = objectOf(objects, "Secret", fullname("-tls"));
  CHECK(secret["metadata"]["namespace"] == "sgw-system");
  CHECK(secret["type"] == "kubernetes.io/tls");
  CHECK(base64Decode(secret["data"]["tls.crt"].get<std::string>()) ==
        readFile(dir.path() / "tls.crt"));
  CHECK(base64Decode(secret["data"]["tls.key"].get<std::string>()) ==
        readFile(dir.path() / "tls.key"));
  CHECK(base64Decode(secret["data"]["ca.crt"].get<std::string>()) ==
        readFile(dir.path() / "ca.crt"));
  CHECK(mountedSecret(objects) == "sgw-strimzi-gateway-webhook-tls");
  for (const auto& kind : kWebhookKinds) {
    INFO(kind);
    CHECK(clientConfig(objectOf(objects, kind, fullname()))["caBundle"] == caBundle);
  }
  CHECK(objectsOfKind(objects, "Certificate").empty());
}

TEST_CASE("chart: a certificate mode without its inputs is refused with what is missing",
          "[chart]") {
  const auto [values, message] = GENERATE(table<std::string, std::string>({
      {"certificates: {mode: existingSecret}",
       "certificates.existingSecret.name is required when certificates.mode is existingSecret"},
      {"certificates: {mode: existingSecret, existingSecret: {name: webhook-tls}}",
       "certificates.existingSecret.caBundle (base64 of the PEM CA certificate) is required when "
       "certificates.mode is existingSecret"},
      {"certificates: {mode: files}",
       "certificates.files.tlsCrt (PEM serving certificate) is required when certificates.mode "
       "is files"},
      {"certificates: {certManager: {issuerRef: {kind: ClusterIssuer}}}",
       "certificates.certManager.issuerRef.name is required"},
  }));
  INFO(values);
  const auto result = renderChart(values);
  CHECK(result.exitCode == 1);
  CHECK_THAT(result.err, Catch::StartsWith("Error: execution error at (") &&
                             Catch::EndsWith("): " + message + "\n"));
}

TEST_CASE("chart: values outside the schema are refused before rendering", "[chart]") {
  const auto [values, message] = GENERATE(table<std::string, std::string>({
      {"certificates: {mode: selfSigned}",
       "- certificates.mode: certificates.mode must be one of the following: \"certManager\", "
       "\"existingSecret\", \"files\""},
      {"certificates: {existingSecret: {caBundle: 'not base64!'}}",
       "- certificates.existingSecret.caBundle: Does not match pattern '^[A-Za-z0-9+/]*={0,2}$'"},
      {"certificates: {files: {tlsCrt: hello}}",
       "- certificates.files.tlsCrt: Does not match pattern '^$|-----BEGIN '"},
      {"replicaCount: 0", "- replicaCount: Must be greater than or equal to 1"},
      {"watchNamespaces: strimzi",
       "- watchNamespaces: Invalid type. Expected: array, given: string"},
      {"watchNamespaces: [Strimzi]",
       "- watchNamespaces.0: Does not match pattern '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'"},
      {"webhook: {timeoutSeconds: 31}",
       "- webhook.timeoutSeconds: Must be less than or equal to 30"},
      {"webhook: {failurePolicy: fail}",
       "- webhook.failurePolicy: webhook.failurePolicy must be one of the following: \"Fail\", "
       "\"Ignore\""},
      {"livenessProbe: {httpGet: {path: /}}",
       "- livenessProbe: Additional property httpGet is not allowed"},
      {"watchNamespace: [strimzi]", "- (root): Additional property watchNamespace is not allowed"},
      {"enforcement: audit",
       "- enforcement: enforcement must be one of the following: \"deny\", \"warn\""},
      {"ruleActions: {broker-ids: dryrun}",
       "- ruleActions.broker-ids: ruleActions.broker-ids must be one of the following: \"deny\", "
       "\"warn\", \"off\""},
  }));
  INFO(values);
  const auto result = renderChart(values);
  CHECK(result.exitCode == 1);
  CHECK(result.err == "Error: values don't meet the specifications of the schema(s) in the "
                      "following chart(s):\nstrimzi-gateway-webhook:\n" +
                          message + "\n");
}

} // namespace
} // namespace sgw::test::chart

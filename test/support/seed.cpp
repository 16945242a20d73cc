#include "support/seed.h"

#include <stdexcept>

#include "sgw/cluster/any_object.h"
#include "sgw/cluster/cluster_view.h"
#include "sgw/core/base64.h"
#include "sgw/manifest/manifest.h"
#include "sgw/state/manifest_snapshot.h"
#include "support/test_paths.h"

namespace sgw::test {

namespace {

bool same(const nlohmann::json& object, std::string_view kind, std::string_view name) {
  return object.value("kind", "") == kind && object["metadata"].value("name", "") == name;
}

std::string describe(const FieldErrorList& errors) {
  return aggregate(errors);
}

} // namespace

std::vector<nlohmann::json> loadExamples() {
  const auto loaded = manifest::loadPath(std::string(SGW_SOURCE_DIR) + "/examples");
  if (!loaded.errors.empty()) {
    throw std::runtime_error("examples/ do not load: " + loaded.errors.front().toString());
  }
  std::vector<nlohmann::json> out;
  for (const auto& manifest : loaded.manifests) {
    out.push_back(manifest.object);
  }
  return out;
}

cluster::ClusterSnapshot examplesSnapshot() {
  const auto loaded = manifest::loadPath(std::string(SGW_SOURCE_DIR) + "/examples");
  return state::snapshotFromManifests(loaded.manifests).snapshot;
}

Seed::Seed() : objects_(loadExamples()) {}

nlohmann::json& Seed::get(std::string_view kind, std::string_view name) {
  for (auto& object : objects_) {
    if (same(object, kind, name)) {
      return object;
    }
  }
  throw std::runtime_error("no " + std::string(kind) + " " + std::string(name) + " in the seed");
}

void Seed::put(nlohmann::json object) {
  for (auto& existing : objects_) {
    if (same(existing, object.value("kind", ""), object["metadata"].value("name", "")) &&
        existing["metadata"].value("namespace", "") == object["metadata"].value("namespace", "")) {
      existing = std::move(object);
      return;
    }
  }
  objects_.push_back(std::move(object));
}

void Seed::remove(std::string_view kind, std::string_view name) {
  std::erase_if(objects_, [&](const nlohmann::json& object) { return same(object, kind, name); });
}

cluster::ClusterSnapshot Seed::snapshot() const {
  cluster::ClusterSnapshot::Builder builder;
  for (const auto& object : objects_) {
    auto parsed = cluster::parseObject(object, "strimzi");
    if (!parsed.has_value()) {
      continue;
    }
    if (!parsed->errors.empty()) {
      throw std::runtime_error("seed object does not parse: " + describe(parsed->errors));
    }
    builder.put(std::move(parsed->object));
  }
  return builder.build();
}

nlohmann::json certificateJson(const std::string& readyStatus) {
  nlohmann::json certificate = {
      {"apiVersion", "cert-manager.io/v1"},
      {"kind", "Certificate"},
      {"metadata", {{"name", "my-certificate"}, {"namespace", "strimzi"}}},
      {"spec",
       {{"secretName", "my-certificate"},
        {"subject", {{"organizations", {"my-org"}}}},
        {"privateKey", {{"algorithm", "RSA"}, {"encoding", "PKCS8"}, {"size", 2048}}},
        {"usages", {"server auth", "client auth"}},
        {"dnsNames", {"*.strimzi.gateway.api.test"}},
        {"issuerRef", {{"name", "my-issuer"}, {"kind", "ClusterIssuer"}}}}}};
  if (readyStatus == "True") {
    certificate["status"]["conditions"] = {
        {{"type", "Ready"},
         {"status", "True"},
         {"reason", "Ready"},
         {"message", "Certificate is up to date and has not expired"}}};
  } else if (!readyStatus.empty()) {
    certificate["status"]["conditions"] = {
        {{"type", "Ready"},
         {"status", readyStatus},
         {"reason", "DoesNotExist"},
         {"message", "Issuing certificate as Secret does not exist"}},
        {{"type", "Issuing"},
         {"status", "True"},
         {"reason", "DoesNotExist"},
         {"message", "Issuing certificate as Secret does not exist"}}};
  }
  return certificate;
}

nlohmann::json secretJson(const std::string& name,
                          const std::map<std::string, std::string>& values) {
  nlohmann::json data = nlohmann::json::object();
  for (const auto& [key, value] : values) {
    data[key] = base64Encode(value);
  }
  return {{"apiVersion", "v1"},
          {"kind", "Secret"},
          {"metadata", {{"name", name}, {"namespace", "strimzi"}}},
          {"type", "Opaque"},
          {"data", data}};
}

template <class T>
std::vector<std::string> check(const rules::Rule<T>& rule, const cluster::ClusterSnapshot& snapshot,
                               const nlohmann::json& object, rules::Operation operation,
                               std::chrono::system_clock::time_point now) {
  if (!rules::contains(rule.operations, operation)) {
    throw std::runtime_error("rule " + std::string(rule.id) + " does not judge this operation");
  }
  auto parsed = cluster::parseObject(object, "strimzi");
  if (!parsed.has_value() || !parsed->errors.empty()) {
    throw std::runtime_error("test object does not parse" +
                             (parsed.has_value() ? ": " + describe(parsed->errors) : ""));
  }
  const auto& typed = *std::get<std::shared_ptr<const T>>(parsed->object);
  const auto view = operation == rules::Operation::Delete
                        ? cluster::ClusterView::without(snapshot, cluster::kindOf(parsed->object),
                                                        typed.metadata.key())
                        : cluster::ClusterView::withObject(snapshot, parsed->object);
  const derived::ReviewModel model(view);
  const rules::Subject<T> subject{typed, nullptr, operation, view, now, model};
  rules::FindingList findings;
  rules::FindingSink sink(rule.id, findings);
  rule.check(subject, sink);
  std::vector<std::string> out;
  for (const auto& finding : findings) {
    out.push_back((finding.severity == rules::Severity::Deny ? "deny: " : "warn: ") +
                  finding.error.toString());
  }
  return out;
}

template std::vector<std::string> check(const rules::Rule<model::Certificate>&,
                                        const cluster::ClusterSnapshot&, const nlohmann::json&,
                                        rules::Operation, std::chrono::system_clock::time_point);
template std::vector<std::string> check(const rules::Rule<model::Kafka>&,
                                        const cluster::ClusterSnapshot&, const nlohmann::json&,
                                        rules::Operation, std::chrono::system_clock::time_point);
template std::vector<std::string> check(const rules::Rule<model::KafkaNodePool>&,
                                        const cluster::ClusterSnapshot&, const nlohmann::json&,
                                        rules::Operation, std::chrono::system_clock::time_point);
template std::vector<std::string> check(const rules::Rule<model::TlsRoute>&,
                                        const cluster::ClusterSnapshot&, const nlohmann::json&,
                                        rules::Operation, std::chrono::system_clock::time_point);

nlohmann::json tlsRouteListener() {
  return {{"name", "gw"},
          {"port", 9095},
          {"type", "tlsroute"},
          {"tls", true},
          {"configuration",
           {{"parentRefs", {{{"name", "my-gateway"}, {"sectionName", "kafka-listener"}}}},
            {"bootstrap", {{"host", "bootstrap-gw.strimzi.gateway.api.test"}}},
            {"hostTemplate", "broker-{nodeId}-gw.strimzi.gateway.api.test"},
            {"brokerCertChainAndKey",
             {{"secretName", "my-certificate"}, {"certificate", "tls.crt"}, {"key", "tls.key"}}}}}};
}

} // namespace sgw::test

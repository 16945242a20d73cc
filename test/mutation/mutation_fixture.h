#pragma once

// The seed cluster (examples/) and shortcuts for running the mutation on a changed copy of it.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sgw/cluster/any_object.h"
#include "sgw/cluster/cluster_snapshot.h"
#include "sgw/cluster/cluster_view.h"
#include "sgw/manifest/manifest.h"
#include "sgw/mutation/mutation.h"
#include "support/test_paths.h"

namespace sgw::test {

inline constexpr const char* kTemplateAnnotation =
    "strimzi-gateway-webhook.io/advertised-host-template";
inline constexpr const char* kSeedTemplate = "broker-{nodeId}.strimzi.gateway.api.test";

// Every object of examples/, as JSON.
inline std::vector<nlohmann::json> seedObjects() {
  const auto loaded = manifest::loadPath(std::string(SGW_SOURCE_DIR) + "/examples");
  REQUIRE(loaded.errors.empty());
  std::vector<nlohmann::json> out;
  for (const auto& manifest : loaded.manifests) {
    out.push_back(manifest.object);
  }
  return out;
}

inline nlohmann::json seedObject(const std::string& kind, const std::string& name) {
  for (auto& object : seedObjects()) {
    if (object.value("kind", "") == kind && object["metadata"].value("name", "") == name) {
      return object;
    }
  }
  FAIL("no " << kind << " " << name << " in examples/");
  return {};
}

inline nlohmann::json seedKafka() {
  return seedObject("Kafka", "gateway-api-test");
}

// The seed's three broker entries, exactly as examples/kafka.yaml has them.
inline nlohmann::json seedBrokerEntries() {
  return seedKafka()["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"];
}

// The seed's Kafka without its `brokers` list, with the template annotation.
inline nlohmann::json annotatedKafkaWithoutBrokers() {
  auto kafka = seedKafka();
  kafka["spec"]["kafka"]["listeners"][0]["configuration"].erase("brokers");
  kafka["metadata"]["annotations"][kTemplateAnnotation] = kSeedTemplate;
  return kafka;
}

// A snapshot of `objects`; each must parse without errors.
inline cluster::ClusterSnapshot snapshotOf(const std::vector<nlohmann::json>& objects) {
  cluster::ClusterSnapshot::Builder builder;
  for (const auto& object : objects) {
    auto parsed = cluster::parseObject(object, "default");
    REQUIRE(parsed.has_value());
    REQUIRE(parsed->errors.empty());
    builder.put(parsed->object);
  }
  return builder.build();
}

// The seed with the objects of `replacements` put in place of their namesakes (or added).
inline cluster::ClusterSnapshot seedSnapshotWith(const std::vector<nlohmann::json>& replacements) {
  auto objects = seedObjects();
  objects.insert(objects.end(), replacements.begin(), replacements.end());
  return snapshotOf(objects);
}

inline cluster::ClusterSnapshot seedSnapshot() {
  return seedSnapshotWith({});
}

// The seed's objects without any KafkaNodePool.
inline cluster::ClusterSnapshot seedSnapshotWithoutPools() {
  std::vector<nlohmann::json> objects;
  for (auto& object : seedObjects()) {
    if (object.value("kind", "") != "KafkaNodePool") {
      objects.push_back(std::move(object));
    }
  }
  return snapshotOf(objects);
}

// The seed's broker pool scaled to `replicas`, its status untouched (the operator has not run).
inline nlohmann::json brokerPoolWithReplicas(int replicas) {
  auto pool = seedObject("KafkaNodePool", "broker");
  pool["spec"]["replicas"] = replicas;
  return pool;
}

// Runs the mutation on `kafka` as /mutate does: the Kafka replaces its namesake in the snapshot.
inline mutation::MutationResult mutate(const nlohmann::json& kafka,
                                       const cluster::ClusterSnapshot& snapshot) {
  auto parsed = cluster::parseObject(kafka, "default");
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->errors.empty());
  const auto view = cluster::ClusterView::withObject(snapshot, parsed->object);
  const auto& model = *std::get<std::shared_ptr<const model::Kafka>>(parsed->object);
  return mutation::mutateKafka({kafka, model, view, {}});
}

inline std::vector<std::string> texts(const rules::FindingList& findings,
                                      rules::Severity severity) {
  std::vector<std::string> out;
  for (const auto& finding : findings) {
    if (finding.severity == severity) {
      out.push_back(finding.error.toString());
    }
  }
  return out;
}

inline std::vector<std::string> warnings(const mutation::MutationResult& result) {
  return texts(result.findings, rules::Severity::Warn);
}

inline std::vector<std::string> denials(const mutation::MutationResult& result) {
  return texts(result.findings, rules::Severity::Deny);
}

// One `add` operation, as the mutation writes it.
inline nlohmann::json addOp(const std::string& path, nlohmann::json value) {
  return {{"op", "add"}, {"path", path}, {"value", std::move(value)}};
}

inline nlohmann::json entry(int broker, const std::string& host, int port) {
  return {{"broker", broker}, {"advertisedHost", host}, {"advertisedPort", port}};
}

} // namespace sgw::test

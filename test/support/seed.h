#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sgw/cluster/cluster_snapshot.h"
#include "sgw/rules/rule.h"
#include "support/test_certificates.h"

namespace sgw::test {

// The seed's objects (examples/) as JSON, so a test can change one thing and judge the result.
// Objects are found by kind and name (every seed object lives in namespace strimzi).
class Seed {
public:
  Seed();

  // The object of this kind ("Kafka", "KafkaNodePool", "TLSRoute", ...) and name; throws when
  // there is none.
  nlohmann::json& get(std::string_view kind, std::string_view name);
  // Adds the object, or replaces the one with the same kind, namespace and name.
  void put(nlohmann::json object);
  void remove(std::string_view kind, std::string_view name);

  cluster::ClusterSnapshot snapshot() const;
  const std::vector<nlohmann::json>& objects() const { return objects_; }

private:
  std::vector<nlohmann::json> objects_;
};

// One row of a rule's table: what the test changes in the seed and in the object under review,
// and the findings the rule must give then (as check() prints them).
struct SeedCase {
  std::string name;
  std::function<void(Seed&, nlohmann::json&)> change;
  std::vector<std::string> expected;
};

// A `type: tlsroute` listener named gw (port 9095) for the seed's Kafka: its TLSRoutes attach to
// the seed's Gateway listener kafka-listener, with hosts under the seed certificate's wildcard
// (bootstrap-gw.strimzi.gateway.api.test, broker-{nodeId}-gw.strimzi.gateway.api.test).
nlohmann::json tlsRouteListener();

// The seed's objects in file order, loaded through the manifest reader.
std::vector<nlohmann::json> loadExamples();
// A snapshot of the examples/ folder, exactly as `--state-dir examples` builds it.
cluster::ClusterSnapshot examplesSnapshot();

// A Secret in namespace strimzi with these (plain) values, base64-encoded under `data`.
nlohmann::json secretJson(const std::string& name,
                          const std::map<std::string, std::string>& values);

// The seed's cert-manager Certificate my-certificate (namespace strimzi), which issues Secret
// my-certificate with the SAN *.strimzi.gateway.api.test, with a Ready condition of this status
// ("True", "False"; empty: no status yet).
nlohmann::json certificateJson(const std::string& readyStatus = "True");

// Runs one rule on `object` the way the review pipeline does: the object takes its namesake's
// place in `snapshot` (for DELETE it is taken out) and the rule judges that view. Returns the
// findings as "deny: <field error>" / "warn: <field error>", in the order raised.
template <class T>
std::vector<std::string> check(const rules::Rule<T>& rule, const cluster::ClusterSnapshot& snapshot,
                               const nlohmann::json& object,
                               rules::Operation operation = rules::Operation::Update,
                               std::chrono::system_clock::time_point now = testNow());

} // namespace sgw::test

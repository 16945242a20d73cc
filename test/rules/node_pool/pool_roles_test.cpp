#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/node_pool/pool_roles.h"
#include "support/seed.h"

using sgw::rules::Operation;
using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

void listBroker(Seed& seed, std::int64_t id) {
  seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"]
      .push_back(
          {{"broker", id},
           {"advertisedHost", "broker-" + std::to_string(id) + ".strimzi.gateway.api.test"}});
}

const std::string kListener = "listener obiwan of Kafka gateway-api-test";

} // namespace

TEST_CASE("pool-roles keeps the listeners true to the pool's nodes", "[rules][pool-roles]") {
  struct Case {
    std::string name;
    std::string pool;
    Operation operation;
    std::function<void(Seed&, Json&)> change;
    std::vector<std::string> expected;
  };
  const auto c = GENERATE(values<Case>({
      {"the broker pool as seeded", "broker", Operation::Update, [](Seed&, Json&) {}, {}},
      {"the controller pool as seeded", "controller", Operation::Update, [](Seed&, Json&) {}, {}},
      {"brokers listed by a listener lose the broker role",
       "broker",
       Operation::Update,
       [](Seed&, Json& pool) { pool["spec"]["roles"] = {"controller"}; },
       {"deny: spec.roles: Invalid value: [\"controller\"]: nodes 10, 11, 12 would become "
        "controller-only, but " +
        kListener +
        " lists them as brokers; keep the broker role or "
        "remove their brokers[] entries"}},
      {"a new controller-only pool takes an ID a listener lists",
       "controller2",
       Operation::Create,
       [](Seed& seed, Json& pool) {
         listBroker(seed, 13);
         pool["metadata"]["name"] = "controller2";
         pool["metadata"]["annotations"]["strimzi.io/next-node-ids"] = "[13]";
         pool.erase("status");
       },
       {"deny: spec.replicas: Invalid value: 1: new node 13 would be controller-only, but " +
        kListener +
        " lists it as a broker; pick another ID with strimzi.io/next-node-ids or "
        "remove its brokers[] entry"}},
      {"a node that was controller-only before is not this change's doing",
       "controller",
       Operation::Update,
       [](Seed& seed, Json&) { listBroker(seed, 0); },
       {}},
      {"a scale-up brings a broker without an advertised host",
       "broker",
       Operation::Update,
       [](Seed&, Json& pool) { pool["spec"]["replicas"] = 4; },
       {"warn: spec.replicas: Invalid value: 4: " + kListener +
        " has no advertisedHost for new broker 13; add a brokers[] entry for it"}},
      {"a scale-up the listener is ready for",
       "broker",
       Operation::Update,
       [](Seed& seed, Json& pool) {
         listBroker(seed, 13);
         pool["spec"]["replicas"] = 4;
       },
       {}},
      {"a controller pool gaining the broker role",
       "controller",
       Operation::Update,
       [](Seed&, Json& pool) {
         pool["spec"]["roles"] = {"controller", "broker"};
       },
       {"warn: spec.roles: Invalid value: [\"broker\",\"controller\"]: " + kListener +
        " has no advertisedHost for new broker 0; add a brokers[] entry for it"}},
      {"a scale-down leaves an entry and a route behind",
       "broker",
       Operation::Update,
       [](Seed&, Json& pool) { pool["spec"]["replicas"] = 2; },
       {"warn: spec.replicas: Invalid value: 2: removes broker 12, which " + kListener +
            " still lists; remove the brokers[] entry",
        "warn: spec.replicas: Invalid value: 2: removes broker 12; TLSRoute "
        "gateway-api-test-broker-12 still routes to its Service"}},
      {"a scale-down of a broker nothing points at",
       "broker",
       Operation::Update,
       [](Seed& seed, Json& pool) {
         // Broker 13 runs, but no listener entry or route names it.
         seed.get("KafkaNodePool", "broker")["status"]["nodeIds"].push_back(13);
         seed.get("KafkaNodePool", "broker")["spec"]["replicas"] = 4;
         pool["status"]["nodeIds"].push_back(13);
         pool["spec"]["replicas"] = 3;
       },
       {}},
      {"deleting the broker pool",
       "broker",
       Operation::Delete,
       [](Seed&, Json&) {},
       {"warn: metadata.name: Invalid value: \"broker\": deleting the pool removes brokers 10, 11, "
        "12, which " +
            kListener + " still lists; remove the brokers[] entries",
        "warn: metadata.name: Invalid value: \"broker\": deleting the pool removes brokers 10, 11, "
        "12; TLSRoutes gateway-api-test-broker-10, gateway-api-test-broker-11, "
        "gateway-api-test-broker-12 still route to their Services"}},
      {"deleting the controller pool", "controller", Operation::Delete, [](Seed&, Json&) {}, {}},
      {"a pool for a Kafka that does not exist",
       "broker",
       Operation::Update,
       [](Seed&, Json& pool) { pool["metadata"]["labels"]["strimzi.io/cluster"] = "other"; },
       {"warn: metadata.labels[strimzi.io/cluster]: Not found: \"other\": no Kafka of this name in "
        "namespace strimzi yet; the pool's nodes start once it exists"}},
      {"a pool without the cluster label",
       "broker",
       Operation::Update,
       [](Seed&, Json& pool) { pool["metadata"].erase("labels"); },
       {"warn: metadata.labels[strimzi.io/cluster]: Required value: name the Kafka this pool "
        "belongs to; Strimzi ignores the pool without it"}},
      {"a pool for a Kafka without node pools",
       "broker",
       Operation::Update,
       [](Seed& seed, Json&) {
         auto& kafka = seed.get("Kafka", "gateway-api-test");
         kafka["apiVersion"] = "kafka.strimzi.io/v1beta2";
         kafka["spec"]["kafka"]["replicas"] = 3;
       },
       {"warn: metadata.labels[strimzi.io/cluster]: Invalid value: \"gateway-api-test\": Kafka "
        "gateway-api-test is a kafka.strimzi.io/v1beta2 cluster without the annotation "
        "strimzi.io/node-pools: enabled (its nodes come from spec.kafka.replicas), so Strimzi "
        "ignores this pool"}},
      {"a v1beta2 Kafka that can only run on pools uses them",
       "broker",
       Operation::Update,
       [](Seed& seed, Json&) {
         seed.get("Kafka", "gateway-api-test")["apiVersion"] = "kafka.strimzi.io/v1beta2";
       },
       {}},
      {"a v1 Kafka always uses its pools, whatever it says",
       "broker",
       Operation::Update,
       [](Seed& seed, Json&) {
         auto& kafka = seed.get("Kafka", "gateway-api-test");
         kafka["metadata"]["annotations"]["strimzi.io/node-pools"] = "disabled";
         kafka["spec"]["kafka"]["replicas"] = 3;
       },
       {}},
      {"a scale-up leaves a tlsroute listener without a host for the new broker",
       "broker",
       Operation::Update,
       [](Seed& seed, Json& pool) {
         Json brokers = Json::array();
         for (int id = 10; id <= 12; ++id) {
           brokers.push_back(
               {{"broker", id},
                {"host", "broker-" + std::to_string(id) + "-gw.strimzi.gateway.api.test"}});
         }
         seed.get("Kafka", "gateway-api-test")["spec"]["kafka"]["listeners"].push_back(
             {{"name", "gw"},
              {"port", 9095},
              {"type", "tlsroute"},
              {"tls", true},
              {"configuration",
               {{"parentRefs", {{{"name", "my-gateway"}}}},
                {"bootstrap", {{"host", "bootstrap-gw.strimzi.gateway.api.test"}}},
                {"brokers", brokers}}}});
         pool["spec"]["replicas"] = 4;
       },
       {"warn: spec.replicas: Invalid value: 4: " + kListener +
            " has no advertisedHost for new broker 13; add a brokers[] entry for it",
        "warn: spec.replicas: Invalid value: 4: listener gw of Kafka gateway-api-test (type "
        "tlsroute) has no host for new broker 13; Strimzi refuses the listener until a "
        "brokers[].host (or a hostTemplate) covers it"}},
      {"deleting a pool of a missing Kafka says nothing",
       "broker",
       Operation::Delete,
       [](Seed& seed, Json&) { seed.remove("Kafka", "gateway-api-test"); },
       {}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto pool = seed.get("KafkaNodePool", c.pool == "controller2" ? "controller" : c.pool);
  c.change(seed, pool);
  CHECK(sgw::test::check(sgw::rules::node_pool::poolRolesRule(), seed.snapshot(), pool,
                         c.operation) == c.expected);
}

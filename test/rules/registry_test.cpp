#include <catch2/catch.hpp>
#include <chrono>
#include <set>

#include "sgw/cluster/cluster_view.h"
#include "sgw/rules/registry.h"
#include "support/seed.h"

using sgw::rules::Operation;
using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

template <class Table> std::vector<std::string> idsOf(Table table) {
  std::vector<std::string> out;
  for (const auto& rule : table) {
    out.emplace_back(rule.id);
    CHECK_FALSE(rule.statement.empty());
  }
  return out;
}

// Every registered rule of the object's kind, run as the pipeline runs them; findings as
// "<rule> <deny|warn>: <field error>".
template <class T>
std::vector<std::string> runAll(const sgw::cluster::ClusterSnapshot& snapshot, const Json& object,
                                Operation operation = Operation::Update) {
  auto parsed = sgw::cluster::parseObject(object, "strimzi");
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->errors.empty());
  const auto& typed = *std::get<std::shared_ptr<const T>>(parsed->object);
  const auto view = operation == Operation::Delete
                        ? sgw::cluster::ClusterView::without(
                              snapshot, sgw::cluster::kindOf(parsed->object), typed.metadata.key())
                        : sgw::cluster::ClusterView::withObject(snapshot, parsed->object);
  const sgw::derived::ReviewModel model(view);
  const sgw::rules::Subject<T> subject{typed, nullptr, operation, view, sgw::test::testNow(),
                                       model};
  std::vector<std::string> out;
  for (const auto& finding : sgw::rules::runRules(subject)) {
    out.push_back(finding.ruleId +
                  (finding.severity == sgw::rules::Severity::Deny ? " deny: " : " warn: ") +
                  finding.error.toString());
  }
  return out;
}

Json metadata(const std::string& name) {
  return {{"name", name}, {"namespace", "strimzi"}};
}

} // namespace

TEST_CASE("only a kind with a rule comparing with the stored version reads the oldObject",
          "[rules][registry]") {
  using sgw::model::Kind;
  // certificate-names keeps the names a Certificate covered before the change.
  CHECK(sgw::rules::readsOldObject(Kind::Certificate));
  for (const auto kind : {Kind::Kafka, Kind::KafkaNodePool, Kind::TlsRoute, Kind::Gateway,
                          Kind::Service, Kind::Secret}) {
    CHECK_FALSE(sgw::rules::readsOldObject(kind));
  }
  std::vector<std::string> readers;
  for (const auto& rule : sgw::rules::certificateRules()) {
    if (rule.readsOldObject) {
      readers.emplace_back(rule.id);
    }
  }
  CHECK(readers == std::vector<std::string>{"certificate-names"});
}

TEST_CASE("each kind's rules are registered once, in order", "[rules][registry]") {
  CHECK(idsOf(sgw::rules::kafkaRules()) ==
        std::vector<std::string>{"listener-config", "broker-ids", "hostname-san",
                                 "listener-coverage", "advertised-port", "tlsroute-gateway"});
  CHECK(idsOf(sgw::rules::kafkaNodePoolRules()) ==
        std::vector<std::string>{"pool-annotations", "pool-roles"});
  CHECK(idsOf(sgw::rules::tlsRouteRules()) ==
        std::vector<std::string>{"route-backend", "hostname-san", "route-broker-match",
                                 "gateway-passthrough", "route-acceptance", "advertised-port"});
  CHECK(idsOf(sgw::rules::certificateRules()) ==
        std::vector<std::string>{"certificate-names", "certificate-secret-match"});
}

TEST_CASE("every seed object passes every rule", "[rules][registry]") {
  Seed seed;
  seed.put(sgw::test::certificateJson());
  const auto snapshot = seed.snapshot();
  for (const auto& object : seed.objects()) {
    const auto kind = object.value("kind", "");
    CAPTURE(kind, object["metadata"].value("name", ""));
    if (kind == "Kafka") {
      CHECK(runAll<sgw::model::Kafka>(snapshot, object).empty());
    } else if (kind == "KafkaNodePool") {
      CHECK(runAll<sgw::model::KafkaNodePool>(snapshot, object).empty());
    } else if (kind == "TLSRoute") {
      CHECK(runAll<sgw::model::TlsRoute>(snapshot, object).empty());
    } else if (kind == "Certificate") {
      CHECK(runAll<sgw::model::Certificate>(snapshot, object).empty());
      CHECK(runAll<sgw::model::Certificate>(snapshot, object, Operation::Create).empty());
    }
  }
}

TEST_CASE("odd but well-typed objects get clear findings, never a crash", "[rules][registry]") {
  Seed seed;
  const auto snapshot = seed.snapshot();

  SECTION("a Kafka without spec") {
    CHECK(runAll<sgw::model::Kafka>(snapshot, {{"apiVersion", "kafka.strimzi.io/v1beta2"},
                                               {"kind", "Kafka"},
                                               {"metadata", metadata("bare")}})
              .empty());
  }
  SECTION("listeners and entries with nothing set") {
    auto kafka = seed.get("Kafka", "gateway-api-test");
    kafka["spec"]["kafka"]["listeners"] = {Json::object(),
                                           {{"tls", true},
                                            {"configuration",
                                             {{"brokers", {Json::object()}},
                                              {"bootstrap", Json::object()},
                                              {"brokerCertChainAndKey", Json::object()},
                                              {"advertisedHostTemplate", ""}}}}};
    CHECK(runAll<sgw::model::Kafka>(snapshot, kafka).empty());
  }
  SECTION("IDs at the ends of int64") {
    auto kafka = seed.get("Kafka", "gateway-api-test");
    auto& brokers = kafka["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"];
    brokers[0]["broker"] = std::numeric_limits<std::int64_t>::max();
    brokers[1]["broker"] = std::numeric_limits<std::int64_t>::min();
    CHECK(runAll<sgw::model::Kafka>(snapshot, kafka) ==
          std::vector<std::string>{
              "broker-ids deny: spec.kafka.listeners[0].configuration.brokers[0].broker: Invalid "
              "value: 9223372036854775807: node IDs run from 0 to 2147483647; broker nodes of "
              "cluster "
              "gateway-api-test are 10, 11, 12",
              "broker-ids deny: spec.kafka.listeners[0].configuration.brokers[1].broker: Invalid "
              "value: -9223372036854775808: node IDs run from 0 to 2147483647; broker nodes of "
              "cluster "
              "gateway-api-test are 10, 11, 12",
              "listener-coverage warn: spec.kafka.listeners[0].configuration.brokers: Required "
              "value: no advertisedHost for brokers 10, 11, which would advertise their internal "
              "addresses; add entries for them"});
  }
  SECTION("a Kafka without node pools and two billion replicas") {
    auto kafka = seed.get("Kafka", "gateway-api-test");
    kafka["apiVersion"] = "kafka.strimzi.io/v1beta2";
    kafka["spec"]["kafka"]["replicas"] = 2147483647;
    kafka["spec"]["kafka"]["listeners"][0]["configuration"].erase("brokers");
    CHECK(runAll<sgw::model::Kafka>(snapshot, kafka).empty());
  }
  SECTION("a pool of two billion replicas is predicted up to the cap") {
    auto pool = seed.get("KafkaNodePool", "broker");
    pool["spec"]["replicas"] = 2000000000;
    pool["metadata"]["annotations"]["strimzi.io/next-node-ids"] = "[0-2147483647]";
    CHECK(runAll<sgw::model::KafkaNodePool>(snapshot, pool) ==
          std::vector<std::string>{
              "pool-roles warn: spec.replicas: Invalid value: 2000000000: listener obiwan of Kafka "
              "gateway-api-test has no advertisedHost for new brokers 1, 2, 3, 4, 5, 6, 7, 8, 9, "
              "13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23 and 9977 more; add brokers[] entries "
              "for them"});
  }
  SECTION("deleting a pool that never had nodes or a cluster") {
    CHECK(runAll<sgw::model::KafkaNodePool>(snapshot,
                                            {{"apiVersion", "kafka.strimzi.io/v1beta2"},
                                             {"kind", "KafkaNodePool"},
                                             {"metadata", metadata("orphan")}},
                                            Operation::Delete)
              .empty());
  }
  SECTION("a route with empty names everywhere") {
    CHECK(runAll<sgw::model::TlsRoute>(
              snapshot, {{"apiVersion", "gateway.networking.k8s.io/v1"},
                         {"kind", "TLSRoute"},
                         {"metadata", metadata("empty")},
                         {"spec",
                          {{"hostnames", {""}},
                           {"parentRefs", {Json::object()}},
                           {"rules", {{{"backendRefs", {{{"name", ""}}}}}, Json::object()}}}}})
              .empty());
  }
  SECTION("a negative backend port") {
    auto route = seed.get("TLSRoute", "gateway-api-test-broker-10");
    route["spec"]["rules"][0]["backendRefs"][0]["port"] = -1;
    CHECK(runAll<sgw::model::TlsRoute>(snapshot, route) ==
          std::vector<std::string>{"route-backend deny: spec.rules[0].backendRefs[0].port: Invalid "
                                   "value: -1: Service gateway-api-test-broker-obiwan-10 has port "
                                   "9092"});
  }
}

TEST_CASE("odd tlsroute listeners get clear findings, never a crash",
          "[rules][registry][tlsroute]") {
  Seed seed;
  const auto snapshot = seed.snapshot();
  auto kafka = seed.get("Kafka", "gateway-api-test");
  kafka["spec"]["kafka"]["listeners"].push_back(
      {{"type", "tlsroute"},
       {"configuration",
        {{"parentRefs", {Json::object()}},
         {"bootstrap", {{"host", ""}}},
         {"hostTemplate", ""},
         {"advertisedPortTemplate", std::string(100000, '(')},
         {"brokers", {Json::object(), {{"broker", -1}, {"host", ""}}}}}}});
  CHECK(runAll<sgw::model::Kafka>(snapshot, kafka) ==
        std::vector<std::string>{
            "listener-config deny: spec.kafka.listeners[1].configuration.parentRefs[0].name: "
            "Required value: the name of the Gateway; a TLSRoute parent reference needs one",
            "listener-config deny: spec.kafka.listeners[1].configuration.advertisedPortTemplate: "
            "Invalid value: \"" +
                std::string(97, '(') + "..." +
                "\": Strimzi cannot evaluate it (parentheses nested deeper than 64); use a "
                "formula of numbers, {nodeId}, +, -, * and parentheses, such as 9000 + {nodeId} "
                "or 9092",
            "broker-ids deny: spec.kafka.listeners[1].configuration.brokers: Invalid value: "
            "[-1]: none of these is a broker node; broker nodes of cluster gateway-api-test are "
            "10, 11, 12"});
}

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/explain/entry_paths.h"
#include "sgw/explain/renderers.h"
#include "support/explanations.h"
#include "support/temp_dir.h"

using sgw::explain::Explanation;
using sgw::test::explainFolder;
using sgw::test::fixturePath;
using sgw::test::seedExplanation;
using Json = nlohmann::json;

TEST_CASE("the JSON of an explanation has stable keys", "[explain][json]") {
  const auto json = Json::parse(sgw::explain::renderJson(seedExplanation()));
  CHECK(json["kafka"] == Json{{"namespace", "strimzi"}, {"name", "gateway-api-test"}});
  CHECK(json["listener"] == Json{{"name", "obiwan"}, {"type", "cluster-ip"}, {"port", 9092}});
  CHECK(json["ok"] == true);
  CHECK(json["clusterFindings"] == Json::array());
  REQUIRE(json["paths"].size() == 4);
  CHECK(json["paths"][0]["entry"] == "bootstrap");
  CHECK(json["paths"][0]["broker"] == nullptr);
  CHECK(json["paths"][1] == Json::parse(R"({
          "entry": "broker", "broker": 10,
          "host": "broker-10.strimzi.gateway.api.test", "port": 9092,
          "certificate": "covered",
          "gatewayListener": {"kind": "Gateway", "namespace": "strimzi", "name": "my-gateway",
                              "listener": "kafka-listener", "port": 9092, "accepts": true},
          "tlsRoute": {"namespace": "strimzi", "name": "gateway-api-test-broker-10",
                       "createdByStrimzi": false},
          "service": {"namespace": "strimzi", "name": "gateway-api-test-broker-obiwan-10",
                      "port": 9092, "exists": true, "createdByStrimzi": true},
          "nodes": [{"id": 10, "pool": "broker"}],
          "verdict": "ok",
          "findings": []
        })"));
  // Keys come in a fixed order, so diffs of saved output stay small.
  const auto ordered = nlohmann::ordered_json::parse(sgw::explain::renderJson(seedExplanation()));
  std::vector<std::string> keys;
  for (const auto& item : ordered["paths"][0].items()) {
    keys.push_back(item.key());
  }
  CHECK(keys == std::vector<std::string>{"entry", "broker", "host", "port", "certificate",
                                         "gatewayListener", "tlsRoute", "service", "nodes",
                                         "verdict", "findings"});
  keys.clear();
  for (const auto& item : ordered.items()) {
    keys.push_back(item.key());
  }
  CHECK(keys == std::vector<std::string>{"kafka", "listener", "ok", "paths", "clusterFindings"});
}

TEST_CASE("the JSON finding of a broken path names rule, object, link and field",
          "[explain][json]") {
  const auto json =
      Json::parse(sgw::explain::renderJson(explainFolder(fixturePath("check/misrouted-hostname"))));
  CHECK(json["ok"] == false);
  const auto& path = json["paths"][2];
  CHECK(path["verdict"] == "broken");
  REQUIRE(path["findings"].size() == 1);
  CHECK(path["findings"][0] ==
        Json{{"severity", "deny"},
             {"rule", "route-broker-match"},
             {"kind", "TLSRoute"},
             {"namespace", "strimzi"},
             {"name", "gateway-api-test-broker-11"},
             {"link", "route-service"},
             {"field", "spec.rules[0].backendRefs[0].name"},
             {"message", "Invalid value: \"gateway-api-test-broker-obiwan-12\": spec.hostnames[0] "
                         "broker-11.strimzi.gateway.api.test is advertised by broker 11 "
                         "(listener obiwan); route it to gateway-api-test-broker-obiwan-11"}});
}

TEST_CASE("the JSON of a path that is missing every hop has nulls, not absent keys",
          "[explain][json]") {
  Explanation explanation;
  explanation.kafka = {"strimzi", "c"};
  explanation.listener = "l";
  explanation.listenerType = "tlsroute";
  explanation.listenerPort = 9095;
  sgw::explain::EntryPath bootstrap;
  explanation.paths.push_back(bootstrap);
  sgw::explain::EntryPath broker;
  broker.broker = sgw::model::NodeId{10};
  broker.host = "broker-10.example";
  broker.certificate = sgw::explain::Coverage::NotCovered;
  broker.service = {{"strimzi", "s"}, std::nullopt, false, true};
  broker.ok = true;
  explanation.paths.push_back(broker);
  explanation.clusterFindings.push_back(
      {{"broker-ids", sgw::rules::Severity::Warn,
        sgw::FieldError::required(sgw::FieldPath::root("spec").child("replicas"), "set it")},
       sgw::model::Kind::KafkaNodePool,
       {"strimzi", "pool-a"},
       sgw::explain::Link::ServiceToNode});

  const auto text = sgw::explain::renderJson(explanation);
  CHECK(text.ends_with("}\n"));
  const auto json = Json::parse(text);
  CHECK(json["listener"] == Json{{"name", "l"}, {"type", "tlsroute"}, {"port", 9095}});
  // One broken path makes the whole explanation not ok.
  CHECK(json["ok"] == false);
  CHECK(json["paths"][0] == Json::parse(R"({
          "entry": "bootstrap", "broker": null, "host": null, "port": null,
          "certificate": "not-checked", "gatewayListener": null, "tlsRoute": null,
          "service": null, "nodes": [], "verdict": "broken", "findings": []
        })"));
  CHECK(json["paths"][1]["certificate"] == "not-covered");
  CHECK(json["paths"][1]["port"] == nullptr);
  CHECK(json["paths"][1]["service"] == Json{{"namespace", "strimzi"},
                                            {"name", "s"},
                                            {"port", nullptr},
                                            {"exists", false},
                                            {"createdByStrimzi", true}});
  CHECK(json["paths"][1]["verdict"] == "ok");
  CHECK(json["clusterFindings"] == Json::array({{{"severity", "warn"},
                                                 {"rule", "broker-ids"},
                                                 {"kind", "KafkaNodePool"},
                                                 {"namespace", "strimzi"},
                                                 {"name", "pool-a"},
                                                 {"link", "service-node"},
                                                 {"field", "spec.replicas"},
                                                 {"message", "Required value: set it"}}}));
}

TEST_CASE("the JSON of an explanation replaces bytes that are not UTF-8", "[explain][json]") {
  Explanation explanation;
  explanation.kafka = {"strimzi", "c"};
  sgw::explain::EntryPath path;
  path.host = std::string("bad-\xff.example");
  explanation.paths.push_back(path);
  const auto json = Json::parse(sgw::explain::renderJson(explanation));
  CHECK(json["paths"][0]["host"] == "bad-\xEF\xBF\xBD.example");
}

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sgw/model/service.h"

using Json = nlohmann::json;

TEST_CASE("a Service reads its type and ports", "[model][service]") {
  sgw::FieldErrorList errors;
  const auto service = sgw::model::parseService(Json::parse(R"({
      "metadata": {"name": "my-cluster-kafka-obiwan-bootstrap"},
      "spec": {"type": "NodePort", "ports": [{"name": "tcp-obiwan", "port": 9092}, {"port": 9093}]}
    })"),
                                                "strimzi", errors);
  CHECK(errors.empty());
  CHECK(service.metadata.key() ==
        sgw::model::ObjectKey{"strimzi", "my-cluster-kafka-obiwan-bootstrap"});
  CHECK(service.type == "NodePort");
  REQUIRE(service.ports.size() == 2);
  CHECK(service.ports[0].name == "tcp-obiwan");
  CHECK_FALSE(service.ports[1].name.has_value());
  CHECK(service.hasPort(9092));
  CHECK(service.hasPort(9093));
  CHECK_FALSE(service.hasPort(9094));
}

TEST_CASE("a Service without a type is a ClusterIP Service", "[model][service]") {
  sgw::FieldErrorList errors;
  const auto service =
      sgw::model::parseService(Json::parse(R"({"metadata": {"name": "s"}})"), "strimzi", errors);
  CHECK(errors.empty());
  CHECK(service.type == "ClusterIP");
  CHECK(service.ports.empty());
  CHECK_FALSE(service.hasPort(0));
}

TEST_CASE("ill-typed Service ports are field errors", "[model][service]") {
  sgw::FieldErrorList errors;
  const auto service = sgw::model::parseService(Json::parse(R"({
      "metadata": {"name": "s"},
      "spec": {"ports": [9092, {"port": "9093", "name": 1}, {"port": 9094}]}})"),
                                                "strimzi", errors);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].toString() == "spec.ports[0]: Invalid value: 9092: must be an object");
  CHECK(errors[1].toString() == "spec.ports[1].name: Invalid value: 1: must be a string");
  CHECK(errors[2].toString() == "spec.ports[1].port: Invalid value: \"9093\": must be an integer");
  // The port that is not an object is left out; an ill-typed port number reads as 0.
  REQUIRE(service.ports.size() == 2);
  CHECK(service.ports[0].port == 0);
  CHECK(service.hasPort(9094));
  CHECK_FALSE(service.hasPort(9092));
}

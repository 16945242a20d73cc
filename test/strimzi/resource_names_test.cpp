#include <catch2/catch.hpp>

#include "sgw/strimzi/resource_names.h"

using sgw::model::NodeId;

namespace {

sgw::model::KafkaListener listener(const std::string& name, std::int64_t port,
                                   const std::string& type) {
  sgw::model::KafkaListener out;
  out.name = name;
  out.port = port;
  out.type = type;
  return out;
}

} // namespace

TEST_CASE("pods and components are named cluster-pool[-node]", "[strimzi][names]") {
  CHECK(sgw::strimzi::componentName("my-cluster", "broker") == "my-cluster-broker");
  CHECK(sgw::strimzi::podName("my-cluster", "broker", NodeId{10}) == "my-cluster-broker-10");
  CHECK(sgw::strimzi::podName("my-cluster", "kafka", NodeId{0}) == "my-cluster-kafka-0");
}

TEST_CASE("per-broker Services are named by cluster, pool, listener and node", "[strimzi][names]") {
  CHECK(sgw::strimzi::perBrokerServiceName("c", "broker", listener("obiwan", 9092, "cluster-ip"),
                                           NodeId{10}) == "c-broker-obiwan-10");
  // The legacy name needs both the name external and port 9094.
  CHECK(sgw::strimzi::perBrokerServiceName("c", "broker", listener("external", 9094, "nodeport"),
                                           NodeId{10}) == "c-broker-10");
  CHECK(sgw::strimzi::perBrokerServiceName("c", "broker", listener("external", 9095, "nodeport"),
                                           NodeId{10}) == "c-broker-external-10");
  CHECK(sgw::strimzi::perBrokerServiceName("c", "broker", listener("ext", 9094, "nodeport"),
                                           NodeId{10}) == "c-broker-ext-10");
  CHECK_FALSE(sgw::strimzi::perBrokerServiceName("c", "broker", listener("plain", 9092, "internal"),
                                                 NodeId{10})
                  .has_value());
}

TEST_CASE("bootstrap Services are per listener, shared for internal listeners",
          "[strimzi][names]") {
  CHECK(sgw::strimzi::bootstrapServiceName("c", listener("obiwan", 9092, "cluster-ip")) ==
        "c-kafka-obiwan-bootstrap");
  CHECK(sgw::strimzi::bootstrapServiceName("c", listener("external", 9094, "loadbalancer")) ==
        "c-kafka-external-bootstrap");
  CHECK(sgw::strimzi::bootstrapServiceName("c", listener("plain", 9092, "internal")) ==
        "c-kafka-bootstrap");
}

TEST_CASE("only internal listeners have no Services of their own", "[strimzi][names]") {
  const auto type = GENERATE(as<std::string>{}, "cluster-ip", "nodeport", "loadbalancer", "route",
                             "ingress", "tlsroute");
  CAPTURE(type);
  CHECK(sgw::strimzi::hasOwnServices(listener("l", 9092, type)));
  CHECK_FALSE(sgw::strimzi::hasOwnServices(listener("l", 9092, "internal")));
}

TEST_CASE("createBootstrapService: false takes effect on loadbalancer listeners only",
          "[strimzi][names]") {
  auto balancer = listener("lb", 9094, "loadbalancer");
  CHECK(sgw::strimzi::createsBootstrapService(balancer));
  balancer.configuration.createBootstrapService = true;
  CHECK(sgw::strimzi::createsBootstrapService(balancer));
  balancer.configuration.createBootstrapService = false;
  CHECK_FALSE(sgw::strimzi::createsBootstrapService(balancer));
  auto nodePort = listener("np", 9094, "nodeport");
  nodePort.configuration.createBootstrapService = false;
  CHECK(sgw::strimzi::createsBootstrapService(nodePort));
}

TEST_CASE("host templates replace every {nodeId} and {nodePodName}", "[strimzi][names]") {
  CHECK(sgw::strimzi::renderHostTemplate("b-{nodeId}.example", NodeId{10}, "c-broker-10") ==
        "b-10.example");
  CHECK(sgw::strimzi::renderHostTemplate("{nodePodName}.{nodeId}.{nodeId}", NodeId{7}, "c-b-7") ==
        "c-b-7.7.7");
  // Other placeholders are Strimzi's business: left as written.
  CHECK(sgw::strimzi::renderHostTemplate("{pool}-{nodeid}.example", NodeId{1}, "p") ==
        "{pool}-{nodeid}.example");
  // A pod name that itself contains a placeholder is not expanded again.
  CHECK(sgw::strimzi::renderHostTemplate("{nodePodName}", NodeId{1}, "{nodeId}") == "{nodeId}");
  CHECK(sgw::strimzi::renderHostTemplate("", NodeId{1}, "p").empty());
}

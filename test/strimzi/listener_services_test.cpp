#include <catch2/catch.hpp>

#include "sgw/strimzi/listener_services.h"

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

// Brokers 10 and 11 in pool "broker", broker 3 in pool "mixed", controller 0 in "controller".
sgw::strimzi::ClusterNodes nodes() {
  sgw::strimzi::ClusterNodes out;
  sgw::strimzi::PoolNodes brokers;
  brokers.pool = "broker";
  brokers.roles = {true, false};
  brokers.desired = {NodeId{10}, NodeId{11}};
  sgw::strimzi::PoolNodes controllers;
  controllers.pool = "controller";
  controllers.roles = {false, true};
  controllers.desired = {NodeId{0}};
  sgw::strimzi::PoolNodes mixed;
  mixed.pool = "mixed";
  mixed.roles = {true, true};
  mixed.desired = {NodeId{3}};
  out.pools = {brokers, controllers, mixed};
  return out;
}

// "<name> listener=<index> broker=<id>/<pool> port=<port>"; a bootstrap Service has no pool.
std::vector<std::string> describe(const std::vector<sgw::strimzi::ListenerService>& services) {
  std::vector<std::string> out;
  for (const auto& service : services) {
    out.push_back(service.name + " listener=" + std::to_string(service.listenerIndex) +
                  (service.broker.has_value()
                       ? " broker=" + service.broker->toString() + "/" + service.pool
                       : " bootstrap" + service.pool) +
                  " port=" + std::to_string(service.port));
  }
  return out;
}

} // namespace

TEST_CASE("each listener with Services gets a bootstrap Service and one per broker node",
          "[strimzi][listener-services]") {
  sgw::model::Kafka kafka;
  kafka.metadata.name = "my-cluster";
  kafka.metadata.namespace_ = "strimzi";
  auto balancer = listener("lb", 9095, "loadbalancer");
  balancer.configuration.createBootstrapService = false;
  kafka.listeners = {listener("plain", 9092, "internal"), listener("obiwan", 9093, "cluster-ip"),
                     balancer, listener("external", 9094, "nodeport")};

  CHECK(describe(sgw::strimzi::listenerServices(kafka, nodes())) ==
        std::vector<std::string>{
            // The internal listener (index 0) shares the cluster's Services: none of its own.
            "my-cluster-kafka-obiwan-bootstrap listener=1 bootstrap port=9093",
            "my-cluster-broker-obiwan-10 listener=1 broker=10/broker port=9093",
            "my-cluster-broker-obiwan-11 listener=1 broker=11/broker port=9093",
            "my-cluster-mixed-obiwan-3 listener=1 broker=3/mixed port=9093",
            // createBootstrapService: false on a loadbalancer listener: per-broker Services only.
            "my-cluster-broker-lb-10 listener=2 broker=10/broker port=9095",
            "my-cluster-broker-lb-11 listener=2 broker=11/broker port=9095",
            "my-cluster-mixed-lb-3 listener=2 broker=3/mixed port=9095",
            // The legacy external listener on 9094 keeps Strimzi's old per-broker names.
            "my-cluster-kafka-external-bootstrap listener=3 bootstrap port=9094",
            "my-cluster-broker-10 listener=3 broker=10/broker port=9094",
            "my-cluster-broker-11 listener=3 broker=11/broker port=9094",
            "my-cluster-mixed-3 listener=3 broker=3/mixed port=9094",
        });
}

TEST_CASE("a cluster without broker nodes has bootstrap Services only",
          "[strimzi][listener-services]") {
  sgw::model::Kafka kafka;
  kafka.metadata.name = "c";
  kafka.listeners = {listener("obiwan", 9092, "tlsroute")};
  CHECK(describe(sgw::strimzi::listenerServices(kafka, {})) ==
        std::vector<std::string>{"c-kafka-obiwan-bootstrap listener=0 bootstrap port=9092"});
  kafka.listeners.clear();
  CHECK(sgw::strimzi::listenerServices(kafka, nodes()).empty());
}

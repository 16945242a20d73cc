#include "sgw/strimzi/resource_names.h"

namespace sgw::strimzi {

namespace {

bool isLegacyExternal(const model::KafkaListener& listener) {
  return listener.name == "external" && listener.port == 9094;
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos)) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
}

} // namespace

std::string componentName(const std::string& cluster, const std::string& pool) {
  return cluster + "-" + pool;
}

std::string podName(const std::string& cluster, const std::string& pool, model::NodeId id) {
  return componentName(cluster, pool) + "-" + id.toString();
}

bool hasOwnServices(const model::KafkaListener& listener) {
  return listener.type != "internal";
}

bool createsBootstrapService(const model::KafkaListener& listener) {
  return !(listener.type == "loadbalancer" &&
           listener.configuration.createBootstrapService == std::optional<bool>(false));
}

std::optional<std::string> perBrokerServiceName(const std::string& cluster, const std::string& pool,
                                                const model::KafkaListener& listener,
                                                model::NodeId id) {
  if (!hasOwnServices(listener)) {
    return std::nullopt;
  }
  if (isLegacyExternal(listener)) {
    return componentName(cluster, pool) + "-" + id.toString();
  }
  return componentName(cluster, pool) + "-" + listener.name + "-" + id.toString();
}

std::string bootstrapServiceName(const std::string& cluster, const model::KafkaListener& listener) {
  if (!hasOwnServices(listener)) {
    return cluster + "-kafka-bootstrap";
  }
  return cluster + "-kafka-" + listener.name + "-bootstrap";
}

std::string renderHostTemplate(const std::string& hostTemplate, model::NodeId id,
                               const std::string& podName) {
  std::string out = hostTemplate;
  replaceAll(out, "{nodeId}", id.toString());
  replaceAll(out, "{nodePodName}", podName);
  return out;
}

} // namespace sgw::strimzi

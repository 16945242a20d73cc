#include "sgw/rules/tls_route/route_backend.h"

#include "sgw/derived/route_backends.h"
#include "sgw/model/kafka_node_pool.h"
#include "sgw/rules/message_lists.h"

namespace sgw::rules::tls_route {

namespace {

std::string portsOf(const model::Service& service) {
  std::vector<std::string> ports;
  for (const auto& port : service.ports) {
    ports.push_back(std::to_string(port.port));
  }
  return ports.empty() ? std::string("no ports")
                       : (ports.size() == 1 ? "port " : "ports ") + joinNames(ports);
}

void checkPort(const derived::BackendTarget& target, bool hasPort, const std::string& whatHasPorts,
               FindingSink& sink) {
  const auto path = target.path().child("port");
  if (!target.ref->port.has_value()) {
    sink.deny(FieldError::required(path, "set the Service port: " + whatHasPorts));
  } else if (!hasPort) {
    sink.deny(FieldError::invalid(path, *target.ref->port, whatHasPorts));
  }
}

// True for a Service the operator made for this cluster (its labels say so) that the cluster no
// longer needs: the operator deletes it, for example after the broker was scaled down.
bool leftOverByStrimzi(const derived::BackendTarget& target) {
  if (target.existing == nullptr || target.service != nullptr || target.cluster == nullptr) {
    return false;
  }
  const auto& meta = target.existing->metadata;
  return meta.label(model::kClusterLabel) == std::optional(target.cluster->name()) &&
         meta.label("strimzi.io/kind") == std::optional<std::string>("Kafka");
}

void check(const Subject<model::TlsRoute>& subject, FindingSink& sink) {
  const auto& backends = subject.derived.backendsOf(subject.object);
  for (const auto& target : backends.targets()) {
    const auto& name = target.ref->name;
    if (target.existing != nullptr) {
      const bool hasPort =
          target.ref->port.has_value() && target.existing->hasPort(*target.ref->port);
      checkPort(target, hasPort, "Service " + name + " has " + portsOf(*target.existing), sink);
      if (leftOverByStrimzi(target)) {
        sink.warn(FieldError::invalid(target.path().child("name"), name,
                                      "no broker or listener of cluster " + target.cluster->name() +
                                          " needs this Service any more; Strimzi will delete it"));
      }
      continue;
    }
    if (target.service != nullptr) {
      const auto* listener = target.listener();
      checkPort(target, target.ref->port == std::optional(target.service->port),
                "Service " + name + ", which Strimzi creates for listener " + listener->name +
                    ", has port " + std::to_string(target.service->port),
                sink);
      continue;
    }
    std::string detail;
    if (target.cluster == nullptr) {
      detail = "no Service of this name in namespace " + target.ref->namespace_;
    } else if (target.cluster->services.empty()) {
      detail = "cluster " + target.cluster->name() +
               " has no listener Services yet (are its KafkaNodePools in place?)";
    } else {
      detail = "Services of cluster " + target.cluster->name() + " are " +
               joinNames(target.cluster->serviceNames());
    }
    sink.deny(FieldError::notFound(target.path().child("name"), name, detail));
  }
}

} // namespace

const Rule<model::TlsRoute>& routeBackendRule() {
  static const Rule<model::TlsRoute> kRule{
      "route-backend",
      "Each Service backend exists or will be created by Strimzi, and is used on its port.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::tls_route

#include "sgw/rules/tls_route/advertised_port.h"

#include <algorithm>

#include "sgw/derived/route_backends.h"
#include "sgw/gateway/attaching_route.h"
#include "sgw/gateway/route_acceptance.h"
#include "sgw/strimzi/listener_advertising.h"
#include "sgw/strimzi/tls_route_listener.h"

namespace sgw::rules::tls_route {

namespace {

std::string joinPorts(const std::vector<std::int64_t>& ports) {
  std::string out;
  for (const auto port : ports) {
    out += (out.empty() ? "" : ", ") + std::to_string(port);
  }
  return out;
}

void check(const Subject<model::TlsRoute>& subject, FindingSink& sink) {
  const auto& route = subject.object;
  const auto& backends = subject.derived.backendsOf(route);
  // The brokers this route leads to (a route to one broker, normally).
  std::vector<const derived::BackendTarget*> brokers;
  for (const auto& target : backends.targets()) {
    // A tlsroute listener's routes are judged on the Kafka (tlsroute-gateway), where the fix goes.
    if (target.service != nullptr && target.service->broker.has_value() &&
        target.cluster != nullptr && target.listener() != nullptr &&
        !strimzi::isTlsRouteListener(*target.listener())) {
      brokers.push_back(&target);
    }
  }
  if (brokers.empty()) {
    return;
  }
  const auto attaching = gateway::routeToAttach(route);
  for (std::size_t i = 0; i < route.parentRefs.size(); ++i) {
    const auto verdict = gateway::judgeParent(attaching, route.parentRefs[i], subject.cluster);
    if (!verdict.accepted()) {
      continue; // route-acceptance and gateway-passthrough speak for this parent
    }
    const auto ports = verdict.acceptingPorts();
    for (const auto* target : brokers) {
      const auto& listener = *target->listener();
      const auto broker = *target->service->broker;
      const auto port = strimzi::advertisedPort(listener, broker);
      if (std::find(ports.begin(), ports.end(), port) != ports.end()) {
        continue;
      }
      sink.warn(FieldError::invalid(
          FieldPath::root("spec").child("parentRefs").index(i),
          nlohmann::json(route.parentRefs[i].name),
          "broker " + broker.toString() + " advertises port " + std::to_string(port) +
              " on listener " + listener.name + ", but " + verdict.owner +
              " takes this route on port" + (ports.size() == 1 ? " " : "s ") + joinPorts(ports) +
              "; set its advertisedPort to " + std::to_string(ports.front()) +
              " unless something in front maps the port"));
    }
  }
}

} // namespace

const Rule<model::TlsRoute>& advertisedPortRule() {
  static const Rule<model::TlsRoute> kRule{
      "advertised-port",
      "A broker advertises the port of the Gateway listener its route attaches to.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::tls_route

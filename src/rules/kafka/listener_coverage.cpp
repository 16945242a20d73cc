#include "sgw/rules/kafka/listener_coverage.h"

#include <algorithm>

#include "sgw/rules/kafka_fields.h"
#include "sgw/rules/message_lists.h"
#include "sgw/strimzi/listener_advertising.h"
#include "sgw/strimzi/node_assignment.h"
#include "sgw/strimzi/tls_route_listener.h"

namespace sgw::rules::kafka {

namespace {

void check(const Subject<model::Kafka>& subject, FindingSink& sink) {
  const auto& kafka = subject.object;
  for (std::size_t i = 0; i < kafka.listeners.size(); ++i) {
    const auto& listener = kafka.listeners[i];
    // A tlsroute listener's brokers advertise their route host when they have no advertisedHost
    // (and listener-config requires that host), so none falls back to an internal address.
    if (!strimzi::advertisesPerBroker(listener) || strimzi::isTlsRouteListener(listener)) {
      continue;
    }
    const auto missing =
        strimzi::brokersWithoutAdvertisedHost(listener, subject.derived.nodesOf(kafka).brokerIds());
    if (missing.empty()) {
      continue;
    }
    const bool one = missing.size() == 1;
    sink.warn(FieldError::required(
        listenerConfigurationPath(i).child("brokers"),
        std::string(one ? "no advertisedHost for broker " : "no advertisedHost for brokers ") +
            joinIds(missing) +
            (one ? ", which would advertise its internal address; add an entry for it"
                 : ", which would advertise their internal addresses; add entries for them")));
  }
}

} // namespace

const Rule<model::Kafka>& listenerCoverageRule() {
  static const Rule<model::Kafka> kRule{
      "listener-coverage",
      "A listener with per-broker advertisedHost entries has one for every broker node.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::kafka

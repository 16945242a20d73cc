#pragma once

#include "sgw/model/kafka.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::kafka {

// listener-config: each listener is configured as Strimzi's operator accepts it
// (ListenersValidator, ListenersUtils of Strimzi 1.2). The operator only finds these mistakes
// when it reconciles, and then stops reconciling the whole cluster; the webhook refuses them at
// `kubectl apply`:
// - a `tlsroute` listener without `parentRefs`, without `bootstrap.host`, or with a broker node
//   that has no `brokers[].host` and no `hostTemplate`;
// - `hostTemplate`, `bootstrap.host` or `brokers[].host` on a listener that is not `tlsroute`,
//   `route` or `ingress`, and `parentRefs` on one that is not `tlsroute`;
// - an `advertisedPortTemplate` Strimzi cannot evaluate, or one that renders no TCP port.
const Rule<model::Kafka>& listenerConfigRule();

} // namespace sgw::rules::kafka

#pragma once

#include "sgw/model/kafka.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::kafka {

// tlsroute-gateway: the TLSRoutes the operator will create for a `type: tlsroute` listener
// (Strimzi 1.1+) are accepted by the Gateway or ListenerSet listeners its `parentRefs` name, and
// brokers advertise the port those listeners listen on. The routes do not exist when the Kafka is
// applied, so the webhook judges them as the operator will write them (one bootstrap route, one
// per broker node, in the Kafka's namespace), with the same Gateway API checks as a hand-made
// TLSRoute:
// - a parent that does not exist yet is a warning;
// - a missing section, a listener that is not TLS Passthrough, allowedRoutes that leave out the
//   Kafka's namespace or the TLSRoute kind, a ListenerSet its Gateway does not take: denied on
//   the parentRef;
// - a host no listener hostname intersects: denied on the field the host comes from;
// - an advertised port (443 unless advertisedPort or advertisedPortTemplate says otherwise) that
//   is not the accepting listener's port: a warning, since something in front may map it.
const Rule<model::Kafka>& tlsRouteGatewayRule();

} // namespace sgw::rules::kafka

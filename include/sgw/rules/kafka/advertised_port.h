#pragma once

#include "sgw/model/kafka.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::kafka {

// advertised-port (Kafka): each broker advertises, on the listener its TLSRoutes lead to, the
// port of the Gateway listener those routes attach to. A warning: something in front of the
// Gateway may map ports.
const Rule<model::Kafka>& advertisedPortRule();

} // namespace sgw::rules::kafka

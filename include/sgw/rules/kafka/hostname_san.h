#pragma once

#include "sgw/model/kafka.h"
#include "sgw/rules/rule.h"

namespace sgw::rules::kafka {

// hostname-san (Kafka): every hostname a TLS listener with a custom certificate is reached by
// (advertised hosts, rendered templates, route hosts, bootstrap names) is covered by that
// certificate's SANs, so clients can verify the brokers they are sent to.
const Rule<model::Kafka>& hostnameSanRule();

} // namespace sgw::rules::kafka

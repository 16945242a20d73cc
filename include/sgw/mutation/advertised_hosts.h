#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "sgw/core/json_value.h"
#include "sgw/model/kafka.h"
#include "sgw/mutation/mutation_annotations.h"
#include "sgw/rules/finding.h"
#include "sgw/strimzi/node_assignment.h"

namespace sgw::mutation {

// The id the mutation's findings carry in logs and metrics.
inline constexpr std::string_view kAdvertisedHostsId = "advertised-hosts";

// True for the listeners the general template annotation fills: TLS listeners (a Gateway routes
// them by SNI) whose brokers advertise a host of our choosing, i.e. cluster-ip, loadbalancer,
// nodeport and internal. Route and ingress listeners advertise their own `host`.
bool takesGeneralTemplate(const model::KafkaListener& listener);

// Decides, listener by listener, how to fill its `configuration.brokers` and returns the RFC 6902
// `add` operations for the broker nodes that have no entry yet, in broker ID order. A listener is
// filled from its template annotation, else from the pattern its entries follow (same listener
// types as the general annotation, any `tls`), else left alone; listeners with Strimzi's own
// `advertisedHostTemplate` are always left alone. Existing entries are never changed, moved or
// removed, so applying the patch and filling again gives no operation.
//
// Patch shape: a listener without `configuration` gets one `add` of
// `{"brokers": [entries...]}`, one without `brokers` one `add` of the array, and otherwise
// each entry is appended with `.../brokers/-` (RFC 6902 §4.1 "-": the end of the array), which
// says "append" without depending on how many entries there were.
//
// Reports to `sink`: a warning per listener filled ("added 10, 11 from template ..."), a warning
// when an annotated listener gets nothing because the cluster has no broker nodes yet, and a
// denial on the annotation when a template renders a host that is not a DNS name.
nlohmann::json fillAdvertisedHosts(JsonValue raw, const model::Kafka& kafka,
                                   const MutationAnnotations& annotations,
                                   const strimzi::ClusterNodes& nodes, rules::FindingSink& sink);

} // namespace sgw::mutation

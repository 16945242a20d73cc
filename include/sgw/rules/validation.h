#pragma once

#include <string_view>

#include "sgw/core/field_error.h"
#include "sgw/model/certificate.h"
#include "sgw/model/kafka.h"
#include "sgw/model/kafka_node_pool.h"
#include "sgw/model/tls_route.h"
#include "sgw/rules/rule.h"

namespace sgw::rules {

// The id under which type errors in a reviewed object are reported.
inline constexpr std::string_view kObjectSchemaRuleId = "object-schema";

// An object whose fields have the wrong type is never shown to the rules (they would judge half
// of it); each type error is a denial of its own instead.
FindingList objectSchemaFindings(const FieldErrorList& errors);

// What the validating webhook reports about one object: every registered rule (runRules), with
// the policies that apply on top of the rules. The server and the offline checker both judge
// through these, so a manifest gets the same verdict in CI as at `kubectl apply`.
FindingList validate(const Subject<model::Kafka>& subject);
FindingList validate(const Subject<model::KafkaNodePool>& subject);
// TLSRoutes owned by Strimzi (a Kafka or KafkaNodePool made them) are reported, never refused:
// blocking the operator would stop it from reconciling the whole cluster.
FindingList validate(const Subject<model::TlsRoute>& subject);
// cert-manager Certificates: judged by the names the Kafka listeners using their Secret need.
FindingList validate(const Subject<model::Certificate>& subject);

} // namespace sgw::rules

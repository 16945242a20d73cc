#pragma once

#include <span>

#include "sgw/model/certificate.h"
#include "sgw/model/kafka.h"
#include "sgw/model/kafka_node_pool.h"
#include "sgw/model/kind.h"
#include "sgw/model/tls_route.h"
#include "sgw/rules/rule.h"

namespace sgw::rules {

// The rules of each reviewed kind, in the order they run. Adding a rule means adding one entry
// here; the review pipeline needs no change.
std::span<const Rule<model::Kafka>> kafkaRules();
std::span<const Rule<model::KafkaNodePool>> kafkaNodePoolRules();
std::span<const Rule<model::TlsRoute>> tlsRouteRules();
std::span<const Rule<model::Certificate>> certificateRules();

// Whether a rule of the kind reads the stored version of an updated object (Subject::oldObject):
// only then does a review decode and parse it.
bool readsOldObject(model::Kind kind);

// Runs every rule registered for the subject's kind and operation.
FindingList runRules(const Subject<model::Kafka>& subject);
FindingList runRules(const Subject<model::KafkaNodePool>& subject);
FindingList runRules(const Subject<model::TlsRoute>& subject);
FindingList runRules(const Subject<model::Certificate>& subject);

} // namespace sgw::rules

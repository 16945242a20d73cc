#pragma once

#include <string_view>
#include <type_traits>
#include <variant>

#include "sgw/cluster/any_object.h"
#include "sgw/core/field_error.h"
#include "sgw/model/certificate.h"
#include "sgw/model/kafka.h"
#include "sgw/model/kafka_node_pool.h"
#include "sgw/model/tls_route.h"
#include "sgw/rules/rule.h"

namespace sgw::rules {

// The kinds that have rules, in one place: the server and the offline checker judge objects of
// these kinds and let every other kind through unjudged (the audit walks the same four
// collections of the snapshot).
template <class T>
inline constexpr bool kJudged =
    std::is_same_v<T, model::Kafka> || std::is_same_v<T, model::KafkaNodePool> ||
    std::is_same_v<T, model::TlsRoute> || std::is_same_v<T, model::Certificate>;

// kJudged, asked of a kind before its object is parsed.
bool isJudged(model::Kind kind);

// Calls `judge` with the object as its own model type when its kind is judged, and returns what
// it returns; for any other kind, a default-constructed result.
template <class Judge> auto judgeAsItsKind(const cluster::AnyObject& object, Judge&& judge) {
  using Result = std::invoke_result_t<Judge, const model::Kafka&>;
  return std::visit(
      [&](const auto& pointer) -> Result {
        using T = std::remove_cv_t<std::remove_reference_t<decltype(*pointer)>>;
        if constexpr (kJudged<T>) {
          return judge(*pointer);
        } else {
          return Result{};
        }
      },
      object);
}

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

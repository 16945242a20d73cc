#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace sgw::model {

// The kinds this webhook reads. Kinds are told apart by API group and kind, never by version,
// so every served version of a kind (TLSRoute v1alpha2, v1alpha3, v1) maps to the same model.
enum class Kind {
  Kafka,
  KafkaNodePool,
  TlsRoute,
  Gateway,
  ReferenceGrant,
  Service,
  Secret,
  ListenerSet,
  Namespace,
  Certificate, // cert-manager.io: optional, a cluster may not run cert-manager
};

inline constexpr std::string_view kStrimziGroup = "kafka.strimzi.io";
inline constexpr std::string_view kGatewayGroup = "gateway.networking.k8s.io";
inline constexpr std::string_view kCertManagerGroup = "cert-manager.io";

std::optional<Kind> kindFromGroupKind(std::string_view group, std::string_view kind);
// Reads `apiVersion` and `kind` of a manifest or API object.
std::optional<Kind> kindOfObject(const nlohmann::json& object);
// The kind as Kubernetes spells it ("TLSRoute").
std::string_view kindName(Kind kind);
std::string_view groupOf(Kind kind);
// The API resource name of the kind ("tlsroutes"): in request paths, logs, metrics and /readyz.
std::string_view pluralOf(Kind kind);

} // namespace sgw::model

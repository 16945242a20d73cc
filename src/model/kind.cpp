#include "sgw/model/kind.h"

#include <array>
#include <string>

namespace sgw::model {

namespace {

struct KindEntry {
  Kind kind;
  std::string_view group;
  std::string_view name;
  std::string_view plural;
};

constexpr std::array<KindEntry, 10> kKinds = {{
    {Kind::Kafka, kStrimziGroup, "Kafka", "kafkas"},
    {Kind::KafkaNodePool, kStrimziGroup, "KafkaNodePool", "kafkanodepools"},
    {Kind::TlsRoute, kGatewayGroup, "TLSRoute", "tlsroutes"},
    {Kind::Gateway, kGatewayGroup, "Gateway", "gateways"},
    {Kind::ReferenceGrant, kGatewayGroup, "ReferenceGrant", "referencegrants"},
    {Kind::Service, "", "Service", "services"},
    {Kind::Secret, "", "Secret", "secrets"},
    {Kind::ListenerSet, kGatewayGroup, "ListenerSet", "listenersets"},
    {Kind::Namespace, "", "Namespace", "namespaces"},
    {Kind::Certificate, kCertManagerGroup, "Certificate", "certificates"},
}};

} // namespace

std::optional<Kind> kindFromGroupKind(std::string_view group, std::string_view kind) {
  for (const auto& entry : kKinds) {
    if (entry.group == group && entry.name == kind) {
      return entry.kind;
    }
  }
  return std::nullopt;
}

std::optional<Kind> kindOfObject(const nlohmann::json& object) {
  if (!object.is_object()) {
    return std::nullopt;
  }
  const auto apiVersion = object.find("apiVersion");
  const auto kind = object.find("kind");
  if (apiVersion == object.end() || kind == object.end() || !apiVersion->is_string() ||
      !kind->is_string()) {
    return std::nullopt;
  }
  const auto& version = apiVersion->get_ref<const std::string&>();
  const auto slash = version.find('/');
  const std::string_view group =
      slash == std::string::npos ? std::string_view{} : std::string_view(version).substr(0, slash);
  return kindFromGroupKind(group, kind->get_ref<const std::string&>());
}

std::string_view kindName(Kind kind) {
  for (const auto& entry : kKinds) {
    if (entry.kind == kind) {
      return entry.name;
    }
  }
  return "";
}

std::string_view pluralOf(Kind kind) {
  for (const auto& entry : kKinds) {
    if (entry.kind == kind) {
      return entry.plural;
    }
  }
  return "";
}

std::string_view groupOf(Kind kind) {
  for (const auto& entry : kKinds) {
    if (entry.kind == kind) {
      return entry.group;
    }
  }
  return "";
}

} // namespace sgw::model

#include "sgw/model/kafka_node_pool.h"

#include "sgw/model/json_fields.h"

namespace sgw::model {

namespace {

ProcessRoles parseRoles(const JsonFields& fields, std::string_view name) {
  ProcessRoles roles;
  const auto values = fields.stringArray(name);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == "broker") {
      roles.broker = true;
    } else if (values[i] == "controller") {
      roles.controller = true;
    } else {
      fields.errors().push_back(FieldError::notSupported(
          fields.pathOf(name).index(i), values[i], "supported values: \"broker\", \"controller\""));
    }
  }
  return roles;
}

} // namespace

KafkaNodePool parseKafkaNodePool(JsonValue object, const std::string& defaultNamespace,
                                 FieldErrorList& errors) {
  KafkaNodePool pool;
  pool.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  pool.apiVersion = root.string("apiVersion").value_or("");
  const auto spec = root.nested("spec");
  pool.replicas = spec.integer("replicas").value_or(0);
  pool.roles = parseRoles(spec, "roles");
  const auto status = root.nested("status");
  if (const auto ids = status.array("nodeIds")) {
    std::vector<NodeId> nodeIds;
    for (std::size_t i = 0; i < ids->size(); ++i) {
      const auto& id = (*ids)[i];
      if (id.type() == JsonValue::Type::Integer || id.type() == JsonValue::Type::Unsigned) {
        nodeIds.push_back(NodeId{id.integer()});
      } else {
        errors.push_back(FieldError::invalid(status.pathOf("nodeIds").index(i), id.toJson(),
                                             "must be an integer"));
      }
    }
    pool.statusNodeIds = std::move(nodeIds);
  }
  if (status.array("roles").has_value()) {
    pool.statusRoles = parseRoles(status, "roles");
  }
  return pool;
}

} // namespace sgw::model

#include "sgw/model/tls_route.h"

#include "sgw/model/json_fields.h"
#include "sgw/model/kind.h"

namespace sgw::model {

bool ParentReference::isGateway() const {
  return group == kGatewayGroup && kind == "Gateway";
}

bool TlsRoute::ownedByStrimzi() const {
  for (const auto& owner : metadata.ownerReferences) {
    const bool strimziApi = owner.apiVersion.rfind(std::string(kStrimziGroup) + "/", 0) == 0;
    if (strimziApi && (owner.kind == "Kafka" || owner.kind == "KafkaNodePool")) {
      return true;
    }
  }
  return false;
}

ParentReference parseParentReference(const JsonFields& fields,
                                     const std::string& defaultNamespace) {
  ParentReference parent;
  if (fields.expectObject()) {
    parent.group = fields.string("group").value_or(std::string(kGatewayGroup));
    parent.kind = fields.string("kind").value_or("Gateway");
    parent.namespace_ = fields.string("namespace").value_or(defaultNamespace);
    parent.name = fields.string("name").value_or("");
    parent.sectionName = fields.string("sectionName");
    parent.port = fields.integer("port");
  }
  return parent;
}

TlsRoute parseTlsRoute(JsonValue object, const std::string& defaultNamespace,
                       FieldErrorList& errors) {
  TlsRoute route;
  route.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  route.apiVersion = root.string("apiVersion").value_or("");
  const auto spec = root.nested("spec");
  route.hostnames = spec.stringArray("hostnames");
  if (const auto parents = spec.array("parentRefs")) {
    for (std::size_t i = 0; i < parents->size(); ++i) {
      route.parentRefs.push_back(parseParentReference(spec.element("parentRefs", i, (*parents)[i]),
                                                      route.metadata.namespace_));
    }
  }
  if (const auto rules = spec.array("rules")) {
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const auto ruleFields = spec.element("rules", i, (*rules)[i]);
      TlsRouteRule rule;
      if (ruleFields.expectObject()) {
        if (const auto backends = ruleFields.array("backendRefs")) {
          for (std::size_t j = 0; j < backends->size(); ++j) {
            const auto fields = ruleFields.element("backendRefs", j, (*backends)[j]);
            BackendReference backend;
            if (fields.expectObject()) {
              backend.group = fields.string("group").value_or("");
              backend.kind = fields.string("kind").value_or("Service");
              backend.namespace_ = fields.string("namespace").value_or(route.metadata.namespace_);
              backend.name = fields.string("name").value_or("");
              backend.port = fields.integer("port");
              backend.weight = fields.integer("weight");
            }
            rule.backendRefs.push_back(std::move(backend));
          }
        }
      }
      route.rules.push_back(std::move(rule));
    }
  }
  return route;
}

} // namespace sgw::model

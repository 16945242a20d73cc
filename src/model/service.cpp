#include "sgw/model/service.h"

#include "sgw/model/json_fields.h"

namespace sgw::model {

bool Service::hasPort(std::int64_t port) const {
  for (const auto& candidate : ports) {
    if (candidate.port == port) {
      return true;
    }
  }
  return false;
}

Service parseService(JsonValue object, const std::string& defaultNamespace,
                     FieldErrorList& errors) {
  Service service;
  service.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  const auto spec = root.nested("spec");
  service.type = spec.string("type").value_or("ClusterIP");
  if (const auto ports = spec.array("ports")) {
    for (std::size_t i = 0; i < ports->size(); ++i) {
      const auto fields = spec.element("ports", i, (*ports)[i]);
      if (fields.expectObject()) {
        service.ports.push_back({fields.string("name"), fields.integer("port").value_or(0)});
      }
    }
  }
  return service;
}

} // namespace sgw::model

#include "sgw/model/gateway.h"

#include "sgw/model/json_fields.h"

namespace sgw::model {

const GatewayListener* Gateway::listener(const std::string& name) const {
  for (const auto& candidate : listeners) {
    if (candidate.name == name) {
      return &candidate;
    }
  }
  return nullptr;
}

Gateway parseGateway(const nlohmann::json& object, const std::string& defaultNamespace,
                     FieldErrorList& errors) {
  Gateway gateway;
  gateway.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  const auto spec = root.nested("spec");
  gateway.gatewayClassName = spec.string("gatewayClassName").value_or("");
  if (const auto* listeners = spec.array("listeners")) {
    for (std::size_t i = 0; i < listeners->size(); ++i) {
      const auto path = spec.pathOf("listeners").index(i);
      GatewayListener listener;
      if (expectObject((*listeners)[i], path, errors)) {
        const JsonFields fields((*listeners)[i], path, errors);
        listener.name = fields.string("name").value_or("");
        listener.hostname = fields.string("hostname");
        listener.port = fields.integer("port").value_or(0);
        listener.protocol = fields.string("protocol").value_or("");
        if (fields.object("tls") != nullptr) {
          listener.tlsMode = fields.nested("tls").string("mode").value_or("Terminate");
        }
      }
      gateway.listeners.push_back(std::move(listener));
    }
  }
  return gateway;
}

} // namespace sgw::model

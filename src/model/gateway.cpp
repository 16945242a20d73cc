#include "sgw/model/gateway.h"

#include "sgw/model/json_fields.h"
#include "sgw/model/kind.h"

namespace sgw::model {

namespace {

NamespacesFrom parseNamespacesFrom(const JsonFields& fields, const std::string& defaultFrom) {
  NamespacesFrom out{fields.string("from").value_or(defaultFrom), std::nullopt};
  if (fields.object("selector").has_value()) {
    out.selector = parseLabelSelector(fields.nested("selector"));
  }
  return out;
}

std::vector<GatewayListener> parseListeners(const JsonFields& spec) {
  std::vector<GatewayListener> out;
  const auto listeners = spec.array("listeners");
  if (!listeners.has_value()) {
    return out;
  }
  for (std::size_t i = 0; i < listeners->size(); ++i) {
    const auto fields = spec.element("listeners", i, (*listeners)[i]);
    GatewayListener listener;
    if (fields.expectObject()) {
      listener.name = fields.string("name").value_or("");
      listener.hostname = fields.string("hostname");
      if (listener.hostname.has_value() && listener.hostname->empty()) {
        listener.hostname.reset(); // "" means every hostname, as absent does
      }
      listener.port = fields.integer("port").value_or(0);
      listener.protocol = fields.string("protocol").value_or("");
      if (fields.object("tls").has_value()) {
        listener.tlsMode = fields.nested("tls").string("mode").value_or("Terminate");
      }
      const auto allowed = fields.nested("allowedRoutes");
      listener.allowedNamespaces = parseNamespacesFrom(allowed.nested("namespaces"), "Same");
      if (const auto kinds = allowed.array("kinds")) {
        for (std::size_t k = 0; k < kinds->size(); ++k) {
          const auto kind = allowed.element("kinds", k, (*kinds)[k]);
          if (kind.expectObject()) {
            listener.allowedKinds.push_back(
                {kind.string("group").value_or(std::string(kGatewayGroup)),
                 kind.string("kind").value_or("")});
          }
        }
      }
    }
    out.push_back(std::move(listener));
  }
  return out;
}

template <class T> const GatewayListener* findListener(const T& owner, const std::string& name) {
  for (const auto& candidate : owner.listeners) {
    if (candidate.name == name) {
      return &candidate;
    }
  }
  return nullptr;
}

} // namespace

const GatewayListener* Gateway::listener(const std::string& name) const {
  return findListener(*this, name);
}

const GatewayListener* ListenerSet::listener(const std::string& name) const {
  return findListener(*this, name);
}

Gateway parseGateway(JsonValue object, const std::string& defaultNamespace,
                     FieldErrorList& errors) {
  Gateway gateway;
  gateway.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  const auto spec = root.nested("spec");
  gateway.gatewayClassName = spec.string("gatewayClassName").value_or("");
  gateway.listeners = parseListeners(spec);
  gateway.allowedListeners =
      parseNamespacesFrom(spec.nested("allowedListeners").nested("namespaces"), "None");
  return gateway;
}

ListenerSet parseListenerSet(JsonValue object, const std::string& defaultNamespace,
                             FieldErrorList& errors) {
  ListenerSet set;
  set.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  const auto spec = root.nested("spec");
  const auto parent = spec.nested("parentRef");
  set.parentGroup = parent.string("group").value_or(std::string(kGatewayGroup));
  set.parentKind = parent.string("kind").value_or("Gateway");
  set.parent = {parent.string("namespace").value_or(set.metadata.namespace_),
                parent.string("name").value_or("")};
  set.listeners = parseListeners(spec);
  return set;
}

Namespace parseNamespace(JsonValue object, const std::string& /*defaultNamespace*/,
                         FieldErrorList& errors) {
  Namespace out;
  out.metadata = parseObjectMeta(object, "", errors);
  out.metadata.namespace_.clear();
  out.metadata.labels["kubernetes.io/metadata.name"] = out.metadata.name;
  return out;
}

} // namespace sgw::model

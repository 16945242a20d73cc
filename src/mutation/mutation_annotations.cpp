#include "sgw/mutation/mutation_annotations.h"

namespace sgw::mutation {

namespace {

constexpr std::int64_t kMaxPort = 65535;

// The listener named by `<base>.<listener>`, or nothing when `key` is not such a key.
std::optional<std::string> listenerSuffix(const std::string& key, std::string_view base) {
  if (key.size() <= base.size() || key.compare(0, base.size(), base) != 0 ||
      key[base.size()] != '.') {
    return std::nullopt;
  }
  return key.substr(base.size() + 1);
}

std::optional<std::int64_t> parsePort(const std::string& text) {
  if (text.empty() || text.size() > 5) {
    return std::nullopt;
  }
  std::int64_t port = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    port = port * 10 + (c - '0');
  }
  if (port < 1 || port > kMaxPort) {
    return std::nullopt;
  }
  return port;
}

std::string listenerNames(const model::Kafka& kafka) {
  std::string out;
  for (const auto& listener : kafka.listeners) {
    out += (out.empty() ? "" : ", ") + listener.name;
  }
  return out;
}

// False (after warning) when a per-listener annotation names no listener of the Kafka.
bool namesListener(const model::Kafka& kafka, const std::string& key, const std::string& listener,
                   rules::FindingSink& sink) {
  if (kafka.listener(listener) != nullptr) {
    return true;
  }
  sink.warn(FieldError::notFound(annotationPath(key), listener,
                                 kafka.listeners.empty()
                                     ? "the Kafka has no listeners; the annotation is ignored"
                                     : "no listener has this name; the listeners are " +
                                           listenerNames(kafka)));
  return false;
}

std::optional<TemplateAnnotation> readTemplate(const std::string& key, const std::string& value,
                                               rules::FindingSink& sink) {
  auto parsed = HostTemplate::parse(value);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    sink.deny(FieldError::invalid(annotationPath(key), value, *error));
    return std::nullopt;
  }
  return TemplateAnnotation{key, std::get<HostTemplate>(std::move(parsed))};
}

std::optional<PortAnnotation> readPort(const std::string& key, const std::string& value,
                                       rules::FindingSink& sink) {
  const auto port = parsePort(value);
  if (!port.has_value()) {
    sink.deny(
        FieldError::invalid(annotationPath(key), value, "must be a port number from 1 to 65535"));
    return std::nullopt;
  }
  return PortAnnotation{key, *port};
}

} // namespace

FieldPath annotationPath(std::string_view key) {
  return FieldPath::root("metadata").child("annotations").key(key);
}

const TemplateAnnotation* MutationAnnotations::hostTemplateFor(const std::string& listener,
                                                               bool eligible) const {
  if (const auto found = listenerHostTemplates.find(listener);
      found != listenerHostTemplates.end()) {
    return &found->second;
  }
  return eligible && hostTemplate.has_value() ? &*hostTemplate : nullptr;
}

const PortAnnotation* MutationAnnotations::portFor(const std::string& listener) const {
  if (const auto found = listenerPorts.find(listener); found != listenerPorts.end()) {
    return &found->second;
  }
  return port.has_value() ? &*port : nullptr;
}

MutationAnnotations readMutationAnnotations(const model::Kafka& kafka, rules::FindingSink& sink) {
  MutationAnnotations out;
  for (const auto& [key, value] : kafka.metadata.annotations) {
    if (key == kHostTemplateAnnotation) {
      out.hostTemplate = readTemplate(key, value, sink);
    } else if (key == kPortAnnotation) {
      out.port = readPort(key, value, sink);
    } else if (const auto listener = listenerSuffix(key, kHostTemplateAnnotation)) {
      auto parsed = readTemplate(key, value, sink);
      if (parsed.has_value() && namesListener(kafka, key, *listener, sink)) {
        out.listenerHostTemplates.emplace(*listener, std::move(*parsed));
      }
    } else if (const auto portListener = listenerSuffix(key, kPortAnnotation)) {
      auto parsed = readPort(key, value, sink);
      if (parsed.has_value() && namesListener(kafka, key, *portListener, sink)) {
        out.listenerPorts.emplace(*portListener, *parsed);
      }
    }
  }
  return out;
}

} // namespace sgw::mutation

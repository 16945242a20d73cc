#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sgw/core/field_path.h"
#include "sgw/model/kafka.h"
#include "sgw/mutation/host_template.h"
#include "sgw/rules/finding.h"

namespace sgw::mutation {

// The template for every listener with `tls: true` of type cluster-ip, loadbalancer, nodeport or
// internal; `<kHostTemplateAnnotation>.<listener>` sets it for one listener of any type.
inline constexpr std::string_view kHostTemplateAnnotation =
    "strimzi-gateway-webhook.io/advertised-host-template";
// The advertisedPort of the entries added from a template; `<kPortAnnotation>.<listener>` for
// one listener.
inline constexpr std::string_view kPortAnnotation = "strimzi-gateway-webhook.io/advertised-port";

// A template annotation, parsed, and its key (denials about what it renders name the key).
struct TemplateAnnotation {
  std::string key;
  HostTemplate hostTemplate;
};

struct PortAnnotation {
  std::string key;
  std::int64_t port = 0;
};

// The webhook's annotations on one Kafka. Per-listener annotations win over the general ones.
struct MutationAnnotations {
  std::optional<TemplateAnnotation> hostTemplate;
  std::map<std::string, TemplateAnnotation> listenerHostTemplates; // by listener name
  std::optional<PortAnnotation> port;
  std::map<std::string, PortAnnotation> listenerPorts; // by listener name

  // The template for a listener: its own annotation, else the general one when `eligible`.
  const TemplateAnnotation* hostTemplateFor(const std::string& listener, bool eligible) const;
  // The port annotation for a listener: its own, else the general one.
  const PortAnnotation* portFor(const std::string& listener) const;
};

// `metadata.annotations[<key>]`: where findings about an annotation point.
FieldPath annotationPath(std::string_view key);

// Reads the annotations. A template that does not parse or a port that is not a number from 1 to
// 65535 is denied on its annotation (it is read even when no listener would use it: a typo should
// not wait for the next scale to surface); a per-listener annotation naming no listener of the
// Kafka is warned about and ignored.
MutationAnnotations readMutationAnnotations(const model::Kafka& kafka, rules::FindingSink& sink);

} // namespace sgw::mutation

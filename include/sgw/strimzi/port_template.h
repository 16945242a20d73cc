#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "sgw/model/kafka.h"
#include "sgw/model/node_id.h"

namespace sgw::strimzi {

// How an `advertisedPortTemplate` must look, for messages.
inline constexpr std::string_view kPortTemplateSyntax =
    "a formula of numbers, {nodeId}, +, -, * and parentheses, such as 9000 + {nodeId} or 9092";

// The TCP port range an advertised port must fall in.
inline constexpr std::int64_t kMinPort = 1;
inline constexpr std::int64_t kMaxPort = 65535;

// Renders a listener's `advertisedPortTemplate` for one node as Strimzi 1.0+ does
// (ListenersUtils.renderPortTemplate): `{nodeId}` is replaced by the ID as text, then the result
// is evaluated as arithmetic with +, -, * and parentheses only (no unary minus, no division) in
// floating point, and cut to a Java int. Returns the port, or why Strimzi cannot evaluate it (a
// phrase that fits after "Invalid value: ...: ").
std::variant<std::int64_t, std::string> renderPortTemplate(std::string_view portTemplate,
                                                           model::NodeId id);

// The port a broker advertises on a listener when something overrides the listener's own:
// the first `brokers[]` entry for the node that sets `advertisedPort`, else the rendered
// `advertisedPortTemplate`. Nothing when neither is set, or when the template cannot be evaluated
// (a finding of its own).
std::optional<std::int64_t> advertisedPortOverride(const model::KafkaListener& listener,
                                                   model::NodeId id);

} // namespace sgw::strimzi

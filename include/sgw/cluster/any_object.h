#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "sgw/core/field_error.h"
#include "sgw/model/certificate.h"
#include "sgw/model/gateway.h"
#include "sgw/model/kafka.h"
#include "sgw/model/kafka_node_pool.h"
#include "sgw/model/kind.h"
#include "sgw/model/reference_grant.h"
#include "sgw/model/secret.h"
#include "sgw/model/service.h"
#include "sgw/model/tls_route.h"

namespace sgw::cluster {

// One parsed object of any kind the webhook reads. Objects are immutable and shared between
// snapshots, so publishing a new snapshot never copies an object.
using AnyObject =
    std::variant<std::shared_ptr<const model::Kafka>, std::shared_ptr<const model::KafkaNodePool>,
                 std::shared_ptr<const model::TlsRoute>, std::shared_ptr<const model::Gateway>,
                 std::shared_ptr<const model::ReferenceGrant>,
                 std::shared_ptr<const model::Service>, std::shared_ptr<const model::Secret>,
                 std::shared_ptr<const model::ListenerSet>, std::shared_ptr<const model::Namespace>,
                 std::shared_ptr<const model::Certificate>>;

model::Kind kindOf(const AnyObject& object);
const model::ObjectMeta& metadataOf(const AnyObject& object);

struct ParsedObject {
  AnyObject object;
  FieldErrorList errors; // type errors found while parsing; empty for a well-formed object
};

// Parses an object of a known kind. Returns nothing for kinds the webhook does not read.
std::optional<ParsedObject> parseObject(model::Kind kind, JsonValue object,
                                        const std::string& defaultNamespace);
// Same, with the kind read from the object's own apiVersion and kind.
std::optional<ParsedObject> parseObject(const nlohmann::json& object,
                                        const std::string& defaultNamespace);

} // namespace sgw::cluster

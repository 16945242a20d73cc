#include "sgw/cluster/any_object.h"

namespace sgw::cluster {

model::Kind kindOf(const AnyObject& object) {
  return std::visit(
      [](const auto& typed) -> model::Kind {
        using T = std::remove_const_t<typename std::decay_t<decltype(typed)>::element_type>;
        if constexpr (std::is_same_v<T, model::Kafka>) {
          return model::Kind::Kafka;
        } else if constexpr (std::is_same_v<T, model::KafkaNodePool>) {
          return model::Kind::KafkaNodePool;
        } else if constexpr (std::is_same_v<T, model::TlsRoute>) {
          return model::Kind::TlsRoute;
        } else if constexpr (std::is_same_v<T, model::Gateway>) {
          return model::Kind::Gateway;
        } else if constexpr (std::is_same_v<T, model::ReferenceGrant>) {
          return model::Kind::ReferenceGrant;
        } else if constexpr (std::is_same_v<T, model::Service>) {
          return model::Kind::Service;
        } else if constexpr (std::is_same_v<T, model::Secret>) {
          return model::Kind::Secret;
        } else if constexpr (std::is_same_v<T, model::ListenerSet>) {
          return model::Kind::ListenerSet;
        } else if constexpr (std::is_same_v<T, model::Namespace>) {
          return model::Kind::Namespace;
        } else {
          static_assert(std::is_same_v<T, model::Certificate>);
          return model::Kind::Certificate;
        }
      },
      object);
}

const model::ObjectMeta& metadataOf(const AnyObject& object) {
  return std::visit([](const auto& typed) -> const model::ObjectMeta& { return typed->metadata; },
                    object);
}

namespace {

template <class T, class Parser>
ParsedObject parseAs(Parser parser, JsonValue object, const std::string& defaultNamespace) {
  ParsedObject parsed{std::shared_ptr<const T>(), {}};
  parsed.object = std::make_shared<const T>(parser(object, defaultNamespace, parsed.errors));
  return parsed;
}

} // namespace

std::optional<ParsedObject> parseObject(model::Kind kind, JsonValue object,
                                        const std::string& defaultNamespace) {
  switch (kind) {
  case model::Kind::Kafka:
    return parseAs<model::Kafka>(model::parseKafka, object, defaultNamespace);
  case model::Kind::KafkaNodePool:
    return parseAs<model::KafkaNodePool>(model::parseKafkaNodePool, object, defaultNamespace);
  case model::Kind::TlsRoute:
    return parseAs<model::TlsRoute>(model::parseTlsRoute, object, defaultNamespace);
  case model::Kind::Gateway:
    return parseAs<model::Gateway>(model::parseGateway, object, defaultNamespace);
  case model::Kind::ReferenceGrant:
    return parseAs<model::ReferenceGrant>(model::parseReferenceGrant, object, defaultNamespace);
  case model::Kind::Service:
    return parseAs<model::Service>(model::parseService, object, defaultNamespace);
  case model::Kind::Secret:
    return parseAs<model::Secret>(model::parseSecret, object, defaultNamespace);
  case model::Kind::ListenerSet:
    return parseAs<model::ListenerSet>(model::parseListenerSet, object, defaultNamespace);
  case model::Kind::Namespace:
    return parseAs<model::Namespace>(model::parseNamespace, object, defaultNamespace);
  case model::Kind::Certificate:
    return parseAs<model::Certificate>(model::parseCertificate, object, defaultNamespace);
  }
  return std::nullopt;
}

std::optional<ParsedObject> parseObject(const nlohmann::json& object,
                                        const std::string& defaultNamespace) {
  const auto kind = model::kindOfObject(object);
  if (!kind.has_value()) {
    return std::nullopt;
  }
  return parseObject(*kind, object, defaultNamespace);
}

} // namespace sgw::cluster

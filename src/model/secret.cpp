#include "sgw/model/secret.h"

#include "sgw/core/base64.h"
#include "sgw/model/json_fields.h"

namespace sgw::model {

bool holdsPrivateKey(const std::string& value) {
  const auto begin = value.find("-----BEGIN ");
  return begin != std::string::npos && value.find("PRIVATE KEY-----", begin) != std::string::npos;
}

namespace {

void keep(Secret& secret, const std::string& key, std::string value) {
  secret.certificateChains.erase(key);
  if (holdsPrivateKey(value)) {
    secret.data.erase(key);
    secret.withheldKeys.insert(key);
    return;
  }
  secret.withheldKeys.erase(key);
  if (value.find("-----BEGIN CERTIFICATE-----") != std::string::npos) {
    secret.certificateChains.emplace(key, tls::Certificate::parsePemChain(value));
  }
  secret.data[key] = std::move(value);
}

} // namespace

const std::variant<tls::Certificate, std::string>*
Secret::certificateChain(const std::string& key) const {
  if (data.count(key) == 0) {
    return nullptr;
  }
  const auto found = certificateChains.find(key);
  return found == certificateChains.end() ? nullptr : &found->second;
}

Secret parseSecret(JsonValue object, const std::string& defaultNamespace, FieldErrorList& errors) {
  Secret secret;
  secret.metadata = parseObjectMeta(object, defaultNamespace, errors);
  const JsonFields root(object, {}, errors);
  secret.type = root.string("type").value_or("Opaque");
  for (const auto& [key, encoded] : root.stringMap("data")) {
    auto decoded = base64Decode(encoded);
    if (!decoded.has_value()) {
      // The value itself is never echoed: it may be key material.
      errors.push_back({FieldErrorType::Invalid, root.pathOf("data").key(key), std::nullopt,
                        "must be base64-encoded"});
      continue;
    }
    keep(secret, key, std::move(*decoded));
  }
  for (const auto& [key, value] : root.stringMap("stringData")) {
    keep(secret, key, value);
  }
  return secret;
}

} // namespace sgw::model

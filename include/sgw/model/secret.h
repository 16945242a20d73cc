#pragma once

#include <map>
#include <set>
#include <string>
#include <variant>

#include "sgw/core/field_error.h"
#include "sgw/core/json_value.h"
#include "sgw/model/object_meta.h"
#include "sgw/tls/certificate.h"

namespace sgw::model {

// A core `Secret`, holding only what the certificate checks need. Values that carry a PEM
// private key are never kept: their key names are remembered in `withheldKeys` so a rule can
// still tell "no such key" from "that key holds a private key".
struct Secret {
  ObjectMeta metadata;
  std::string type;
  std::map<std::string, std::string> data; // decoded values
  std::set<std::string> withheldKeys;
  // The values holding PEM certificates, parsed once when the Secret is read: every review of a
  // Kafka is judged against its certificate, and parsing X.509 costs more than the review.
  std::map<std::string, std::variant<tls::Certificate, std::string>> certificateChains;

  bool hasKey(const std::string& key) const {
    return data.count(key) != 0 || withheldKeys.count(key) != 0;
  }
  // The parsed chain under `key` (a certificate, or why it does not parse), or null when the
  // value holds no PEM certificate.
  const std::variant<tls::Certificate, std::string>* certificateChain(const std::string& key) const;
};

// Reads `data` (base64) and `stringData` (plain; it wins over `data` for the same key, as the API
// server merges them).
Secret parseSecret(JsonValue object, const std::string& defaultNamespace, FieldErrorList& errors);

// True for a value holding a PEM private key block of any type.
bool holdsPrivateKey(const std::string& value);

} // namespace sgw::model

#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sgw/core/json_value.h"
#include "sgw/core/operation.h"

namespace sgw::admission {

inline constexpr std::string_view kAdmissionApiVersion = "admission.k8s.io/v1";

struct GroupVersionKind {
  std::string group;
  std::string version;
  std::string kind;
};

// The fields of an `admission.k8s.io/v1` AdmissionRequest that the webhook uses.
struct AdmissionRequest {
  std::string uid;
  GroupVersionKind kind;
  std::string resourceGroup;
  std::string resource;
  std::string subResource;
  std::string name;
  std::string namespace_;
  Operation operation = Operation::Create;
  std::string operationName; // as sent: CREATE, UPDATE, DELETE, CONNECT
  // The objects are read where the body's parse left them, in `body`, which every copy of the
  // request keeps alive. A null when absent: `object` of a DELETE, `oldObject` of a CREATE.
  std::shared_ptr<const void> body;
  JsonValue object;
  JsonValue oldObject;
  bool dryRun = false;
};

struct AdmissionStatus {
  int code = 0;
  std::string reason;
  std::string message;
};

// The response half of an AdmissionReview. `patch` is the JSON Patch document itself; encoding
// turns it into base64 and adds `patchType: JSONPatch`.
struct AdmissionResponse {
  std::string uid;
  bool allowed = true;
  std::optional<AdmissionStatus> status;
  std::vector<std::string> warnings;
  std::optional<nlohmann::json> patch;
};

// Why a body is not an AdmissionReview the webhook can answer; the HTTP adapter answers 400.
struct DecodeError {
  std::string reason;
};

// Bodies nested deeper than this are refused before parsing, so no JSON walk can exhaust the
// stack. Kubernetes objects nest a few dozen levels at most.
inline constexpr std::size_t kMaxJsonDepth = 128;

std::variant<AdmissionRequest, DecodeError> decodeAdmissionReview(std::string_view body);
// The AdmissionReview carrying the response, as JSON text. Strings in a response may hold bytes
// of the request or of the cluster that are not UTF-8 (a certificate's SAN, a label); they are
// sent with U+FFFD in their place.
std::string encodeAdmissionReview(const AdmissionResponse& response);

} // namespace sgw::admission

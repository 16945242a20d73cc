#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

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
  nlohmann::json object;     // null for DELETE
  nlohmann::json oldObject;  // null for CREATE
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

// What of the object and oldObject a decoded request keeps: what the review reads (everything
// but metadata.managedFields), or all of it (to print the object again, as `review --apply` does).
enum class ObjectFields { Reviewed, All };

// Given a request's fields other than its objects, whether the caller reads its oldObject.
using ReadsOldObject = std::function<bool(const AdmissionRequest& request)>;

// Without `readsOldObject`, the oldObject is always kept; with it, only when it says so (a
// Kafka UPDATE carries the stored Kafka, as large as the new one, which no Kafka rule reads).
std::variant<AdmissionRequest, DecodeError>
decodeAdmissionReview(std::string_view body, ObjectFields fields = ObjectFields::Reviewed,
                      const ReadsOldObject& readsOldObject = {});
nlohmann::json encodeAdmissionReview(const AdmissionResponse& response);

} // namespace sgw::admission

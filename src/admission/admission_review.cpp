#include "sgw/admission/admission_review.h"

#include "sgw/admission/review_json.h"
#include "sgw/core/base64.h"
#include "sgw/core/field_error.h"
#include "sgw/core/message_limits.h"

namespace sgw::admission {

namespace {

std::optional<Operation> parseOperation(const std::string& name) {
  if (name == "CREATE") {
    return Operation::Create;
  }
  if (name == "UPDATE") {
    return Operation::Update;
  }
  if (name == "DELETE") {
    return Operation::Delete;
  }
  if (name == "CONNECT") {
    return Operation::Connect;
  }
  return std::nullopt;
}

std::string stringField(const nlohmann::json& object, const char* name) {
  const auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// Reads the request's fields other than its objects into `out`.
std::optional<DecodeError> readRequestFields(const nlohmann::json& request, AdmissionRequest& out) {
  out.uid = stringField(request, "uid");
  if (out.uid.empty()) {
    return DecodeError{"AdmissionReview request has no uid"};
  }
  if (const auto kind = request.find("kind"); kind != request.end() && kind->is_object()) {
    out.kind = {stringField(*kind, "group"), stringField(*kind, "version"),
                stringField(*kind, "kind")};
  }
  if (const auto resource = request.find("resource");
      resource != request.end() && resource->is_object()) {
    out.resourceGroup = stringField(*resource, "group");
    out.resource = stringField(*resource, "resource");
  }
  out.subResource = stringField(request, "subResource");
  out.name = stringField(request, "name");
  out.namespace_ = stringField(request, "namespace");
  out.operationName = stringField(request, "operation");
  const auto operation = parseOperation(out.operationName);
  if (!operation.has_value()) {
    return DecodeError{"AdmissionReview request has an unknown operation " +
                       goQuote(out.operationName)};
  }
  out.operation = *operation;
  if (const auto dryRun = request.find("dryRun"); dryRun != request.end() && dryRun->is_boolean()) {
    out.dryRun = dryRun->get<bool>();
  }
  return std::nullopt;
}

} // namespace

std::variant<AdmissionRequest, DecodeError>
decodeAdmissionReview(std::string_view body, ObjectFields fields,
                      const ReadsOldObject& readsOldObject) {
  KeepOldObject keepOldObject;
  if (readsOldObject) {
    keepOldObject = [&](const nlohmann::json& request) {
      AdmissionRequest fieldsOnly;
      return !readRequestFields(request, fieldsOnly).has_value() && readsOldObject(fieldsOnly);
    };
  }
  auto parsed =
      parseReviewJson(body, kMaxJsonDepth, fields == ObjectFields::Reviewed, keepOldObject);
  if (auto* error = std::get_if<ReviewJsonError>(&parsed)) {
    if (error->tooDeep) {
      return DecodeError{"request body nests deeper than " + std::to_string(kMaxJsonDepth) +
                         " levels"};
    }
    // Syntax errors, and numbers beyond a double's range (nlohmann's out_of_range 406). The
    // library's message quotes the offending token, which may be megabytes long.
    return DecodeError{"request body is not valid JSON: " +
                       validUtf8(shortened(error->parserMessage, kMaxWarningBytes))};
  }
  auto& review = std::get<nlohmann::json>(parsed);
  if (!review.is_object()) {
    return DecodeError{"request body is not an AdmissionReview: not a JSON object"};
  }
  if (stringField(review, "kind") != "AdmissionReview") {
    return DecodeError{"request body is not an AdmissionReview: kind is " +
                       goQuote(stringField(review, "kind"))};
  }
  const auto apiVersion = stringField(review, "apiVersion");
  if (apiVersion != kAdmissionApiVersion) {
    return DecodeError{"unsupported AdmissionReview apiVersion " + goQuote(apiVersion) +
                       ": only admission.k8s.io/v1 is served"};
  }
  const auto requestField = review.find("request");
  if (requestField == review.end() || !requestField->is_object()) {
    return DecodeError{"AdmissionReview has no request"};
  }
  AdmissionRequest out;
  if (auto error = readRequestFields(*requestField, out)) {
    return std::move(*error);
  }
  // The objects are moved out of the parsed body, not copied: they are most of it.
  if (const auto object = requestField->find("object"); object != requestField->end()) {
    out.object = std::move(*object);
  }
  if (const auto old = requestField->find("oldObject");
      old != requestField->end() && (!readsOldObject || readsOldObject(out))) {
    out.oldObject = std::move(*old);
  }
  return out;
}

nlohmann::json encodeAdmissionReview(const AdmissionResponse& response) {
  nlohmann::json body = {{"uid", response.uid}, {"allowed", response.allowed}};
  if (response.status.has_value()) {
    nlohmann::json status = {{"code", response.status->code}};
    if (!response.status->reason.empty()) {
      status["reason"] = response.status->reason;
    }
    if (!response.status->message.empty()) {
      status["message"] = response.status->message;
    }
    body["status"] = std::move(status);
  }
  if (!response.warnings.empty()) {
    body["warnings"] = response.warnings;
  }
  if (response.patch.has_value()) {
    body["patchType"] = "JSONPatch";
    body["patch"] = base64Encode(response.patch->dump());
  }
  return {{"apiVersion", kAdmissionApiVersion}, {"kind", "AdmissionReview"}, {"response", body}};
}

} // namespace sgw::admission

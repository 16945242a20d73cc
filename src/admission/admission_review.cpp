#include "sgw/admission/admission_review.h"

#include "sgw/admission/review_json.h"
#include "sgw/core/base64.h"
#include "sgw/core/field_error.h"
#include "sgw/core/json_text.h"
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

std::string stringField(JsonValue object, std::string_view name) {
  const auto found = object.member(name);
  return found.has_value() && found->isString() ? std::string(found->string()) : std::string();
}

// Reads the request's fields other than its objects into `out`.
std::optional<DecodeError> readRequestFields(JsonValue request, AdmissionRequest& out) {
  out.uid = stringField(request, "uid");
  if (out.uid.empty()) {
    return DecodeError{"AdmissionReview request has no uid"};
  }
  if (const auto kind = request.member("kind"); kind.has_value() && kind->isObject()) {
    out.kind = {stringField(*kind, "group"), stringField(*kind, "version"),
                stringField(*kind, "kind")};
  }
  if (const auto resource = request.member("resource");
      resource.has_value() && resource->isObject()) {
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
  if (const auto dryRun = request.member("dryRun"); dryRun.has_value() && dryRun->isBoolean()) {
    out.dryRun = dryRun->boolean();
  }
  return std::nullopt;
}

} // namespace

std::variant<AdmissionRequest, DecodeError> decodeAdmissionReview(std::string_view body) {
  auto parsed = parseReviewJson(body, kMaxJsonDepth);
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
  auto& review = std::get<ReviewBody>(parsed);
  if (!review.root.isObject()) {
    return DecodeError{"request body is not an AdmissionReview: not a JSON object"};
  }
  if (stringField(review.root, "kind") != "AdmissionReview") {
    return DecodeError{"request body is not an AdmissionReview: kind is " +
                       goQuote(stringField(review.root, "kind"))};
  }
  const auto apiVersion = stringField(review.root, "apiVersion");
  if (apiVersion != kAdmissionApiVersion) {
    return DecodeError{"unsupported AdmissionReview apiVersion " + goQuote(apiVersion) +
                       ": only admission.k8s.io/v1 is served"};
  }
  const auto request = review.root.member("request");
  if (!request.has_value() || !request->isObject()) {
    return DecodeError{"AdmissionReview has no request"};
  }
  AdmissionRequest out;
  if (auto error = readRequestFields(*request, out)) {
    return std::move(*error);
  }
  // The objects stay where they are in the parsed body, which the request keeps.
  out.object = request->member("object").value_or(JsonValue());
  out.oldObject = request->member("oldObject").value_or(JsonValue());
  out.body = std::move(review.document);
  return out;
}

std::string encodeAdmissionReview(const AdmissionResponse& response) {
  // Written directly, in the key order nlohmann's DOM would print, rather than built as a DOM to
  // print: a response holds a handful of fields.
  std::string out = R"({"apiVersion":)" + jsonQuoted(kAdmissionApiVersion);
  out += R"(,"kind":"AdmissionReview","response":)";
  out += response.allowed ? R"({"allowed":true)" : R"({"allowed":false)";
  if (response.patch.has_value()) {
    out += R"(,"patch":)";
    out += jsonQuoted(base64Encode(
        response.patch->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
    out += R"(,"patchType":"JSONPatch")";
  }
  if (response.status.has_value()) {
    out += R"(,"status":{"code":)" + std::to_string(response.status->code);
    if (!response.status->message.empty()) {
      out += R"(,"message":)";
      out += jsonQuoted(response.status->message);
    }
    if (!response.status->reason.empty()) {
      out += R"(,"reason":)";
      out += jsonQuoted(response.status->reason);
    }
    out += '}';
  }
  out += R"(,"uid":)";
  out += jsonQuoted(response.uid);
  if (!response.warnings.empty()) {
    out += R"(,"warnings":[)";
    for (std::size_t i = 0; i < response.warnings.size(); ++i) {
      if (i > 0) {
        out += ',';
      }
      out += jsonQuoted(response.warnings[i]);
    }
    out += ']';
  }
  out += "}}";
  return out;
}

} // namespace sgw::admission

#include <catch2/catch.hpp>

#include "sgw/admission/admission_review.h"
#include "sgw/core/base64.h"
#include "support/temp_dir.h"

using sgw::admission::AdmissionRequest;
using sgw::admission::AdmissionResponse;
using sgw::admission::decodeAdmissionReview;
using sgw::admission::DecodeError;
using sgw::admission::encodeAdmissionReview;

namespace {

std::string decodeError(const std::string& body) {
  auto decoded = decodeAdmissionReview(body);
  REQUIRE(std::holds_alternative<DecodeError>(decoded));
  return std::get<DecodeError>(decoded).reason;
}

nlohmann::json minimalReview() {
  return {{"apiVersion", "admission.k8s.io/v1"},
          {"kind", "AdmissionReview"},
          {"request",
           {{"uid", "705ab4f5-6393-11e8-b7cc-42010a800002"},
            {"kind", {{"group", "kafka.strimzi.io"}, {"version", "v1beta2"}, {"kind", "Kafka"}}},
            {"operation", "CREATE"},
            {"namespace", "strimzi"},
            {"name", "gateway-api-test"},
            {"object", {{"metadata", {{"name", "gateway-api-test"}}}}}}}};
}

} // namespace

TEST_CASE("a recorded AdmissionReview decodes with every field the pipeline uses",
          "[admission][codec]") {
  const auto body = sgw::test::readFile(
      sgw::test::fixturePath("admission/036-validate-KafkaNodePool-UPDATE-broker.json"));
  auto decoded = decodeAdmissionReview(body);
  REQUIRE(std::holds_alternative<AdmissionRequest>(decoded));
  const auto& request = std::get<AdmissionRequest>(decoded);
  CHECK(request.kind.group == "kafka.strimzi.io");
  CHECK(request.kind.version == "v1beta2");
  CHECK(request.kind.kind == "KafkaNodePool");
  CHECK(request.resource == "kafkanodepools");
  CHECK(request.subResource.empty());
  CHECK(request.namespace_ == "strimzi");
  CHECK(request.name == "broker");
  CHECK(request.operation == sgw::Operation::Update);
  CHECK(request.operationName == "UPDATE");
  CHECK(request.object.toJson()["spec"]["replicas"] == 4);
  CHECK(request.oldObject.toJson()["spec"]["replicas"] == 3);
  CHECK_FALSE(request.dryRun);
  CHECK_FALSE(request.uid.empty());
}

TEST_CASE("dry-run and DELETE requests decode", "[admission][codec]") {
  auto dryRun = decodeAdmissionReview(sgw::test::readFile(sgw::test::fixturePath(
      "admission/052-validate-TLSRoute-CREATE_dryRun-gateway-api-test-broker-14.json")));
  REQUIRE(std::holds_alternative<AdmissionRequest>(dryRun));
  CHECK(std::get<AdmissionRequest>(dryRun).dryRun);

  auto deletion = decodeAdmissionReview(sgw::test::readFile(
      sgw::test::fixturePath("admission/066-validate-KafkaNodePool-DELETE-broker.json")));
  REQUIRE(std::holds_alternative<AdmissionRequest>(deletion));
  const auto& request = std::get<AdmissionRequest>(deletion);
  CHECK(request.operation == sgw::Operation::Delete);
  CHECK(request.object.isNull());
  CHECK(request.oldObject.toJson()["metadata"]["name"] == "broker");
}

TEST_CASE("a request's objects read as sent for as long as a copy of it lives",
          "[admission][codec]") {
  auto review = minimalReview();
  review["request"]["operation"] = "UPDATE";
  review["request"]["oldObject"] = {{"metadata", {{"name", "gateway-api-test"}}},
                                    {"spec", {{"replicas", 3}}}};
  review["request"]["object"]["metadata"]["managedFields"] = {{{"manager", "kubectl"}}};
  // -0 sends the body down nlohmann's parser instead of simdjson's: the request reads the same.
  auto negativeZero = review;
  negativeZero["request"]["object"]["spec"] = nlohmann::json::parse(R"({"x":-0})");
  for (const auto& sent : {review, negativeZero}) {
    std::optional<AdmissionRequest> copy;
    {
      auto decoded = decodeAdmissionReview(sent.dump());
      REQUIRE(std::holds_alternative<AdmissionRequest>(decoded));
      copy = std::get<AdmissionRequest>(decoded);
    }
    // Another body decoded on the same thread leaves the copy's objects alone.
    REQUIRE(
        std::holds_alternative<AdmissionRequest>(decodeAdmissionReview(minimalReview().dump())));
    CHECK(copy->object.toJson() == sent["request"]["object"]);
    CHECK(copy->oldObject.toJson() == sent["request"]["oldObject"]);
    CHECK(copy->operation == sgw::Operation::Update);
  }
  // Absent objects read as null.
  auto created = decodeAdmissionReview(minimalReview().dump());
  REQUIRE(std::holds_alternative<AdmissionRequest>(created));
  CHECK(std::get<AdmissionRequest>(created).oldObject.isNull());
}

TEST_CASE("bodies that are not a v1 AdmissionReview are refused with a one-line reason",
          "[admission][codec]") {
  CHECK(decodeError("") ==
        "request body is not valid JSON: [json.exception.parse_error.101] parse error at line 1, "
        "column 1: syntax error while parsing value - unexpected end of input; expected '[', '{', "
        "or a literal");
  CHECK(decodeError("[1,2]") == "request body is not an AdmissionReview: not a JSON object");
  CHECK(decodeError(R"({"apiVersion":"v1","kind":"Pod"})") ==
        "request body is not an AdmissionReview: kind is \"Pod\"");

  auto review = minimalReview();
  review["apiVersion"] = "admission.k8s.io/v1beta1";
  CHECK(decodeError(review.dump()) == "unsupported AdmissionReview apiVersion "
                                      "\"admission.k8s.io/v1beta1\": only admission.k8s.io/v1 is "
                                      "served");

  review = minimalReview();
  review.erase("request");
  CHECK(decodeError(review.dump()) == "AdmissionReview has no request");

  review = minimalReview();
  review["request"].erase("uid");
  CHECK(decodeError(review.dump()) == "AdmissionReview request has no uid");

  review = minimalReview();
  review["request"]["uid"] = 42;
  CHECK(decodeError(review.dump()) == "AdmissionReview request has no uid");

  review = minimalReview();
  review["request"]["operation"] = "PATCH";
  CHECK(decodeError(review.dump()) == "AdmissionReview request has an unknown operation \"PATCH\"");
}

TEST_CASE("deeply nested bodies are refused before parsing", "[admission][codec]") {
  const std::string deep(100000, '[');
  CHECK(decodeError(deep) == "request body nests deeper than 128 levels");
  // Brackets inside strings do not count.
  auto review = minimalReview();
  review["request"]["object"]["metadata"]["annotations"] = {{"a", std::string(1000, '[')}};
  CHECK(std::holds_alternative<AdmissionRequest>(decodeAdmissionReview(review.dump())));
}

TEST_CASE("responses encode as admission.k8s.io/v1 AdmissionReviews", "[admission][codec]") {
  AdmissionResponse allowed;
  allowed.uid = "u-1";
  CHECK(encodeAdmissionReview(allowed) ==
        R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",)"
        R"("response":{"allowed":true,"uid":"u-1"}})");

  AdmissionResponse denied;
  denied.uid = "u-2";
  denied.allowed = false;
  denied.status = sgw::admission::AdmissionStatus{403, "Forbidden", "spec.x: Invalid value: 1"};
  denied.warnings = {"spec.y: Not found: \"z\""};
  CHECK(nlohmann::json::parse(encodeAdmissionReview(denied)) == nlohmann::json::parse(R"({
      "apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview",
      "response":{"uid":"u-2","allowed":false,
                  "status":{"code":403,"reason":"Forbidden","message":"spec.x: Invalid value: 1"},
                  "warnings":["spec.y: Not found: \"z\""]}})"));

  AdmissionResponse patched;
  patched.uid = "u-3";
  patched.patch = nlohmann::json::parse(R"([{"op":"add","path":"/a","value":1}])");
  const auto encoded = nlohmann::json::parse(encodeAdmissionReview(patched));
  CHECK(encoded["response"]["patchType"] == "JSONPatch");
  CHECK(sgw::base64Decode(encoded["response"]["patch"].get<std::string>()) ==
        std::optional<std::string>(R"([{"op":"add","path":"/a","value":1}])"));

  // Every field at once, in the order nlohmann prints a DOM's keys.
  patched.allowed = true;
  patched.status = sgw::admission::AdmissionStatus{200, "", "ok"};
  patched.warnings = {"w1", "w2"};
  const auto text = encodeAdmissionReview(patched);
  CHECK(text == nlohmann::json::parse(text).dump());
}

TEST_CASE("a response's text replaces bytes that are not UTF-8 and escapes the rest",
          "[admission][codec]") {
  AdmissionResponse response;
  response.uid = "u-\"-4";
  response.warnings = {"spec.x: Invalid value: \"a\xff\xfe"
                       "b\"",
                       "tab\there\nline\x01"};
  const auto text = encodeAdmissionReview(response);
  CHECK(text == "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                "\"response\":{\"allowed\":true,\"uid\":\"u-\\\"-4\",\"warnings\":["
                "\"spec.x: Invalid value: \\\"a\xef\xbf\xbd\xef\xbf\xbd"
                "b\\\"\","
                "\"tab\\there\\nline\\u0001\"]}}");
  CHECK(nlohmann::json::parse(text)["response"]["warnings"][0] ==
        "spec.x: Invalid value: \"a\xef\xbf\xbd\xef\xbf\xbd"
        "b\"");
}

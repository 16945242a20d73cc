// Any bytes as the body of a review, judged against the seed (examples/) on both endpoints. The
// body is decoded, then reviewed directly, so an exception from a rule or the mutation is a crash
// here even though the pipeline would turn it into a "review-failed" warning; then the whole
// exchange must give a 200 with a JSON AdmissionReview or a 400. The body parser must also agree
// with nlohmann::json::parse: the same verdict, and the same values of the same types read
// through its view.

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "sgw/admission/review_json.h"
#include "sgw/admission/review_pipeline.h"
#include "sgw/manifest/manifest.h"
#include "sgw/state/manifest_snapshot.h"

namespace {

using namespace sgw;

const cluster::ClusterSnapshot& seedSnapshot() {
  static const cluster::ClusterSnapshot snapshot = [] {
    const auto loaded = manifest::loadPath(std::string(SGW_SOURCE_DIR) + "/examples");
    if (!loaded.errors.empty()) {
      std::abort();
    }
    return state::snapshotFromManifests(loaded.manifests).snapshot;
  }();
  return snapshot;
}

bool sameTypesAndValues(const nlohmann::json& left, const nlohmann::json& right) {
  if (left.type() != right.type() || left.size() != right.size()) {
    return false;
  }
  if (left.is_object()) {
    for (const auto& [key, value] : left.items()) {
      if (!right.contains(key) || !sameTypesAndValues(value, right.at(key))) {
        return false;
      }
    }
    return true;
  }
  if (left.is_array()) {
    for (std::size_t i = 0; i < left.size(); ++i) {
      if (!sameTypesAndValues(left[i], right[i])) {
        return false;
      }
    }
    return true;
  }
  return left == right;
}

void parsesAsNlohmannDoes(std::string_view body) {
  const auto parsed = admission::parseReviewJson(body, admission::kMaxJsonDepth);
  const auto* error = std::get_if<admission::ReviewJsonError>(&parsed);
  if (error != nullptr && error->tooDeep) {
    return;
  }
  nlohmann::json reference;
  try {
    reference = nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception&) {
    if (error == nullptr) {
      std::abort();
    }
    return;
  }
  if (error != nullptr ||
      !sameTypesAndValues(std::get<admission::ReviewBody>(parsed).root.toJson(), reference)) {
    std::abort();
  }
}

// A fixed clock, so a crash replays exactly.
const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto& snapshot = seedSnapshot();
  parsesAsNlohmannDoes(body);
  std::variant<admission::AdmissionRequest, admission::DecodeError> decoded;
  try {
    decoded = admission::decodeAdmissionReview(body);
  } catch (const nlohmann::json::exception&) {
    decoded = admission::DecodeError{"parse"};
  }
  for (const auto endpoint : {admission::Endpoint::Validate, admission::Endpoint::Mutate}) {
    if (const auto* request = std::get_if<admission::AdmissionRequest>(&decoded)) {
      const auto result = admission::review(*request, endpoint, snapshot, kNow);
      if (result.response.uid != request->uid) {
        std::abort();
      }
    }
    const auto answered = admission::answer(body, endpoint, snapshot, kNow);
    if (answered.status == 200) {
      // Throws (a crash) unless the body is JSON.
      const auto review = nlohmann::json::parse(answered.body);
      if (!review.at("response").at("allowed").is_boolean()) {
        std::abort();
      }
    } else if (answered.status != 400) {
      std::abort();
    }
  }
  return 0;
}

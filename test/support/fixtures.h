#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace sgw::test {

// The recorded AdmissionReviews: `admission/` on Strimzi 0.43 (v1beta2) and Gateway API 1.1
// (TLSRoute v1alpha2), `admission-current/` on Strimzi 1.2 (v1) and Gateway API 1.6 (TLSRoute v1).
inline constexpr const char* kStrimzi043Reviews = "admission";
inline constexpr const char* kCurrentReviews = "admission-current";

// The body of a recorded AdmissionReview under test/fixtures/<set>/ ("044-validate-...").
std::string readFixture(const std::string& file, const std::string& set = kStrimzi043Reviews);
// The file name of the recorded review whose name starts with `number` ("044-validate").
std::string fixtureFile(const std::string& prefix, const std::string& set = kStrimzi043Reviews);

} // namespace sgw::test

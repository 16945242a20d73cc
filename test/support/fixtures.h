#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace sgw::test {

// The body of a recorded AdmissionReview under test/fixtures/admission/ ("044-validate-...").
std::string readFixture(const std::string& file);
// The file name of the recorded review whose name starts with `number` ("044-validate").
std::string fixtureFile(const std::string& prefix);

} // namespace sgw::test

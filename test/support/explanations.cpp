#include "support/explanations.h"

#include <catch2/catch.hpp>

#include "sgw/manifest/manifest.h"
#include "sgw/offline/mutated_objects.h"
#include "support/temp_dir.h"
#include "support/test_certificates.h"

namespace sgw::test {

explain::Explanation explainFolder(const std::filesystem::path& folder) {
  const auto loaded = manifest::loadPath(folder);
  REQUIRE(loaded.errors.empty());
  const auto mutated =
      offline::mutateObjects(manifest::objectsOf(loaded.manifests), "default", testNow());
  const auto result = explain::explain(mutated.set.snapshot,
                                       {{"strimzi", "gateway-api-test"}, std::nullopt}, testNow());
  REQUIRE(std::holds_alternative<explain::Explanation>(result));
  return std::get<explain::Explanation>(result);
}

explain::Explanation seedExplanation() {
  return explainFolder(sourcePath("examples"));
}

} // namespace sgw::test

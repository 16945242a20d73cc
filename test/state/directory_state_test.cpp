#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <thread>

#include "sgw/state/directory_state.h"
#include "sgw/state/manifest_snapshot.h"
#include "support/eventually.h"
#include "support/temp_dir.h"

using sgw::state::DirectoryState;
using sgw::test::eventually;

namespace {

constexpr const char* kService = R"(apiVersion: v1
kind: Service
metadata:
  name: %NAME%
spec:
  ports:
  - port: 9092
)";

std::string service(const std::string& name) {
  std::string text = kService;
  text.replace(text.find("%NAME%"), 6, name);
  return text;
}

} // namespace

TEST_CASE("the state folder is ready after its first load", "[state][directory]") {
  sgw::test::TempDir dir;
  dir.write("a.yaml", service("a"));
  DirectoryState state(dir.path(), "strimzi", std::chrono::milliseconds(20));
  CHECK_FALSE(state.ready());
  CHECK(state.snapshot()->objectCount() == 0);
  REQUIRE(state.load().empty());
  CHECK(state.ready());
  CHECK(state.snapshot()->services().count({"strimzi", "a"}) == 1);
  CHECK(state.readinessDetail() == "loaded 1 objects from " + dir.path().string());
}

TEST_CASE("changes are picked up and a broken change keeps the last good snapshot",
          "[state][directory]") {
  sgw::test::TempDir dir;
  dir.write("a.yaml", service("a"));
  DirectoryState state(dir.path(), "strimzi", std::chrono::milliseconds(20));
  REQUIRE(state.load().empty());
  const auto first = state.snapshot();
  state.start();

  dir.write("b.yaml", service("b"));
  REQUIRE(eventually([&] { return state.snapshot()->services().size() == 2; }));
  // The snapshot a review holds never changes under it.
  CHECK(first->services().size() == 1);

  const auto generation = state.generation();
  dir.write("c.yaml", "kind: [\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(state.generation() == generation);
  CHECK(state.snapshot()->services().size() == 2);

  std::filesystem::remove(dir.path() / "c.yaml");
  std::filesystem::remove(dir.path() / "a.yaml");
  REQUIRE(eventually([&] { return state.snapshot()->services().size() == 1; }));
  CHECK(state.snapshot()->services().count({"strimzi", "b"}) == 1);
  state.stop();
}

TEST_CASE("a state folder holds the cert-manager Certificates of its manifests",
          "[state][directory][certificate]") {
  sgw::test::TempDir dir;
  // As the seed writes it: a Certificate and the ClusterIssuer (not read) in one file.
  const std::string text = R"(apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: my-certificate
spec:
  secretName: my-certificate
  dnsNames:
  - '*.strimzi.gateway.api.test'
  issuerRef:
    name: my-issuer
    kind: ClusterIssuer
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: my-issuer
spec:
  selfSigned: {}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: broken
spec:
  secretName: broken
  dnsNames: '*.example.com'
)";
  dir.write("certificate.yaml", text);
  const auto loaded = sgw::manifest::loadText(text, "certificate.yaml");
  REQUIRE(loaded.errors.empty());
  const auto built = sgw::state::snapshotFromManifests(loaded.manifests, "strimzi");
  CHECK(built.skipped ==
        std::vector<std::string>{"certificate.yaml:26: Certificate strimzi/broken: spec.dnsNames: "
                                 "Invalid value: \"*.example.com\": must be a list"});

  DirectoryState state(dir.path(), "strimzi", std::chrono::milliseconds(20));
  REQUIRE(state.load().empty());
  const auto snapshot = state.snapshot();
  REQUIRE(snapshot->certificates().size() == 1);
  const auto& certificate = *snapshot->certificates().at({"strimzi", "my-certificate"});
  CHECK(certificate.secretName == "my-certificate");
  CHECK(certificate.dnsNames == std::vector<std::string>{"*.strimzi.gateway.api.test"});
  CHECK(snapshot->certificateKeysForSecret({"strimzi", "my-certificate"}) ==
        std::vector<sgw::model::ObjectKey>{{"strimzi", "my-certificate"}});
}

TEST_CASE("freed memory is given back after each load that succeeds, not after one that fails",
          "[state][directory]") {
  sgw::test::TempDir dir;
  dir.write("a.yaml", service("a"));
  std::atomic<int> releases{0};
  // The memory of the replaced snapshot counts too: the release comes after it is dropped.
  std::weak_ptr<const sgw::cluster::ClusterSnapshot> replaced;
  bool replacedAliveAtRelease = false;
  DirectoryState state(dir.path(), "strimzi", std::chrono::milliseconds(20), [&] {
    replacedAliveAtRelease = replacedAliveAtRelease || !replaced.expired();
    ++releases;
  });
  REQUIRE(state.load().empty());
  CHECK(releases == 1);

  replaced = state.snapshot();
  dir.write("b.yaml", service("b"));
  REQUIRE(state.load().empty());
  CHECK(releases == 2);
  CHECK(replaced.expired());
  CHECK_FALSE(replacedAliveAtRelease);

  dir.write("c.yaml", "kind: [\n");
  CHECK_FALSE(state.load().empty());
  CHECK(releases == 2);
}

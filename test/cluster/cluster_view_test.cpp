#include <catch2/catch.hpp>

#include "sgw/cluster/cluster_view.h"
#include "support/seed.h"

using Json = nlohmann::json;

namespace {

std::shared_ptr<const sgw::model::Certificate> certificate(const Json& object) {
  auto parsed = sgw::cluster::parseObject(object, "strimzi");
  REQUIRE(parsed.has_value());
  REQUIRE(parsed->errors.empty());
  return std::get<std::shared_ptr<const sgw::model::Certificate>>(parsed->object);
}

Json named(const std::string& name, const std::string& namespace_, const std::string& secret) {
  auto object = sgw::test::certificateJson();
  object["metadata"] = {{"name", name}, {"namespace", namespace_}};
  object["spec"]["secretName"] = secret;
  return object;
}

std::vector<std::string> names(const std::vector<const sgw::model::Certificate*>& found) {
  std::vector<std::string> out;
  for (const auto* entry : found) {
    out.push_back(entry->metadata.key().toString());
  }
  return out;
}

} // namespace

TEST_CASE("the snapshot finds Certificates by key and by the Secret they issue",
          "[cluster][certificate]") {
  sgw::cluster::ClusterSnapshot::Builder builder;
  builder.put(certificate(named("my-certificate", "strimzi", "my-certificate")));
  builder.put(certificate(named("other", "strimzi", "other-secret")));
  // Same Secret name, other namespace: a Certificate only ever fills its own namespace.
  builder.put(certificate(named("my-certificate", "kafka-b", "my-certificate")));
  const auto snapshot = builder.build();
  CHECK(snapshot.certificates().size() == 3);
  CHECK(snapshot.objectCount() == 3);

  const sgw::cluster::ClusterView view(snapshot);
  REQUIRE(view.certificate({"strimzi", "other"}) != nullptr);
  CHECK(view.certificate({"strimzi", "other"})->secretName == "other-secret");
  CHECK(view.certificate({"strimzi", "missing"}) == nullptr);
  CHECK(names(view.certificatesForSecret({"strimzi", "my-certificate"})) ==
        std::vector<std::string>{"strimzi/my-certificate"});
  CHECK(names(view.certificatesForSecret({"strimzi", "other-secret"})) ==
        std::vector<std::string>{"strimzi/other"});
  CHECK(view.certificatesForSecret({"strimzi", "other"}).empty());
  CHECK(names(view.certificatesForSecret({"kafka-b", "my-certificate"})) ==
        std::vector<std::string>{"kafka-b/my-certificate"});

  SECTION("a Certificate under review that points at another Secret") {
    const auto changed = sgw::cluster::ClusterView::withObject(
        snapshot, certificate(named("my-certificate", "strimzi", "renamed")));
    CHECK(changed.certificatesForSecret({"strimzi", "my-certificate"}).empty());
    CHECK(names(changed.certificatesForSecret({"strimzi", "renamed"})) ==
          std::vector<std::string>{"strimzi/my-certificate"});
  }
  SECTION("a second Certificate for the same Secret") {
    const auto added = sgw::cluster::ClusterView::withObject(
        snapshot, certificate(named("a-duplicate", "strimzi", "my-certificate")));
    CHECK(names(added.certificatesForSecret({"strimzi", "my-certificate"})) ==
          std::vector<std::string>{"strimzi/a-duplicate", "strimzi/my-certificate"});
  }
  SECTION("a Certificate being deleted") {
    const auto deleted = sgw::cluster::ClusterView::without(snapshot, sgw::model::Kind::Certificate,
                                                            {"strimzi", "my-certificate"});
    CHECK(deleted.certificatesForSecret({"strimzi", "my-certificate"}).empty());
    CHECK(deleted.certificate({"strimzi", "my-certificate"}) == nullptr);
  }
  SECTION("removed from the snapshot") {
    const auto removed = sgw::cluster::ClusterSnapshot::Builder(snapshot)
                             .remove(sgw::model::Kind::Certificate, {"strimzi", "other"})
                             .build();
    CHECK(removed.certificates().size() == 2);
    CHECK(removed.certificateKeysForSecret({"strimzi", "other-secret"}).empty());
  }
}

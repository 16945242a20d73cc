#include <catch2/catch.hpp>

#include "sgw/kube/api_resource.h"

namespace sgw::kube {

namespace {

ApiResource resourceNamed(const std::string& plural) {
  for (auto& resource : cachedResources()) {
    if (resource.plural == plural) {
      return resource;
    }
  }
  FAIL("no resource " + plural);
  return {};
}

} // namespace

TEST_CASE("collection and object paths", "[kube][resource]") {
  using Row = std::tuple<std::string, std::string, std::string, std::string>;
  const auto [plural, version, ns, path] = GENERATE(
      Row{"kafkas", "v1beta2", "", "/apis/kafka.strimzi.io/v1beta2/kafkas"},
      Row{"kafkanodepools", "v1beta2", "strimzi",
          "/apis/kafka.strimzi.io/v1beta2/namespaces/strimzi/kafkanodepools"},
      Row{"tlsroutes", "v1alpha2", "", "/apis/gateway.networking.k8s.io/v1alpha2/tlsroutes"},
      Row{"services", "v1", "kafka", "/api/v1/namespaces/kafka/services"});
  CHECK(collectionPath(resourceNamed(plural), version, ns) == path);
}

TEST_CASE("a Secret is addressed by name only", "[kube][resource]") {
  const auto secret = secretResource("my-certificate");
  CHECK(secret.fieldSelector == "metadata.name=my-certificate");
  CHECK(collectionPath(secret, "v1", "strimzi") == "/api/v1/namespaces/strimzi/secrets");
  CHECK(objectPath(secret, "v1", "strimzi", "my-certificate") ==
        "/api/v1/namespaces/strimzi/secrets/my-certificate");
}

TEST_CASE("query strings are percent-encoded and skip empty values", "[kube][resource]") {
  CHECK(queryString({{"labelSelector", "strimzi.io/kind=Kafka"},
                     {"continue", ""},
                     {"fieldSelector", "metadata.name=a b"}}) ==
        "?labelSelector=strimzi.io%2Fkind%3DKafka&fieldSelector=metadata.name%3Da%20b");
  CHECK(queryString({{"continue", ""}}).empty());
  CHECK(percentEncode("eyJ2Ijoi+/=") == "eyJ2Ijoi%2B%2F%3D");
}

TEST_CASE("the Strimzi Services are selected by their kind label", "[kube][resource]") {
  CHECK(resourceNamed("services").labelSelector == "strimzi.io/kind=Kafka");
  CHECK(resourceNamed("tlsroutes").versions ==
        std::vector<std::string>{"v1", "v1alpha3", "v1alpha2"});
}

} // namespace sgw::kube

#include "bench_fixtures.h"

#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "sgw/cluster/any_object.h"
#include "sgw/manifest/manifest.h"
#include "sgw/state/manifest_snapshot.h"

namespace sgw::bench {

namespace {

std::string readFixture(const std::string& relative) {
  const std::string path = std::string(SGW_SOURCE_DIR) + "/" + relative;
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

std::string largeKafkaReview(const std::string& kafkaReview) {
  auto review = nlohmann::json::parse(kafkaReview);
  auto& config = review["request"]["object"]["spec"]["kafka"]["config"];
  for (int i = 0; i < 2600; ++i) {
    config["custom.property." + std::to_string(i)] =
        "value-" + std::to_string(i) + "-" + std::string(80, 'x');
  }
  return review.dump();
}

// The worst body the server accepts: a Kafka CREATE just under the default --max-request-bytes
// (8 MiB) whose first listener lists brokers that are no node of the cluster, so every entry is
// parsed, judged and denied (and the denials capped).
std::string largestKafkaReview(const std::string& kafkaReview) {
  constexpr std::size_t kLimit = 8 * 1024 * 1024;
  auto review = nlohmann::json::parse(kafkaReview);
  auto& brokers =
      review["request"]["object"]["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"];
  const auto entry = [](int id) {
    return nlohmann::json{{"broker", id},
                          {"advertisedHost", "broker-" + std::to_string(id) + ".example.com"},
                          {"host", "broker-" + std::to_string(id) + ".example.com"}};
  };
  const auto entryBytes = entry(1000000).dump().size() + 1;
  const auto room = kLimit - review.dump().size() - 4096;
  for (std::size_t id = 0; id < room / entryBytes; ++id) {
    brokers.push_back(entry(1000000 + static_cast<int>(id)));
  }
  return review.dump();
}

std::vector<nlohmann::json> exampleObjects() {
  auto loaded = manifest::loadPath(std::string(SGW_SOURCE_DIR) + "/examples");
  if (!loaded.errors.empty()) {
    throw std::runtime_error(loaded.errors.front().toString());
  }
  return manifest::objectsOf(loaded.manifests);
}

} // namespace

const std::vector<ReviewBody>& reviewBodies() {
  static const std::vector<ReviewBody> kBodies = [] {
    const std::string folder = "test/fixtures/admission-current/";
    std::vector<ReviewBody> bodies{
        {"kafka", readFixture(folder + "016-validate-Kafka-CREATE-gateway-api-test.json")},
        {"kafka-update", readFixture(folder + "050-validate-Kafka-UPDATE-gateway-api-test.json")},
        {"tlsroute",
         readFixture(folder + "028-validate-TLSRoute-CREATE-gateway-api-test-broker-10.json")},
        {"pool", readFixture(folder + "056-validate-KafkaNodePool-UPDATE-broker.json")},
    };
    bodies.push_back({"large", largeKafkaReview(bodies.front().text)});
    bodies.push_back({"largest", largestKafkaReview(bodies.front().text)});
    return bodies;
  }();
  return kBodies;
}

const ReviewBody& reviewBody(const std::string& name) {
  for (const auto& body : reviewBodies()) {
    if (body.name == name) {
      return body;
    }
  }
  throw std::invalid_argument("no review body " + name);
}

const cluster::ClusterSnapshot& exampleSnapshot() {
  static const cluster::ClusterSnapshot kSnapshot = scaledSnapshot(0);
  return kSnapshot;
}

cluster::ClusterSnapshot scaledSnapshot(std::size_t objects) {
  static const std::vector<nlohmann::json> kObjects = exampleObjects();
  cluster::ClusterSnapshot::Builder builder;
  std::size_t count = 0;
  for (std::size_t copy = 0; copy == 0 || count < objects; ++copy) {
    for (auto object : kObjects) {
      if (copy > 0 && object["metadata"].contains("namespace")) {
        object["metadata"]["namespace"] = "copy-" + std::to_string(copy);
      }
      auto parsed = cluster::parseObject(object, "default");
      if (parsed.has_value() && parsed->errors.empty()) {
        builder.put(parsed->object);
        ++count;
      }
    }
  }
  return builder.build();
}

std::size_t residentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  std::size_t resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

} // namespace sgw::bench

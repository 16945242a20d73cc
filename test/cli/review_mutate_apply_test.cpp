#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

using nlohmann::json;

namespace {

constexpr const char* kTemplateAnnotation = "strimzi-gateway-webhook.io/advertised-host-template";

// A folder of its own under the system temp folder, removed when the test ends.
class TempDir {
public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sgw-apply-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
  std::filesystem::path path_;
};

struct Run {
  int exitCode = -1;
  std::string out;
  std::string err;
};

std::string readFile(const std::filesystem::path& path) {
  std::ifstream stream(path);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

// Runs the built executable's `review` against the seed (examples/) on `request`.
Run review(const TempDir& dir, const json& request, const std::string& flags) {
  const auto requestFile = dir / "request.json";
  const auto errFile = dir / "stderr.txt";
  std::ofstream(requestFile) << request.dump();
  const std::string command = std::string("'") + SGW_EXECUTABLE + "' review --state-dir '" +
                              SGW_SOURCE_DIR + "/examples' " + flags + " '" + requestFile.string() +
                              "' 2>'" + errFile.string() + "'";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    run.out.append(buffer, n);
  }
  const int status = pclose(pipe);
  REQUIRE(WIFEXITED(status));
  run.exitCode = WEXITSTATUS(status);
  run.err = readFile(errFile);
  return run;
}

json recordedKafkaCreate() {
  std::ifstream stream(std::string(SGW_FIXTURES_DIR) +
                       "/admission/015-mutate-Kafka-CREATE-gateway-api-test.json");
  REQUIRE(stream);
  return json::parse(stream);
}

json withoutBrokersWithTemplate(json review, const std::string& hostTemplate) {
  auto& object = review["request"]["object"];
  object["spec"]["kafka"]["listeners"][0]["configuration"].erase("brokers");
  object["metadata"]["annotations"][kTemplateAnnotation] = hostTemplate;
  return review;
}

} // namespace

TEST_CASE("review --mutate --apply prints the object with the patch applied", "[cli][mutation]") {
  const TempDir dir;
  const auto run = review(
      dir,
      withoutBrokersWithTemplate(recordedKafkaCreate(), "broker-{nodeId}.strimzi.gateway.api.test"),
      "--mutate --apply");
  CHECK(run.exitCode == 0);
  auto expected = recordedKafkaCreate()["request"]["object"];
  expected["metadata"]["annotations"][kTemplateAnnotation] =
      "broker-{nodeId}.strimzi.gateway.api.test";
  CHECK(json::parse(run.out) == expected);
  CHECK(run.err == "warning: spec.kafka.listeners[0].configuration.brokers: added 10, 11, 12 from "
                   "template broker-{nodeId}.strimzi.gateway.api.test\n");
}

TEST_CASE("review --mutate --apply reports a denial on stderr and exits 1", "[cli][mutation]") {
  const TempDir dir;
  const auto run =
      review(dir, withoutBrokersWithTemplate(recordedKafkaCreate(), "broker.example.com"),
             "--mutate --apply");
  CHECK(run.exitCode == 1);
  CHECK(run.out.empty());
  CHECK(run.err == "error: denied: metadata.annotations[strimzi-gateway-webhook.io/"
                   "advertised-host-template]: Invalid value: \"broker.example.com\": must "
                   "contain {nodeId} or {nodePodName}, or every broker would advertise the same "
                   "host\n");
}

TEST_CASE("review --apply without --mutate is a usage error", "[cli][mutation]") {
  const TempDir dir;
  const auto run = review(dir, recordedKafkaCreate(), "--apply");
  CHECK(run.exitCode == 2);
  CHECK(run.out.empty());
  CHECK(run.err.find("--apply requires --mutate") != std::string::npos);
}

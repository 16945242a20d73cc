#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "sgw/core/base64.h"
#include "support/dev_certs.h"
#include "support/fixtures.h"
#include "support/https_client.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_certificates.h"

using sgw::test::WebhookProcess;

namespace {

// The examples copied into a folder the test may change.
void copyExamples(const std::filesystem::path& target) {
  std::filesystem::copy(sgw::test::sourcePath("examples"), target,
                        std::filesystem::copy_options::recursive);
}

std::vector<std::string> serveArgs(const std::filesystem::path& stateDir,
                                   const sgw::test::DevCerts& certs,
                                   std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"serve",
                                "--state-dir",
                                stateDir.string(),
                                "--tls-cert-file",
                                certs.certificate().string(),
                                "--tls-private-key-file",
                                certs.privateKey().string(),
                                "--port",
                                "0",
                                "--state-poll-interval-ms",
                                "100"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

template <class Condition> bool eventually(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

} // namespace

namespace {

// Every recorded AdmissionReview, of both stacks.
std::vector<std::filesystem::path> allRecordedReviews() {
  std::vector<std::filesystem::path> out;
  for (const auto* set : {sgw::test::kStrimzi043Reviews, sgw::test::kCurrentReviews}) {
    for (const auto& entry : std::filesystem::directory_iterator(sgw::test::fixturePath(set))) {
      if (entry.path().extension() == ".json") {
        out.push_back(entry.path());
      }
    }
  }
  return out;
}

} // namespace

TEST_CASE("serve answers every recorded AdmissionReview over HTTPS and stays up on bad bodies",
          "[cli][serve]") {
  const auto& certs = sgw::test::sharedDevCerts();
  WebhookProcess process(serveArgs(sgw::test::sourcePath("examples"), certs));
  const int port = process.port();
  auto client = sgw::test::httpsClient(port, certs);
  client->set_keep_alive(true);

  int answered = 0;
  for (const auto& path : allRecordedReviews()) {
    INFO(path.string());
    const auto body = sgw::test::readFile(path);
    const bool mutating = path.filename().string().find("-mutate-") != std::string::npos;
    const auto result = client->Post(mutating ? "/mutate" : "/validate", body, "application/json");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(nlohmann::json::parse(result->body)["response"]["uid"] ==
          nlohmann::json::parse(body)["request"]["uid"]);
    ++answered;
  }
  CHECK(answered == 2 * 66);

  const auto malformed = client->Post("/validate", "{", "application/json");
  REQUIRE(malformed);
  CHECK(malformed->status == 400);
  const auto nested = client->Post("/validate", std::string(50000, '{'), "application/json");
  REQUIRE(nested);
  CHECK(nested->status == 400);
  auto other = sgw::test::httpsClient(port, certs);
  const auto oversized =
      other->Post("/validate", std::string(9 * 1024 * 1024, ' '), "application/json");
  REQUIRE(oversized);
  CHECK(oversized->status == 413);

  const auto health = sgw::test::httpsClient(port, certs)->Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  // One log line per review, with what an operator needs to find it.
  CHECK(std::regex_search(
      process.log(),
      std::regex(R"(info review uid=ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9 endpoint=validate )"
                 R"(kind=Kafka object=strimzi/gateway-api-test operation=UPDATE dryRun=false )"
                 R"(result=\w+ denied=\S+ warned=\S+ latencyMicros=\d+)")));
  process.signal(SIGTERM);
  CHECK(process.waitExit(std::chrono::seconds(10)) == std::optional<int>(0));
}

TEST_CASE("serve judges today's stack (Strimzi 1.2 v1, TLSRoute v1) as it judges Strimzi 0.4x",
          "[cli][serve][tlsroute]") {
  const auto& certs = sgw::test::sharedDevCerts();
  WebhookProcess process(serveArgs(sgw::test::sourcePath("examples"), certs));
  auto client = sgw::test::httpsClient(process.port(), certs);
  const auto post = [&](const nlohmann::json& review) {
    const auto result = client->Post("/validate", review.dump(), "application/json");
    REQUIRE(result);
    CHECK(result->status == 200);
    return nlohmann::json::parse(result->body).at("response");
  };
  const auto recorded = [](const std::string& set, const std::string& prefix) {
    return nlohmann::json::parse(sgw::test::readFixture(sgw::test::fixtureFile(prefix, set), set));
  };
  // The seed's Kafka as kafka.strimzi.io/v1, without the node-pools annotation: no warning.
  const auto seed = post(recorded(sgw::test::kCurrentReviews, "016-validate"));
  CHECK(seed.at("allowed") == true);
  CHECK_FALSE(seed.contains("warnings"));

  // Brokers 0, 1, 2 instead of 10, 11, 12: the same denial on v1 and on v1beta2.
  for (const auto* set : {sgw::test::kCurrentReviews, sgw::test::kStrimzi043Reviews}) {
    CAPTURE(set);
    auto review = recorded(set, "016-validate");
    auto& brokers =
        review["request"]["object"]["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"];
    for (int i = 0; i < 3; ++i) {
      brokers[i]["broker"] = i;
    }
    const auto response = post(review);
    CHECK(response.at("allowed") == false);
    CHECK(response.at("status").at("code") == 403);
    CHECK(response.at("status").at("message") ==
          "spec.kafka.listeners[0].configuration.brokers: Invalid value: [0,1,2]: none of these "
          "is a broker node; broker nodes of cluster gateway-api-test are 10, 11, 12");
  }

  // A tlsroute listener without bootstrap.host: what the operator would refuse at reconcile.
  auto review = recorded(sgw::test::kCurrentReviews, "016-validate");
  review["request"]["object"]["spec"]["kafka"]["listeners"].push_back(
      {{"name", "gw"},
       {"port", 9095},
       {"type", "tlsroute"},
       {"tls", true},
       {"configuration",
        {{"parentRefs", {{{"name", "my-gateway"}, {"sectionName", "kafka-listener"}}}},
         {"hostTemplate", "broker-{nodeId}-gw.strimzi.gateway.api.test"},
         {"advertisedPortTemplate", "9092"}}}});
  const auto denied = post(review);
  CHECK(denied.at("allowed") == false);
  CHECK(denied.at("status").at("message") ==
        "spec.kafka.listeners[1].configuration.bootstrap.host: Required value: the hostname of "
        "the bootstrap TLSRoute of listener gw; Strimzi refuses a tlsroute listener without it");
  review["request"]["object"]["spec"]["kafka"]["listeners"][1]["configuration"]["bootstrap"] = {
      {"host", "bootstrap-gw.strimzi.gateway.api.test"}};
  const auto allowed = post(review);
  CHECK(allowed.at("allowed") == true);
  CHECK_FALSE(allowed.contains("warnings"));
}

TEST_CASE("review prints exactly what the server answers", "[cli][review]") {
  const auto& certs = sgw::test::sharedDevCerts();
  WebhookProcess process(serveArgs(sgw::test::sourcePath("examples"), certs));
  auto client = sgw::test::httpsClient(process.port(), certs);
  for (const char* name : {"050-validate-Kafka-UPDATE-gateway-api-test.json",
                           "049-mutate-Kafka-UPDATE-gateway-api-test.json",
                           "042-validate-TLSRoute-CREATE-gateway-api-test-broker-10-other.json"}) {
    INFO(name);
    const auto fixture = sgw::test::fixturePath(std::string("admission/") + name);
    const bool mutating = std::string(name).find("-mutate-") != std::string::npos;
    const auto served = client->Post(mutating ? "/mutate" : "/validate",
                                     sgw::test::readFile(fixture), "application/json");
    REQUIRE(served);
    std::vector<std::string> args{"review", "--state-dir",
                                  sgw::test::sourcePath("examples").string()};
    if (mutating) {
      args.emplace_back("--mutate");
    }
    args.push_back(fixture.string());
    const auto printed = sgw::test::runWebhook(args);
    CHECK(printed.out == served->body + "\n");
    const bool denied = nlohmann::json::parse(served->body)["response"]["allowed"] == false;
    CHECK(printed.exitCode == (denied ? 1 : 0));
  }
  // Standard input works too, and a malformed body is the server's 400.
  const auto fromStdin = sgw::test::runWebhook(
      {"review", "--state-dir", sgw::test::sourcePath("examples").string(), "-"}, "not json");
  CHECK(fromStdin.exitCode == 2);
  CHECK_THAT(fromStdin.err, Catch::StartsWith("error: HTTP 400: request body is not valid JSON"));
}

TEST_CASE("serve picks up changes to the state folder and keeps the last good state",
          "[cli][serve][state]") {
  const auto& certs = sgw::test::sharedDevCerts();
  sgw::test::TempDir dir;
  const auto state = dir.path() / "state";
  copyExamples(state);
  WebhookProcess process(serveArgs(state, certs));
  auto client = sgw::test::httpsClient(process.port(), certs);
  const auto readiness = [&] {
    const auto result = client->Get("/readyz");
    return result ? result->body : std::string();
  };
  CHECK(readiness() == "ok: loaded 13 objects from " + state.string() + "\n");

  dir.write(
      "state/more/service.json",
      R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"extra","namespace":"strimzi"},
                "spec":{"ports":[{"port":9092}]}})");
  CHECK(eventually(
      [&] { return readiness() == "ok: loaded 14 objects from " + state.string() + "\n"; }));

  dir.write("state/broken.yaml", "apiVersion: v1\nkind: Service\nmetadata: [unclosed\n");
  CHECK(process.waitForLog("state reload failed, keeping the previous state",
                           std::chrono::seconds(10)));
  CHECK_THAT(process.log(), Catch::Contains((state / "broken.yaml").string() + ":4: invalid YAML"));
  CHECK(readiness() == "ok: loaded 14 objects from " + state.string() + "\n");
}

TEST_CASE("serve refuses a state folder that does not parse, naming file and line",
          "[cli][serve][state]") {
  const auto& certs = sgw::test::sharedDevCerts();
  sgw::test::TempDir dir;
  dir.write("state/ok.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
  const auto broken = dir.write("state/bad.yaml", "a: 1\nb: [2\n");
  const auto result = sgw::test::runWebhook(serveArgs(dir.path() / "state", certs));
  CHECK(result.exitCode == 2);
  CHECK_THAT(result.err, Catch::StartsWith("error: " + broken.string() + ":3: invalid YAML"));
}

TEST_CASE("SIGTERM stops accepting, finishes the review in flight and exits 0",
          "[cli][serve][shutdown]") {
  const auto& certs = sgw::test::sharedDevCerts();
  WebhookProcess process(serveArgs(sgw::test::sourcePath("examples"), certs));
  const int port = process.port();
  const auto body = sgw::test::readFile(
      sgw::test::fixturePath("admission/050-validate-Kafka-UPDATE-gateway-api-test.json"));

  sgw::test::RawTlsConnection inFlight(port);
  REQUIRE(inFlight.connected());
  REQUIRE(inFlight.send("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                        "application/json\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 100)));
  // An idle keep-alive connection must not hold the shutdown up.
  auto idle = sgw::test::httpsClient(port, certs);
  idle->set_keep_alive(true);
  REQUIRE(idle->Get("/healthz"));

  process.signal(SIGTERM);
  REQUIRE(process.waitForLog("shutting down", std::chrono::seconds(10)));
  // New connections are refused once the listener is closed.
  CHECK(eventually([&] { return !sgw::test::presentedCertificate(port).has_value(); }));

  REQUIRE(inFlight.send(body.substr(100)));
  const auto response = inFlight.receiveUntilClosed(10000);
  CHECK_THAT(response, Catch::StartsWith("HTTP/1.1 200 OK\r\n"));
  CHECK_THAT(response, Catch::Contains("\"uid\":\"ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9\""));
  CHECK(process.waitExit(std::chrono::seconds(10)) == std::optional<int>(0));
  CHECK_THAT(process.log(), Catch::Contains("info stopped"));
}

TEST_CASE("SIGTERM under load turns /readyz 503 first and fails no review",
          "[cli][serve][shutdown][load]") {
  const auto& certs = sgw::test::sharedDevCerts();
  WebhookProcess process(
      serveArgs(sgw::test::sourcePath("examples"), certs, {"--shutdown-delay", "2"}));
  const int port = process.port();
  const auto body = sgw::test::readFile(
      sgw::test::fixturePath("admission/050-validate-Kafka-UPDATE-gateway-api-test.json"));

  // Reviewers keep sending, as the API server does, until a little after /readyz says 503 (when
  // the endpoint would be taken out of the Service); well within the shutdown delay.
  std::atomic<bool> signalled{false};
  std::atomic<bool> stopSending{false};
  std::atomic<int> answered{0};
  std::atomic<int> answeredAfterSignal{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> reviewers;
  for (int i = 0; i < 4; ++i) {
    reviewers.emplace_back([&] {
      auto client = sgw::test::httpsClient(port, certs);
      client->set_keep_alive(true);
      while (!stopSending) {
        const auto review = client->Post("/validate", body, "application/json");
        if (review && review->status == 200 &&
            review->body.find("ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9") != std::string::npos) {
          ++answered;
          answeredAfterSignal += signalled ? 1 : 0;
        } else {
          ++failed;
        }
      }
    });
  }
  REQUIRE(eventually([&] { return answered >= 40; }));

  signalled = true;
  process.signal(SIGTERM);
  // /readyz turns 503 while the listener is still open (a closed one answers nothing).
  const bool notReady = eventually([&] {
    const auto ready = sgw::test::httpsClient(port, certs)->Get("/readyz");
    return ready && ready->status == 503;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stopSending = true;
  for (auto& reviewer : reviewers) {
    reviewer.join();
  }
  CHECK(notReady);
  INFO(answered << " reviews answered, " << answeredAfterSignal << " after SIGTERM");
  CHECK(failed == 0);
  CHECK(answeredAfterSignal > 0);
  // Then the listener closes and the process ends cleanly.
  CHECK(eventually([&] { return !sgw::test::presentedCertificate(port).has_value(); }));
  CHECK(process.waitExit(std::chrono::seconds(10)) == std::optional<int>(0));
}

TEST_CASE("a review's log line is written within seconds with nothing logged after it",
          "[cli][serve][logging]") {
  const auto& certs = sgw::test::sharedDevCerts();
  WebhookProcess process(serveArgs(sgw::test::sourcePath("examples"), certs));
  auto client = sgw::test::httpsClient(process.port(), certs);
  const auto body = sgw::test::readFile(
      sgw::test::fixturePath("admission/050-validate-Kafka-UPDATE-gateway-api-test.json"));
  const auto answer = client->Post("/validate", body, "application/json");
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  // Review lines are gathered rather than written one by one; the periodic flush still writes
  // this one though no other line follows it.
  CHECK(process.waitForLog("review uid=ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9",
                           std::chrono::seconds(5)));
  process.signal(SIGTERM);
  CHECK(process.waitExit(std::chrono::seconds(10)) == std::optional<int>(0));
}

TEST_CASE("JSON logs are one object per line", "[cli][serve][logging]") {
  const auto& certs = sgw::test::sharedDevCerts();
  WebhookProcess process(
      serveArgs(sgw::test::sourcePath("examples"), certs, {"--log-format", "json"}));
  // The port comes from the text log line; read it from the JSON one instead.
  REQUIRE(process.waitForLog("\"msg\":\"serving\"", std::chrono::seconds(20)));
  std::smatch match;
  const auto log = process.log();
  REQUIRE(std::regex_search(log, match, std::regex(R"("port":(\d+))")));
  auto client = sgw::test::httpsClient(std::stoi(match[1]), certs);
  REQUIRE(client->Post("/validate",
                       sgw::test::readFile(sgw::test::fixturePath(
                           "admission/050-validate-Kafka-UPDATE-gateway-api-test.json")),
                       "application/json"));
  process.signal(SIGTERM);
  REQUIRE(process.waitExit(std::chrono::seconds(10)) == std::optional<int>(0));
  std::istringstream lines(process.log());
  std::string line;
  bool sawReview = false;
  while (std::getline(lines, line)) {
    const auto entry = nlohmann::json::parse(line);
    CHECK(entry.contains("time"));
    CHECK(entry.contains("level"));
    if (entry["msg"] == "review") {
      sawReview = true;
      CHECK(entry["uid"] == "ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9");
      CHECK(entry["kind"] == "Kafka");
      CHECK(entry["object"] == "strimzi/gateway-api-test");
      CHECK(entry["operation"] == "UPDATE");
      CHECK(entry["latencyMicros"].is_number_integer());
      CHECK(entry["denied"].is_array());
    }
  }
  CHECK(sawReview);
}

TEST_CASE("every command has --help", "[cli]") {
  for (const char* command : {"serve", "review"}) {
    const auto result = sgw::test::runWebhook({command, "--help"});
    CHECK(result.exitCode == 0);
    CHECK_THAT(result.out, Catch::Contains("Usage:"));
  }
  const auto none = sgw::test::runWebhook({});
  CHECK(none.exitCode == 2);
}

namespace {

// The lines of a PEM block's base64 body: any one of them in a log would leak key material.
std::vector<std::string> pemBodyLines(const std::string& pem) {
  std::vector<std::string> lines;
  std::istringstream stream(pem);
  for (std::string line; std::getline(stream, line);) {
    if (!line.starts_with("-----") && line.size() >= 16) {
      lines.push_back(line);
    }
  }
  return lines;
}

} // namespace

TEST_CASE("serve never logs key or Secret material", "[cli][serve][security]") {
  sgw::test::TempDir dir;
  const auto certs = sgw::test::makeDevCerts(dir.path() / "certs");
  const auto servingKey = sgw::test::readFile(certs.privateKey());
  const auto stateDir = dir.path() / "state";
  copyExamples(stateDir);
  const auto secretKey = sgw::test::readFile(sgw::test::otherDevCerts().clientKey());
  const std::string password = "pa55word-that-must-never-be-logged";
  nlohmann::json secret = {
      {"apiVersion", "v1"},
      {"kind", "Secret"},
      {"metadata", {{"name", "leaky"}, {"namespace", "strimzi"}}},
      {"stringData",
       {{"tls.key", secretKey},
        {"tls.crt", sgw::test::readFile(sgw::test::otherDevCerts().certificate())},
        {"password", password}}}};
  dir.write("state/leaky.json", secret.dump());

  WebhookProcess process(serveArgs(stateDir, certs));
  const int port = process.port();
  auto client = sgw::test::httpsClient(port, certs);
  for (const auto& entry :
       std::filesystem::directory_iterator(sgw::test::fixturePath("admission"))) {
    if (entry.path().extension() == ".json") {
      const auto path = entry.path().filename().string().find("mutate") != std::string::npos
                            ? "/mutate"
                            : "/validate";
      REQUIRE(client->Post(path, sgw::test::readFile(entry.path()), "application/json"));
    }
  }
  REQUIRE(client->Post("/validate", secretKey, "application/json"));
  // A rotation to a key that does not match its certificate is refused and logged.
  std::filesystem::copy_file(sgw::test::otherDevCerts().privateKey(), certs.privateKey(),
                             std::filesystem::copy_options::overwrite_existing);
  REQUIRE(process.waitForLog("serving certificate reload failed", std::chrono::seconds(10)));
  // The Secret changes, and the state folder is read again.
  secret["stringData"]["password"] = password + "-2";
  dir.write("state/leaky.json", secret.dump());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  process.signal(SIGTERM);
  REQUIRE(process.waitExit(std::chrono::seconds(10)) == 0);

  const auto log = process.log();
  REQUIRE_THAT(log, Catch::Contains(" review uid="));
  std::vector<std::string> secrets{password, sgw::base64Encode(password)};
  for (const auto& pem :
       {secretKey, servingKey, sgw::test::readFile(sgw::test::otherDevCerts().privateKey())}) {
    const auto lines = pemBodyLines(pem);
    secrets.insert(secrets.end(), lines.begin(), lines.end());
  }
  REQUIRE(secrets.size() > 6);
  for (const auto& material : secrets) {
    INFO(material);
    CHECK(log.find(material) == std::string::npos);
  }
}

TEST_CASE("serve applies the rule actions, logs them at start and exports them in /metrics",
          "[cli][serve][policy]") {
  const auto& certs = sgw::test::sharedDevCerts();
  WebhookProcess process(serveArgs(sgw::test::sourcePath("examples"), certs,
                                   {"--enforcement", "warn", "--rule-action", "pool-roles=deny",
                                    "--rule-action", "listener-coverage=off"}));
  auto client = sgw::test::httpsClient(process.port(), certs);
  CHECK_THAT(
      process.log(),
      Catch::Contains("rule actions enforcement=warn not_denying=\"advertised-hosts=warn,"
                      "advertised-port=warn,broker-ids=warn,certificate-names=warn,"
                      "certificate-secret-match=warn,gateway-passthrough=warn,"
                      "hostname-san=warn,listener-config=warn,listener-coverage=off,"
                      "object-schema=warn,pool-annotations=warn,route-acceptance=warn,"
                      "route-backend=warn,route-broker-match=warn,tlsroute-gateway=warn\"\n"));
  CHECK_THAT(process.log(), Catch::Contains("listener-coverage=off"));

  auto review = nlohmann::json::parse(
      sgw::test::readFixture(sgw::test::fixtureFile("016-validate", sgw::test::kCurrentReviews),
                             sgw::test::kCurrentReviews));
  auto& brokers =
      review["request"]["object"]["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"];
  for (int i = 0; i < 3; ++i) {
    brokers[i]["broker"] = i;
  }
  const auto result = client->Post("/validate", review.dump(), "application/json");
  REQUIRE(result);
  CHECK(result->status == 200);
  const auto response = nlohmann::json::parse(result->body).at("response");
  CHECK(response.at("allowed") == true);
  CHECK(response.at("warnings") ==
        nlohmann::json{"would deny (broker-ids): "
                       "spec.kafka.listeners[0].configuration.brokers: Invalid value: [0,1,2]: "
                       "none of these is a broker node; broker nodes of cluster gateway-api-test "
                       "are 10, 11, 12"});

  const auto metrics = client->Get("/metrics");
  REQUIRE(metrics);
  CHECK_THAT(metrics->body,
             Catch::Contains("sgw_rule_action{rule=\"broker-ids\",action=\"warn\"} 1\n"));
  CHECK_THAT(metrics->body,
             Catch::Contains("sgw_rule_action{rule=\"pool-roles\",action=\"deny\"} 1\n"));
  CHECK_THAT(metrics->body,
             Catch::Contains("sgw_rule_action{rule=\"listener-coverage\",action=\"off\"} 1\n"));
  CHECK_THAT(metrics->body,
             Catch::Contains("sgw_rule_findings_total{rule=\"broker-ids\",severity=\"warn\"} 1\n"));
}

TEST_CASE("serve refuses to start with an unknown rule id", "[cli][serve][policy]") {
  const auto& certs = sgw::test::sharedDevCerts();
  const auto result = sgw::test::runWebhook(
      serveArgs(sgw::test::sourcePath("examples"), certs, {"--rule-action", "san=warn"}));
  CHECK(result.exitCode == 2);
  CHECK_THAT(result.err, Catch::StartsWith("error: unknown rule \"san\" in --rule-action; rules: "
                                           "advertised-hosts, "));
}

namespace {

template <class Client> nlohmann::json auditOf(Client& client) {
  const auto result = client.Get("/audit");
  return result && result->status == 200 ? nlohmann::json::parse(result->body)
                                         : nlohmann::json::object();
}

std::vector<std::string> auditedRules(const nlohmann::json& audit) {
  std::vector<std::string> out;
  for (const auto& finding : audit.value("findings", nlohmann::json::array())) {
    out.push_back(finding.at("rule").get<std::string>() + " " +
                  finding.at("kind").get<std::string>() + " " +
                  finding.at("name").get<std::string>());
  }
  return out;
}

} // namespace

TEST_CASE("serve --state-dir audits the folder as it changes: a pool scaled, a Secret rotated",
          "[cli][serve][audit]") {
  const auto& certs = sgw::test::sharedDevCerts();
  sgw::test::TempDir dir;
  const auto state = dir.path() / "state";
  copyExamples(state);
  WebhookProcess process(serveArgs(state, certs, {"--audit-debounce-ms", "100"}));
  auto client = sgw::test::httpsClient(process.port(), certs);
  REQUIRE(
      eventually([&] { return auditOf(*client).value("lastRun", nlohmann::json()).is_string(); }));
  CHECK(auditedRules(auditOf(*client)).empty());

  // The operator scaled the broker pool: node 13 has no advertisedHost entry.
  auto pools = sgw::test::readFile(state / "kafka-node-pools.yaml");
  pools.replace(pools.find("replicas: 3"), 11, "replicas: 4");
  pools.replace(pools.find("  - 12\n"), 7, "  - 12\n  - 13\n");
  dir.write("state/kafka-node-pools.yaml", pools);
  REQUIRE(eventually([&] { return !auditedRules(auditOf(*client)).empty(); }));
  const auto scaled = auditOf(*client);
  CHECK(auditedRules(scaled) ==
        std::vector<std::string>{"listener-coverage Kafka gateway-api-test"});
  CHECK(scaled["findings"][0]["message"] ==
        "Required value: no advertisedHost for broker 13, which would advertise its internal "
        "address; add an entry for it");
  const auto metrics = client->Get("/metrics");
  REQUIRE(metrics);
  CHECK_THAT(metrics->body, Catch::Contains("sgw_audit_findings{rule=\"listener-coverage\","
                                            "severity=\"warn\",kind=\"Kafka\",namespace="
                                            "\"strimzi\",name=\"gateway-api-test\"} 1\n"));

  // cert-manager renewed the broker certificate with other SANs.
  sgw::test::CertificateRequest request;
  request.dnsNames = {"*.kafka.example.com"};
  request.notBefore = std::chrono::system_clock::now() - std::chrono::hours(1);
  request.notAfter = std::chrono::system_clock::now() + std::chrono::hours(24 * 90);
  const auto pem = sgw::base64Encode(sgw::test::makeCertificatePem(request));
  dir.write(
      "state/certificate-secret.yaml",
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: my-certificate\n  namespace: strimzi\n"
      "type: Opaque\ndata:\n  tls.crt: " +
          pem + "\n  ca.crt: " + pem + "\n");
  REQUIRE(eventually([&] {
    const auto rules = auditedRules(auditOf(*client));
    return std::count(rules.begin(), rules.end(),
                      "hostname-san TLSRoute gateway-api-test-broker-10") == 1;
  }));
  const auto rotated = auditedRules(auditOf(*client));
  CHECK(std::count(rotated.begin(), rotated.end(), "hostname-san Kafka gateway-api-test") == 3);
  CHECK(std::count(rotated.begin(), rotated.end(), "listener-coverage Kafka gateway-api-test") ==
        1);
  CHECK_THAT(process.log(),
             Catch::Contains("audit finding appeared rule=hostname-san severity=deny "
                             "kind=Kafka object=strimzi/gateway-api-test"));
}

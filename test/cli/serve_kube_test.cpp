#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/dev_certs.h"
#include "support/fake_api_server.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

extern char** environ;

namespace sgw::cli {

namespace {

using test::devCertificates;
using test::FakeApiServer;
using test::kubeconfigFor;
using test::readFile;
using test::TempDir;

// The webhook binary running `serve` with the given arguments; stopped with SIGTERM.
class ServeProcess {
public:
  ServeProcess(const std::vector<std::string>& arguments, const std::filesystem::path& log,
               const std::vector<std::string>& environment) {
    std::vector<std::string> argv{SGW_EXECUTABLE, "serve"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    std::vector<char*> args;
    for (auto& argument : argv) {
      args.push_back(argument.data());
    }
    args.push_back(nullptr);
    std::vector<std::string> env = environment;
    std::vector<char*> envp;
    for (auto& entry : env) {
      envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&pid_, SGW_EXECUTABLE, &actions, nullptr, args.data(), envp.data()) != 0) {
      pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
  }
  ~ServeProcess() { stop(); }

  // Waits for the process to end by itself; returns its exit code.
  int wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  int stop() {
    if (pid_ <= 0) {
      return -1;
    }
    kill(pid_, SIGTERM);
    return wait();
  }

private:
  pid_t pid_ = -1;
};

// GET /readyz of the webhook on `port`: status and body (status 0 while it does not answer).
std::pair<int, std::string> readyz(int port) {
  httplib::SSLClient client("127.0.0.1", port);
  client.set_ca_cert_path(devCertificates().caCertificate().c_str());
  client.enable_server_certificate_verification(true);
  client.set_connection_timeout(std::chrono::seconds(2));
  client.set_read_timeout(std::chrono::seconds(2));
  const auto response = client.Get("/readyz");
  return response ? std::pair{response->status, response->body} : std::pair{0, std::string()};
}

std::vector<std::string> servingArguments(int port) {
  const auto& certs = devCertificates();
  return {"--tls-cert-file",
          certs.certificate().string(),
          "--tls-private-key-file",
          certs.privateKey().string(),
          "--port",
          std::to_string(port)};
}

// `serve` on `port` reading the fake API server on `apiPort` through a kubeconfig written to
// `dir`, sending the token the tests' fake API servers require.
std::vector<std::string> kubeServingArguments(int port, int apiPort, const TempDir& dir) {
  auto arguments = servingArguments(port);
  const auto kubeconfig = dir.write("kubeconfig", kubeconfigFor(apiPort, "webhook-token"));
  arguments.insert(arguments.end(), {"--kubeconfig", kubeconfig.string()});
  return arguments;
}

} // namespace

TEST_CASE("serve --kubeconfig answers /readyz once the watch cache has synced", "[kube][cli]") {
  FakeApiServer api(devCertificates());
  api.loadRecordedCluster();
  api.requireToken("webhook-token");
  const int apiPort = api.start();
  TempDir dir;
  const int port = FakeApiServer::unusedPort();
  auto arguments = kubeServingArguments(port, apiPort, dir);
  ServeProcess process(arguments, dir.path() / "log", {});

  const std::string synced = "ok: cache synced: kafkas=1 kafkanodepools=2 tlsroutes=6 gateways=1 "
                             "referencegrants=0 services=4 secrets=1 listenersets=0 namespaces=0 "
                             "certificates=0; not installed, retrying: listenersets "
                             "(gateway.networking.k8s.io serves no version of listenersets among "
                             "v1 (CRD not installed)); certificates (the API group cert-manager.io "
                             "is not served (CRDs not installed))\n";
  std::pair<int, std::string> answer;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    answer = readyz(port);
    if (answer.first == 200 && answer.second == synced) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(answer.first == 200);
  CHECK(answer.second == synced);
  CHECK(process.stop() == 0);
}

TEST_CASE("serve without --state-dir or --kubeconfig outside a pod says what to pass",
          "[kube][cli]") {
  TempDir dir;
  ServeProcess process(servingArguments(FakeApiServer::unusedPort()), dir.path() / "log", {});
  CHECK(process.wait() == 2);
  CHECK(readFile(dir.path() / "log") ==
        "error: not running in a Kubernetes pod (KUBERNETES_SERVICE_HOST and "
        "KUBERNETES_SERVICE_PORT are not set): pass --kubeconfig or --state-dir\n");
}

TEST_CASE("serve in a pod reads the service-account folder", "[kube][cli]") {
  TempDir dir;
  const auto serviceAccount = dir.path() / "sa";
  std::filesystem::create_directories(serviceAccount);
  dir.write("sa/ca.crt", readFile(devCertificates().caCertificate()));
  dir.write("sa/namespace", "kafka");
  // No token mounted: the error names the file.
  auto arguments = servingArguments(FakeApiServer::unusedPort());
  arguments.insert(arguments.end(), {"--service-account-dir", serviceAccount.string()});
  ServeProcess process(arguments, dir.path() / "log",
                       {"KUBERNETES_SERVICE_HOST=127.0.0.1", "KUBERNETES_SERVICE_PORT=6443"});
  CHECK(process.wait() == 2);
  CHECK(readFile(dir.path() / "log") ==
        "error: cannot read service-account token " + (serviceAccount / "token").string() +
            ": No such file or directory (is automountServiceAccountToken turned off for this "
            "pod?)\n");
}

TEST_CASE("serve refuses an insecure kubeconfig unless allowed", "[kube][cli]") {
  TempDir dir;
  const auto kubeconfig =
      dir.write("kubeconfig", "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
                              "contexts:\n- name: test\n  context: {cluster: test, user: test}\n"
                              "clusters:\n- name: test\n  cluster:\n"
                              "    server: https://127.0.0.1:6443\n"
                              "    insecure-skip-tls-verify: true\n"
                              "users:\n- name: test\n  user: {token: t}\n");
  auto arguments = servingArguments(FakeApiServer::unusedPort());
  arguments.insert(arguments.end(), {"--kubeconfig", kubeconfig.string()});
  ServeProcess process(arguments, dir.path() / "log", {});
  CHECK(process.wait() == 2);
  CHECK(readFile(dir.path() / "log") ==
        "error: cluster \"test\" sets insecure-skip-tls-verify, which would accept any server "
        "certificate; give certificate-authority(-data) instead, or pass "
        "--allow-insecure-kubeconfig to accept the risk\n");
}

TEST_CASE("serve flag combinations that make no sense are refused", "[kube][cli]") {
  TempDir dir;
  using Row = std::pair<std::vector<std::string>, std::string>;
  const auto [extra, message] = GENERATE(
      Row{{"--context", "prod"}, "--context requires --kubeconfig"},
      Row{{"--state-dir", std::string(SGW_SOURCE_DIR) + "/examples", "--namespaces", "a,b"},
          "--state-dir excludes --namespaces"},
      Row{{"--state-dir", std::string(SGW_SOURCE_DIR) + "/examples", "--policy-reports"},
          "--state-dir excludes --policy-reports"},
      Row{{"--kubeconfig", std::string(SGW_SOURCE_DIR) + "/README.md", "--policy-reports",
           "--audit-interval", "0"},
          "error: --policy-reports publishes the audit; it needs --audit-interval above 0"});
  auto arguments = servingArguments(FakeApiServer::unusedPort());
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  ServeProcess process(arguments, dir.path() / "log", {});
  CHECK(process.wait() == 2);
  CHECK(readFile(dir.path() / "log").find(message) != std::string::npos);
}

} // namespace sgw::cli

namespace sgw::cli {

namespace {

// GET `path` of the webhook on `port` (empty while it does not answer).
std::string getBody(int port, const std::string& path) {
  httplib::SSLClient client("127.0.0.1", port);
  client.set_ca_cert_path(devCertificates().caCertificate().c_str());
  client.enable_server_certificate_verification(true);
  client.set_connection_timeout(std::chrono::seconds(2));
  client.set_read_timeout(std::chrono::seconds(5));
  const auto response = client.Get(path);
  return response && response->status == 200 ? response->body : std::string();
}

template <class Condition> bool within(std::chrono::seconds timeout, Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

nlohmann::json auditOf(int port) {
  const auto body = getBody(port, "/audit");
  return body.empty() ? nlohmann::json::object() : nlohmann::json::parse(body);
}

std::set<std::string> findingRules(const nlohmann::json& audit, const std::string& name) {
  std::set<std::string> rules;
  for (const auto& finding : audit.value("findings", nlohmann::json::array())) {
    if (finding.at("name") == name) {
      rules.insert(finding.at("rule").get<std::string>());
    }
  }
  return rules;
}

} // namespace

TEST_CASE("serve --kubeconfig audits the live cluster as it changes under the objects",
          "[kube][cli][audit]") {
  FakeApiServer api(devCertificates());
  api.loadRecordedCluster();
  api.requireToken("webhook-token");
  const int apiPort = api.start();
  TempDir dir;
  const int port = FakeApiServer::unusedPort();
  auto arguments = kubeServingArguments(port, apiPort, dir);
  arguments.insert(arguments.end(), {"--audit-debounce-ms", "100"});
  ServeProcess process(arguments, dir.path() / "log", {});

  // The recorded cluster holds three findings (see check_kube_test), none on broker-10's route.
  REQUIRE(within(std::chrono::seconds(30),
                 [&] { return auditOf(port).value("lastRun", nlohmann::json()).is_string(); }));
  CHECK(auditOf(port)["findings"].size() == 3);
  CHECK(findingRules(auditOf(port), "gateway-api-test-broker-10").empty());

  // Someone edits the Gateway to terminate TLS: every route behind it is now broken.
  auto gateway = *api.object("gateways", "strimzi", "my-gateway");
  gateway["metadata"].erase("resourceVersion"); // each event gets the next one
  gateway["spec"]["listeners"][0]["tls"]["mode"] = "Terminate";
  api.applyEvent("gateways", {{"type", "MODIFIED"}, {"object", gateway}});
  const bool seen = within(std::chrono::seconds(20), [&] {
    return findingRules(auditOf(port), "gateway-api-test-broker-10")
        .contains("gateway-passthrough");
  });
  INFO(auditOf(port).dump());
  INFO(readFile(dir.path() / "log"));
  REQUIRE(seen);
  const auto audit = auditOf(port);
  for (const auto& finding : audit["findings"]) {
    if (finding["name"] == "gateway-api-test-broker-10" &&
        finding["rule"] == "gateway-passthrough") {
      CHECK(finding["severity"] == "deny");
      CHECK(finding["kind"] == "TLSRoute");
      CHECK(finding["namespace"] == "strimzi");
      CHECK(finding["field"] == "spec.parentRefs[0].sectionName");
      CHECK(finding["firstSeen"].is_string());
    }
  }
  CHECK_THAT(getBody(port, "/metrics"),
             Catch::Contains("sgw_audit_findings{rule=\"gateway-passthrough\",severity=\"deny\","
                             "kind=\"TLSRoute\",namespace=\"strimzi\",name="
                             "\"gateway-api-test-broker-10\"} 1\n"));

  // And puts it back: those findings clear.
  gateway["spec"]["listeners"][0]["tls"]["mode"] = "Passthrough";
  gateway["metadata"].erase("resourceVersion");
  api.applyEvent("gateways", {{"type", "MODIFIED"}, {"object", gateway}});
  CHECK(within(std::chrono::seconds(20), [&] { return auditOf(port)["findings"].size() == 3; }));
  CHECK(findingRules(auditOf(port), "gateway-api-test-broker-10").empty());
  CHECK(process.stop() == 0);
  const auto log = readFile(dir.path() / "log");
  CHECK_THAT(log, Catch::Contains("audit finding appeared rule=gateway-passthrough severity=deny "
                                  "kind=TLSRoute object=strimzi/gateway-api-test-broker-10"));
  CHECK_THAT(log, Catch::Contains("audit finding cleared rule=gateway-passthrough"));
}

TEST_CASE("serve --audit-interval 0 turns the audit off", "[kube][cli][audit]") {
  FakeApiServer api(devCertificates());
  api.loadRecordedCluster();
  api.requireToken("webhook-token");
  const int apiPort = api.start();
  TempDir dir;
  const int port = FakeApiServer::unusedPort();
  auto arguments = kubeServingArguments(port, apiPort, dir);
  arguments.insert(arguments.end(), {"--audit-interval", "0"});
  ServeProcess process(arguments, dir.path() / "log", {});
  const bool ready = within(std::chrono::seconds(30), [&] { return readyz(port).first == 200; });
  INFO(readFile(dir.path() / "log"));
  REQUIRE(ready);
  httplib::SSLClient client("127.0.0.1", port);
  client.set_ca_cert_path(devCertificates().caCertificate().c_str());
  client.enable_server_certificate_verification(true);
  const auto response = client.Get("/audit");
  REQUIRE(response);
  CHECK(response->status == 404);
  CHECK_THAT(getBody(port, "/metrics"), !Catch::Contains("sgw_audit_runs_total"));
  CHECK(process.stop() == 0);
}

} // namespace sgw::cli

namespace sgw::cli {

TEST_CASE("serve --policy-reports keeps a PolicyReport per namespace equal to the audit",
          "[kube][cli][audit]") {
  FakeApiServer api(devCertificates());
  api.loadRecordedCluster();
  api.serveResource("wgpolicyk8s.io", "v1alpha2", "policyreports");
  api.requireToken("webhook-token");
  const int apiPort = api.start();
  TempDir dir;
  const int port = FakeApiServer::unusedPort();
  auto arguments = kubeServingArguments(port, apiPort, dir);
  arguments.insert(arguments.end(), {"--audit-debounce-ms", "100", "--policy-reports"});
  ServeProcess process(arguments, dir.path() / "log", {});

  const auto report = [&] {
    return api.object("policyreports", "strimzi", "strimzi-gateway-webhook")
        .value_or(nlohmann::json::object());
  };
  const auto resultsOf = [&](const std::string& name) {
    std::set<std::string> results;
    for (const auto& result : report().value("results", nlohmann::json::array())) {
      if (result["resources"][0]["name"] == name) {
        results.insert(result["rule"].get<std::string>() + "=" +
                       result["result"].get<std::string>());
      }
    }
    return results;
  };
  // The recorded cluster: a Kafka, two pools and six routes; two denials and a warning, on the
  // Kafka and on one route, so seven objects pass.
  // (An audit that runs before the certificate Secret's own watch has synced sees a warning
  // where the certificate would deny; the report then follows the next audit.)
  const nlohmann::json expected{{"pass", 7}, {"fail", 2}, {"warn", 1}, {"error", 0}, {"skip", 0}};
  const bool written = within(std::chrono::seconds(30), [&] {
    return report().value("summary", nlohmann::json()) == expected;
  });
  INFO(readFile(dir.path() / "log"));
  INFO(report().dump());
  REQUIRE(written);
  CHECK(resultsOf("gateway-api-test-broker-10") == std::set<std::string>{"all=pass"});

  // The Gateway edited to terminate TLS: the report follows the audit.
  auto gateway = *api.object("gateways", "strimzi", "my-gateway");
  gateway["metadata"].erase("resourceVersion");
  gateway["spec"]["listeners"][0]["tls"]["mode"] = "Terminate";
  api.applyEvent("gateways", {{"type", "MODIFIED"}, {"object", gateway}});
  CHECK(within(std::chrono::seconds(20), [&] {
    return resultsOf("gateway-api-test-broker-10") ==
           std::set<std::string>{"gateway-passthrough=fail"};
  }));
  CHECK(process.stop() == 0);
  // Every apply carries a report other than the one before it: an audit that changes nothing
  // writes nothing.
  std::vector<std::string> applied;
  for (const auto& request : api.requests()) {
    if (request.method == "PATCH") {
      CHECK(request.contentType == "application/apply-patch+yaml");
      CHECK(request.param("fieldManager") == "strimzi-gateway-webhook");
      CHECK(request.param("force") == "true");
      if (!applied.empty()) {
        CHECK(request.body != applied.back());
      }
      applied.push_back(request.body);
    }
  }
  CHECK(applied.size() >= 2);
}

} // namespace sgw::cli

#include <atomic>
#include <catch2/catch.hpp>

#include "sgw/core/base64.h"
#include "sgw/kube/kube_metrics.h"
#include "sgw/state/kube_state.h"
#include "support/eventually.h"
#include "support/fake_api_server.h"
#include "support/kube_test_client.h"

namespace sgw::state {

namespace {

using test::devCertificates;
using test::FakeApiServer;
using test::testClient;
using test::testClientConfig;
using Verb = FakeApiServer::Verb;

constexpr std::chrono::seconds kWait{10};
const model::ObjectKey kCertificate{"strimzi", "my-certificate"};
const model::ObjectKey kKafka{"strimzi", "gateway-api-test"};

KubeStateOptions fastOptions(std::vector<std::string> namespaces = {}) {
  KubeStateOptions options;
  options.namespaces = std::move(namespaces);
  options.informer.backoff = {std::chrono::milliseconds(5), std::chrono::milliseconds(50), 2.0,
                              0.5};
  options.informer.requestTimeout = std::chrono::seconds(5);
  return options;
}

nlohmann::json recordedKafka() {
  return FakeApiServer::loadJson("list-kafkas-all-namespaces.json")["items"][0];
}

std::set<std::string> keysOf(const std::map<std::string, std::string>& data) {
  std::set<std::string> keys;
  for (const auto& [key, value] : data) {
    keys.insert(key);
  }
  return keys;
}

// The snapshot a review of `kafka` (parsed in namespace strimzi) is judged against.
std::shared_ptr<const cluster::ClusterSnapshot> snapshotForKafka(const state::KubeState& state,
                                                                 const nlohmann::json& kafka) {
  const auto reviewed = cluster::parseObject(model::Kind::Kafka, kafka, "strimzi")->object;
  return state.snapshotFor(&reviewed);
}

struct StateFixture {
  FakeApiServer server{devCertificates()};
  std::shared_ptr<observability::Metrics> metrics = std::make_shared<observability::Metrics>();
  std::shared_ptr<KubeState> state;

  explicit StateFixture(KubeStateOptions options = fastOptions(), int port = 0,
                        bool startServer = true) {
    if (startServer) {
      port = server.start(port);
    }
    state = std::make_shared<KubeState>(testClient(testClientConfig(port)), std::move(options),
                                        metrics);
  }
  ~StateFixture() {
    state->stop();
    server.stop();
  }
  bool waitFor(const std::function<bool(const cluster::ClusterSnapshot&)>& predicate) const {
    return state->waitFor(predicate, kWait);
  }
};

} // namespace

TEST_CASE("the watch cache syncs the recorded cluster", "[kube][state]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  CHECK_FALSE(fixture.state->ready());
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  REQUIRE(fixture.waitFor([](const auto& snapshot) { return snapshot.secrets().size() == 1; }));

  const auto snapshot = fixture.state->snapshot();
  CHECK(snapshot->kafkas().size() == 1);
  CHECK(snapshot->nodePools().size() == 2);
  CHECK(snapshot->tlsRoutes().size() == 6);
  CHECK(snapshot->gateways().size() == 1);
  CHECK(snapshot->referenceGrants().empty());
  CHECK(snapshot->services().size() == 4);
  // The indexes the rules look things up by are built.
  CHECK(snapshot->nodePoolKeysOf(kKafka) ==
        std::vector<model::ObjectKey>{{"strimzi", "broker"}, {"strimzi", "controller"}});
  CHECK(snapshot->tlsRouteKeysWithHostname("broker-10.strimzi.gateway.api.test") ==
        std::vector<model::ObjectKey>{{"strimzi", "gateway-api-test-broker-10"}});
  // The certificate Secret: its certificates, never its key.
  const auto& secret = *snapshot->secrets().at(kCertificate);
  CHECK(keysOf(secret.data) == std::set<std::string>{"ca.crt", "tls.crt"});
  CHECK(secret.withheldKeys == std::set<std::string>{"tls.key"});
  CHECK(secret.data.at("tls.crt").starts_with("-----BEGIN CERTIFICATE-----"));

  // The recorded cluster runs Gateway API 1.1, which has no ListenerSet yet, and no cert-manager.
  const std::string synced = "cache synced: kafkas=1 kafkanodepools=2 tlsroutes=6 gateways=1 "
                             "referencegrants=0 services=4 secrets=1 listenersets=0 namespaces=0 "
                             "certificates=0; not installed, retrying: listenersets "
                             "(gateway.networking.k8s.io serves no version of listenersets among "
                             "v1 (CRD not installed)); certificates (the API group cert-manager.io "
                             "is not served (CRDs not installed))";
  fixture.server.waitUntil([&] { return fixture.state->readinessDetail() == synced; });
  CHECK(fixture.state->readinessDetail() == synced);
  CHECK(fixture.state->watchedSecrets() == std::vector<model::ObjectKey>{kCertificate});
}

TEST_CASE("Secrets are only read by name, Services only by the Strimzi label", "[kube][state]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  fixture.state->start();
  REQUIRE(fixture.waitFor([](const auto& snapshot) { return snapshot.secrets().size() == 1; }));
  REQUIRE(fixture.server.waitForRequest([](const FakeApiServer::Request& request) {
    return request.isWatch() && request.path == "/api/v1/namespaces/strimzi/secrets";
  }));
  std::size_t secretRequests = 0;
  for (const auto& request : fixture.server.requests()) {
    if (request.path.find("/secrets") != std::string::npos) {
      ++secretRequests;
      CHECK(request.path == "/api/v1/namespaces/strimzi/secrets");
      CHECK(request.param("fieldSelector") == "metadata.name=my-certificate");
    }
    if (request.path.find("/services") != std::string::npos) {
      CHECK(request.path == "/api/v1/services");
      CHECK(request.param("labelSelector") == "strimzi.io/kind=Kafka");
    }
  }
  CHECK(secretRequests == 2); // one LIST, one WATCH
}

TEST_CASE("watch events reach the published snapshot in order", "[kube][state]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  const auto before = fixture.state->snapshot();
  for (const auto& event : FakeApiServer::loadJsonLines("watch-kafkanodepools.events.jsonl")) {
    fixture.server.applyEvent("kafkanodepools", event);
  }
  REQUIRE(fixture.waitFor([](const cluster::ClusterSnapshot& snapshot) {
    const auto& broker = snapshot.nodePools().at({"strimzi", "broker"});
    return broker->statusNodeIds && broker->statusNodeIds->size() == 5;
  }));
  const auto broker = fixture.state->snapshot()->nodePools().at({"strimzi", "broker"});
  CHECK(broker->replicas == 5);
  // A snapshot a review holds does not change under it.
  CHECK(before->nodePools().at({"strimzi", "broker"})->replicas == 4);
  CHECK(before->nodePools().at({"strimzi", "broker"})->statusNodeIds->size() == 4);
}

TEST_CASE("freed memory is given back once a burst of changes has been published",
          "[kube][state]") {
  auto options = fastOptions();
  std::atomic<int> releases{0};
  options.releaseMemory = [&] { ++releases; };
  // Longer than any gap between the batches of one burst on a loaded machine.
  options.releaseMemoryAfterQuiet = std::chrono::milliseconds(1000);
  StateFixture fixture(options);
  fixture.server.loadRecordedCluster();
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  REQUIRE(fixture.waitFor([](const auto& snapshot) { return snapshot.secrets().size() == 1; }));
  REQUIRE(test::eventually([&] { return releases >= 1; }));
  const int afterSync = releases;

  const auto events = FakeApiServer::loadJsonLines("watch-kafkanodepools.events.jsonl");
  REQUIRE(events.size() == 6);
  for (const auto& event : events) {
    fixture.server.applyEvent("kafkanodepools", event);
  }
  REQUIRE(fixture.waitFor([](const cluster::ClusterSnapshot& snapshot) {
    return snapshot.nodePools().at({"strimzi", "broker"})->replicas == 5;
  }));
  CHECK(test::eventually([&] { return releases > afterSync; }));
  // Once for the burst, not once per event.
  CHECK(releases - afterSync < static_cast<int>(events.size()));
}

TEST_CASE("a watch failing after the first sync is reported and keeps the webhook ready",
          "[kube][state]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  REQUIRE(fixture.server.waitUntil([&] { return fixture.server.openWatches() == 8; }));
  // The next kafkas watch is refused, the one after answers late: the failure is visible
  // in between.
  fixture.server.script(Verb::Watch, "kafkas",
                        {.status = 500,
                         .chunks = {R"({"kind":"Status","apiVersion":"v1","metadata":{},)"
                                    R"("status":"Failure","message":"etcdserver: request timed )"
                                    R"(out","reason":"InternalError","code":500})"}});
  fixture.server.script(Verb::Watch, "kafkas", {.status = 200, .delay = std::chrono::seconds(1)});
  fixture.server.cutWatches();
  const std::string reconnecting =
      "; reconnecting: kafkas (WATCH /apis/kafka.strimzi.io/v1beta2/kafkas?watch=true&"
      "resourceVersion=356&allowWatchBookmarks=true&timeoutSeconds=";
  const std::string failure = ": HTTP 500 Internal Server Error: etcdserver: request timed out)";
  REQUIRE(fixture.server.waitUntil([&] {
    const auto detail = fixture.state->readinessDetail();
    return detail.find(reconnecting) != std::string::npos &&
           detail.find(failure) != std::string::npos;
  }));
  CHECK(fixture.state->ready());
  CHECK(fixture.server.waitUntil(
      [&] { return fixture.state->readinessDetail().find("reconnecting") == std::string::npos; }));
}

TEST_CASE("readiness waits for an API server that is down at start", "[kube][state]") {
  const int port = FakeApiServer::unusedPort();
  StateFixture fixture(fastOptions(), port, /*startServer=*/false);
  fixture.state->start();
  const std::string waiting = "waiting for the first list of kafkas (discovery of "
                              "kafka.strimzi.io failed: cannot connect to https://127.0.0.1:" +
                              std::to_string(port) + ")";
  fixture.server.waitUntil([&] { return fixture.state->readinessDetail().starts_with(waiting); });
  CHECK(fixture.state->readinessDetail().starts_with(waiting));
  CHECK_FALSE(fixture.state->ready());

  fixture.server.loadRecordedCluster();
  fixture.server.start(port);
  REQUIRE(fixture.state->waitUntilReady(kWait));
  CHECK(fixture.state->snapshot()->kafkas().size() == 1);
}

TEST_CASE("missing CRDs are reported and do not block readiness", "[kube][state]") {
  StateFixture fixture;
  fixture.server.serveResource("kafka.strimzi.io", "v1beta2", "kafkas");
  fixture.server.serveResource("kafka.strimzi.io", "v1beta2", "kafkanodepools");
  fixture.server.loadList("kafkas", FakeApiServer::loadJson("list-kafkas-all-namespaces.json"));
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  REQUIRE(fixture.waitFor([](const auto& snapshot) { return snapshot.kafkas().size() == 1; }));
  const std::string missing = "the API group gateway.networking.k8s.io is not served (CRDs not "
                              "installed)";
  const std::string expected =
      "cache synced: kafkas=1 kafkanodepools=0 tlsroutes=0 gateways=0 referencegrants=0 "
      "services=0 secrets=0 listenersets=0 namespaces=0 certificates=0; not installed, retrying: "
      "tlsroutes (" +
      missing + "); gateways (" + missing + "); referencegrants (" + missing + "); listenersets (" +
      missing +
      "); certificates (the API group cert-manager.io is not served (CRDs not "
      "installed))";
  // The Kafka's Secret does not exist: its informer syncs empty.
  fixture.server.waitUntil([&] { return fixture.state->readinessDetail() == expected; });
  CHECK(fixture.state->readinessDetail() == expected);
}

TEST_CASE("listed namespaces are watched each, and nothing cluster-wide", "[kube][state]") {
  StateFixture fixture(fastOptions({"strimzi", "other"}));
  fixture.server.loadRecordedCluster();
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  CHECK(fixture.state->snapshot()->nodePools().size() == 2);
  std::set<std::string> paths;
  for (const auto& request : fixture.server.requests()) {
    if (request.path.ends_with("/kafkanodepools") || request.path.ends_with("/services")) {
      paths.insert(request.path);
    }
  }
  CHECK(paths == std::set<std::string>{
                     "/api/v1/namespaces/other/services", "/api/v1/namespaces/strimzi/services",
                     "/apis/kafka.strimzi.io/v1beta2/namespaces/other/kafkanodepools",
                     "/apis/kafka.strimzi.io/v1beta2/namespaces/strimzi/kafkanodepools"});
  // Namespaces are cluster-scoped: only the watched ones are read, each by name.
  std::set<std::string> namespaceSelectors;
  for (const auto& request : fixture.server.requests()) {
    if (request.path == "/api/v1/namespaces") {
      namespaceSelectors.insert(request.param("fieldSelector"));
    }
  }
  CHECK(namespaceSelectors ==
        std::set<std::string>{"metadata.name=other", "metadata.name=strimzi"});
}

TEST_CASE("ListenerSets and Namespaces join the cache", "[kube][state]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  fixture.server.serveResource("gateway.networking.k8s.io", "v1", "listenersets");
  fixture.server.loadList(
      "listenersets",
      {{"metadata", {{"resourceVersion", "360"}}},
       {"items",
        {{{"apiVersion", "gateway.networking.k8s.io/v1"},
          {"kind", "ListenerSet"},
          {"metadata",
           {{"name", "kafka-listeners"}, {"namespace", "strimzi"}, {"resourceVersion", "358"}}},
          {"spec",
           {{"parentRef", {{"name", "my-gateway"}}},
            {"listeners",
             {{{"name", "kafka"},
               {"protocol", "TLS"},
               {"port", 9092},
               {"tls", {{"mode", "Passthrough"}}}}}}}}}}}});
  fixture.server.loadList(
      "namespaces",
      {{"metadata", {{"resourceVersion", "361"}}},
       {"items",
        {{{"apiVersion", "v1"},
          {"kind", "Namespace"},
          {"metadata",
           {{"name", "strimzi"},
            {"resourceVersion", "359"},
            {"labels", {{"kubernetes.io/metadata.name", "strimzi"}, {"team", "kafka"}}}}}}}}});
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  REQUIRE(fixture.waitFor([](const auto& snapshot) {
    return snapshot.listenerSets().size() == 1 && snapshot.namespaces().size() == 1;
  }));
  const auto snapshot = fixture.state->snapshot();
  const auto& set = *snapshot->listenerSets().at({"strimzi", "kafka-listeners"});
  CHECK(set.parent == model::ObjectKey{"strimzi", "my-gateway"});
  REQUIRE(set.listeners.size() == 1);
  CHECK(set.listeners[0].tlsMode == std::optional<std::string>("Passthrough"));
  CHECK(snapshot->namespaces().at({"", "strimzi"})->metadata.label("team") ==
        std::optional<std::string>("kafka"));
}

TEST_CASE("cert-manager Certificates join the cache when cert-manager is installed",
          "[kube][state][certificate]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  fixture.server.serveResource("cert-manager.io", "v1", "certificates");
  fixture.server.loadList(
      "certificates",
      {{"metadata", {{"resourceVersion", "370"}}},
       {"items",
        {{{"apiVersion", "cert-manager.io/v1"},
          {"kind", "Certificate"},
          {"metadata",
           {{"name", "my-certificate"}, {"namespace", "strimzi"}, {"resourceVersion", "368"}}},
          {"spec",
           {{"secretName", "my-certificate"},
            {"dnsNames", {"*.strimzi.gateway.api.test"}},
            {"issuerRef", {{"name", "my-issuer"}, {"kind", "ClusterIssuer"}}}}},
          {"status",
           {{"conditions", {{{"type", "Ready"}, {"status", "True"}, {"reason", "Ready"}}}}}}}}}});
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  REQUIRE(
      fixture.waitFor([](const auto& snapshot) { return snapshot.certificates().size() == 1; }));
  const auto snapshot = fixture.state->snapshot();
  const auto& certificate = *snapshot->certificates().at(kCertificate);
  CHECK(certificate.dnsNames == std::vector<std::string>{"*.strimzi.gateway.api.test"});
  CHECK(certificate.ready());
  CHECK(snapshot->certificateKeysForSecret(kCertificate) ==
        std::vector<model::ObjectKey>{kCertificate});
  CHECK(fixture.server.waitForRequest([](const FakeApiServer::Request& request) {
    return request.isWatch() && request.path == "/apis/cert-manager.io/v1/certificates";
  }));

  // A renewal that changes the names reaches the snapshot.
  nlohmann::json renamed = {
      {"apiVersion", "cert-manager.io/v1"},
      {"kind", "Certificate"},
      {"metadata",
       {{"name", "my-certificate"}, {"namespace", "strimzi"}, {"resourceVersion", "371"}}},
      {"spec", {{"secretName", "my-certificate"}, {"dnsNames", {"*.other.example"}}}}};
  fixture.server.applyEvent("certificates", {{"type", "MODIFIED"}, {"object", renamed}});
  CHECK(fixture.waitFor([](const auto& snapshot) {
    const auto found = snapshot.certificates().find(kCertificate);
    return found != snapshot.certificates().end() &&
           found->second->dnsNames == std::vector<std::string>{"*.other.example"};
  }));
  fixture.metrics->render(); // runs the collectors
  CHECK(fixture.metrics->value(kube::kObjectsMetric, {{"resource", "certificates"}}) == 1);
}

TEST_CASE("a Secret is watched while a Kafka names it and dropped after", "[kube][state]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  fixture.state->start();
  REQUIRE(fixture.waitFor([](const auto& snapshot) { return snapshot.secrets().size() == 1; }));

  SECTION("the Kafka is deleted") {
    auto kafka = recordedKafka();
    kafka["metadata"]["resourceVersion"] = "400";
    fixture.server.applyEvent("kafkas", {{"type", "DELETED"}, {"object", kafka}});
    REQUIRE(fixture.waitFor([](const auto& snapshot) {
      return snapshot.kafkas().empty() && snapshot.secrets().empty();
    }));
    CHECK(fixture.state->watchedSecrets().empty());
  }
  SECTION("the Kafka names another Secret") {
    auto other = fixture.server.object("secrets", "strimzi", "my-certificate").value();
    other["metadata"]["name"] = "other-certificate";
    other["metadata"]["resourceVersion"] = "401";
    fixture.server.applyEvent("secrets", {{"type", "ADDED"}, {"object", other}});
    auto kafka = recordedKafka();
    kafka["metadata"]["resourceVersion"] = "402";
    kafka["spec"]["kafka"]["listeners"][0]["configuration"]["brokerCertChainAndKey"]["secretName"] =
        "other-certificate";
    fixture.server.applyEvent("kafkas", {{"type", "MODIFIED"}, {"object", kafka}});
    REQUIRE(fixture.waitFor([](const auto& snapshot) {
      return snapshot.secrets().size() == 1 &&
             snapshot.secrets().count({"strimzi", "other-certificate"}) == 1;
    }));
    CHECK(fixture.state->watchedSecrets() ==
          std::vector<model::ObjectKey>{{"strimzi", "other-certificate"}});
  }
}

TEST_CASE("Secret keys no Kafka needs are not kept", "[kube][state]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  auto secret = fixture.server.object("secrets", "strimzi", "my-certificate").value();
  secret["data"]["notes.txt"] = base64Encode("rotation schedule");
  secret["metadata"]["resourceVersion"] = "357";
  fixture.server.applyEvent("secrets", {{"type", "MODIFIED"}, {"object", secret}});
  fixture.state->start();
  REQUIRE(fixture.waitFor([](const auto& snapshot) { return snapshot.secrets().size() == 1; }));
  const auto& cached = *fixture.state->snapshot()->secrets().at(kCertificate);
  CHECK(keysOf(cached.data) == std::set<std::string>{"ca.crt", "tls.crt"});
  CHECK(cached.withheldKeys == std::set<std::string>{"notes.txt", "tls.key"});
}

namespace {

double secretFetches(const StateFixture& fixture, const char* result) {
  return fixture.metrics->value(kube::kSecretFetchesMetric, {{"result", result}});
}

double allSecretFetches(const StateFixture& fixture) {
  return secretFetches(fixture, "found") + secretFetches(fixture, "not_found") +
         secretFetches(fixture, "failed");
}

// The recorded cluster without its Secret in the cache: the Kafka of the reviews below is new.
struct UncachedSecretFixture : StateFixture {
  std::shared_ptr<const cluster::ClusterSnapshot> cached;

  explicit UncachedSecretFixture(KubeStateOptions options) : StateFixture(std::move(options)) {
    server.serveRecordedCluster();
    server.loadList("secrets", FakeApiServer::loadJson("list-secrets-ns-strimzi.json"));
    state->start();
    REQUIRE(state->waitUntilReady(kWait));
    cached = state->snapshot();
    REQUIRE(cached->secrets().empty());
  }
  // Waits until the fetcher has answered `count` GETs in all.
  bool waitForFetches(double count) const {
    return server.waitUntil([&] { return allSecretFetches(*this) >= count; });
  }
};

} // namespace

TEST_CASE("a review of a Kafka naming an uncached Secret counts it as loading and has it fetched",
          "[kube][state]") {
  UncachedSecretFixture fixture(fastOptions());

  SECTION("found: later reviews are judged with it, the cache is unchanged") {
    const auto first = snapshotForKafka(*fixture.state, recordedKafka());
    CHECK(first->secretsLoading() == std::set<model::ObjectKey>{kCertificate});
    CHECK(first->secrets().empty());
    // Everything else is the cached snapshot's.
    CHECK(&first->kafkas() == &fixture.cached->kafkas());
    REQUIRE(fixture.waitForFetches(1));

    const auto judged = snapshotForKafka(*fixture.state, recordedKafka());
    CHECK(judged->secretsLoading().empty());
    REQUIRE(judged->secrets().count(kCertificate) == 1);
    const auto& secret = *judged->secrets().at(kCertificate);
    CHECK(keysOf(secret.data) == std::set<std::string>{"ca.crt", "tls.crt"});
    CHECK(secret.withheldKeys == std::set<std::string>{"tls.key"});
    CHECK(fixture.state->snapshot()->secrets().empty());
    const auto gets = fixture.server.requestsFor(Verb::Get, "secrets");
    REQUIRE(gets.size() == 1);
    CHECK(gets[0].path == "/api/v1/namespaces/strimzi/secrets/my-certificate");
    CHECK(secretFetches(fixture, "found") == 1);
  }
  SECTION("not found: later reviews are judged without it") {
    auto kafka = recordedKafka();
    kafka["spec"]["kafka"]["listeners"][0]["configuration"]["brokerCertChainAndKey"]["secretName"] =
        "missing";
    CHECK(snapshotForKafka(*fixture.state, kafka)->secretsLoading() ==
          std::set<model::ObjectKey>{{"strimzi", "missing"}});
    REQUIRE(fixture.waitForFetches(1));
    CHECK(snapshotForKafka(*fixture.state, kafka) == fixture.cached);
    CHECK(secretFetches(fixture, "not_found") == 1);
  }
  SECTION("forbidden: still unknown, and not asked for again at once") {
    fixture.server.script(
        Verb::Get, "secrets",
        {.status = 403, .chunks = {R"({"kind":"Status","code":403,"reason":"Forbidden"})"}});
    CHECK(snapshotForKafka(*fixture.state, recordedKafka())->secretsLoading() ==
          std::set<model::ObjectKey>{kCertificate});
    REQUIRE(fixture.waitForFetches(1));
    CHECK(snapshotForKafka(*fixture.state, recordedKafka())->secretsLoading() ==
          std::set<model::ObjectKey>{kCertificate});
    CHECK(secretFetches(fixture, "failed") == 1);
    CHECK(fixture.server.requestsFor(Verb::Get, "secrets").size() == 1);
  }
}

TEST_CASE("a Kafka naming another key of a cached Secret has it read for that key",
          "[kube][state]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  auto secret = fixture.server.object("secrets", "strimzi", "my-certificate").value();
  secret["data"]["other.crt"] = secret["data"]["tls.crt"];
  secret["metadata"]["resourceVersion"] = "357";
  fixture.server.applyEvent("secrets", {{"type", "MODIFIED"}, {"object", secret}});
  fixture.state->start();
  REQUIRE(fixture.waitFor([](const auto& snapshot) { return snapshot.secrets().size() == 1; }));
  auto kafka = recordedKafka();
  kafka["spec"]["kafka"]["listeners"][0]["configuration"]["brokerCertChainAndKey"]["certificate"] =
      "other.crt";

  // The cache keeps the keys the cached Kafka names: this one's key is withheld there.
  const auto first = snapshotForKafka(*fixture.state, kafka);
  CHECK(first->secretsLoading() == std::set<model::ObjectKey>{kCertificate});
  CHECK(first->secrets().at(kCertificate)->withheldKeys.count("other.crt") == 1);
  REQUIRE(fixture.server.waitUntil([&] { return allSecretFetches(fixture) >= 1; }));

  const auto judged = snapshotForKafka(*fixture.state, kafka);
  CHECK(judged->secretsLoading().empty());
  CHECK(keysOf(judged->secrets().at(kCertificate)->data) ==
        std::set<std::string>{"ca.crt", "other.crt"});
  CHECK(secretFetches(fixture, "found") == 1);
  // The cache itself still keeps what the cached Kafka needs.
  CHECK(keysOf(fixture.state->snapshot()->secrets().at(kCertificate)->data) ==
        std::set<std::string>{"ca.crt", "tls.crt"});
}

TEST_CASE("the answer of a Secret GET serves reviews for a while", "[kube][state]") {
  auto options = fastOptions();
  auto kafka = recordedKafka();
  std::string secretName = "my-certificate";
  SECTION("a Secret that does not exist") {
    secretName = "missing";
  }
  kafka["spec"]["kafka"]["listeners"][0]["configuration"]["brokerCertChainAndKey"]["secretName"] =
      secretName;
  std::size_t expectedGets = 1;
  SECTION("within the memory: one GET for three reviews") {
    options.secretFetchMemory = std::chrono::minutes(10);
  }
  SECTION("after it: asked again") {
    options.secretFetchMemory = std::chrono::milliseconds(0);
    expectedGets = 2;
  }
  UncachedSecretFixture fixture(options);

  snapshotForKafka(*fixture.state, kafka);
  REQUIRE(fixture.waitForFetches(1));
  snapshotForKafka(*fixture.state, kafka);
  REQUIRE(fixture.waitForFetches(static_cast<double>(expectedGets)));
  snapshotForKafka(*fixture.state, kafka);
  if (expectedGets == 2) {
    // The third review may have queued a third GET once the second was answered.
    CHECK(fixture.server.requestsFor(Verb::Get, "secrets").size() >= 2);
  } else {
    CHECK(fixture.server.requestsFor(Verb::Get, "secrets").size() == 1);
  }
}

TEST_CASE("a review does not wait for a Secret the API server is slow to send", "[kube][state]") {
  UncachedSecretFixture fixture(fastOptions());
  fixture.server.script(Verb::Get, "secrets",
                        {.status = 200, .chunks = {"{}"}, .delay = std::chrono::minutes(5)});
  const auto first = snapshotForKafka(*fixture.state, recordedKafka());
  CHECK(first->secretsLoading() == std::set<model::ObjectKey>{kCertificate});
  // Judged and answered while the GET is still waiting for the API server; the next review is
  // too, without a second GET.
  REQUIRE(fixture.server.waitUntil(
      [&] { return fixture.server.requestsFor(Verb::Get, "secrets").size() == 1; }));
  const auto second = snapshotForKafka(*fixture.state, recordedKafka());
  CHECK(second->secretsLoading() == std::set<model::ObjectKey>{kCertificate});
  CHECK(allSecretFetches(fixture) == 0);
  CHECK(fixture.server.requestsFor(Verb::Get, "secrets").size() == 1);
  // stop() ends the GET in progress: the fixture's destructor does not wait five minutes.
}

TEST_CASE("a Secret with an informer of its own is the informer's to read", "[kube][state]") {
  StateFixture fixture;
  fixture.server.serveRecordedCluster();
  fixture.server.loadList("kafkas", FakeApiServer::loadJson("list-kafkas-all-namespaces.json"));
  SECTION("not listed yet: loading, without a GET") {
    fixture.server.script(Verb::List, "secrets",
                          {.status = 200, .chunks = {"{}"}, .delay = std::chrono::minutes(5)});
    fixture.state->start();
    REQUIRE(fixture.server.waitUntil(
        [&] { return !fixture.server.requestsFor(Verb::List, "secrets").empty(); }));
    CHECK(snapshotForKafka(*fixture.state, recordedKafka())->secretsLoading() ==
          std::set<model::ObjectKey>{kCertificate});
  }
  SECTION("listed, and there is none: missing, without a GET") {
    fixture.state->start();
    // /readyz counts the certificate Secrets synced until all are.
    REQUIRE(fixture.server.waitUntil([&] {
      return fixture.state->watchedSecrets() == std::vector<model::ObjectKey>{kCertificate} &&
             fixture.state->readinessDetail().find("certificate Secrets") == std::string::npos;
    }));
    const auto current = fixture.state->snapshot();
    CHECK(snapshotForKafka(*fixture.state, recordedKafka()) == current);
  }
  CHECK(fixture.server.requestsFor(Verb::Get, "secrets").empty());
}

TEST_CASE("reviews that need no Secret make no request", "[kube][state]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  fixture.state->start();
  REQUIRE(fixture.waitFor([](const auto& snapshot) { return snapshot.secrets().size() == 1; }));
  REQUIRE(fixture.server.waitUntil([&] { return fixture.server.openWatches() == 8; }));
  // Only Secret reads count: the informer of a resource that is not installed (ListenerSets on
  // the recorded Gateway API 1.1) keeps asking the API server whether it is, on its own clock.
  const auto secretRequests = [&] {
    return fixture.server.requestsFor(Verb::Get, "secrets").size() +
           fixture.server.requestsFor(Verb::List, "secrets").size() +
           fixture.server.requestsFor(Verb::Watch, "secrets").size();
  };
  const auto requestsBefore = secretRequests();
  SECTION("the Secret is cached") {
    const auto current = fixture.state->snapshot();
    CHECK(snapshotForKafka(*fixture.state, recordedKafka()) == current);
  }
  SECTION("another kind") {
    const auto route =
        cluster::parseObject(
            model::Kind::TlsRoute,
            nlohmann::json{{"apiVersion", "gateway.networking.k8s.io/v1"},
                           {"kind", "TLSRoute"},
                           {"metadata", {{"name", "broker-10"}, {"namespace", "strimzi"}}}},
            "strimzi")
            ->object;
    CHECK(fixture.state->snapshotFor(&route) == fixture.state->snapshot());
  }
  SECTION("no object under review (a DELETE, a status update)") {
    CHECK(fixture.state->snapshotFor(nullptr) == fixture.state->snapshot());
  }
  CHECK(secretRequests() == requestsBefore);
}

TEST_CASE("the watch cache reports its metrics", "[kube][state]") {
  StateFixture fixture;
  fixture.server.loadRecordedCluster();
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  REQUIRE(fixture.waitFor([](const auto& snapshot) { return snapshot.secrets().size() == 1; }));
  fixture.server.cutWatches();
  REQUIRE(fixture.server.waitUntil([&] {
    return fixture.metrics->value(kube::kWatchRestartsMetric, {{"resource", "kafkas"}}) >= 1;
  }));
  const auto text = fixture.metrics->render();
  const auto value = [&](const char* name, const char* resource) {
    return fixture.metrics->value(name, {{"resource", resource}});
  };
  CHECK(value(kube::kObjectsMetric, "kafkas") == 1);
  CHECK(value(kube::kObjectsMetric, "tlsroutes") == 6);
  CHECK(value(kube::kObjectsMetric, "secrets") == 1);
  CHECK(value(kube::kSyncedMetric, "tlsroutes") == 1);
  CHECK(value(kube::kRelistsMetric, "kafkas") == 0);
  CHECK(value(kube::kLastEventAgeMetric, "kafkas") >= 0);
  CHECK(text.find("# TYPE sgw_kube_last_event_age_seconds gauge") != std::string::npos);
  CHECK(text.find("sgw_kube_objects{resource=\"services\"} 4") != std::string::npos);
}

} // namespace sgw::state

namespace sgw::state {

namespace {

// The recorded Kafka with a label, as a MODIFIED event at `resourceVersion`.
nlohmann::json labelledKafkaEvent(const std::string& label, const std::string& resourceVersion) {
  auto kafka = recordedKafka();
  kafka["metadata"]["labels"]["fault"] = label;
  kafka["metadata"]["resourceVersion"] = resourceVersion;
  return {{"type", "MODIFIED"}, {"object", kafka}};
}

bool kafkaLabelled(const cluster::ClusterSnapshot& snapshot, const std::string& label) {
  const auto found = snapshot.kafkas().find(kKafka);
  return found != snapshot.kafkas().end() &&
         found->second->metadata.label("fault") == std::optional<std::string>(label);
}

} // namespace

TEST_CASE("an API server down for longer than the backoff cap is waited out, serving the last "
          "state",
          "[kube][state][faults]") {
  StateFixture fixture; // backoff capped at 50 ms
  fixture.server.loadRecordedCluster();
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  REQUIRE(fixture.server.waitUntil([&] { return fixture.server.openWatches() == 8; }));
  const int port = fixture.server.port();
  const auto restarts = [&] {
    return fixture.metrics->value(kube::kWatchRestartsMetric, {{"resource", "kafkas"}});
  };
  const auto restartsBefore = restarts();

  fixture.server.stop();
  // Twenty failed reconnections take at least twenty times the cap.
  REQUIRE(test::eventually([&] { return restarts() >= restartsBefore + 20; }));
  CHECK(fixture.state->ready());
  CHECK(fixture.state->snapshot()->kafkas().size() == 1);
  CHECK(fixture.state->readinessDetail().find("reconnecting: kafkas") != std::string::npos);

  // Back, with a change made while it was away.
  fixture.server.applyEvent("kafkas", labelledKafkaEvent("back", "500"));
  fixture.server.start(port);
  CHECK(fixture.waitFor([](const auto& snapshot) { return kafkaLabelled(snapshot, "back"); }));
  CHECK(fixture.server.waitUntil(
      [&] { return fixture.state->readinessDetail().find("reconnecting") == std::string::npos; }));
}

TEST_CASE("a stalled LIST and a stalled WATCH are given up on and retried",
          "[kube][state][faults]") {
  auto options = fastOptions();
  options.informer.requestTimeout = std::chrono::seconds(1);
  // A watch that sends nothing is abandoned after timeoutSeconds (1 to 2 s) and the slack (1 s).
  options.informer.watchTimeout = std::chrono::seconds(1);
  options.informer.watchIdleSlack = std::chrono::seconds(1);
  StateFixture fixture(options);
  fixture.server.loadRecordedCluster();
  // The first LIST of kafkas answers nothing for far longer than the request timeout.
  fixture.server.script(Verb::List, "kafkas", {.delay = std::chrono::seconds(60)});
  fixture.state->start();
  REQUIRE(fixture.state->waitUntilReady(kWait));
  CHECK(fixture.server.requestsFor(Verb::List, "kafkas").size() >= 2);
  CHECK(fixture.state->snapshot()->kafkas().size() == 1);

  // The next kafkas watch stalls before its first byte; a change made meanwhile still arrives.
  REQUIRE(fixture.server.waitUntil([&] { return fixture.server.openWatches() == 8; }));
  fixture.server.script(Verb::Watch, "kafkas", {.delay = std::chrono::seconds(60)});
  fixture.server.cutWatches();
  REQUIRE(fixture.server.waitUntil(
      [&] { return fixture.server.requestsFor(Verb::Watch, "kafkas").size() >= 2; }));
  fixture.server.applyEvent("kafkas", labelledKafkaEvent("after-stall", "600"));
  CHECK(
      fixture.waitFor([](const auto& snapshot) { return kafkaLabelled(snapshot, "after-stall"); }));
}

} // namespace sgw::state

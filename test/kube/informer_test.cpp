#include <catch2/catch.hpp>
#include <condition_variable>
#include <sstream>

#include "sgw/kube/informer.h"
#include "sgw/kube/kube_metrics.h"
#include "support/eventually.h"
#include "support/fake_api_server.h"
#include "support/kube_test_client.h"
#include "support/test_paths.h"

namespace sgw::kube {

namespace {

using test::devCertificates;
using test::FakeApiServer;
using test::testClient;
using test::testClientConfig;
using Verb = FakeApiServer::Verb;

constexpr std::chrono::seconds kWait{10};

// What an informer handed on, in order, and the objects as they stand.
class Recorder {
public:
  ChangeSink sink() {
    return [this](std::vector<ObjectChange> changes) {
      std::lock_guard lock(mutex_);
      for (auto& change : changes) {
        log_.push_back((change.object ? "upsert " : "delete ") + change.key.toString());
        if (change.object) {
          objects_[change.key] = *change.object;
        } else {
          objects_.erase(change.key);
        }
      }
      changed_.notify_all();
    };
  }
  bool waitFor(const std::function<bool()>& predicate) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kWait, predicate);
  }
  std::vector<std::string> log() {
    std::lock_guard lock(mutex_);
    return log_;
  }
  std::size_t size() {
    std::lock_guard lock(mutex_);
    return objects_.size();
  }
  std::shared_ptr<const model::KafkaNodePool> pool(const std::string& name) {
    std::lock_guard lock(mutex_);
    const auto found = objects_.find({"strimzi", name});
    return found == objects_.end()
               ? nullptr
               : std::get<std::shared_ptr<const model::KafkaNodePool>>(found->second);
  }
  // Unlocked helpers for waitFor predicates.
  const std::map<model::ObjectKey, cluster::AnyObject>& objects() const { return objects_; }
  const std::vector<std::string>& rawLog() const { return log_; }

private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> log_;
  std::map<model::ObjectKey, cluster::AnyObject> objects_;
};

InformerOptions fastOptions() {
  InformerOptions options;
  options.backoff = {std::chrono::milliseconds(5), std::chrono::milliseconds(50), 2.0, 0.5};
  options.requestTimeout = std::chrono::seconds(5);
  return options;
}

ApiResource resourceNamed(const std::string& plural) {
  for (auto& resource : cachedResources()) {
    if (resource.plural == plural) {
      return resource;
    }
  }
  throw std::runtime_error("no resource " + plural);
}

std::vector<std::int64_t> nodeIds(const model::KafkaNodePool& pool) {
  std::vector<std::int64_t> ids;
  for (const auto& id : pool.statusNodeIds.value_or(std::vector<model::NodeId>{})) {
    ids.push_back(id.value);
  }
  return ids;
}

bool waitForStatus(const Informer& informer,
                   const std::function<bool(const InformerStatus&)>& predicate) {
  return test::eventually([&] { return predicate(informer.status()); }, kWait);
}

std::string fixtureText(const std::string& name) {
  return test::readFile(std::string(SGW_FIXTURES_DIR) + "/apiserver/" + name);
}

// The requests an informer made, as "LIST <resourceVersion|continue>" / "WATCH <rv>".
std::vector<std::string> sequence(const FakeApiServer& server, const std::string& plural) {
  std::vector<std::string> steps;
  for (const auto& request : server.requests()) {
    if (!request.path.ends_with("/" + plural)) {
      continue;
    }
    if (request.isWatch()) {
      steps.push_back("WATCH " + request.param("resourceVersion"));
    } else {
      steps.push_back("LIST" + (request.param("continue").empty()
                                    ? std::string()
                                    : " continue=" + request.param("continue")));
    }
  }
  return steps;
}

// A fake API server holding the recorded cluster, and an informer on its kafkanodepools.
struct PoolFixture {
  FakeApiServer server{devCertificates()};
  Recorder recorder;
  std::shared_ptr<observability::Metrics> metrics = std::make_shared<observability::Metrics>();
  std::unique_ptr<Informer> informer;

  explicit PoolFixture(const std::string& namespace_ = "strimzi") {
    server.serveRecordedCluster();
    server.loadList("kafkanodepools",
                    FakeApiServer::loadJson("list-kafkanodepools-all-namespaces.json"));
    describeKubeMetrics(*metrics);
    informer = std::make_unique<Informer>(testClient(testClientConfig(server.start())),
                                          resourceNamed("kafkanodepools"), namespace_,
                                          fastOptions(), recorder.sink(), metrics);
  }
  ~PoolFixture() {
    informer->stop();
    server.stop();
  }
  double metric(const char* name) const {
    return metrics->value(name, {{"resource", "kafkanodepools"}});
  }
  bool waitForWatchFrom(const std::string& resourceVersion) const {
    return server.waitForRequest([&](const FakeApiServer::Request& request) {
      return request.isWatch() && request.param("resourceVersion") == resourceVersion;
    });
  }
};

} // namespace

TEST_CASE("an informer lists, then watches from the list's resourceVersion as recorded",
          "[kube][informer]") {
  PoolFixture fixture;
  fixture.informer->start();
  REQUIRE(fixture.waitForWatchFrom("356"));
  CHECK(fixture.recorder.log() ==
        std::vector<std::string>{"upsert strimzi/broker", "upsert strimzi/controller"});

  // The recorded request: GET <path>?watch=1&resourceVersion=356&allowWatchBookmarks=true&...
  std::istringstream recorded(fixtureText("watch-kafkanodepools.request.txt"));
  std::string method;
  std::string target;
  recorded >> method >> target;
  const auto watches = fixture.server.requestsFor(Verb::Watch, "kafkanodepools");
  REQUIRE(watches.size() == 1);
  CHECK(watches[0].path == target.substr(0, target.find('?')));
  CHECK(watches[0].param("resourceVersion") == "356");
  CHECK(watches[0].param("allowWatchBookmarks") == "true");
  const auto timeout = std::stol(watches[0].param("timeoutSeconds"));
  CHECK(timeout >= 300);
  CHECK(timeout <= 600);
  const auto lists = fixture.server.requestsFor(Verb::List, "kafkanodepools");
  REQUIRE(lists.size() == 1);
  CHECK(lists[0].toString() ==
        "/apis/kafka.strimzi.io/v1beta2/namespaces/strimzi/kafkanodepools?limit=500");
  CHECK(lists[0].authorization == "Bearer test-token");

  const auto status = fixture.informer->status();
  CHECK(status.synced);
  CHECK(status.installed);
  CHECK(status.version == "v1beta2");
  CHECK(status.objects == 2);
  CHECK(status.resourceVersion == "356");
}

TEST_CASE("watch events are applied in the order the server sent them", "[kube][informer]") {
  PoolFixture fixture;
  fixture.informer->start();
  REQUIRE(fixture.waitForWatchFrom("356"));
  for (const auto& event : FakeApiServer::loadJsonLines("watch-kafkanodepools.events.jsonl")) {
    fixture.server.applyEvent("kafkanodepools", event);
  }
  REQUIRE(fixture.recorder.waitFor([&] { return fixture.recorder.rawLog().size() == 6; }));
  CHECK(fixture.recorder.log() ==
        std::vector<std::string>{"upsert strimzi/broker", "upsert strimzi/controller",
                                 "upsert strimzi/broker", "upsert strimzi/broker",
                                 "upsert strimzi/broker", "upsert strimzi/controller"});
  const auto broker = fixture.recorder.pool("broker");
  REQUIRE(broker);
  CHECK(broker->replicas == 5);
  CHECK(nodeIds(*broker) == std::vector<std::int64_t>{10, 11, 12, 13, 14});
  REQUIRE(waitForStatus(*fixture.informer, [](const InformerStatus& status) {
    return status.resourceVersion == "360";
  }));
}

TEST_CASE("the recorded chunked watch body is decoded whatever its chunking", "[kube][informer]") {
  const auto pieces = GENERATE(1, 2, 3);
  PoolFixture fixture;
  // The recorded chunks, each cut into `pieces` HTTP chunks, so events span chunk boundaries.
  std::vector<std::string> chunks;
  for (const auto& chunk : FakeApiServer::loadChunks("watch-kafkanodepools.raw-chunked.txt")) {
    const auto size = chunk.size() / pieces + 1;
    for (std::size_t at = 0; at < chunk.size(); at += size) {
      chunks.push_back(chunk.substr(at, size));
    }
  }
  fixture.server.script(Verb::Watch, "kafkanodepools", {.status = 200, .chunks = chunks});
  fixture.informer->start();
  // The body ends after its bookmarks; the next watch resumes from the bookmark's version.
  REQUIRE(fixture.waitForWatchFrom("360"));
  const auto broker = fixture.recorder.pool("broker");
  REQUIRE(broker);
  CHECK(broker->replicas == 5);
  CHECK(nodeIds(*broker) == std::vector<std::int64_t>{10, 11, 12, 13, 14});
  CHECK(sequence(fixture.server, "kafkanodepools") ==
        std::vector<std::string>{"LIST", "WATCH 356", "WATCH 360"});
  CHECK(fixture.metric(kRelistsMetric) == 0);
}

TEST_CASE("a bookmark moves the resume point and changes no object", "[kube][informer]") {
  PoolFixture fixture;
  fixture.informer->start();
  REQUIRE(fixture.waitForWatchFrom("356"));
  fixture.server.bookmark("kafkanodepools", "420");
  REQUIRE(waitForStatus(*fixture.informer, [](const InformerStatus& status) {
    return status.resourceVersion == "420";
  }));
  fixture.server.cutWatches();
  REQUIRE(fixture.waitForWatchFrom("420"));
  CHECK(fixture.recorder.log() ==
        std::vector<std::string>{"upsert strimzi/broker", "upsert strimzi/controller"});
  CHECK(sequence(fixture.server, "kafkanodepools") ==
        std::vector<std::string>{"LIST", "WATCH 356", "WATCH 420"});
}

TEST_CASE("an ERROR 410 event in the stream makes the informer list again", "[kube][informer]") {
  PoolFixture fixture;
  // First LIST: the recording at 356; the watch from there: the recorded "too old" answer;
  // the LIST after it: the state at 360.
  fixture.server.script(
      Verb::List, "kafkanodepools",
      {.status = 200, .chunks = {fixtureText("list-kafkanodepools-all-namespaces.json")}});
  fixture.server.script(
      Verb::Watch, "kafkanodepools",
      {.status = 200,
       .chunks = FakeApiServer::loadChunks("watch-kafkanodepools-too-old-rv.raw-chunked.txt")});
  fixture.server.loadList(
      "kafkanodepools",
      FakeApiServer::loadJson("list-kafkanodepools-too-old-rv-notolderthan.json"));
  fixture.informer->start();
  REQUIRE(fixture.waitForWatchFrom("360"));
  CHECK(sequence(fixture.server, "kafkanodepools") ==
        std::vector<std::string>{"LIST", "WATCH 356", "LIST", "WATCH 360"});
  const auto broker = fixture.recorder.pool("broker");
  REQUIRE(broker);
  CHECK(nodeIds(*broker) == std::vector<std::int64_t>{10, 11, 12, 13, 14});
  CHECK(fixture.metric(kRelistsMetric) == 1);
}

TEST_CASE("an HTTP 410 answer to a watch makes the informer list again", "[kube][informer]") {
  PoolFixture fixture;
  fixture.server.script(Verb::Watch, "kafkanodepools",
                        {.status = 410,
                         .chunks = {R"({"kind":"Status","apiVersion":"v1","metadata":{},)"
                                    R"("status":"Failure","message":"too old resource version",)"
                                    R"("reason":"Gone","code":410})"}});
  fixture.informer->start();
  REQUIRE(fixture.server.waitUntil(
      [&] { return sequence(fixture.server, "kafkanodepools").size() >= 4; }));
  CHECK(sequence(fixture.server, "kafkanodepools") ==
        std::vector<std::string>{"LIST", "WATCH 356", "LIST", "WATCH 356"});
}

TEST_CASE("a watch cut in the middle of an event resumes from the last complete event",
          "[kube][informer]") {
  PoolFixture fixture;
  const auto events = FakeApiServer::loadJsonLines("watch-kafkanodepools.events.jsonl");
  const auto first = events[0].dump() + "\n";
  const auto second = events[1].dump() + "\n";
  fixture.server.script(
      Verb::List, "kafkanodepools",
      {.status = 200, .chunks = {fixtureText("list-kafkanodepools-all-namespaces.json")}});
  fixture.server.script(
      Verb::Watch, "kafkanodepools",
      {.status = 200, .chunks = {first, second.substr(0, second.size() / 2)}, .cut = true});
  for (const auto& event : events) {
    fixture.server.applyEvent("kafkanodepools", event);
  }
  fixture.informer->start();
  REQUIRE(fixture.waitForWatchFrom("357"));
  REQUIRE(fixture.recorder.waitFor([&] { return fixture.recorder.rawLog().size() == 6; }));
  CHECK(sequence(fixture.server, "kafkanodepools") ==
        std::vector<std::string>{"LIST", "WATCH 356", "WATCH 357"});
  const auto broker = fixture.recorder.pool("broker");
  REQUIRE(broker);
  CHECK(nodeIds(*broker) == std::vector<std::int64_t>{10, 11, 12, 13, 14});
  CHECK(fixture.metric(kRelistsMetric) == 0);
  CHECK(fixture.metric(kWatchRestartsMetric) >= 1);
}

TEST_CASE("a list is read page by page with continue", "[kube][informer]") {
  FakeApiServer server(devCertificates());
  server.serveRecordedCluster();
  server.loadList("tlsroutes", FakeApiServer::loadJson("list-tlsroutes-all-namespaces.json"));
  Recorder recorder;
  auto options = fastOptions();
  options.pageSize = 4;
  SECTION("two pages") {
    Informer informer(testClient(testClientConfig(server.start())), resourceNamed("tlsroutes"), "",
                      options, recorder.sink());
    informer.start();
    REQUIRE(server.waitForRequest(
        [](const FakeApiServer::Request& request) { return request.isWatch(); }));
    CHECK(recorder.size() == 6);
    CHECK(sequence(server, "tlsroutes") ==
          std::vector<std::string>{"LIST", "LIST continue=4", "WATCH 356"});
    const auto lists = server.requestsFor(Verb::List, "tlsroutes");
    REQUIRE(lists.size() == 2);
    CHECK(lists[0].toString() == "/apis/gateway.networking.k8s.io/v1alpha2/tlsroutes?limit=4");
    CHECK(lists[1].toString() ==
          "/apis/gateway.networking.k8s.io/v1alpha2/tlsroutes?continue=4&limit=4");
    informer.stop();
  }
  SECTION("an expired continue token starts the list over") {
    server.script(Verb::List, "tlsroutes", {.passThrough = true});
    server.script(Verb::List, "tlsroutes",
                  {.status = 410,
                   .chunks = {R"({"kind":"Status","apiVersion":"v1","metadata":{},)"
                              R"("status":"Failure","message":"The provided continue parameter )"
                              R"(is too old","reason":"Expired","code":410})"}});
    Informer informer(testClient(testClientConfig(server.start())), resourceNamed("tlsroutes"), "",
                      options, recorder.sink());
    informer.start();
    REQUIRE(waitForStatus(informer, [](const InformerStatus& status) { return status.synced; }));
    CHECK(recorder.size() == 6);
    const auto lists = server.requestsFor(Verb::List, "tlsroutes");
    REQUIRE(lists.size() == 4);
    CHECK(lists[2].param("continue").empty());
    CHECK(lists[3].param("continue") == "4");
    informer.stop();
  }
  server.stop();
}

TEST_CASE("a relist reports objects that went away while the informer was not watching",
          "[kube][informer]") {
  PoolFixture fixture;
  fixture.server.script(
      Verb::List, "kafkanodepools",
      {.status = 200, .chunks = {fixtureText("list-kafkanodepools-all-namespaces.json")}});
  fixture.server.script(Verb::Watch, "kafkanodepools",
                        {.status = 410, .chunks = {R"({"kind":"Status","code":410})"}});
  auto list = FakeApiServer::loadJson("list-kafkanodepools-all-namespaces.json");
  list["items"].erase(1); // the controller pool is gone
  fixture.server.loadList("kafkanodepools", list);
  fixture.informer->start();
  REQUIRE(fixture.recorder.waitFor([&] { return fixture.recorder.rawLog().size() == 3; }));
  CHECK(fixture.recorder.log() == std::vector<std::string>{"upsert strimzi/broker",
                                                           "upsert strimzi/controller",
                                                           "delete strimzi/controller"});
}

TEST_CASE("the newest served TLSRoute version is used", "[kube][informer]") {
  FakeApiServer server(devCertificates());
  server.serveRecordedCluster();
  server.serveResource("gateway.networking.k8s.io", "v1alpha3", "tlsroutes");
  server.loadList("tlsroutes", FakeApiServer::loadJson("list-tlsroutes-all-namespaces.json"));
  Recorder recorder;
  Informer informer(testClient(testClientConfig(server.start())), resourceNamed("tlsroutes"), "",
                    fastOptions(), recorder.sink());
  informer.start();
  REQUIRE(waitForStatus(informer, [](const InformerStatus& status) { return status.synced; }));
  CHECK(informer.status().version == "v1alpha3");
  CHECK(server.requestsFor(Verb::List, "tlsroutes").at(0).path ==
        "/apis/gateway.networking.k8s.io/v1alpha3/tlsroutes");
  CHECK(recorder.size() == 6);
  informer.stop();
  server.stop();
}

TEST_CASE("a resource whose CRD is missing counts as synced and is looked for again",
          "[kube][informer]") {
  FakeApiServer server(devCertificates());
  Recorder recorder;
  Informer informer(testClient(testClientConfig(server.start())), resourceNamed("tlsroutes"), "",
                    fastOptions(), recorder.sink());
  informer.start();
  REQUIRE(waitForStatus(informer, [](const InformerStatus& status) { return status.synced; }));
  auto status = informer.status();
  CHECK_FALSE(status.installed);
  CHECK(status.problem ==
        "the API group gateway.networking.k8s.io is not served (CRDs not installed)");
  CHECK(server.requestsFor(Verb::List, "tlsroutes").empty());

  // The CRD gets installed: the informer finds it on a later try.
  server.loadList("tlsroutes", FakeApiServer::loadJson("list-tlsroutes-all-namespaces.json"));
  server.serveRecordedCluster();
  REQUIRE(waitForStatus(informer, [](const InformerStatus& current) {
    return current.installed && current.objects == 6;
  }));
  CHECK(informer.status().version == "v1alpha2");
  CHECK(recorder.size() == 6);
  informer.stop();
  server.stop();
}

TEST_CASE("a group served without the resource counts as not installed", "[kube][informer]") {
  FakeApiServer server(devCertificates());
  server.serveResource("gateway.networking.k8s.io", "v1", "gateways");
  Recorder recorder;
  Informer informer(testClient(testClientConfig(server.start())), resourceNamed("tlsroutes"), "",
                    fastOptions(), recorder.sink());
  informer.start();
  REQUIRE(waitForStatus(informer, [](const InformerStatus& status) { return status.synced; }));
  CHECK(informer.status().problem == "gateway.networking.k8s.io serves no version of tlsroutes "
                                     "among v1, v1alpha3, v1alpha2 (CRD not installed)");
  informer.stop();
  server.stop();
}

TEST_CASE("an API server that is down at start is retried until it comes up", "[kube][informer]") {
  const int port = FakeApiServer::unusedPort();
  Recorder recorder;
  Informer informer(testClient(testClientConfig(port)), resourceNamed("kafkanodepools"), "strimzi",
                    fastOptions(), recorder.sink());
  informer.start();
  REQUIRE(waitForStatus(informer,
                        [](const InformerStatus& status) { return !status.problem.empty(); }));
  CHECK_FALSE(informer.status().synced);
  CHECK(informer.status().problem == "discovery of kafka.strimzi.io failed: cannot connect to "
                                     "https://127.0.0.1:" +
                                         std::to_string(port));

  FakeApiServer server(devCertificates());
  server.serveRecordedCluster();
  server.loadList("kafkanodepools",
                  FakeApiServer::loadJson("list-kafkanodepools-all-namespaces.json"));
  server.start(port);
  REQUIRE(waitForStatus(informer, [](const InformerStatus& status) { return status.synced; }));
  CHECK(informer.status().problem.empty());
  CHECK(recorder.size() == 2);
  informer.stop();
  server.stop();
}

TEST_CASE("API errors are retried with backoff", "[kube][informer]") {
  PoolFixture fixture;
  fixture.server.script(Verb::List, "kafkanodepools",
                        {.status = 500,
                         .chunks = {R"({"kind":"Status","apiVersion":"v1","metadata":{},)"
                                    R"("status":"Failure","message":"etcdserver: leader changed",)"
                                    R"("reason":"InternalError","code":500})"}});
  fixture.informer->start();
  REQUIRE(fixture.waitForWatchFrom("356"));
  CHECK(sequence(fixture.server, "kafkanodepools") ==
        std::vector<std::string>{"LIST", "LIST", "WATCH 356"});
  CHECK(fixture.recorder.size() == 2);
}

TEST_CASE("objects that do not parse are left out of the cache", "[kube][informer]") {
  PoolFixture fixture;
  fixture.informer->start();
  REQUIRE(fixture.waitForWatchFrom("356"));
  auto event = FakeApiServer::loadJsonLines("watch-kafkanodepools.events.jsonl")[0];
  event["object"]["spec"]["replicas"] = "four";
  fixture.server.applyEvent("kafkanodepools", event);
  fixture.server.bookmark("kafkanodepools", "358");
  REQUIRE(waitForStatus(*fixture.informer, [](const InformerStatus& status) {
    return status.resourceVersion == "358";
  }));
  CHECK(fixture.recorder.log() == std::vector<std::string>{"upsert strimzi/broker",
                                                           "upsert strimzi/controller",
                                                           "delete strimzi/broker"});
  CHECK(fixture.informer->status().objects == 1);
}

TEST_CASE("a stopped informer does not reconnect", "[kube][informer]") {
  PoolFixture fixture;
  fixture.informer->start();
  REQUIRE(fixture.waitForWatchFrom("356"));
  fixture.informer->stop();
  const auto requests = fixture.server.requests().size();
  fixture.server.cutWatches();
  REQUIRE(fixture.server.waitUntil([&] { return fixture.server.openWatches() == 0; }));
  fixture.server.bookmark("kafkanodepools", "999");
  CHECK(fixture.server.requests().size() == requests);
  CHECK(fixture.informer->status().resourceVersion == "356");
}

} // namespace sgw::kube

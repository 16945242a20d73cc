#include <catch2/catch.hpp>
#include <mutex>
#include <nlohmann/json.hpp>

#include "sgw/observability/audit_metrics.h"
#include "sgw/runtime/cluster_auditor.h"
#include "support/eventually.h"
#include "support/seed.h"

using namespace std::chrono_literals;
using sgw::test::eventually;

namespace {

// A state source whose snapshot the test replaces, as a watch cache does on each event.
class SwappableState : public sgw::state::StateSource {
public:
  explicit SwappableState(sgw::cluster::ClusterSnapshot snapshot) { publish(std::move(snapshot)); }

  void publish(sgw::cluster::ClusterSnapshot snapshot) {
    std::lock_guard lock(mutex_);
    snapshot_ = std::make_shared<const sgw::cluster::ClusterSnapshot>(std::move(snapshot));
  }
  std::shared_ptr<const sgw::cluster::ClusterSnapshot> snapshot() const override {
    std::lock_guard lock(mutex_);
    return snapshot_;
  }
  bool ready() const override { return ready_; }
  std::string readinessDetail() const override { return "test"; }

  std::atomic<bool> ready_{true};

private:
  mutable std::mutex mutex_;
  std::shared_ptr<const sgw::cluster::ClusterSnapshot> snapshot_;
};

nlohmann::json findingsOf(const sgw::runtime::ClusterAuditor& auditor) {
  return nlohmann::json::parse(auditor.report()).at("findings");
}

sgw::runtime::AuditorOptions quickOptions() {
  sgw::runtime::AuditorOptions options;
  options.poll = 10ms;
  options.debounce = 50ms;
  options.interval = 1h;
  return options;
}

const sgw::observability::Labels kBootstrapFinding{{"rule", "gateway-passthrough"},
                                                   {"severity", "deny"},
                                                   {"kind", "TLSRoute"},
                                                   {"namespace", "strimzi"},
                                                   {"name", "gateway-api-test-bootstrap"}};

} // namespace

TEST_CASE("the auditor re-judges the cluster when it changes: findings appear and clear",
          "[runtime][audit]") {
  sgw::test::Seed seed;
  auto state = std::make_shared<SwappableState>(seed.snapshot());
  auto metrics = std::make_shared<sgw::observability::Metrics>();
  sgw::runtime::ClusterAuditor auditor(quickOptions(), state, metrics);
  CHECK(nlohmann::json::parse(auditor.report()) ==
        nlohmann::json{{"lastRun", nullptr}, {"findings", nlohmann::json::array()}});
  auditor.start();
  REQUIRE(eventually([&] {
    return metrics->value(sgw::observability::kAuditRunsTotal, {{"trigger", "change"}}) == 1;
  }));
  CHECK(findingsOf(auditor).empty());
  CHECK(nlohmann::json::parse(auditor.report()).at("lastRun").is_string());
  CHECK(metrics->value(sgw::observability::kAuditLastRunMetric) > 1.7e9);
  CHECK(metrics->value(sgw::observability::kCertificateExpiryMetric,
                       {{"namespace", "strimzi"}, {"secret", "my-certificate"}}) > 1.7e9);

  // Someone edits the Gateway: no review sees it, the audit does.
  seed.get("Gateway", "my-gateway")["spec"]["listeners"][0]["tls"]["mode"] = "Terminate";
  state->publish(seed.snapshot());
  REQUIRE(eventually([&] { return findingsOf(auditor).size() == 4; }));
  const auto first = findingsOf(auditor)[0];
  CHECK(first.at("rule") == "gateway-passthrough");
  CHECK(first.at("kind") == "TLSRoute");
  CHECK(first.at("name") == "gateway-api-test-bootstrap");
  CHECK(first.at("field") == "spec.parentRefs[0].sectionName");
  CHECK(metrics->value(sgw::observability::kAuditFindingsMetric, kBootstrapFinding) == 1);
  CHECK_THAT(metrics->render(),
             Catch::Contains("sgw_audit_findings{rule=\"gateway-passthrough\",severity=\"deny\","
                             "kind=\"TLSRoute\",namespace=\"strimzi\",name="
                             "\"gateway-api-test-bootstrap\"} 1\n"));

  // And fixes it: the findings clear, and so do their series.
  seed.get("Gateway", "my-gateway")["spec"]["listeners"][0]["tls"]["mode"] = "Passthrough";
  state->publish(seed.snapshot());
  REQUIRE(eventually([&] { return findingsOf(auditor).empty(); }));
  CHECK_THAT(metrics->render(), !Catch::Contains("sgw_audit_findings{"));
  auditor.stop();
}

TEST_CASE("the auditor waits for a complete state and then audits every interval",
          "[runtime][audit]") {
  sgw::test::Seed seed;
  auto state = std::make_shared<SwappableState>(seed.snapshot());
  state->ready_ = false;
  auto metrics = std::make_shared<sgw::observability::Metrics>();
  auto options = quickOptions();
  options.interval = 100ms;
  sgw::runtime::ClusterAuditor auditor(options, state, metrics);
  auditor.start();
  std::this_thread::sleep_for(200ms);
  CHECK(metrics->value(sgw::observability::kAuditRunsTotal, {{"trigger", "change"}}) == 0);
  state->ready_ = true;
  CHECK(eventually([&] {
    return metrics->value(sgw::observability::kAuditRunsTotal, {{"trigger", "interval"}}) >= 2;
  }));
  CHECK(metrics->value(sgw::observability::kAuditRunsTotal, {{"trigger", "change"}}) == 1);
  auditor.stop();
}

TEST_CASE("the auditor hands each audit's snapshot and current findings to afterAudit",
          "[runtime][audit]") {
  sgw::test::Seed seed;
  seed.get("Gateway", "my-gateway")["spec"]["listeners"][0]["tls"]["mode"] = "Terminate";
  auto state = std::make_shared<SwappableState>(seed.snapshot());
  auto metrics = std::make_shared<sgw::observability::Metrics>();
  std::mutex mutex;
  std::vector<std::size_t> seen; // findings per audit
  std::size_t kafkas = 0;
  auto options = quickOptions();
  options.afterAudit = [&](const sgw::cluster::ClusterSnapshot& snapshot,
                           std::span<const sgw::audit::TrackedFinding> findings) {
    std::lock_guard lock(mutex);
    seen.push_back(findings.size());
    kafkas = snapshot.kafkas().size();
  };
  sgw::runtime::ClusterAuditor auditor(options, state, metrics);
  auditor.start();
  REQUIRE(eventually([&] {
    std::lock_guard lock(mutex);
    return !seen.empty();
  }));
  auditor.stop();
  std::lock_guard lock(mutex);
  CHECK(seen == std::vector<std::size_t>{4});
  CHECK(kafkas == 1);
}

#include <spdlog/spdlog.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "sgw/observability/log.h"
#include "sgw/observability/review_log.h"
#include "support/captured_log.h"

using sgw::admission::ReviewRecord;
using sgw::admission::Verdict;
using namespace sgw::observability;
using sgw::test::CapturedLog;

namespace {

ReviewRecord deniedKafka() {
  ReviewRecord record;
  record.uid = "4a1f";
  record.kind = "Kafka";
  record.namespace_ = "strimzi";
  record.name = "my cluster";
  record.operation = "UPDATE";
  record.verdict = Verdict::Denied;
  record.deniedRules = {"broker-ids", "hostname-san"};
  return record;
}

} // namespace

TEST_CASE("a review leaves one text line with its record", "[observability]") {
  const CapturedLog log(LogFormat::Text);
  logReview(deniedKafka(), "validate", 187);
  CHECK(log.text() == "info review uid=4a1f endpoint=validate kind=Kafka "
                      "object=\"strimzi/my cluster\" operation=UPDATE dryRun=false result=denied "
                      "denied=broker-ids,hostname-san warned=- latencyMicros=187\n");
}

TEST_CASE("a review of a cluster-scoped object names the object alone", "[observability]") {
  const CapturedLog log(LogFormat::Text);
  auto record = deniedKafka();
  record.namespace_.clear();
  record.name = "cluster";
  logReview(record, "mutate", 5);
  CHECK(log.text().find(" object=cluster ") != std::string::npos);
}

TEST_CASE("a review leaves one JSON object in the JSON format", "[observability]") {
  const CapturedLog log(LogFormat::Json);
  auto record = deniedKafka();
  record.warnedRules = {"listener-coverage"};
  logReview(record, "validate", 187);
  const auto text = log.text();
  REQUIRE(text.rfind("info ", 0) == 0);
  auto line = nlohmann::json::parse(text.substr(5));
  CHECK(line["time"].is_string());
  line.erase("time");
  CHECK(line == nlohmann::json::parse(
                    R"({"level":"info","msg":"review","uid":"4a1f","endpoint":"validate",)"
                    R"("kind":"Kafka","object":"strimzi/my cluster","operation":"UPDATE",)"
                    R"("dryRun":false,"result":"denied","denied":["broker-ids","hostname-san"],)"
                    R"("warned":["listener-coverage"],"latencyMicros":187})"));
}

TEST_CASE("text values with spaces, quotes or nothing are quoted", "[observability]") {
  const CapturedLog log(LogFormat::Text);
  auto record = deniedKafka();
  record.uid.clear();
  record.kind = "Ka\"fka";
  logReview(record, "validate", 1);
  CHECK(log.text().find(R"(uid="" endpoint=validate kind="Ka\"fka" )") != std::string::npos);
}

TEST_CASE("review lines go through the process logger's sink, in order with its lines",
          "[observability]") {
  const CapturedLog log(LogFormat::Text);
  logEvent(spdlog::level::info, "serving");
  logReview(deniedKafka(), "validate", 187);
  logEvent(spdlog::level::warn, "watch restarted");
  CHECK(log.text() == "info serving\n"
                      "info review uid=4a1f endpoint=validate kind=Kafka "
                      "object=\"strimzi/my cluster\" operation=UPDATE dryRun=false result=denied "
                      "denied=broker-ids,hostname-san warned=- latencyMicros=187\n"
                      "warning watch restarted\n");
  CHECK(reviewLogger().flush_level() == spdlog::level::warn);
  CHECK(spdlog::default_logger_raw()->flush_level() == spdlog::level::trace);
}

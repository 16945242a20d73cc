// Microbenchmarks of each stage a review passes through, on the recorded reviews of the example
// cluster: decode, model parse, snapshot lookups, every rule on its own, all rules, the
// mutation, encode, the review log line, the metrics a review records, and the whole pipeline
// (body in, encoded response out).
//
//   build/bench/sgw_stages_bench [--benchmark_filter=REGEX] [--benchmark_min_time=SECONDS]

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "bench_fixtures.h"
#include "sgw/admission/admission_review.h"
#include "sgw/admission/review_pipeline.h"
#include "sgw/cluster/any_object.h"
#include "sgw/cluster/cluster_view.h"
#include "sgw/model/kind.h"
#include "sgw/mutation/mutation.h"
#include "sgw/observability/fd_sink.h"
#include "sgw/observability/log.h"
#include "sgw/observability/metrics.h"
#include "sgw/observability/review_log.h"
#include "sgw/observability/review_metrics.h"
#include "sgw/rules/registry.h"
#include "sgw/rules/validation.h"

namespace {

using namespace sgw;

const auto kNow = std::chrono::system_clock::time_point(std::chrono::hours(24 * 365 * 56));

admission::AdmissionRequest decoded(const std::string& name) {
  auto result = admission::decodeAdmissionReview(bench::reviewBody(name).text);
  if (auto* request = std::get_if<admission::AdmissionRequest>(&result)) {
    return std::move(*request);
  }
  throw std::runtime_error("review " + name + " does not decode");
}

model::Kind kindOf(const admission::AdmissionRequest& request) {
  return *model::kindFromGroupKind(request.kind.group, request.kind.kind);
}

cluster::ParsedObject parsed(const admission::AdmissionRequest& request) {
  return *cluster::parseObject(kindOf(request), request.object, request.namespace_);
}

void decode(benchmark::State& state, const std::string& name) {
  const auto& body = bench::reviewBody(name).text;
  for (auto _ : state) {
    benchmark::DoNotOptimize(admission::decodeAdmissionReview(body));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

void parse(benchmark::State& state, const std::string& name) {
  const auto request = decoded(name);
  const auto kind = kindOf(request);
  for (auto _ : state) {
    benchmark::DoNotOptimize(cluster::parseObject(kind, request.object, request.namespace_));
  }
}

template <class T>
void runRule(benchmark::State& state, const std::string& body, const rules::Rule<T>& rule) {
  const auto request = decoded(body);
  const auto object = parsed(request);
  const auto view = cluster::ClusterView::withObject(bench::exampleSnapshot(), object.object);
  const auto& typed = *std::get<std::shared_ptr<const T>>(object.object);
  for (auto _ : state) {
    // A model per iteration: a rule alone pays for what it derives, as the first rule of a review.
    const derived::ReviewModel model(view);
    const rules::Subject<T> subject{typed, nullptr, request.operation, view, kNow, model};
    rules::FindingList findings;
    rules::FindingSink sink(rule.id, findings);
    rule.check(subject, sink);
    benchmark::DoNotOptimize(findings);
  }
}

template <class T> void validateAll(benchmark::State& state, const std::string& body) {
  const auto request = decoded(body);
  const auto object = parsed(request);
  const auto view = cluster::ClusterView::withObject(bench::exampleSnapshot(), object.object);
  const auto& typed = *std::get<std::shared_ptr<const T>>(object.object);
  for (auto _ : state) {
    const derived::ReviewModel model(view);
    const rules::Subject<T> subject{typed, nullptr, request.operation, view, kNow, model};
    benchmark::DoNotOptimize(rules::validate(subject));
  }
}

void lookups(benchmark::State& state) {
  const auto request = decoded("kafka");
  const auto object = parsed(request);
  const auto key = cluster::metadataOf(object.object).key();
  const model::ObjectKey service{key.namespace_, key.name + "-kafka-obiwan-bootstrap"};
  for (auto _ : state) {
    const auto view = cluster::ClusterView::withObject(bench::exampleSnapshot(), object.object);
    benchmark::DoNotOptimize(view.kafka(key));
    benchmark::DoNotOptimize(view.nodePoolsOf(key));
    benchmark::DoNotOptimize(view.kafkas());
    benchmark::DoNotOptimize(view.service(service));
    benchmark::DoNotOptimize(view.tlsRoutesWithBackend(service));
  }
}

void mutate(benchmark::State& state) {
  const auto request = decoded("kafka");
  const auto object = parsed(request);
  const auto view = cluster::ClusterView::withObject(bench::exampleSnapshot(), object.object);
  const auto& kafka = *std::get<std::shared_ptr<const model::Kafka>>(object.object);
  for (auto _ : state) {
    benchmark::DoNotOptimize(mutation::mutateKafka({request.object, kafka, view, kNow}));
  }
}

void reviewOnly(benchmark::State& state, const std::string& name) {
  const auto request = decoded(name);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        admission::review(request, admission::Endpoint::Validate, bench::exampleSnapshot(), kNow));
  }
}

void encode(benchmark::State& state, const std::string& name) {
  const auto request = decoded(name);
  const auto result =
      admission::review(request, admission::Endpoint::Validate, bench::exampleSnapshot(), kNow);
  for (auto _ : state) {
    benchmark::DoNotOptimize(admission::encodeAdmissionReview(result.response));
  }
}

void pipeline(benchmark::State& state, const std::string& name, admission::Endpoint endpoint) {
  const auto& body = bench::reviewBody(name).text;
  for (auto _ : state) {
    auto answer = admission::answer(body, endpoint, bench::exampleSnapshot(), kNow);
    if (answer.status != 200) {
      state.SkipWithError("review not answered with 200");
      break;
    }
    benchmark::DoNotOptimize(answer);
  }
}

// The review line as the server writes it: its sink and flush policy, on /dev/null.
void logLine(benchmark::State& state) {
  if (spdlog::get("sgw") == nullptr) {
    static const int devNull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    spdlog::register_logger(
        std::make_shared<spdlog::logger>("sgw", std::make_shared<observability::FdSink>(devNull)));
  }
  observability::configureLogging(observability::LogFormat::Text);
  const auto request = decoded("kafka");
  const auto result =
      admission::review(request, admission::Endpoint::Validate, bench::exampleSnapshot(), kNow);
  for (auto _ : state) {
    observability::logReview(result.record, "validate", 123);
  }
  spdlog::set_level(spdlog::level::off);
}

void reviewMetrics(benchmark::State& state) {
  observability::Metrics metrics;
  observability::describeWebhookMetrics(metrics);
  const auto request = decoded("kafka");
  const auto result =
      admission::review(request, admission::Endpoint::Validate, bench::exampleSnapshot(), kNow);
  for (auto _ : state) {
    observability::recordReview(metrics, result.record, "validate", 0.000123);
  }
}

void registerAll() {
  const std::vector<std::string> bodies{"kafka", "kafka-update", "tlsroute",
                                        "pool",  "large",        "largest"};
  for (const auto& body : bodies) {
    benchmark::RegisterBenchmark(("decode/" + body).c_str(), decode, body);
    benchmark::RegisterBenchmark(("parse/" + body).c_str(), parse, body);
  }
  benchmark::RegisterBenchmark("lookup/kafka-view", lookups);
  for (const auto& rule : rules::kafkaRules()) {
    benchmark::RegisterBenchmark(("rule/Kafka/" + std::string(rule.id)).c_str(),
                                 runRule<model::Kafka>, std::string("kafka"), rule);
  }
  for (const auto& rule : rules::tlsRouteRules()) {
    benchmark::RegisterBenchmark(("rule/TLSRoute/" + std::string(rule.id)).c_str(),
                                 runRule<model::TlsRoute>, std::string("tlsroute"), rule);
  }
  for (const auto& rule : rules::kafkaNodePoolRules()) {
    benchmark::RegisterBenchmark(("rule/KafkaNodePool/" + std::string(rule.id)).c_str(),
                                 runRule<model::KafkaNodePool>, std::string("pool"), rule);
  }
  benchmark::RegisterBenchmark("validate/kafka", validateAll<model::Kafka>, std::string("kafka"));
  benchmark::RegisterBenchmark("validate/tlsroute", validateAll<model::TlsRoute>,
                               std::string("tlsroute"));
  benchmark::RegisterBenchmark("validate/pool", validateAll<model::KafkaNodePool>,
                               std::string("pool"));
  benchmark::RegisterBenchmark("mutate/kafka", mutate);
  for (const auto& body : bodies) {
    benchmark::RegisterBenchmark(("review/" + body).c_str(), reviewOnly, body);
    benchmark::RegisterBenchmark(("encode/" + body).c_str(), encode, body);
  }
  benchmark::RegisterBenchmark("log/review-line", logLine);
  benchmark::RegisterBenchmark("metrics/review", reviewMetrics);
  for (const auto& body : bodies) {
    benchmark::RegisterBenchmark(("pipeline/validate/" + body).c_str(), pipeline, body,
                                 admission::Endpoint::Validate);
  }
  benchmark::RegisterBenchmark("pipeline/mutate/kafka", pipeline, std::string("kafka"),
                               admission::Endpoint::Mutate);
}

} // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  registerAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

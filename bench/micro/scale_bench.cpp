// The same reviews against cluster states of growing size: the example cluster alone, then
// copies of it across namespaces up to 1 000, 10 000 and 100 000 objects (pools, Services,
// TLSRoutes, Kafkas, Gateways, Secrets). Reports the time per review and, as counters, the
// objects held and the process RSS with that state loaded (after building it, before reviewing).
// `audit/cluster` is one audit of the whole state, as `serve` runs it after a change.
//
//   build/bench/sgw_scale_bench [--benchmark_filter=REGEX]

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <chrono>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "bench_fixtures.h"
#include "sgw/admission/review_pipeline.h"
#include "sgw/audit/cluster_audit.h"

namespace {

using namespace sgw;

const auto kNow = std::chrono::system_clock::time_point(std::chrono::hours(24 * 365 * 56));

struct LoadedState {
  std::size_t requested = 0;
  std::unique_ptr<cluster::ClusterSnapshot> snapshot;
  double residentMiB = 0;
};

// One state at a time: building the next frees the previous, so the RSS is that of one state.
LoadedState& stateOf(std::size_t objects) {
  static LoadedState loaded;
  if (loaded.snapshot == nullptr || loaded.requested != objects) {
    loaded.snapshot.reset();
    ::malloc_trim(0);
    // Built on a thread of its own, as every state source builds snapshots apart from the
    // threads that review (the informers', the folder poller's, serve's main thread). Built here,
    // the parse's freed chunks would fill the reviewing thread's malloc arena: glibc then walks
    // them on the review's small allocations, and at 100 000 objects a review took twice as long
    // for that alone.
    std::thread([&] {
      loaded.snapshot = std::make_unique<cluster::ClusterSnapshot>(bench::scaledSnapshot(objects));
    }).join();
    loaded.requested = objects;
    ::malloc_trim(0);
    loaded.residentMiB = static_cast<double>(bench::residentBytes()) / (1024.0 * 1024.0);
  }
  return loaded;
}

void reviewAt(benchmark::State& state, const std::string& body, admission::Endpoint endpoint) {
  auto& loaded = stateOf(static_cast<std::size_t>(state.range(0)));
  const auto& text = bench::reviewBody(body).text;
  for (auto _ : state) {
    auto answer = admission::answer(text, endpoint, *loaded.snapshot, kNow);
    if (answer.status != 200) {
      state.SkipWithError("review not answered with 200");
      break;
    }
    benchmark::DoNotOptimize(answer);
  }
  state.counters["objects"] = static_cast<double>(loaded.snapshot->objectCount());
  state.counters["rss_MiB"] = loaded.residentMiB;
}

void auditAt(benchmark::State& state) {
  auto& loaded = stateOf(static_cast<std::size_t>(state.range(0)));
  std::size_t findings = 0;
  for (auto _ : state) {
    auto audited = audit::auditCluster(*loaded.snapshot, kNow, {});
    findings = audited.size();
    benchmark::DoNotOptimize(audited);
  }
  state.counters["objects"] = static_cast<double>(loaded.snapshot->objectCount());
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["rss_MiB"] = loaded.residentMiB;
}

} // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  // Warm the fixtures so their memory is part of every size's RSS alike.
  bench::reviewBodies();
  // By size first, so each state is built once.
  for (const std::int64_t objects : {10, 1000, 10000, 100000}) {
    for (const auto& [name, endpoint] : std::vector<std::pair<std::string, admission::Endpoint>>{
             {"kafka", admission::Endpoint::Validate},
             {"kafka", admission::Endpoint::Mutate},
             {"tlsroute", admission::Endpoint::Validate},
             {"pool", admission::Endpoint::Validate}}) {
      const std::string label = std::string(admission::toString(endpoint)) + "/" + name;
      benchmark::RegisterBenchmark(label.c_str(), reviewAt, name, endpoint)
          ->Arg(objects)
          ->Unit(benchmark::kMicrosecond);
    }
    benchmark::RegisterBenchmark("audit/cluster", auditAt)
        ->Arg(objects)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

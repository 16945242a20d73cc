#include <catch2/catch.hpp>

#include "sgw/observability/metrics.h"

using sgw::observability::Metrics;

TEST_CASE("metrics render in the Prometheus text format", "[observability][metrics]") {
  Metrics metrics;
  metrics.describe("requests_total", Metrics::Type::Counter, "Requests.");
  metrics.increment("requests_total", {{"code", "200"}});
  metrics.increment("requests_total", {{"code", "200"}});
  metrics.increment("requests_total", {{"code", "4\"00"}});
  metrics.describe("latency_seconds", Metrics::Type::Histogram, "Latency.", {0.1, 1});
  metrics.observe("latency_seconds", {}, 0.05);
  metrics.observe("latency_seconds", {}, 0.5);
  metrics.observe("latency_seconds", {}, 5);
  metrics.describe("age_seconds", Metrics::Type::Gauge, "Age.");
  int scrapes = 0;
  metrics.addCollector([&](Metrics& self) { self.set("age_seconds", {}, ++scrapes); });

  CHECK(metrics.render() == R"(# HELP age_seconds Age.
# TYPE age_seconds gauge
age_seconds 1
# HELP latency_seconds Latency.
# TYPE latency_seconds histogram
latency_seconds_bucket{le="0.1"} 1
latency_seconds_bucket{le="1"} 2
latency_seconds_bucket{le="+Inf"} 3
latency_seconds_sum 5.55
latency_seconds_count 3
# HELP requests_total Requests.
# TYPE requests_total counter
requests_total{code="200"} 2
requests_total{code="4\"00"} 1
)");
  CHECK(metrics.value("requests_total", {{"code", "200"}}) == 2);
  CHECK(metrics.value("missing") == 0);
}

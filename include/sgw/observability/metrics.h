#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace sgw::observability {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Counters, gauges and histograms rendered in the Prometheus text exposition format (0.0.4).
// Every method is thread-safe; updates take one short lock. Collectors run at scrape time for
// values that are cheaper to read than to push (ages, sizes).
class Metrics {
public:
  enum class Type { Counter, Gauge, Histogram };

  void describe(const std::string& name, Type type, const std::string& help,
                std::vector<double> buckets = {});
  void increment(const std::string& name, const Labels& labels = {}, double by = 1);
  void set(const std::string& name, const Labels& labels, double value);
  void add(const std::string& name, const Labels& labels, double delta);
  void observe(const std::string& name, const Labels& labels, double value);
  // Replaces every value of a gauge at once, so a scrape sees the old set or the new one (the
  // findings of one audit), never a mix.
  void replaceAll(const std::string& name, std::map<Labels, double> values);
  void addCollector(std::function<void(Metrics&)> collector);

  // The current value of a counter or gauge (0 when never set); used by tests and health checks.
  double value(const std::string& name, const Labels& labels = {}) const;
  // Runs the collectors, then renders every family.
  std::string render();

private:
  struct Histogram {
    std::vector<std::uint64_t> counts; // per bucket, not cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Family {
    Type type = Type::Counter;
    std::string help;
    std::vector<double> buckets;
    std::map<Labels, double> values;
    std::map<Labels, Histogram> histograms;
  };

  Family& family(const std::string& name);

  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;
  std::vector<std::function<void(Metrics&)>> collectors_;
  std::mutex collectorMutex_;
};

// The webhook's own metric names, described once at start-up.
void describeWebhookMetrics(Metrics& metrics);

inline constexpr const char* kReviewsTotal = "sgw_admission_reviews_total";
inline constexpr const char* kRuleFindingsTotal = "sgw_rule_findings_total";
inline constexpr const char* kReviewDuration = "sgw_admission_review_duration_seconds";
inline constexpr const char* kReviewsInFlight = "sgw_admission_reviews_in_flight";
inline constexpr const char* kRejectedRequestsTotal = "sgw_http_rejected_requests_total";
inline constexpr const char* kConnectionsTotal = "sgw_http_connections_total";
inline constexpr const char* kCertificateReloadsTotal = "sgw_serving_certificate_reloads_total";
// 1 per rule id, labelled with the action in force for it (deny, warn, off).
inline constexpr const char* kRuleActionMetric = "sgw_rule_action";

} // namespace sgw::observability

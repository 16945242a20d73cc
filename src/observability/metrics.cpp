#include "sgw/observability/metrics.h"

#include <cmath>
#include <sstream>

namespace sgw::observability {

namespace {

std::string escapeLabelValue(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string renderLabels(const Labels& labels, const std::string& extraName = {},
                         const std::string& extraValue = {}) {
  if (labels.empty() && extraName.empty()) {
    return "";
  }
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : labels) {
    out += (first ? "" : ",") + name + "=\"" + escapeLabelValue(value) + "\"";
    first = false;
  }
  if (!extraName.empty()) {
    out += (first ? "" : ",") + extraName + "=\"" + extraValue + "\"";
  }
  return out + "}";
}

std::string number(double value) {
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  std::ostringstream out;
  out.precision(9);
  out << value;
  return out.str();
}

std::string_view typeName(Metrics::Type type) {
  switch (type) {
  case Metrics::Type::Counter:
    return "counter";
  case Metrics::Type::Gauge:
    return "gauge";
  case Metrics::Type::Histogram:
    return "histogram";
  }
  return "untyped";
}

} // namespace

Metrics::Family& Metrics::family(const std::string& name) {
  return families_[name];
}

void Metrics::describe(const std::string& name, Type type, const std::string& help,
                       std::vector<double> buckets) {
  std::lock_guard lock(mutex_);
  auto& entry = family(name);
  entry.type = type;
  entry.help = help;
  entry.buckets = std::move(buckets);
}

void Metrics::increment(const std::string& name, const Labels& labels, double by) {
  std::lock_guard lock(mutex_);
  family(name).values[labels] += by;
}

void Metrics::set(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mutex_);
  family(name).values[labels] = value;
}

void Metrics::add(const std::string& name, const Labels& labels, double delta) {
  std::lock_guard lock(mutex_);
  family(name).values[labels] += delta;
}

void Metrics::observe(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mutex_);
  auto& entry = family(name);
  auto& histogram = entry.histograms[labels];
  histogram.counts.resize(entry.buckets.size());
  for (std::size_t i = 0; i < entry.buckets.size(); ++i) {
    if (value <= entry.buckets[i]) {
      ++histogram.counts[i];
      break;
    }
  }
  ++histogram.count;
  histogram.sum += value;
}

void Metrics::replaceAll(const std::string& name, std::map<Labels, double> values) {
  std::lock_guard lock(mutex_);
  family(name).values = std::move(values);
}

void Metrics::addCollector(std::function<void(Metrics&)> collector) {
  std::lock_guard lock(collectorMutex_);
  collectors_.push_back(std::move(collector));
}

double Metrics::value(const std::string& name, const Labels& labels) const {
  std::lock_guard lock(mutex_);
  const auto found = families_.find(name);
  if (found == families_.end()) {
    return 0;
  }
  const auto value = found->second.values.find(labels);
  return value == found->second.values.end() ? 0 : value->second;
}

std::string Metrics::render() {
  {
    std::lock_guard lock(collectorMutex_);
    for (const auto& collector : collectors_) {
      collector(*this);
    }
  }
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, entry] : families_) {
    if (!entry.help.empty()) {
      out += "# HELP " + name + " " + entry.help + "\n";
    }
    out += "# TYPE " + name + " " + std::string(typeName(entry.type)) + "\n";
    if (entry.type == Type::Histogram) {
      for (const auto& [labels, histogram] : entry.histograms) {
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < entry.buckets.size(); ++i) {
          cumulative += i < histogram.counts.size() ? histogram.counts[i] : 0;
          out += name + "_bucket" + renderLabels(labels, "le", number(entry.buckets[i])) + " " +
                 std::to_string(cumulative) + "\n";
        }
        out += name + "_bucket" + renderLabels(labels, "le", "+Inf") + " " +
               std::to_string(histogram.count) + "\n";
        out += name + "_sum" + renderLabels(labels) + " " + number(histogram.sum) + "\n";
        out +=
            name + "_count" + renderLabels(labels) + " " + std::to_string(histogram.count) + "\n";
      }
      continue;
    }
    for (const auto& [labels, value] : entry.values) {
      out += name + renderLabels(labels) + " " + number(value) + "\n";
    }
  }
  return out;
}

void describeWebhookMetrics(Metrics& metrics) {
  metrics.describe(kReviewsTotal, Metrics::Type::Counter,
                   "Admission reviews answered, by endpoint, kind, operation and result.");
  metrics.describe(kRuleFindingsTotal, Metrics::Type::Counter,
                   "Denials and warnings raised, by rule and severity.");
  metrics.describe(
      kReviewDuration, Metrics::Type::Histogram,
      "Time to answer an admission review, from body received to response ready.",
      {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1});
  metrics.describe(kReviewsInFlight, Metrics::Type::Gauge,
                   "Admission reviews being answered right now.");
  metrics.set(kReviewsInFlight, {}, 0);
  metrics.describe(kRejectedRequestsTotal, Metrics::Type::Counter,
                   "HTTP requests refused before review, by status code (timeout: a client too "
                   "slow to send its request, cut off).");
  metrics.describe(kConnectionsTotal, Metrics::Type::Counter,
                   "TLS connections accepted (a handshake started).");
  metrics.describe(kCertificateReloadsTotal, Metrics::Type::Counter,
                   "Serving certificate reloads, by result.");
  metrics.describe(kRuleActionMetric, Metrics::Type::Gauge,
                   "The action in force for each rule (1 for the action the rule has): deny, warn "
                   "(its denials are sent as warnings) or off.");
}

} // namespace sgw::observability

#include "sgw/kube/kube_metrics.h"

namespace sgw::kube {

void describeKubeMetrics(observability::Metrics& metrics) {
  using Type = observability::Metrics::Type;
  metrics.describe(kObjectsMetric, Type::Gauge,
                   "Objects in the published cluster snapshot, by resource.");
  metrics.describe(kWatchRestartsMetric, Type::Counter,
                   "Watches started again after one ended (timeout, dropped connection, error).");
  metrics.describe(kRelistsMetric, Type::Counter,
                   "LISTs made after the first one (watch expired, resource re-discovered).");
  metrics.describe(kLastEventAgeMetric, Type::Gauge,
                   "Seconds since the last list, watch event or bookmark, by resource.");
  metrics.describe(kSyncedMetric, Type::Gauge,
                   "1 when every informer of the resource has listed it at least once.");
  metrics.describe(kSecretFetchesMetric, Type::Counter,
                   "On-demand Secret GETs made while answering a review, by result.");
}

} // namespace sgw::kube

#pragma once

#include "sgw/observability/metrics.h"

namespace sgw::kube {

// Metric families of the watch cache, labelled by resource (the plural, e.g. "tlsroutes").
inline constexpr const char* kObjectsMetric = "sgw_kube_objects";
inline constexpr const char* kWatchRestartsMetric = "sgw_kube_watch_restarts_total";
inline constexpr const char* kRelistsMetric = "sgw_kube_relists_total";
inline constexpr const char* kLastEventAgeMetric = "sgw_kube_last_event_age_seconds";
inline constexpr const char* kSyncedMetric = "sgw_kube_synced";
inline constexpr const char* kSecretFetchesMetric = "sgw_kube_secret_fetches_total";

void describeKubeMetrics(observability::Metrics& metrics);

} // namespace sgw::kube

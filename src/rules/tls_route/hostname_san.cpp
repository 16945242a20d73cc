#include "sgw/rules/tls_route/hostname_san.h"

#include <set>
#include <utility>

#include "sgw/derived/route_backends.h"
#include "sgw/rules/listener_certificate.h"

namespace sgw::rules::tls_route {

namespace {

void check(const Subject<model::TlsRoute>& subject, FindingSink& sink) {
  const auto& route = subject.object;
  if (route.hostnames.empty()) {
    return;
  }
  const auto& backends = subject.derived.backendsOf(route);
  std::set<std::pair<const model::Kafka*, std::size_t>> listeners;
  for (const auto& target : backends.targets()) {
    if (target.service != nullptr) {
      listeners.emplace(target.cluster->kafka, target.service->listenerIndex);
    }
  }
  for (const auto& [kafka, index] : listeners) {
    // Without a certificate there is nothing to compare: Strimzi's own CA certificates carry
    // the advertised hosts, and a missing or broken Secret is the Kafka review's finding. A
    // Secret cert-manager has not issued yet is judged by the names its Certificate requests.
    const auto loaded = loadListenerCertificate(*kafka, index, subject.cluster);
    const auto coverage = HostCoverage::of(loaded);
    if (!coverage.has_value()) {
      continue;
    }
    const auto& listener = kafka->listeners[index].name;
    const auto source = coverage->pending()
                            ? "Certificate " + loaded.pending->metadata.name +
                                  ", not issued into Secret " + loaded.secretName + " yet"
                            : "Secret " + loaded.secretName;
    bool denied = false;
    for (std::size_t i = 0; i < route.hostnames.size(); ++i) {
      const auto& hostname = route.hostnames[i];
      if (hostname.empty() || coverage->covers(hostname)) {
        continue;
      }
      denied = true;
      sink.deny(FieldError::invalid(FieldPath::root("spec").child("hostnames").index(i), hostname,
                                    "not covered by the certificate of listener " + listener +
                                        " of Kafka " + kafka->metadata.name + " (" + source +
                                        "), whose SANs are " + coverage->sans()));
    }
    if (coverage->pending() && !denied) {
      sink.warn(FieldError::note(
          FieldPath::root("spec").child("hostnames"),
          "covered by Certificate " + loaded.pending->metadata.name + ", whose Secret " +
              loaded.secretName + " (listener " + listener + " of Kafka " + kafka->metadata.name +
              ") is not issued yet (" + loaded.pending->describeReadiness() + ")"));
    }
  }
}

} // namespace

const Rule<model::TlsRoute>& hostnameSanRule() {
  static const Rule<model::TlsRoute> kRule{
      "hostname-san",
      "Each route hostname is covered by the certificate of the Kafka listener behind it.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::tls_route

#include "sgw/rules/tls_route/hostname_san.h"

#include <set>
#include <utility>

#include "sgw/rules/listener_certificate.h"
#include "sgw/rules/route_backends.h"

namespace sgw::rules::tls_route {

namespace {

void check(const Subject<model::TlsRoute>& subject, FindingSink& sink) {
  const auto& route = subject.object;
  if (route.hostnames.empty()) {
    return;
  }
  const RouteBackends backends(route, subject.cluster);
  std::set<std::pair<const model::Kafka*, std::size_t>> listeners;
  for (const auto& target : backends.targets()) {
    if (target.service != nullptr) {
      listeners.emplace(target.cluster->kafka, target.service->listenerIndex);
    }
  }
  for (const auto& [kafka, index] : listeners) {
    // Without a loaded certificate there is nothing to compare: Strimzi's own CA certificates
    // carry the advertised hosts, and a missing or broken Secret is the Kafka review's finding.
    const auto loaded = loadListenerCertificate(*kafka, index, subject.cluster);
    if (loaded.state != ListenerCertificate::State::Loaded) {
      continue;
    }
    for (std::size_t i = 0; i < route.hostnames.size(); ++i) {
      const auto& hostname = route.hostnames[i];
      if (hostname.empty() || loaded.certificate->covers(hostname)) {
        continue;
      }
      sink.deny(FieldError::invalid(FieldPath::root("spec").child("hostnames").index(i), hostname,
                                    "not covered by the certificate of listener " +
                                        kafka->listeners[index].name + " of Kafka " +
                                        kafka->metadata.name + " (Secret " + loaded.secretName +
                                        "), whose SANs are " + describeSans(*loaded.certificate)));
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

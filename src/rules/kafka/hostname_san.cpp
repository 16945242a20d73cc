#include "sgw/rules/kafka/hostname_san.h"

#include <chrono>

#include "sgw/rules/kafka_fields.h"
#include "sgw/rules/listener_certificate.h"
#include "sgw/rules/message_lists.h"
#include "sgw/strimzi/listener_hosts.h"
#include "sgw/strimzi/node_assignment.h"

namespace sgw::rules::kafka {

namespace {

using strimzi::HostSource;

// Certificates closer to expiry than this get a warning, like cert-manager's default renewal.
constexpr auto kExpiryWarning = std::chrono::hours(24 * 30);

bool isTemplate(HostSource source) {
  return source == HostSource::AdvertisedHostTemplate || source == HostSource::HostTemplate;
}

template <class SecretPath>
void checkExpiry(const tls::Certificate& certificate, const SecretPath& secretPath,
                 const std::string& secretName, std::chrono::system_clock::time_point now,
                 FindingSink& sink) {
  const auto notAfter = certificate.notAfter();
  if (notAfter <= now) {
    sink.warn(FieldError::invalid(secretPath(), secretName,
                                  "the certificate expired at " + tls::formatTimestamp(notAfter) +
                                      "; renew it"));
  } else if (notAfter - now < kExpiryWarning) {
    const auto days = std::chrono::duration_cast<std::chrono::hours>(notAfter - now).count() / 24;
    sink.warn(FieldError::invalid(secretPath(), secretName,
                                  "the certificate expires at " + tls::formatTimestamp(notAfter) +
                                      " (in " + std::to_string(days) + " days); renew it"));
  }
}

void checkListener(const Subject<model::Kafka>& subject, std::size_t index,
                   const strimzi::ClusterNodes& nodes, FindingSink& sink) {
  const auto& kafka = subject.object;
  const auto loaded = loadListenerCertificate(kafka, index, subject.cluster);
  // Paths and messages are worded only for a finding: most reviews have none.
  const auto configuration = [index] { return listenerConfigurationPath(index); };
  const auto secretPath = [&] {
    return configuration().child("brokerCertChainAndKey").child("secretName");
  };
  switch (loaded.state) {
  case ListenerCertificate::State::NotConfigured:
    return;
  case ListenerCertificate::State::SecretMissing:
    if (loaded.pending == nullptr) {
      sink.warn(*loaded.problem);
      return;
    }
    // Everything applied at once: cert-manager has not issued the Secret yet, but its
    // Certificate says which names the certificate will have.
    break;
  case ListenerCertificate::State::SecretLoading:
    sink.warn(*loaded.problem);
    return;
  case ListenerCertificate::State::Unusable:
    sink.deny(*loaded.problem);
    return;
  case ListenerCertificate::State::Loaded:
    break;
  }
  const auto coverage = HostCoverage::of(loaded);
  if (!coverage.has_value()) {
    return;
  }
  const auto description = [&] {
    return coverage->pending() ? "the certificate that Certificate " +
                                     loaded.pending->metadata.name + " will issue into Secret " +
                                     loaded.secretName + ", whose SANs are " + coverage->sans()
                               : "the certificate in Secret " + loaded.secretName +
                                     ", whose SANs are " + coverage->sans();
  };
  const auto& listener = kafka.listeners[index];

  // Templates are reported once each, with every rendering that falls outside the SANs.
  std::vector<std::string> advertisedTemplateMisses;
  std::vector<std::string> hostTemplateMisses;
  std::size_t deniedHosts = 0;
  for (const auto& host : strimzi::certificateHosts(kafka.metadata.name, listener, nodes)) {
    if (coverage->covers(host.host)) {
      continue;
    }
    if (isTemplate(host.source)) {
      auto& misses = host.source == HostSource::AdvertisedHostTemplate ? advertisedTemplateMisses
                                                                       : hostTemplateMisses;
      misses.push_back(host.host + " (broker " + host.broker->toString() + ")");
      continue;
    }
    ++deniedHosts;
    sink.deny(FieldError::invalid(listenerHostPath(index, host), host.host,
                                  "not covered by " + description()));
  }
  if (!advertisedTemplateMisses.empty()) {
    sink.deny(FieldError::invalid(configuration().child("advertisedHostTemplate"),
                                  *listener.configuration.advertisedHostTemplate,
                                  "renders " + joinNames(advertisedTemplateMisses) +
                                      ", not covered by " + description()));
  }
  if (!hostTemplateMisses.empty()) {
    sink.deny(FieldError::invalid(
        configuration().child("hostTemplate"), *listener.configuration.hostTemplate,
        "renders " + joinNames(hostTemplateMisses) + ", not covered by " + description()));
  }
  const bool denied =
      !advertisedTemplateMisses.empty() || !hostTemplateMisses.empty() || deniedHosts > 0;
  if (coverage->pending() && !denied) {
    sink.warn(FieldError::notFound(
        secretPath(), loaded.secretName,
        "not issued yet by Certificate " + loaded.pending->metadata.name + " (" +
            loaded.pending->describeReadiness() +
            "), whose SANs cover every hostname of listener " + listener.name));
  }
  if (loaded.certificate.has_value()) {
    checkExpiry(*loaded.certificate, secretPath, loaded.secretName, subject.now, sink);
  }
}

void check(const Subject<model::Kafka>& subject, FindingSink& sink) {
  const auto& kafka = subject.object;
  for (std::size_t i = 0; i < kafka.listeners.size(); ++i) {
    const auto& listener = kafka.listeners[i];
    if (!listener.tls || !listener.configuration.brokerCertChainAndKey.has_value()) {
      continue;
    }
    checkListener(subject, i, subject.derived.nodesOf(kafka), sink);
  }
}

} // namespace

const Rule<model::Kafka>& hostnameSanRule() {
  static const Rule<model::Kafka> kRule{
      "hostname-san",
      "Every hostname of a TLS listener with its own certificate is covered by the certificate.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::kafka

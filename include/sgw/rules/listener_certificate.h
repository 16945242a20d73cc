#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "sgw/cluster/cluster_view.h"
#include "sgw/core/field_error.h"
#include "sgw/model/kafka.h"
#include "sgw/tls/certificate.h"

namespace sgw::rules {

// The certificate a TLS listener presents, read from the Secret its `brokerCertChainAndKey`
// names. Both hostname-san rules (Kafka and TLSRoute) start here, so they agree on what counts
// as the listener's certificate.
struct ListenerCertificate {
  enum class State {
    NotConfigured, // no custom certificate: Strimzi's own CA signs the broker certificates
    SecretMissing, // the Secret does not exist (yet): `problem` is a warning
    Unusable,      // no such key, a private key, or not PEM: `problem` is a denial
    Loaded,
  };

  State state = State::NotConfigured;
  std::string secretName;
  std::optional<tls::Certificate> certificate; // when Loaded
  std::optional<FieldError> problem;           // when SecretMissing or Unusable
};

// Loads the certificate of `kafka.listeners[listenerIndex]` from the Secret in the Kafka's
// namespace. Listeners without TLS, without `brokerCertChainAndKey`, or with an empty secret
// name or certificate key (which Strimzi itself rejects) count as NotConfigured. Problems are
// reported at `spec.kafka.listeners[i].configuration.brokerCertChainAndKey.*`.
ListenerCertificate loadListenerCertificate(const model::Kafka& kafka, std::size_t listenerIndex,
                                            const cluster::ClusterView& view);

// The SANs of a certificate for messages (DNS names, then IP addresses), or "none".
std::string describeSans(const tls::Certificate& certificate);

} // namespace sgw::rules

#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sgw/cluster/cluster_view.h"
#include "sgw/core/field_error.h"
#include "sgw/model/certificate.h"
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
    SecretLoading, // the state source is still reading the Secret: `problem` is a warning
    Unusable,      // no such key, a private key, or not PEM: `problem` is a denial
    Loaded,
  };

  State state = State::NotConfigured;
  std::string secretName;
  std::optional<tls::Certificate> certificate; // when Loaded
  std::optional<FieldError> problem;           // unless NotConfigured or Loaded
  // When SecretMissing: the cert-manager Certificate of the Kafka's namespace that is to issue
  // the Secret (the first by name if several name it), or null.
  const model::Certificate* pending = nullptr;
};

// What the hostname rules hold a host against: the certificate in the Secret or, while the Secret
// is not issued yet, the names the cert-manager Certificate that is to issue it requests. Borrows
// the ListenerCertificate it is made from.
class HostCoverage {
public:
  // Nothing when there is neither a loaded certificate nor a pending Certificate.
  static std::optional<HostCoverage> of(const ListenerCertificate& loaded);

  bool covers(std::string_view host) const;
  // The certificate's names, as describeSans prints them.
  std::string sans() const;
  // True when judged against a Certificate whose Secret is not issued yet.
  bool pending() const { return loaded_->state != ListenerCertificate::State::Loaded; }

private:
  explicit HostCoverage(const ListenerCertificate& loaded) : loaded_(&loaded) {}
  const ListenerCertificate* loaded_;
};

// Loads the certificate of `kafka.listeners[listenerIndex]` from the Secret in the Kafka's
// namespace. Listeners without TLS, without `brokerCertChainAndKey`, or with an empty secret
// name or certificate key (which Strimzi itself rejects) count as NotConfigured. Problems are
// reported at `spec.kafka.listeners[i].configuration.brokerCertChainAndKey.*`.
ListenerCertificate loadListenerCertificate(const model::Kafka& kafka, std::size_t listenerIndex,
                                            const cluster::ClusterView& view);

// The SANs of a certificate for messages (DNS names, then IP addresses), or "none".
std::string describeSans(const tls::Certificate& certificate);
// The SANs a cert-manager Certificate requests, printed the same way.
std::string describeSans(const model::Certificate& certificate);

} // namespace sgw::rules

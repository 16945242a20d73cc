#include "sgw/rules/listener_certificate.h"

#include <vector>

#include "sgw/rules/kafka_fields.h"
#include "sgw/rules/message_lists.h"
#include "sgw/tls/san_names.h"

namespace sgw::rules {

namespace {

std::string keysOf(const model::Secret& secret) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : secret.data) {
    keys.push_back(key);
  }
  return joinNames(keys);
}

} // namespace

ListenerCertificate loadListenerCertificate(const model::Kafka& kafka, std::size_t listenerIndex,
                                            const cluster::ClusterView& view) {
  ListenerCertificate out;
  if (listenerIndex >= kafka.listeners.size()) {
    return out;
  }
  const auto& listener = kafka.listeners[listenerIndex];
  const auto& source = listener.configuration.brokerCertChainAndKey;
  if (!listener.tls || !source.has_value() || source->secretName.empty() ||
      source->certificate.empty()) {
    return out;
  }
  out.secretName = source->secretName;
  // Paths and messages are worded only for a problem: a loaded certificate needs none.
  const auto path = [listenerIndex] {
    return listenerConfigurationPath(listenerIndex).child("brokerCertChainAndKey");
  };
  const model::ObjectKey secretKey{kafka.metadata.namespace_, source->secretName};
  // Loading wins over a cached copy: the cache may hold the Secret trimmed to the keys other
  // Kafkas name, where the key this one names reads as withheld until the Secret is read for it.
  if (view.secretLoading(secretKey)) {
    out.state = ListenerCertificate::State::SecretLoading;
    out.problem =
        FieldError::note(path().child("secretName"),
                         "Secret " + source->secretName +
                             " is not loaded yet, so hostnames were not checked "
                             "against its certificate; the next review and the audit check them");
    return out;
  }
  const auto* secret = view.secret(secretKey);
  if (secret == nullptr) {
    out.state = ListenerCertificate::State::SecretMissing;
    const auto certificates = view.certificatesForSecret(secretKey);
    if (!certificates.empty()) {
      out.pending = certificates.front();
    }
    out.problem =
        FieldError::notFound(path().child("secretName"), source->secretName,
                             "no Secret of this name in namespace " + kafka.metadata.namespace_ +
                                 " yet; hostnames are checked once it exists");
    return out;
  }
  out.state = ListenerCertificate::State::Unusable;
  const auto certificatePath = [&] { return path().child("certificate"); };
  const auto others = [&] {
    return secret->data.empty() ? std::string("it holds no certificates")
                                : "it has " + keysOf(*secret);
  };
  if (secret->withheldKeys.count(source->certificate) != 0) {
    out.problem =
        FieldError::invalid(certificatePath(), source->certificate,
                            "holds a private key, not a certificate chain; name the "
                            "key of Secret " +
                                source->secretName + " that holds the chain (" + others() + ")");
    return out;
  }
  const auto value = secret->data.find(source->certificate);
  if (value == secret->data.end()) {
    out.problem =
        FieldError::notFound(certificatePath(), source->certificate,
                             "Secret " + source->secretName + " has no such key; " + others());
    return out;
  }
  const auto* cached = secret->certificateChain(source->certificate);
  auto parsed = cached != nullptr ? *cached : tls::Certificate::parsePemChain(value->second);
  if (const auto* reason = std::get_if<std::string>(&parsed)) {
    out.problem = FieldError::invalid(certificatePath(), source->certificate,
                                      "the value in Secret " + source->secretName +
                                          " is not a PEM certificate chain: " + *reason);
    return out;
  }
  out.state = ListenerCertificate::State::Loaded;
  out.certificate = std::move(std::get<tls::Certificate>(parsed));
  return out;
}

std::optional<HostCoverage> HostCoverage::of(const ListenerCertificate& loaded) {
  if ((loaded.state == ListenerCertificate::State::Loaded && loaded.certificate.has_value()) ||
      (loaded.state == ListenerCertificate::State::SecretMissing && loaded.pending != nullptr)) {
    return HostCoverage(loaded);
  }
  return std::nullopt;
}

bool HostCoverage::covers(std::string_view host) const {
  if (!pending()) {
    return loaded_->certificate->covers(host);
  }
  return tls::namesCover(loaded_->pending->dnsNames, loaded_->pending->ipAddresses, host);
}

std::string HostCoverage::sans() const {
  return pending() ? describeSans(*loaded_->pending) : describeSans(*loaded_->certificate);
}

std::string describeSans(const model::Certificate& certificate) {
  auto names = certificate.dnsNames;
  names.insert(names.end(), certificate.ipAddresses.begin(), certificate.ipAddresses.end());
  return names.empty() ? std::string("none") : joinNames(names);
}

std::string describeSans(const tls::Certificate& certificate) {
  auto names = certificate.dnsNames();
  names.insert(names.end(), certificate.ipAddresses().begin(), certificate.ipAddresses().end());
  return names.empty() ? std::string("none") : joinNames(names);
}

} // namespace sgw::rules

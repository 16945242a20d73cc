#include "sgw/rules/certificate/certificate_names.h"

#include <set>
#include <string>
#include <vector>

#include "sgw/core/hostname.h"
#include "sgw/derived/review_model.h"
#include "sgw/derived/route_backends.h"
#include "sgw/rules/message_lists.h"
#include "sgw/strimzi/listener_hosts.h"
#include "sgw/tls/certificate.h"
#include "sgw/tls/san_names.h"

namespace sgw::rules::certificate {

namespace {

// The hostnames one user of the Certificate's Secret needs covered.
struct Need {
  // "listener obiwan of Kafka k presents Secret s", "TLSRoute r leads to listener obiwan of
  // Kafka k, which presents Secret s,": the subject of "... and needs <hosts>".
  std::string who;
  std::vector<std::string> hosts;
};

void addHost(std::vector<std::string>& hosts, std::set<std::string>& seen,
             const std::string& host) {
  if (!host.empty() && seen.insert(lowerCaseHostname(host)).second) {
    hosts.push_back(host);
  }
}

// What every TLS listener presenting the Secret needs (its hostnames, as hostname-san computes
// them), then what each hand-made TLSRoute leading to such a listener's Services needs (its
// hostnames). Strimzi's own TLSRoutes carry the listener's hosts, which are counted already. Each
// host is listed once, by the first that needs it.
std::vector<Need> needsOf(const model::Certificate& certificate,
                          const derived::ReviewModel& model) {
  std::vector<Need> needs;
  const auto& namespace_ = certificate.metadata.namespace_;
  const auto& clusters = model.clustersIn(namespace_);
  std::set<model::ObjectKey> routesSeen;
  std::set<std::string> seen;
  for (const auto& cluster : clusters.clusters()) {
    const auto& kafka = *cluster.kafka;
    for (std::size_t index = 0; index < kafka.listeners.size(); ++index) {
      const auto& listener = kafka.listeners[index];
      const auto& source = listener.configuration.brokerCertChainAndKey;
      if (!listener.tls || !source.has_value() || source->certificate.empty() ||
          source->secretName != certificate.secretName) {
        continue;
      }
      const auto listenerName = "listener " + listener.name + " of Kafka " + kafka.metadata.name;
      const auto presents = " presents Secret " + certificate.secretName;
      Need need{listenerName + presents, {}};
      for (const auto& host :
           strimzi::certificateHosts(kafka.metadata.name, listener, *cluster.nodes)) {
        addHost(need.hosts, seen, host.host);
      }
      if (!need.hosts.empty()) {
        needs.push_back(std::move(need));
      }
      for (const auto& service : cluster.services) {
        if (service.listenerIndex != index) {
          continue;
        }
        for (const auto* route : model.view().tlsRoutesWithBackend({namespace_, service.name})) {
          if (route->ownedByStrimzi() || !routesSeen.insert(route->metadata.key()).second) {
            continue;
          }
          const auto routeName = route->metadata.namespace_ == namespace_
                                     ? route->metadata.name
                                     : route->metadata.key().toString();
          Need routeNeed{"TLSRoute " + routeName + " leads to " + listenerName + ", which" +
                             presents + ",",
                         {}};
          for (const auto& hostname : route->hostnames) {
            addHost(routeNeed.hosts, seen, hostname);
          }
          if (!routeNeed.hosts.empty()) {
            needs.push_back(std::move(routeNeed));
          }
        }
      }
    }
  }
  return needs;
}

bool covers(const model::Certificate& certificate, const std::string& host) {
  return tls::namesCover(certificate.dnsNames, certificate.ipAddresses, host);
}

// One finding for the hosts `need` lacks, on spec.dnsNames (or spec.ipAddresses for IP
// literals), as the list the Certificate now requests.
void report(const model::Certificate& certificate, const Need& need,
            const std::vector<std::string>& hosts, bool dropped, FindingSink& sink) {
  std::vector<std::string> names;
  std::vector<std::string> addresses;
  for (const auto& host : hosts) {
    (tls::isIpLiteral(host) ? addresses : names).push_back(host);
  }
  const auto spec = FieldPath::root("spec");
  for (const auto* missing : {&names, &addresses}) {
    if (missing->empty()) {
      continue;
    }
    const bool ip = missing == &addresses;
    const auto& requested = ip ? certificate.ipAddresses : certificate.dnsNames;
    auto detail = need.who + " and needs " + joinNames(*missing) + ", which " +
                  (ip ? "these addresses" : "these names") + " do not cover";
    detail += dropped ? "; keep " + std::string(ip ? "them" : "them or a wildcard covering them")
                      : " (nor did they before this change); add " +
                            std::string(ip ? "them" : "them or a wildcard covering them");
    auto error = FieldError::invalid(spec.child(ip ? "ipAddresses" : "dnsNames"),
                                     nlohmann::json(requested), detail);
    dropped ? sink.deny(std::move(error)) : sink.warn(std::move(error));
  }
}

// A Certificate moved to another Secret leaves the old one to expire: cert-manager no longer
// renews it, yet listeners still present it.
void checkAbandonedSecret(const Subject<model::Certificate>& subject, FindingSink& sink) {
  const auto& certificate = subject.object;
  const auto* old = subject.oldObject;
  if (subject.operation != Operation::Update || old == nullptr || old->secretName.empty() ||
      old->secretName == certificate.secretName) {
    return;
  }
  std::vector<std::string> users;
  for (const auto* kafka : subject.cluster.kafkasIn(certificate.metadata.namespace_)) {
    for (const auto& listener : kafka->listeners) {
      const auto& source = listener.configuration.brokerCertChainAndKey;
      if (listener.tls && source.has_value() && source->secretName == old->secretName) {
        users.push_back("listener " + listener.name + " of Kafka " + kafka->metadata.name);
      }
    }
  }
  if (users.empty()) {
    return;
  }
  sink.warn(FieldError::invalid(
      FieldPath::root("spec").child("secretName"), certificate.secretName,
      "Secret " + old->secretName + " is no longer renewed, but " + joinNames(users) +
          (users.size() == 1 ? " still presents it" : " still present it")));
}

void check(const Subject<model::Certificate>& subject, FindingSink& sink) {
  checkAbandonedSecret(subject, sink);
  const auto& certificate = subject.object;
  if (certificate.secretName.empty()) {
    return;
  }
  // On CREATE every name is new; on UPDATE a name the stored Certificate did not cover either is
  // an old fault, warned about so that an unrelated change still passes.
  const auto* old = subject.operation == Operation::Update ? subject.oldObject : nullptr;
  for (const auto& need : needsOf(certificate, subject.derived)) {
    std::vector<std::string> dropped;
    std::vector<std::string> alreadyMissing;
    for (const auto& host : need.hosts) {
      if (covers(certificate, host)) {
        continue;
      }
      const bool before =
          old != nullptr && old->secretName == certificate.secretName && !covers(*old, host);
      (before ? alreadyMissing : dropped).push_back(host);
    }
    report(certificate, need, dropped, true, sink);
    report(certificate, need, alreadyMissing, false, sink);
  }
}

} // namespace

const Rule<model::Certificate>& certificateNamesRule() {
  static const Rule<model::Certificate> kRule{
      "certificate-names",
      "A Certificate keeps every name the Kafka listeners using its Secret, and the TLSRoutes "
      "leading to them, need.",
      kCreateOrUpdate, &check, /*readsOldObject=*/true};
  return kRule;
}

} // namespace sgw::rules::certificate

#include "sgw/audit/cluster_audit.h"

#include <map>

#include "sgw/cluster/cluster_view.h"
#include "sgw/rules/listener_certificate.h"
#include "sgw/rules/validation.h"

namespace sgw::audit {

namespace {

template <class T>
void auditAll(const cluster::ObjectMap<T>& objects, model::Kind kind,
              const derived::ReviewModel& model, std::chrono::system_clock::time_point now,
              const policy::RuleActions& actions, std::vector<AuditFinding>& out) {
  for (const auto& [key, object] : objects) {
    // The stored object is its own old version: rules that judge a change see none.
    const rules::Subject<T> subject{*object,      object.get(), rules::Operation::Update,
                                    model.view(), now,          model};
    for (auto& finding : actions.apply(rules::validate(subject))) {
      out.push_back({kind, key, std::move(finding)});
    }
  }
}

} // namespace

std::vector<AuditFinding> auditCluster(const cluster::ClusterSnapshot& snapshot,
                                       std::chrono::system_clock::time_point now,
                                       const policy::RuleActions& actions) {
  const cluster::ClusterView view(snapshot);
  // One model for the whole audit: each Kafka's nodes are computed once for all the objects
  // whose rules read them.
  const derived::ReviewModel model(view);
  std::vector<AuditFinding> out;
  auditAll(snapshot.kafkas(), model::Kind::Kafka, model, now, actions, out);
  auditAll(snapshot.nodePools(), model::Kind::KafkaNodePool, model, now, actions, out);
  auditAll(snapshot.tlsRoutes(), model::Kind::TlsRoute, model, now, actions, out);
  auditAll(snapshot.certificates(), model::Kind::Certificate, model, now, actions, out);
  return out;
}

std::vector<CertificateExpiry> certificateExpiries(const cluster::ClusterSnapshot& snapshot) {
  const cluster::ClusterView view(snapshot);
  std::map<model::ObjectKey, std::chrono::system_clock::time_point> bySecret;
  for (const auto& [key, kafka] : snapshot.kafkas()) {
    for (std::size_t i = 0; i < kafka->listeners.size(); ++i) {
      const auto loaded = rules::loadListenerCertificate(*kafka, i, view);
      if (loaded.state == rules::ListenerCertificate::State::Loaded) {
        bySecret[{key.namespace_, loaded.secretName}] = loaded.certificate->notAfter();
      }
    }
  }
  std::vector<CertificateExpiry> out;
  for (const auto& [secret, notAfter] : bySecret) {
    out.push_back({secret, notAfter});
  }
  return out;
}

} // namespace sgw::audit

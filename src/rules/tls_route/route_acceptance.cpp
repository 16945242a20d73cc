#include "sgw/rules/tls_route/route_acceptance.h"

#include "sgw/gateway/attaching_route.h"
#include "sgw/gateway/route_acceptance.h"

namespace sgw::rules::tls_route {

namespace {

using gateway::Reason;

// The status reason the Gateway controller would give.
std::string statusReason(const gateway::ListenerVerdict& candidate) {
  return candidate.refusedOnlyFor({Reason::HostnameMismatch}) ? "NoMatchingListenerHostname"
                                                              : "NotAllowedByListeners";
}

void checkParent(const model::TlsRoute& route, std::size_t index, const cluster::ClusterView& view,
                 FindingSink& sink) {
  const auto& parent = route.parentRefs[index];
  const auto path = FieldPath::root("spec").child("parentRefs").index(index);
  const auto verdict = gateway::judgeParent(gateway::routeToAttach(route), parent, view);
  if (verdict.state != gateway::ParentVerdict::State::Found) {
    return; // gateway-passthrough reports missing parents and listeners
  }
  if (verdict.listenerSetRefusal.has_value()) {
    const auto& refusal = *verdict.listenerSetRefusal;
    auto error = FieldError::invalid(path.child("name"), parent.name,
                                     refusal.detail + (refusal.certain
                                                           ? "; the ListenerSet is not accepted, "
                                                             "so no route attaches to it"
                                                           : ""));
    sink.denyIfCertain(refusal.certain, std::move(error));
    return;
  }
  // Only the TLS Passthrough listeners on the right port can carry the route; gateway-passthrough
  // speaks for the others.
  std::vector<const gateway::ListenerVerdict*> relevant;
  for (const auto& candidate : verdict.candidates) {
    if (candidate.accepts()) {
      return;
    }
    if (!candidate.refusedFor(Reason::PortMismatch) && !candidate.refusedFor(Reason::NotTls) &&
        !candidate.refusedFor(Reason::NotPassthrough)) {
      relevant.push_back(&candidate);
    }
  }
  if (relevant.empty()) {
    return;
  }
  bool certain = true;
  std::string detail;
  for (const auto* candidate : relevant) {
    certain = certain && candidate->certainlyRefuses();
    detail += (detail.empty() ? "" : "; ") + candidate->refusalDetails();
  }
  const auto field = parent.sectionName.has_value() ? path.child("sectionName") : path;
  const auto reason =
      relevant.size() == 1 ? statusReason(*relevant.front()) : std::string("NotAllowedByListeners");
  auto error = FieldError::forbidden(
      field, detail + (certain ? "; " + verdict.owner + " would not accept the route (Accepted: " +
                                     "False, " + reason + ")"
                               : ""));
  sink.denyIfCertain(certain, std::move(error));
}

void check(const Subject<model::TlsRoute>& subject, FindingSink& sink) {
  const auto& route = subject.object;
  for (std::size_t i = 0; i < route.parentRefs.size(); ++i) {
    if (!route.parentRefs[i].name.empty()) {
      checkParent(route, i, subject.cluster, sink);
    }
  }
}

} // namespace

const Rule<model::TlsRoute>& routeAcceptanceRule() {
  static const Rule<model::TlsRoute> kRule{
      "route-acceptance",
      "Each parent Gateway or ListenerSet accepts the route on a TLS Passthrough listener: "
      "hostnames intersect, allowedRoutes let in its namespace and kind, and a ListenerSet is "
      "allowed by its Gateway.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::tls_route

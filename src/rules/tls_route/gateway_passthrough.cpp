#include "sgw/rules/tls_route/gateway_passthrough.h"

#include <algorithm>

#include "sgw/gateway/attaching_route.h"
#include "sgw/gateway/route_acceptance.h"
#include "sgw/model/kind.h"
#include "sgw/rules/message_lists.h"

namespace sgw::rules::tls_route {

namespace {

bool isPassthrough(const model::GatewayListener& listener) {
  return listener.protocol == "TLS" &&
         listener.tlsMode == std::optional<std::string>("Passthrough");
}

// "; its TLS Passthrough listeners are a, b" or "; it has no TLS Passthrough listener".
std::string passthroughListeners(const std::vector<model::GatewayListener>& listeners) {
  std::vector<std::string> names;
  for (const auto& listener : listeners) {
    if (isPassthrough(listener)) {
      names.push_back(listener.name);
    }
  }
  if (names.empty()) {
    return "; it has no TLS Passthrough listener";
  }
  return (names.size() == 1 ? "; its TLS Passthrough listener is "
                            : "; its TLS Passthrough listeners are ") +
         joinNames(names);
}

// Why a listener cannot carry Kafka traffic, or nothing when it can.
std::optional<std::string> unfit(const model::GatewayListener& listener,
                                 const gateway::ParentVerdict& parent) {
  const auto which = gateway::describeListener(parent, listener);
  if (listener.protocol != "TLS") {
    return which + " has protocol " + listener.protocol + ", not TLS with tls.mode Passthrough" +
           passthroughListeners(*parent.listeners);
  }
  if (!isPassthrough(listener)) {
    return which + " terminates TLS (tls.mode " + listener.tlsMode.value_or("unset") +
           "); Kafka clients need tls.mode Passthrough" + passthroughListeners(*parent.listeners);
  }
  return std::nullopt;
}

void checkParent(const model::TlsRoute& route, std::size_t index, const cluster::ClusterView& view,
                 FindingSink& sink) {
  const auto& parent = route.parentRefs[index];
  const auto path = FieldPath::root("spec").child("parentRefs").index(index);
  const auto verdict = gateway::judgeParent(gateway::routeToAttach(route), parent, view);
  using State = gateway::ParentVerdict::State;
  if (verdict.state == State::NotJudged) {
    return;
  }
  if (verdict.state == State::NotFound) {
    sink.warn(FieldError::notFound(path.child("name"), parent.name,
                                   "no " + parent.kind + " of this name in namespace " +
                                       parent.namespace_ +
                                       " yet; the route stays unattached until it exists"));
    return;
  }
  if (verdict.state == State::SectionNotFound) {
    sink.deny(FieldError::notFound(path.child("sectionName"), *parent.sectionName,
                                   verdict.owner + " has no such listener" +
                                       passthroughListeners(*verdict.listeners)));
    return;
  }
  if (parent.sectionName.has_value()) {
    const auto sectionPath = path.child("sectionName");
    const auto& candidate = verdict.candidates.front();
    const auto& listener = *candidate.listener;
    if (candidate.refusedFor(gateway::Reason::PortMismatch)) {
      sink.deny(FieldError::invalid(path.child("port"), *parent.port,
                                    gateway::describeListener(verdict, listener) + " has port " +
                                        std::to_string(listener.port)));
    }
    if (const auto why = unfit(listener, verdict)) {
      sink.deny(FieldError::invalid(sectionPath, *parent.sectionName, *why));
    }
    return;
  }
  // No sectionName: the route attaches to every TLS listener (on the port, if given) that
  // accepts it, so each of those must pass TLS through.
  bool anyTls = false;
  for (const auto& candidate : verdict.candidates) {
    const auto& listener = *candidate.listener;
    if (listener.protocol != "TLS" || candidate.refusedFor(gateway::Reason::PortMismatch)) {
      continue;
    }
    anyTls = true;
    if (!candidate.refusedOnlyFor({gateway::Reason::NotPassthrough})) {
      continue; // it would not take the route anyway
    }
    if (const auto why = unfit(listener, verdict)) {
      sink.deny(FieldError::invalid(path.child("name"), parent.name,
                                    *why + "; set sectionName to a Passthrough listener"));
    }
  }
  if (!anyTls) {
    const auto where = parent.port.has_value() ? " on port " + std::to_string(*parent.port) : "";
    sink.deny(FieldError::invalid(path.child("name"), parent.name,
                                  verdict.owner + " has no TLS listener" + where +
                                      "; add one with tls.mode Passthrough"));
  }
}

void checkReferenceGrants(const model::TlsRoute& route, const cluster::ClusterView& view,
                          FindingSink& sink) {
  const auto& namespace_ = route.metadata.namespace_;
  const model::ReferenceGrantFrom origin{std::string(model::kGatewayGroup), "TLSRoute", namespace_};
  for (std::size_t i = 0; i < route.rules.size(); ++i) {
    const auto& backends = route.rules[i].backendRefs;
    for (std::size_t j = 0; j < backends.size(); ++j) {
      const auto& backend = backends[j];
      if (backend.namespace_ == namespace_ || backend.name.empty()) {
        continue;
      }
      const auto grants = view.referenceGrantsIn(backend.namespace_);
      const bool permitted = std::any_of(grants.begin(), grants.end(), [&](const auto* grant) {
        return grant->permits(origin, backend.group, backend.kind, backend.name);
      });
      if (permitted) {
        continue;
      }
      sink.deny(FieldError::forbidden(
          FieldPath::root("spec")
              .child("rules")
              .index(i)
              .child("backendRefs")
              .index(j)
              .child("namespace"),
          "no ReferenceGrant in namespace " + backend.namespace_ + " lets TLSRoutes of namespace " +
              namespace_ + " use " + backend.kind + " " + backend.name + "; create one there"));
    }
  }
}

void check(const Subject<model::TlsRoute>& subject, FindingSink& sink) {
  const auto& route = subject.object;
  for (std::size_t i = 0; i < route.parentRefs.size(); ++i) {
    if (!route.parentRefs[i].name.empty()) {
      checkParent(route, i, subject.cluster, sink);
    }
  }
  checkReferenceGrants(route, subject.cluster, sink);
}

} // namespace

const Rule<model::TlsRoute>& gatewayPassthroughRule() {
  static const Rule<model::TlsRoute> kRule{
      "gateway-passthrough",
      "The route attaches to TLS Passthrough Gateway listeners, and reaches other namespaces "
      "only through a ReferenceGrant.",
      kCreateOrUpdate, &check};
  return kRule;
}

} // namespace sgw::rules::tls_route

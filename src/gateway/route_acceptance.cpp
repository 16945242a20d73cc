#include "sgw/gateway/route_acceptance.h"

#include <algorithm>

#include "sgw/cluster/cluster_snapshot.h"
#include "sgw/core/hostname.h"
#include "sgw/model/kind.h"
#include "sgw/rules/message_lists.h"

namespace sgw::gateway {

namespace {

// True when `hostname` ends with "." + `suffix`: at least one whole label more.
bool underDomain(std::string_view hostname, std::string_view suffix) {
  return hostname.size() > suffix.size() + 1 &&
         sameHostname(hostname.substr(hostname.size() - suffix.size()), suffix) &&
         hostname[hostname.size() - suffix.size() - 1] == '.';
}

std::string kindList(const std::vector<model::RouteGroupKind>& kinds) {
  std::string out;
  for (const auto& kind : kinds) {
    out += (out.empty() ? "" : ", ") + kind.kind;
    if (kind.group != model::kGatewayGroup) {
      out += " (group " + (kind.group.empty() ? std::string("core") : kind.group) + ")";
    }
  }
  return out;
}

// Whether namespace `name` passes `from`/`selector` relative to `home` (the namespace of the
// Gateway or ListenerSet that owns the rule). Empty: it passes; else the refusal, with `what`
// naming the thing let in ("routes", "ListenerSets").
// `who()` names the owner; it is called only to word a refusal.
template <class Who>
std::optional<Refusal> namespaceRefusal(const model::NamespacesFrom& allowed,
                                        const std::string& name, const std::string& home,
                                        const cluster::ClusterView& view, const Who& who,
                                        const char* field, const char* what, Reason reason) {
  const auto& from = allowed.from;
  if (from == "All") {
    return std::nullopt;
  }
  if (from == "Same") {
    if (name == home) {
      return std::nullopt;
    }
    return Refusal{reason,
                   who() + " takes " + what + " from its own namespace " + home + " only (" +
                       field + ".from Same, the default), not from " + name + "; set " + field +
                       ".from to All or Selector there",
                   true};
  }
  if (from == "Selector") {
    if (!allowed.selector.has_value()) {
      return Refusal{reason,
                     who() + " sets " + field +
                         ".from Selector without a selector, which selects "
                         "no namespace",
                     true};
    }
    const auto* ns = view.namespaceNamed(name);
    // The API server labels every Namespace with its name; without the Namespace that label is
    // all that is known.
    const std::map<std::string, std::string> implied{{"kubernetes.io/metadata.name", name}};
    if (allowed.selector->matches(ns != nullptr ? ns->metadata.labels : implied)) {
      return std::nullopt;
    }
    if (ns == nullptr) {
      return Refusal{reason,
                     who() + " takes " + what + " from namespaces labelled " +
                         allowed.selector->toString() + " only, and the labels of namespace " +
                         name + " are not known here",
                     false};
    }
    return Refusal{reason,
                   who() + " takes " + what + " from namespaces labelled " +
                       allowed.selector->toString() + " only (" + field +
                       ".selector), and namespace " + name +
                       " does not match; label the namespace or widen the selector",
                   true};
  }
  if (from == "None") {
    return Refusal{reason,
                   who() + " takes no " + what + " (" + field +
                       ".from None, the default); set it to Same, All or Selector",
                   true};
  }
  return Refusal{reason, who() + " sets " + field + ".from to unknown value " + from, true};
}

ListenerVerdict judgeListener(const RouteToAttach& route, const model::ParentReference& parent,
                              const ParentVerdict& verdict, const model::GatewayListener& listener,
                              const std::string& home, const cluster::ClusterView& view) {
  ListenerVerdict out{&listener, {}};
  // Named only in a refusal: most listeners a review meets accept.
  const auto who = [&] { return describeListener(verdict, listener); };
  if (parent.port.has_value() && *parent.port != listener.port) {
    out.refusals.push_back(
        {Reason::PortMismatch, who() + " listens on port " + std::to_string(listener.port) +
                                   ", not on port " + std::to_string(*parent.port)});
  }
  if (listener.protocol != "TLS") {
    out.refusals.push_back(
        {Reason::NotTls, who() + " has protocol " + listener.protocol + ", not TLS"});
  } else if (listener.tlsMode != std::optional<std::string>("Passthrough")) {
    out.refusals.push_back({Reason::NotPassthrough, who() + " terminates TLS (tls.mode " +
                                                        listener.tlsMode.value_or("unset") + ")"});
  }
  const auto& kinds =
      listener.allowedKinds.empty() ? defaultRouteKinds(listener.protocol) : listener.allowedKinds;
  const bool kindAllowed = std::any_of(kinds.begin(), kinds.end(), [&](const auto& kind) {
    return kind.group == route.group && kind.kind == route.kind;
  });
  // A listener of another protocol is refused for that already; only a kinds list written out
  // is worth a word of its own.
  if (!kindAllowed && (!listener.allowedKinds.empty() || listener.protocol == "TLS")) {
    out.refusals.push_back({Reason::KindNotAllowed,
                            who() + " allows " +
                                (kinds.empty() ? std::string("no route kinds") : kindList(kinds)) +
                                " only (allowedRoutes.kinds), not " + route.kind + "; add kind " +
                                route.kind + " there"});
  }
  if (auto refusal =
          namespaceRefusal(listener.allowedNamespaces, route.namespace_, home, view, who,
                           "allowedRoutes.namespaces", "routes", Reason::NamespaceNotAllowed)) {
    out.refusals.push_back(std::move(*refusal));
  }
  if (listener.hostname.has_value() && !route.hostnames.empty() &&
      std::none_of(route.hostnames.begin(), route.hostnames.end(), [&](const std::string& host) {
        return hostnamesIntersect(*listener.hostname, host);
      })) {
    out.refusals.push_back(
        {Reason::HostnameMismatch,
         who() + " has hostname " + *listener.hostname + ", which no route hostname (" +
             rules::joinNames(route.hostnames) +
             ") matches; give the route a hostname under it or change the listener's hostname"});
  }
  return out;
}

} // namespace

bool ListenerVerdict::refusedFor(Reason reason) const {
  return std::any_of(refusals.begin(), refusals.end(),
                     [&](const Refusal& refusal) { return refusal.reason == reason; });
}

bool ListenerVerdict::refusedOnlyFor(std::initializer_list<Reason> reasons) const {
  return std::all_of(refusals.begin(), refusals.end(), [&](const Refusal& refusal) {
    return std::find(reasons.begin(), reasons.end(), refusal.reason) != reasons.end();
  });
}

bool ListenerVerdict::certainlyRefuses() const {
  return std::any_of(refusals.begin(), refusals.end(),
                     [](const Refusal& refusal) { return refusal.certain; });
}

std::string ListenerVerdict::refusalDetails() const {
  std::string out;
  for (const auto& refusal : refusals) {
    out += (out.empty() ? "" : "; ") + refusal.detail;
  }
  return out;
}

bool ParentVerdict::accepted() const {
  return state == State::Found && !listenerSetRefusal.has_value() &&
         std::any_of(candidates.begin(), candidates.end(),
                     [](const ListenerVerdict& candidate) { return candidate.accepts(); });
}

std::vector<std::int64_t> ParentVerdict::acceptingPorts() const {
  std::vector<std::int64_t> ports;
  for (const auto& candidate : candidates) {
    if (candidate.accepts()) {
      ports.push_back(candidate.listener->port);
    }
  }
  std::sort(ports.begin(), ports.end());
  ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
  return ports;
}

bool hostnamesIntersect(std::string_view listenerHostname, std::string_view routeHostname) {
  if (sameHostname(listenerHostname, routeHostname)) {
    return true;
  }
  const bool listenerWild = isWildcardHostname(listenerHostname);
  const bool routeWild = isWildcardHostname(routeHostname);
  const std::string_view listenerDomain =
      listenerWild ? listenerHostname.substr(2) : listenerHostname;
  const std::string_view routeDomain = routeWild ? routeHostname.substr(2) : routeHostname;
  if (listenerWild && routeWild) {
    // *.example.com and *.foo.example.com share foo.bar.foo.example.com, say.
    return sameHostname(listenerDomain, routeDomain) || underDomain(routeDomain, listenerDomain) ||
           underDomain(listenerDomain, routeDomain);
  }
  if (listenerWild) {
    return underDomain(routeHostname, listenerDomain);
  }
  if (routeWild) {
    return underDomain(listenerHostname, routeDomain);
  }
  return false;
}

const std::vector<model::RouteGroupKind>& defaultRouteKinds(std::string_view protocol) {
  static const std::string kGroup(model::kGatewayGroup);
  static const std::vector<model::RouteGroupKind> kTls{{kGroup, "TLSRoute"}};
  static const std::vector<model::RouteGroupKind> kHttp{{kGroup, "HTTPRoute"},
                                                        {kGroup, "GRPCRoute"}};
  static const std::vector<model::RouteGroupKind> kTcp{{kGroup, "TCPRoute"}};
  static const std::vector<model::RouteGroupKind> kUdp{{kGroup, "UDPRoute"}};
  static const std::vector<model::RouteGroupKind> kNone;
  if (protocol == "TLS") {
    return kTls;
  }
  if (protocol == "HTTP" || protocol == "HTTPS") {
    return kHttp;
  }
  if (protocol == "TCP") {
    return kTcp;
  }
  if (protocol == "UDP") {
    return kUdp;
  }
  return kNone;
}

std::string describeListener(const ParentVerdict& parent, const model::GatewayListener& listener) {
  return "listener " + listener.name + " of " + parent.owner;
}

ParentVerdict judgeParent(const RouteToAttach& route, const model::ParentReference& parent,
                          const cluster::ClusterView& view) {
  ParentVerdict out;
  if (parent.group != model::kGatewayGroup ||
      (parent.kind != "Gateway" && parent.kind != "ListenerSet")) {
    return out;
  }
  out.parentKind = parent.kind;
  out.owner =
      parent.kind + " " +
      (parent.namespace_ == route.namespace_ ? parent.name : parent.namespace_ + "/" + parent.name);
  std::string home = parent.namespace_;
  if (parent.kind == "Gateway") {
    out.gateway = view.gateway({parent.namespace_, parent.name});
    if (out.gateway == nullptr) {
      out.state = ParentVerdict::State::NotFound;
      return out;
    }
    out.listeners = &out.gateway->listeners;
  } else {
    out.listenerSet = view.listenerSet({parent.namespace_, parent.name});
    if (out.listenerSet == nullptr) {
      out.state = ParentVerdict::State::NotFound;
      return out;
    }
    out.listeners = &out.listenerSet->listeners;
    const auto& set = *out.listenerSet;
    const auto& setName = out.owner;
    if (set.parentGroup != model::kGatewayGroup || set.parentKind != "Gateway") {
      out.listenerSetRefusal =
          Refusal{Reason::ListenerSetNotAllowed,
                  setName + " names a " + set.parentKind + " as its parent, not a Gateway", true};
    } else if ((out.gateway = view.gateway(set.parent)) == nullptr) {
      out.listenerSetRefusal = Refusal{Reason::ListenerSetNotAllowed,
                                       "the Gateway " + set.parent.toString() + " of " + setName +
                                           " does not exist yet; the route stays unattached "
                                           "until it does",
                                       false};
    } else {
      out.listenerSetRefusal = namespaceRefusal(
          out.gateway->allowedListeners, set.metadata.namespace_, set.parent.namespace_, view,
          [&] { return "Gateway " + set.parent.toString() + " of " + setName; },
          "spec.allowedListeners.namespaces", "ListenerSets", Reason::ListenerSetNotAllowed);
    }
  }
  out.state = ParentVerdict::State::Found;
  for (const auto& listener : *out.listeners) {
    if (parent.sectionName.has_value() && listener.name != *parent.sectionName) {
      continue;
    }
    out.candidates.push_back(judgeListener(route, parent, out, listener, home, view));
  }
  if (parent.sectionName.has_value() && out.candidates.empty()) {
    out.state = ParentVerdict::State::SectionNotFound;
  }
  return out;
}

} // namespace sgw::gateway

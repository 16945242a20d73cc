#include "sgw/explain/entry_paths.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "sgw/cluster/cluster_view.h"
#include "sgw/core/hostname.h"
#include "sgw/derived/review_model.h"
#include "sgw/derived/route_backends.h"
#include "sgw/gateway/attaching_route.h"
#include "sgw/gateway/route_acceptance.h"
#include "sgw/rules/kafka_fields.h"
#include "sgw/rules/listener_certificate.h"
#include "sgw/rules/message_lists.h"
#include "sgw/rules/validation.h"
#include "sgw/strimzi/listener_advertising.h"
#include "sgw/strimzi/listener_hosts.h"
#include "sgw/strimzi/listener_services.h"
#include "sgw/strimzi/node_assignment.h"
#include "sgw/strimzi/resource_names.h"
#include "sgw/strimzi/tls_route_listener.h"

namespace sgw::explain {

namespace {

using model::NodeId;
using strimzi::HostSource;

bool isHostCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '*';
}

// True when `host` appears in `text` as a whole name, not as part of a longer one.
bool mentionsHost(std::string_view text, std::string_view host) {
  if (host.empty()) {
    return false;
  }
  for (auto at = text.find(host); at != std::string_view::npos; at = text.find(host, at + 1)) {
    const auto end = at + host.size();
    if ((at == 0 || !isHostCharacter(text[at - 1])) &&
        (end == text.size() || !isHostCharacter(text[end]) ||
         (text[end] == '.' && (end + 1 == text.size() || text[end + 1] == ' ')))) {
      return true;
    }
  }
  return false;
}

// The node IDs a message names as "broker 12", "brokers 10, 11 and 12" or "(broker 10)".
std::set<std::int64_t> namedBrokerIds(std::string_view text) {
  std::set<std::int64_t> ids;
  for (auto at = text.find("broker"); at != std::string_view::npos;
       at = text.find("broker", at + 1)) {
    auto position = at + 6;
    if (position < text.size() && text[position] == 's') {
      ++position;
    }
    if (position >= text.size() || text[position] != ' ') {
      continue;
    }
    ++position;
    while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
      std::int64_t value = 0;
      while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position])) &&
             value < 1'000'000'000'000) {
        value = value * 10 + (text[position] - '0');
        ++position;
      }
      ids.insert(value);
      if (text.substr(position).starts_with(", ")) {
        position += 2;
      } else if (text.substr(position).starts_with(" and ")) {
        position += 5;
      } else {
        break;
      }
    }
  }
  return ids;
}

// The `[n]` right after `prefix` in `path`, if `path` continues that way.
std::optional<std::size_t> indexAfter(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix) || path.size() <= prefix.size() || path[prefix.size()] != '[') {
    return std::nullopt;
  }
  std::size_t value = 0;
  auto position = prefix.size() + 1;
  bool digits = false;
  while (position < path.size() && std::isdigit(static_cast<unsigned char>(path[position])) &&
         value < 1'000'000'000) {
    value = value * 10 + static_cast<std::size_t>(path[position] - '0');
    digits = true;
    ++position;
  }
  if (!digits || position >= path.size() || path[position] != ']') {
    return std::nullopt;
  }
  return value;
}

// The link a rule's finding breaks, from the field it names and the rule that raised it.
Link linkOf(const rules::Finding& finding) {
  const auto path = finding.error.path.toString();
  const auto& rule = finding.ruleId;
  if (path.ends_with("advertisedPort") || path.ends_with("advertisedPortTemplate") ||
      rule == "advertised-port") {
    return Link::ClientToListener;
  }
  if (path.find("backendRefs[") != std::string::npos) {
    return Link::RouteToService;
  }
  if (path.find("parentRefs") != std::string::npos || rule == "gateway-passthrough" ||
      rule == "route-acceptance" || rule == "tlsroute-gateway") {
    return Link::ListenerToRoute;
  }
  if (rule == "route-backend" || rule == "route-broker-match") {
    return Link::RouteToService;
  }
  if (rule == "hostname-san" || rule == "listener-config" || rule == "listener-coverage") {
    return Link::ClientToListener;
  }
  return Link::ServiceToNode;
}

PathFinding ownFinding(rules::Severity severity, FieldError error, model::Kind kind,
                       model::ObjectKey object, Link link) {
  return {{kExplainRuleId, severity, std::move(error)}, kind, std::move(object), link};
}

// Everything one explanation reads, computed once.
struct Context {
  const cluster::ClusterView& view;
  const derived::ReviewModel& derived; // over `view`, shared by every rule the explanation runs
  const model::Kafka& kafka;
  std::size_t listenerIndex;
  const model::KafkaListener& listener;
  const strimzi::ClusterNodes& nodes; // the Kafka's, from `derived`
  rules::ListenerCertificate certificate;
  std::chrono::system_clock::time_point now;
  std::map<model::ObjectKey, rules::FindingList> routeFindings;

  const std::string& cluster() const { return kafka.metadata.name; }
  const std::string& kafkaNamespace() const { return kafka.metadata.namespace_; }
  FieldPath configuration() const { return rules::listenerConfigurationPath(listenerIndex); }

  std::vector<NodeLink> brokerNodes() const {
    std::vector<NodeLink> out;
    for (const auto& pool : nodes.pools) {
      if (pool.roles.broker) {
        for (const auto& id : pool.desired) {
          out.push_back({id, pool.pool});
        }
      }
    }
    std::sort(out.begin(), out.end(),
              [](const NodeLink& a, const NodeLink& b) { return a.id < b.id; });
    return out;
  }

  const rules::FindingList& findingsOf(const model::TlsRoute& route) {
    auto [slot, fresh] = routeFindings.try_emplace(route.metadata.key());
    if (fresh) {
      const rules::Subject<model::TlsRoute> subject{route, nullptr, rules::Operation::Create,
                                                    view,  now,     derived};
      slot->second = rules::validate(subject);
    }
    return slot->second;
  }
};

// What a path keeps while it is traced: where its host is written on the Kafka, the hostname
// the operator's route carries for it, and the Service it should reach.
struct Trace {
  EntryPath path;
  std::optional<FieldPath> hostField;
  std::optional<std::string> routeHostname; // tlsroute listeners: the operator's route hostname
  model::ObjectKey expectedService;
};

// The listener a route is taken by: the first that accepts it, else (to show where it stops)
// the first TLS listener it names on the right port, else the first listener it names.
std::optional<ListenerLink> listenerLinkOf(const std::vector<model::ParentReference>& parents,
                                           const gateway::RouteToAttach& route,
                                           const cluster::ClusterView& view) {
  std::optional<ListenerLink> firstTls;
  std::optional<ListenerLink> first;
  for (const auto& parent : parents) {
    if (parent.name.empty()) {
      continue;
    }
    const auto verdict = gateway::judgeParent(route, parent, view);
    if (verdict.state != gateway::ParentVerdict::State::Found) {
      continue;
    }
    const auto key = verdict.listenerSet != nullptr ? verdict.listenerSet->metadata.key()
                                                    : verdict.gateway->metadata.key();
    const bool parentTakes = !verdict.listenerSetRefusal.has_value();
    for (const auto& candidate : verdict.candidates) {
      const ListenerLink link{verdict.parentKind, key, candidate.listener->name,
                              candidate.listener->port, parentTakes && candidate.accepts()};
      if (link.accepts) {
        return link;
      }
      if (!firstTls.has_value() && !candidate.refusedFor(gateway::Reason::NotTls) &&
          !candidate.refusedFor(gateway::Reason::PortMismatch)) {
        firstTls = link;
      }
      if (!first.has_value()) {
        first = link;
      }
    }
  }
  return firstTls.has_value() ? firstTls : first;
}

// The hand-made route clients of `host` reach: one listing the host (else a wildcard covering
// it), preferring one whose backend is `expected`.
const model::TlsRoute* findRoute(const cluster::ClusterView& view, const std::string& host,
                                 const model::ObjectKey& expected) {
  auto candidates = view.tlsRoutesWithHostname(host);
  if (candidates.empty()) {
    for (const auto* route : view.tlsRoutes()) {
      if (std::any_of(route->hostnames.begin(), route->hostnames.end(), [&](const auto& name) {
            return isWildcardHostname(name) && gateway::hostnamesIntersect(name, host);
          })) {
        candidates.push_back(route);
      }
    }
  }
  for (const auto* route : candidates) {
    for (const auto& rule : route->rules) {
      for (const auto& backend : rule.backendRefs) {
        if (backend.isService() && backend.key() == expected) {
          return route;
        }
      }
    }
  }
  return candidates.empty() ? nullptr : candidates.front();
}

void addRouteFindings(Trace& trace, const model::TlsRoute& route, const rules::FindingList& all) {
  for (const auto& finding : all) {
    const auto path = finding.error.path.toString();
    if (const auto index = indexAfter(path, "spec.hostnames")) {
      if (*index < route.hostnames.size() && trace.path.host.has_value() &&
          !sameHostname(route.hostnames[*index], *trace.path.host)) {
        continue; // about another hostname of the route: another path's concern
      }
    }
    trace.path.findings.push_back(
        {finding, model::Kind::TlsRoute, route.metadata.key(), linkOf(finding)});
  }
}

// Follows a hand-made TLSRoute from the path's host to its Service and node.
void followRoute(Context& context, Trace& trace) {
  auto& path = trace.path;
  if (!path.host.has_value()) {
    return;
  }
  const auto* route = findRoute(context.view, *path.host, trace.expectedService);
  if (route == nullptr) {
    return;
  }
  path.route = RouteLink{route->metadata.key(), false};
  path.listener = listenerLinkOf(route->parentRefs, gateway::routeToAttach(*route), context.view);
  const auto& backends = context.derived.backendsOf(*route);
  const auto& targets = backends.targets();
  const auto target = std::find_if(targets.begin(), targets.end(), [&](const auto& candidate) {
    return candidate.ref->key() == trace.expectedService;
  });
  const auto* chosen =
      target != targets.end() ? &*target : (targets.empty() ? nullptr : &targets.front());
  if (chosen != nullptr) {
    path.service = ServiceLink{chosen->ref->key(), chosen->ref->port, chosen->existing != nullptr,
                               chosen->service != nullptr};
    if (chosen->service != nullptr && chosen->service->broker.has_value()) {
      path.nodes.push_back({*chosen->service->broker, chosen->service->pool});
    } else if (chosen->service != nullptr && chosen->cluster != nullptr) {
      for (const auto& pool : chosen->cluster->nodes->pools) {
        if (pool.roles.broker) {
          for (const auto& id : pool.desired) {
            path.nodes.push_back({id, pool.pool});
          }
        }
      }
      std::sort(path.nodes.begin(), path.nodes.end(),
                [](const NodeLink& a, const NodeLink& b) { return a.id < b.id; });
    }
  }
  addRouteFindings(trace, *route, context.findingsOf(*route));
}

// Follows one of the routes the operator will create for a tlsroute listener.
void followOperatorRoute(Context& context, Trace& trace, const strimzi::OperatorTlsRoute& route) {
  auto& path = trace.path;
  path.route = RouteLink{{context.kafkaNamespace(), route.name}, true};
  gateway::RouteToAttach attach;
  attach.namespace_ = context.kafkaNamespace();
  if (route.hostname.has_value() && !route.hostname->empty()) {
    attach.hostnames.push_back(*route.hostname);
  }
  path.listener = listenerLinkOf(context.listener.configuration.parentRefs, attach, context.view);
  const model::ObjectKey service{context.kafkaNamespace(), route.service};
  path.service =
      ServiceLink{service, route.servicePort, context.view.service(service) != nullptr, true};
  if (route.broker.has_value()) {
    path.nodes.push_back({*route.broker, route.pool});
  } else {
    path.nodes = context.brokerNodes();
  }
}

// The host broker `id` advertises: brokers[].advertisedHost or advertisedHostTemplate, and on a
// tlsroute listener, failing those, its route host.
std::optional<strimzi::ListenerHost> advertisedHost(const Context& context, NodeId id) {
  const auto hosts = strimzi::brokerHosts(context.cluster(), context.listener, context.nodes);
  std::optional<strimzi::ListenerHost> routeHost;
  for (const auto& host : hosts) {
    if (host.broker != std::optional(id)) {
      continue;
    }
    if (host.source == HostSource::AdvertisedHost ||
        host.source == HostSource::AdvertisedHostTemplate) {
      return host;
    }
    if (!routeHost.has_value()) {
      routeHost = host;
    }
  }
  if (strimzi::isTlsRouteListener(context.listener)) {
    return routeHost;
  }
  return std::nullopt;
}

Trace brokerTrace(Context& context, NodeId id, const strimzi::OperatorTlsRoute* operatorRoute) {
  Trace trace;
  trace.path.broker = id;
  const auto* pool = context.nodes.poolOf(id);
  const auto poolName = pool != nullptr ? pool->pool : std::string();
  if (const auto name =
          strimzi::perBrokerServiceName(context.cluster(), poolName, context.listener, id)) {
    trace.expectedService = {context.kafkaNamespace(), *name};
  }
  if (const auto host = advertisedHost(context, id)) {
    trace.path.host = host->host;
    trace.hostField = rules::listenerHostPath(context.listenerIndex, *host);
  }
  trace.path.port = strimzi::advertisedPort(context.listener, id);
  if (operatorRoute != nullptr) {
    trace.routeHostname = operatorRoute->hostname;
    if (trace.path.host.has_value() && operatorRoute->hostname.has_value() &&
        sameHostname(*trace.path.host, *operatorRoute->hostname)) {
      followOperatorRoute(context, trace, *operatorRoute);
      return trace;
    }
  }
  // The broker advertises a host of its own: whatever route carries that host is the way in.
  followRoute(context, trace);
  return trace;
}

// The bootstrap host of a listener whose routes are written by hand: bootstrap.host, else an
// alternative name some route carries, else a hostname of a route to the bootstrap Service,
// else the first alternative name.
void chooseBootstrapHost(const Context& context, Trace& trace) {
  const auto& bootstrap = context.listener.configuration.bootstrap;
  const auto configuration = context.configuration();
  if (bootstrap.host.has_value() && !bootstrap.host->empty()) {
    trace.path.host = *bootstrap.host;
    trace.hostField = configuration.child("bootstrap").child("host");
    return;
  }
  for (std::size_t i = 0; i < bootstrap.alternativeNames.size(); ++i) {
    if (!context.view.tlsRoutesWithHostname(bootstrap.alternativeNames[i]).empty()) {
      trace.path.host = bootstrap.alternativeNames[i];
      trace.hostField = configuration.child("bootstrap").child("alternativeNames").index(i);
      return;
    }
  }
  for (const auto* route : context.view.tlsRoutesWithBackend(trace.expectedService)) {
    for (const auto& hostname : route->hostnames) {
      if (!hostname.empty() && !isWildcardHostname(hostname)) {
        trace.path.host = hostname;
        return;
      }
    }
  }
  if (!bootstrap.alternativeNames.empty()) {
    trace.path.host = bootstrap.alternativeNames.front();
    trace.hostField = configuration.child("bootstrap").child("alternativeNames").index(0);
  }
}

Trace bootstrapTrace(Context& context, const strimzi::TlsRouteListener* planned) {
  Trace trace;
  trace.expectedService = {context.kafkaNamespace(),
                           strimzi::bootstrapServiceName(context.cluster(), context.listener)};
  if (planned != nullptr) {
    const auto& route = planned->bootstrap;
    if (route.hostname.has_value() && !route.hostname->empty()) {
      trace.path.host = *route.hostname;
    }
    trace.hostField = context.configuration().child("bootstrap").child("host");
    trace.routeHostname = route.hostname;
    followOperatorRoute(context, trace, route);
  } else {
    chooseBootstrapHost(context, trace);
    followRoute(context, trace);
  }
  // Clients pick the bootstrap port themselves: the one that works is the Gateway listener's.
  if (trace.path.listener.has_value()) {
    trace.path.port = trace.path.listener->port;
  }
  return trace;
}

// The paths a finding on the Kafka belongs to, by the field it names. None when it concerns the
// cluster as a whole, or another listener (`otherListener` then says which).
std::vector<Trace*> tracesOfKafkaFinding(const Context& context, const rules::Finding& finding,
                                         std::vector<Trace>& traces, bool& otherListener) {
  otherListener = false;
  const auto path = finding.error.path.toString();
  const auto prefix = rules::listenerPath(context.listenerIndex).toString();
  if (path != prefix && !path.starts_with(prefix + ".")) {
    otherListener = path.starts_with("spec.kafka.listeners[");
    return {};
  }
  const auto rest = std::string_view(path).substr(prefix.size());
  std::vector<Trace*> all;
  std::vector<Trace*> brokers;
  for (auto& trace : traces) {
    all.push_back(&trace);
    if (trace.path.broker.has_value()) {
      brokers.push_back(&trace);
    }
  }
  const auto byBroker = [&](NodeId id) -> std::vector<Trace*> {
    for (auto* trace : brokers) {
      if (trace->path.broker == std::optional(id)) {
        return {trace};
      }
    }
    return {};
  };
  if (const auto entry = indexAfter(rest, ".configuration.brokers")) {
    const auto& entries = context.listener.configuration.brokers;
    if (*entry < entries.size() && entries[*entry].broker.has_value()) {
      return byBroker(*entries[*entry].broker);
    }
    return {};
  }
  if (rest.starts_with(".configuration.bootstrap")) {
    std::vector<Trace*> out;
    for (auto* trace : all) {
      if (!trace->path.broker.has_value()) {
        out.push_back(trace);
      }
    }
    return out;
  }
  if (rest == ".configuration.brokers" || rest == ".configuration.hostTemplate" ||
      rest == ".configuration.advertisedHostTemplate") {
    // A finding on a list or a template names the brokers or hosts it is about.
    const auto text = (finding.error.value.has_value() && finding.error.value->is_string()
                           ? finding.error.value->get<std::string>()
                           : std::string()) +
                      " " + finding.error.detail;
    const auto ids = namedBrokerIds(finding.error.detail);
    std::vector<Trace*> named;
    for (auto* trace : brokers) {
      const bool byHost =
          (trace->path.host.has_value() && mentionsHost(text, *trace->path.host)) ||
          (trace->routeHostname.has_value() && mentionsHost(text, *trace->routeHostname));
      if (byHost || ids.contains(trace->path.broker->value)) {
        named.push_back(trace);
      }
    }
    return named.empty() ? brokers : named;
  }
  if (rest.starts_with(".configuration.advertisedPortTemplate")) {
    return brokers;
  }
  return all; // the listener as a whole (its parents, type, certificate): every way in
}

// Adds explain's own finding for the first missing hop no finding speaks for, and decides
// whether the path is ok.
void conclude(const Context& context, Trace& trace) {
  auto& path = trace.path;
  const auto spoken = [&](Link link) {
    return std::any_of(path.findings.begin(), path.findings.end(),
                       [&](const PathFinding& finding) { return finding.link == link; });
  };
  const auto kafkaKey = context.kafka.metadata.key();
  const auto configuration = context.configuration();
  const bool serviceThere =
      path.service.has_value() && (path.service->exists || path.service->createdByStrimzi);
  // A route that reaches another Service than the entry's own (another broker's, say) is a
  // broken path even when the rules only warn, as they do about Strimzi's own routes.
  const bool rightService = serviceThere && (trace.expectedService.name.empty() ||
                                             path.service->key == trace.expectedService);
  const bool complete = path.host.has_value() && path.route.has_value() &&
                        path.listener.has_value() && path.listener->accepts && rightService;
  if (!path.host.has_value()) {
    if (!spoken(Link::ClientToListener)) {
      auto error =
          path.broker.has_value()
              ? FieldError::required(
                    configuration.child("brokers"),
                    "broker " + path.broker->toString() + " advertises no hostname of its own on " +
                        "listener " + context.listener.name +
                        ", so clients are sent to its internal address; add a brokers[] entry " +
                        "with advertisedHost for it")
              : FieldError::required(
                    configuration.child("bootstrap").child("host"),
                    "no TLSRoute leads to the bootstrap Service " + trace.expectedService.name +
                        " and listener " + context.listener.name +
                        " names no bootstrap host; add a route for the bootstrap host");
      path.findings.push_back(ownFinding(rules::Severity::Deny, std::move(error),
                                         model::Kind::Kafka, kafkaKey, Link::ClientToListener));
    }
  } else if (!path.route.has_value()) {
    if (!spoken(Link::ListenerToRoute)) {
      path.findings.push_back(ownFinding(
          rules::Severity::Deny,
          FieldError::notFound(trace.hostField.value_or(configuration), *path.host,
                               "no TLSRoute has this hostname, so no Gateway listener takes its " +
                                   std::string("clients; add one that leads to Service ") +
                                   trace.expectedService.name),
          model::Kind::Kafka, kafkaKey, Link::ListenerToRoute));
    }
  } else if (!path.listener.has_value() || !path.listener->accepts) {
    if (!spoken(Link::ListenerToRoute)) {
      const bool operatorRoute = path.route->createdByStrimzi;
      auto error = FieldError::forbidden(
          operatorRoute ? configuration.child("parentRefs")
                        : FieldPath::root("spec").child("parentRefs"),
          "no Gateway or ListenerSet listener takes the TLSRoute " + path.route->key.name);
      path.findings.push_back(ownFinding(rules::Severity::Deny, std::move(error),
                                         operatorRoute ? model::Kind::Kafka : model::Kind::TlsRoute,
                                         operatorRoute ? kafkaKey : path.route->key,
                                         Link::ListenerToRoute));
    }
  } else if (!path.service.has_value() && !spoken(Link::RouteToService)) {
    path.findings.push_back(ownFinding(
        rules::Severity::Deny,
        FieldError::required(FieldPath::root("spec").child("rules"),
                             "the TLSRoute " + path.route->key.name + " has no Service backend"),
        model::Kind::TlsRoute, path.route->key, Link::RouteToService));
  } else if (serviceThere && !rightService && !spoken(Link::RouteToService)) {
    path.findings.push_back(ownFinding(
        rules::Severity::Deny,
        FieldError::invalid(FieldPath::root("spec").child("rules"), path.service->key.name,
                            "the TLSRoute " + path.route->key.name + " for " + *path.host +
                                " leads here, not to " + trace.expectedService.name),
        model::Kind::TlsRoute, path.route->key, Link::RouteToService));
  }
  path.ok = complete &&
            std::none_of(path.findings.begin(), path.findings.end(), [](const PathFinding& f) {
              return f.finding.severity == rules::Severity::Deny;
            });
}

const model::KafkaListener* chooseListener(const cluster::ClusterView& view,
                                           const model::Kafka& kafka,
                                           const strimzi::ClusterNodes& nodes,
                                           const std::optional<std::string>& name,
                                           std::string& error) {
  const auto which = "Kafka " + kafka.metadata.key().toString();
  std::vector<std::string> names;
  for (const auto& listener : kafka.listeners) {
    names.push_back(listener.name);
  }
  const auto listed = names.empty() ? std::string("it has no listeners")
                                    : "its listeners are " + rules::joinNames(names);
  if (name.has_value()) {
    if (const auto* listener = kafka.listener(*name)) {
      if (!strimzi::hasOwnServices(*listener)) {
        error = "listener " + *name + " of " + which +
                " is of type internal: it has no Services a Gateway could reach";
        return nullptr;
      }
      return listener;
    }
    error = which + " has no listener " + *name + "; " + listed;
    return nullptr;
  }
  std::set<std::size_t> routed;
  for (const auto& service : strimzi::listenerServices(kafka, nodes)) {
    if (!view.tlsRoutesWithBackend({kafka.metadata.namespace_, service.name}).empty()) {
      routed.insert(service.listenerIndex);
    }
  }
  std::vector<const model::KafkaListener*> candidates;
  std::vector<const model::KafkaListener*> withServices;
  for (std::size_t i = 0; i < kafka.listeners.size(); ++i) {
    const auto& listener = kafka.listeners[i];
    if (strimzi::isTlsRouteListener(listener) || routed.contains(i)) {
      candidates.push_back(&listener);
    }
    if (strimzi::hasOwnServices(listener)) {
      withServices.push_back(&listener);
    }
  }
  if (candidates.empty()) {
    candidates = withServices;
  }
  if (candidates.size() == 1) {
    return candidates.front();
  }
  if (candidates.empty()) {
    error = "no listener of " + which + " has Services a Gateway could reach (" + listed + ")";
    return nullptr;
  }
  std::vector<std::string> choices;
  for (const auto* listener : candidates) {
    choices.push_back(listener->name);
  }
  error = "several listeners of " + which + " could be meant: " + rules::joinNames(choices) +
          "; choose one with --listener";
  return nullptr;
}

std::string noSuchKafka(const cluster::ClusterSnapshot& snapshot, const model::ObjectKey& key) {
  std::vector<std::string> names;
  for (const auto& [candidate, kafka] : snapshot.kafkas()) {
    names.push_back(candidate.toString());
  }
  return "no Kafka " + key.toString() + " in the cluster; " +
         (names.empty() ? std::string("there are no Kafkas")
                        : "the Kafkas are " + rules::joinNames(names));
}

} // namespace

std::string_view linkName(Link link) {
  switch (link) {
  case Link::ClientToListener:
    return "client-listener";
  case Link::ListenerToRoute:
    return "listener-route";
  case Link::RouteToService:
    return "route-service";
  case Link::ServiceToNode:
    return "service-node";
  }
  return "client-listener";
}

std::string EntryPath::entryName() const {
  return broker.has_value() ? "broker " + broker->toString() : std::string("bootstrap");
}

std::vector<const PathFinding*> EntryPath::verdictFindings() const {
  std::vector<const PathFinding*> denials;
  std::vector<const PathFinding*> warned;
  if (ok) {
    return denials;
  }
  for (const auto& finding : findings) {
    (finding.finding.severity == rules::Severity::Deny ? denials : warned).push_back(&finding);
  }
  return denials.empty() ? warned : denials;
}

std::vector<const PathFinding*> EntryPath::warnings() const {
  std::vector<const PathFinding*> out;
  for (const auto& finding : findings) {
    if (finding.finding.severity == rules::Severity::Warn) {
      out.push_back(&finding);
    }
  }
  return out;
}

bool Explanation::ok() const {
  return std::all_of(paths.begin(), paths.end(), [](const EntryPath& path) { return path.ok; });
}

std::variant<Explanation, std::string> explain(const cluster::ClusterSnapshot& snapshot,
                                               const ExplainRequest& request,
                                               std::chrono::system_clock::time_point now) {
  const cluster::ClusterView view(snapshot);
  const auto* kafka = view.kafka(request.kafka);
  if (kafka == nullptr) {
    return noSuchKafka(snapshot, request.kafka);
  }
  const derived::ReviewModel derived(view);
  const auto& nodes = derived.nodesOf(*kafka);
  std::string error;
  const auto* listener = chooseListener(view, *kafka, nodes, request.listener, error);
  if (listener == nullptr) {
    return error;
  }
  const auto listenerIndex = static_cast<std::size_t>(listener - kafka->listeners.data());
  Context context{view,
                  derived,
                  *kafka,
                  listenerIndex,
                  *listener,
                  nodes,
                  rules::loadListenerCertificate(*kafka, listenerIndex, view),
                  now,
                  {}};

  std::optional<strimzi::TlsRouteListener> planned;
  if (strimzi::isTlsRouteListener(*listener)) {
    planned = strimzi::tlsRouteListener(*kafka, listenerIndex, context.nodes);
  }
  std::vector<Trace> traces;
  if (strimzi::createsBootstrapService(*listener)) {
    traces.push_back(bootstrapTrace(context, planned.has_value() ? &*planned : nullptr));
  }
  for (const auto& node : context.brokerNodes()) {
    const strimzi::OperatorTlsRoute* route = nullptr;
    if (planned.has_value()) {
      for (const auto& candidate : planned->brokers) {
        if (candidate.broker == std::optional(node.id)) {
          route = &candidate;
        }
      }
    }
    traces.push_back(brokerTrace(context, node.id, route));
  }

  Explanation out;
  out.kafka = kafka->metadata.key();
  out.listener = listener->name;
  out.listenerType = listener->type;
  out.listenerPort = listener->port;

  // The Kafka's own review: each finding goes to the paths whose fields it names.
  const rules::Subject<model::Kafka> kafkaSubject{*kafka, nullptr, rules::Operation::Create,
                                                  view,   now,     context.derived};
  for (const auto& finding : rules::validate(kafkaSubject)) {
    bool otherListener = false;
    const auto owners = tracesOfKafkaFinding(context, finding, traces, otherListener);
    const PathFinding located{finding, model::Kind::Kafka, out.kafka, linkOf(finding)};
    for (auto* trace : owners) {
      trace->path.findings.push_back(located);
    }
    if (owners.empty() && !otherListener) {
      out.clusterFindings.push_back(located);
    }
  }
  for (const auto* pool : view.nodePoolsOf(out.kafka)) {
    const rules::Subject<model::KafkaNodePool> subject{*pool, nullptr, rules::Operation::Create,
                                                       view,  now,     context.derived};
    for (const auto& finding : rules::validate(subject)) {
      out.clusterFindings.push_back(
          {finding, model::Kind::KafkaNodePool, pool->metadata.key(), linkOf(finding)});
    }
  }

  for (auto& trace : traces) {
    auto& path = trace.path;
    if (path.host.has_value() &&
        context.certificate.state == rules::ListenerCertificate::State::Loaded) {
      path.certificate = context.certificate.certificate->covers(*path.host) ? Coverage::Covered
                                                                             : Coverage::NotCovered;
    }
    conclude(context, trace);
    out.paths.push_back(std::move(path));
  }
  return out;
}

} // namespace sgw::explain

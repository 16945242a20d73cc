#include "sgw/offline/tls_routes.h"

#include <algorithm>
#include <map>

#include "sgw/cluster/cluster_view.h"
#include "sgw/model/kind.h"
#include "sgw/mutation/host_template.h"
#include "sgw/mutation/pattern_inference.h"
#include "sgw/rules/message_lists.h"
#include "sgw/strimzi/listener_advertising.h"
#include "sgw/strimzi/listener_hosts.h"
#include "sgw/strimzi/node_assignment.h"
#include "sgw/strimzi/resource_names.h"
#include "sgw/strimzi/tls_route_listener.h"

namespace sgw::offline {

namespace {

using model::NodeId;

constexpr std::string_view kBootstrapLabel = "bootstrap";

bool hasHostTemplate(const model::KafkaListener& listener) {
  const auto& hostTemplate = listener.configuration.advertisedHostTemplate;
  return hostTemplate.has_value() && !hostTemplate->empty();
}

std::vector<std::string> listenerNames(const model::Kafka& kafka) {
  std::vector<std::string> names;
  for (const auto& listener : kafka.listeners) {
    names.push_back(listener.name);
  }
  return names;
}

std::string describeListeners(const model::Kafka& kafka) {
  return kafka.listeners.empty() ? "it has no listeners"
                                 : "its listeners are " + rules::joinNames(listenerNames(kafka));
}

std::variant<const model::KafkaListener*, std::string>
chooseListener(const model::Kafka& kafka, const std::optional<std::string>& name) {
  const auto which = "Kafka " + kafka.metadata.key().toString();
  if (name.has_value()) {
    if (const auto* listener = kafka.listener(*name)) {
      return listener;
    }
    return which + " has no listener " + *name + "; " + describeListeners(kafka);
  }
  std::vector<const model::KafkaListener*> candidates;
  for (const auto& listener : kafka.listeners) {
    if (strimzi::advertisesPerBroker(listener) || hasHostTemplate(listener)) {
      candidates.push_back(&listener);
    }
  }
  if (candidates.size() == 1) {
    return candidates.front();
  }
  if (candidates.empty()) {
    for (const auto& listener : kafka.listeners) {
      if (strimzi::isTlsRouteListener(listener)) {
        return &listener; // explained by the caller: Strimzi makes its routes
      }
    }
    return "no listener of " + which +
           " sets configuration.brokers[].advertisedHost or advertisedHostTemplate, so no broker "
           "advertises a hostname a TLSRoute could carry; set them on the listener to expose (" +
           describeListeners(kafka) + ")";
  }
  std::vector<std::string> names;
  for (const auto* listener : candidates) {
    names.push_back(listener->name);
  }
  return "several listeners of " + which +
         " advertise hostnames of their own: " + rules::joinNames(names) +
         "; choose one with --listener";
}

// Why `host` cannot be a TLSRoute hostname, or nothing.
std::optional<std::string> hostnameProblem(const std::string& host) {
  if (auto problem = mutation::dnsSubdomainProblem(host)) {
    return problem;
  }
  if (host.find_first_not_of("0123456789.") == std::string::npos) {
    return std::string("is an IP address; TLSRoute hostnames are DNS names");
  }
  return std::nullopt;
}

// The host each broker node advertises on the listener: its brokers[] entry, else the rendered
// advertisedHostTemplate (as Strimzi picks it).
std::map<NodeId, std::string> advertisedHosts(const model::Kafka& kafka,
                                              const model::KafkaListener& listener,
                                              const strimzi::ClusterNodes& nodes) {
  std::map<NodeId, std::string> out;
  for (const auto& host : strimzi::brokerHosts(kafka.metadata.name, listener, nodes)) {
    if (host.source == strimzi::HostSource::AdvertisedHost ||
        host.source == strimzi::HostSource::AdvertisedHostTemplate) {
      out.emplace(*host.broker, host.host);
    }
  }
  return out;
}

// Why the brokers' hostnames cannot make one route each (a broker without one, one that is no
// DNS name, two brokers sharing one), or nothing.
std::optional<std::string> brokerHostsProblem(const std::vector<NodeId>& brokers,
                                              const std::map<NodeId, std::string>& hosts,
                                              const std::string& ofListener) {
  std::vector<NodeId> missing;
  std::map<std::string, NodeId> owners;
  for (const auto& id : brokers) {
    const auto host = hosts.find(id);
    if (host == hosts.end()) {
      missing.push_back(id);
      continue;
    }
    if (const auto problem = hostnameProblem(host->second)) {
      return "the hostname \"" + host->second + "\" broker " + id.toString() + " advertises on " +
             ofListener + " " + *problem;
    }
    const auto [owner, fresh] = owners.emplace(host->second, id);
    if (!fresh) {
      return "brokers " + owner->second.toString() + " and " + id.toString() + " both advertise " +
             host->second + " on " + ofListener + "; each broker needs a hostname of its own";
    }
  }
  if (!missing.empty()) {
    return std::string(missing.size() == 1 ? "broker " : "brokers ") + rules::joinIds(missing) +
           (missing.size() == 1 ? " advertises" : " advertise") + " no hostname on " + ofListener +
           "; add configuration.brokers[] entries with advertisedHost (or an "
           "advertisedHostTemplate)";
  }
  return std::nullopt;
}

std::optional<std::string> derivedBootstrapHost(const model::KafkaListener& listener,
                                                const std::map<NodeId, std::string>& hosts) {
  std::vector<model::ListenerBrokerOverride> entries;
  for (const auto& [id, host] : hosts) {
    entries.push_back({id, host, std::nullopt, std::nullopt});
  }
  if (const auto pattern = mutation::inferPattern(entries)) {
    return bootstrapHostFromPattern(pattern->hostTemplate);
  }
  if (hasHostTemplate(listener)) {
    return bootstrapHostFromPattern(*listener.configuration.advertisedHostTemplate);
  }
  return std::nullopt;
}

// The bootstrap hostname: asked for, else written in the listener, else derived from the brokers'
// hostnames; nothing when none of these tells.
std::optional<std::string> bootstrapHost(const TlsRouteRequest& request,
                                         const model::KafkaListener& listener,
                                         const std::map<NodeId, std::string>& hosts) {
  if (request.bootstrapHost.has_value()) {
    return request.bootstrapHost;
  }
  const auto& bootstrap = listener.configuration.bootstrap;
  if (bootstrap.host.has_value() && !bootstrap.host->empty()) {
    return bootstrap.host;
  }
  for (const auto& name : bootstrap.alternativeNames) {
    if (!name.empty()) {
      return name;
    }
  }
  return derivedBootstrapHost(listener, hosts);
}

nlohmann::json tlsRoute(const TlsRouteRequest& request, const model::ObjectKey& key,
                        const std::string& hostname, const model::ObjectKey& gateway,
                        const std::string& service, std::int64_t port) {
  nlohmann::json parent{{"group", model::kGatewayGroup},
                        {"kind", "Gateway"},
                        {"name", gateway.name},
                        {"namespace", gateway.namespace_}};
  if (request.sectionName.has_value()) {
    parent["sectionName"] = *request.sectionName;
  }
  nlohmann::json backend{{"group", ""}, {"kind", "Service"}, {"name", service}, {"port", port}};
  return {{"apiVersion", std::string(model::kGatewayGroup) + "/" + request.version},
          {"kind", "TLSRoute"},
          {"metadata", {{"name", key.name}, {"namespace", key.namespace_}}},
          {"spec",
           {{"hostnames", {hostname}},
            {"parentRefs", {parent}},
            {"rules", {{{"backendRefs", {backend}}}}}}}};
}

// Why nothing is printed for a tlsroute listener: the operator creates its TLSRoutes (named
// here) from the listener's parentRefs and hosts, so routes written by hand would compete.
std::string tlsRouteListenerNote(const model::Kafka& kafka, const model::KafkaListener& listener,
                                 const std::string& ofListener,
                                 const cluster::ClusterSnapshot& snapshot) {
  const cluster::ClusterView view(snapshot);
  const auto nodes = strimzi::clusterNodes(kafka, view);
  std::size_t index = 0;
  while (&kafka.listeners[index] != &listener) {
    ++index;
  }
  const auto routes = strimzi::tlsRouteListener(kafka, index, nodes);
  std::vector<std::string> names{routes.bootstrap.name};
  for (const auto& route : routes.brokers) {
    names.push_back(route.name);
  }
  return ofListener + " is of type tlsroute: the Strimzi operator creates its TLSRoutes itself (" +
         rules::joinNames(names) +
         ") from configuration.parentRefs, bootstrap.host and the brokers' hosts, so there is "
         "nothing to print; `kubectl apply` of the Kafka checks what it will create";
}

} // namespace

std::optional<std::string> bootstrapHostFromPattern(std::string_view pattern) {
  std::optional<std::size_t> at;
  std::size_t length = 0;
  for (const std::string_view placeholder : {"{nodeId}", "{nodePodName}"}) {
    for (auto pos = pattern.find(placeholder); pos != std::string_view::npos;
         pos = pattern.find(placeholder, pos + 1)) {
      if (at.has_value()) {
        return std::nullopt;
      }
      at = pos;
      length = placeholder.size();
    }
  }
  if (!at.has_value()) {
    return std::nullopt;
  }
  const auto dotBefore = pattern.rfind('.', *at);
  const auto labelStart = dotBefore == std::string_view::npos ? 0 : dotBefore + 1;
  const auto labelEnd = pattern.find('.', *at + length);
  std::string out(pattern.substr(0, labelStart));
  out += kBootstrapLabel;
  if (labelEnd != std::string_view::npos) {
    out += pattern.substr(labelEnd);
  }
  if (out.find('{') != std::string::npos) {
    return std::nullopt;
  }
  return out;
}

std::variant<GeneratedTlsRoutes, std::string>
generateTlsRoutes(const cluster::ClusterSnapshot& snapshot, const TlsRouteRequest& request) {
  if (std::find(kTlsRouteVersions.begin(), kTlsRouteVersions.end(), request.version) ==
      kTlsRouteVersions.end()) {
    return "TLSRoute version " + request.version + " is not one of v1alpha2, v1alpha3, v1";
  }
  const auto found = snapshot.kafkas().find(request.kafka);
  if (found == snapshot.kafkas().end()) {
    std::vector<std::string> keys;
    for (const auto& [key, kafka] : snapshot.kafkas()) {
      keys.push_back(key.toString());
    }
    return "no Kafka " + request.kafka.toString() + " in the manifests" +
           (keys.empty() ? "; they hold no Kafka" : "; Kafkas there: " + rules::joinNames(keys));
  }
  const auto& kafka = *found->second;
  const auto which = "Kafka " + kafka.metadata.key().toString();
  auto chosen = chooseListener(kafka, request.listener);
  if (const auto* error = std::get_if<std::string>(&chosen)) {
    return *error;
  }
  const auto& listener = *std::get<const model::KafkaListener*>(chosen);
  const auto ofListener = "listener " + listener.name + " of " + which;
  if (strimzi::isTlsRouteListener(listener)) {
    return tlsRouteListenerNote(kafka, listener, ofListener, snapshot);
  }
  if (!strimzi::hasOwnServices(listener)) {
    return ofListener + " is of type " + listener.type +
           ", which has no per-broker Services to route to";
  }
  if (!strimzi::createsBootstrapService(listener)) {
    return ofListener + " sets createBootstrapService: false, so there is no bootstrap Service "
                        "to route to";
  }

  const cluster::ClusterView view(snapshot);
  const auto nodes = strimzi::clusterNodes(kafka, view);
  if (nodes.conflict.has_value()) {
    return "cannot tell the nodes of " + which + ": " + *nodes.conflict;
  }
  const auto brokers = nodes.brokerIds();
  if (brokers.empty()) {
    return which + " has no broker nodes" +
           (nodes.usesNodePools
                ? "; no KafkaNodePool in namespace " + kafka.metadata.namespace_ +
                      " with the broker role and replicas is labelled strimzi.io/cluster: " +
                      kafka.metadata.name
                : "; set spec.kafka.replicas");
  }
  const auto hosts = advertisedHosts(kafka, listener, nodes);
  if (auto problem = brokerHostsProblem(brokers, hosts, ofListener)) {
    return *problem;
  }
  const auto bootstrap = bootstrapHost(request, listener, hosts);
  if (!bootstrap.has_value()) {
    return "cannot tell the bootstrap hostname of " + ofListener +
           ": it sets no bootstrap.host or bootstrap.alternativeNames, and its brokers' hostnames "
           "follow no common pattern; pass --bootstrap-host";
  }
  const auto& bootstrapName = *bootstrap;
  if (const auto problem = hostnameProblem(bootstrapName)) {
    return "the bootstrap hostname \"" + bootstrapName + "\" " + *problem;
  }
  for (const auto& [id, host] : hosts) {
    if (host == bootstrapName) {
      return "the bootstrap hostname " + bootstrapName + " is the hostname of broker " +
             id.toString() + "; pass another with --bootstrap-host";
    }
  }

  const auto& cluster = kafka.metadata.name;
  const auto& namespace_ = kafka.metadata.namespace_;
  const model::ObjectKey gateway{request.gateway.namespace_.empty() ? namespace_
                                                                    : request.gateway.namespace_,
                                 request.gateway.name};
  GeneratedTlsRoutes out{listener.name, {}};
  for (const auto& id : brokers) {
    const auto& pool = nodes.poolOf(id)->pool;
    out.routes.push_back(
        tlsRoute(request, {namespace_, strimzi::podName(cluster, pool, id)}, hosts.at(id), gateway,
                 *strimzi::perBrokerServiceName(cluster, pool, listener, id), listener.port));
  }
  out.routes.push_back(tlsRoute(request, {namespace_, cluster + "-" + std::string(kBootstrapLabel)},
                                bootstrapName, gateway,
                                strimzi::bootstrapServiceName(cluster, listener), listener.port));
  return out;
}

} // namespace sgw::offline

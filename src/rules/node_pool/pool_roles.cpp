#include "sgw/rules/node_pool/pool_roles.h"

#include <algorithm>
#include <set>

#include "sgw/rules/message_lists.h"
#include "sgw/strimzi/listener_advertising.h"
#include "sgw/strimzi/node_assignment.h"
#include "sgw/strimzi/resource_names.h"
#include "sgw/strimzi/tls_route_listener.h"

namespace sgw::rules::node_pool {

namespace {

using model::NodeId;

bool holds(const strimzi::PoolNodes* pool, NodeId id) {
  return pool != nullptr && std::binary_search(pool->desired.begin(), pool->desired.end(), id);
}

nlohmann::json rolesJson(const model::ProcessRoles& roles) {
  auto out = nlohmann::json::array();
  if (roles.broker) {
    out.push_back("broker");
  }
  if (roles.controller) {
    out.push_back("controller");
  }
  return out;
}

// "broker 13" / "brokers 10, 11"
std::string brokersPhrase(const std::vector<NodeId>& ids) {
  return (ids.size() == 1 ? "broker " : "brokers ") + joinIds(ids);
}

std::string listenerOf(const model::Kafka& kafka, const model::KafkaListener& listener) {
  return "listener " + listener.name + " of Kafka " + kafka.metadata.name;
}

// The IDs of `entries` that `select` accepts, once each, in list order.
template <class Select>
std::vector<NodeId> listedIds(const model::KafkaListener& listener, Select select) {
  std::vector<NodeId> out;
  for (const auto& entry : listener.configuration.brokers) {
    if (entry.broker.has_value() && select(*entry.broker) &&
        std::find(out.begin(), out.end(), *entry.broker) == out.end()) {
      out.push_back(*entry.broker);
    }
  }
  return out;
}

struct Context {
  const Subject<model::KafkaNodePool>& subject;
  const model::Kafka& kafka;
  const strimzi::ClusterNodes& before;
  const strimzi::ClusterNodes& after;
  const strimzi::PoolNodes* poolBefore;
  const strimzi::PoolNodes* poolAfter;
  FindingSink& sink;

  // Where a finding about a change of the node set points: the pool's name when it is deleted,
  // its replicas otherwise.
  FieldError changeError(const std::string& detail) const {
    const auto& pool = subject.object;
    if (subject.operation == Operation::Delete) {
      return FieldError::invalid(FieldPath::root("metadata").child("name"), pool.metadata.name,
                                 "deleting the pool " + detail);
    }
    return FieldError::invalid(FieldPath::root("spec").child("replicas"), pool.replicas, detail);
  }
};

// A listener lists an ID as a broker that this change turns into a controller-only node.
void checkBecomingControllerOnly(const Context& context) {
  const auto* pool = context.poolAfter;
  if (pool == nullptr || pool->roles.broker) {
    return;
  }
  const auto& spec = context.subject.object;
  for (const auto& listener : context.kafka.listeners) {
    const auto made = listedIds(listener, [&](NodeId id) {
      const bool wasNonBroker = holds(context.poolBefore, id) && !context.poolBefore->roles.broker;
      return holds(pool, id) && !wasNonBroker;
    });
    std::vector<NodeId> existing;
    std::vector<NodeId> fresh;
    for (const auto& id : made) {
      (std::binary_search(pool->current.begin(), pool->current.end(), id) ? existing : fresh)
          .push_back(id);
    }
    if (!existing.empty()) {
      const bool one = existing.size() == 1;
      context.sink.deny(FieldError::invalid(
          FieldPath::root("spec").child("roles"), rolesJson(spec.roles),
          (one ? "node " : "nodes ") + joinIds(existing) + " would become controller-only, but " +
              listenerOf(context.kafka, listener) +
              (one ? " lists it as a broker; keep the broker role or remove its brokers[] entry"
                   : " lists them as brokers; keep the broker role or remove their brokers[] "
                     "entries")));
    }
    if (!fresh.empty()) {
      const bool one = fresh.size() == 1;
      context.sink.deny(FieldError::invalid(
          FieldPath::root("spec").child("replicas"), spec.replicas,
          (one ? "new node " : "new nodes ") + joinIds(fresh) + " would be controller-only, but " +
              listenerOf(context.kafka, listener) +
              (one ? " lists it as a broker; pick another ID with strimzi.io/next-node-ids or "
                     "remove its brokers[] entry"
                   : " lists them as brokers; pick other IDs with strimzi.io/next-node-ids or "
                     "remove their brokers[] entries")));
    }
  }
}

// New brokers of this pool with no advertisedHost in a listener that lists them one by one.
void checkNewBrokersAdvertised(const Context& context) {
  const auto* pool = context.poolAfter;
  if (pool == nullptr || !pool->roles.broker) {
    return;
  }
  std::vector<NodeId> fresh;
  for (const auto& id : pool->desired) {
    if (!context.before.isBroker(id)) {
      fresh.push_back(id);
    }
  }
  if (fresh.empty()) {
    return;
  }
  const bool added = std::any_of(fresh.begin(), fresh.end(), [&](NodeId id) {
    return std::find(pool->added.begin(), pool->added.end(), id) != pool->added.end();
  });
  const auto& spec = context.subject.object;
  for (const auto& listener : context.kafka.listeners) {
    std::string detail;
    if (strimzi::isTlsRouteListener(listener)) {
      // The broker's TLSRoute needs a host; without one Strimzi refuses the whole listener.
      if (listener.configuration.hostTemplate.has_value()) {
        continue;
      }
      std::vector<NodeId> missing;
      for (const auto id : fresh) {
        if (!strimzi::tlsRouteBrokerHost(context.kafka.metadata.name, listener, pool->pool, id)
                 .has_value()) {
          missing.push_back(id);
        }
      }
      if (missing.empty()) {
        continue;
      }
      detail = listenerOf(context.kafka, listener) + " (type tlsroute) has no host for new " +
               brokersPhrase(missing) +
               "; Strimzi refuses the listener until a brokers[].host (or a hostTemplate) covers " +
               (missing.size() == 1 ? "it" : "them");
    } else {
      if (!strimzi::advertisesPerBroker(listener)) {
        continue;
      }
      const auto missing = strimzi::brokersWithoutAdvertisedHost(listener, fresh);
      if (missing.empty()) {
        continue;
      }
      detail = listenerOf(context.kafka, listener) + " has no advertisedHost for new " +
               brokersPhrase(missing) +
               (missing.size() == 1 ? "; add a brokers[] entry for it"
                                    : "; add brokers[] entries for them");
    }
    context.sink.warn(added ? FieldError::invalid(FieldPath::root("spec").child("replicas"),
                                                  spec.replicas, detail)
                            : FieldError::invalid(FieldPath::root("spec").child("roles"),
                                                  rolesJson(spec.roles), detail));
  }
}

// Brokers this change removes that listener entries or TLSRoutes still point at.
void checkRemovedBrokers(const Context& context) {
  const auto* pool = context.poolBefore;
  if (pool == nullptr || !pool->roles.broker) {
    return;
  }
  std::vector<NodeId> removed;
  for (const auto& id : pool->desired) {
    if (context.after.poolOf(id) == nullptr) {
      removed.push_back(id);
    }
  }
  if (removed.empty()) {
    return;
  }
  const auto isRemoved = [&](NodeId id) {
    return std::binary_search(removed.begin(), removed.end(), id);
  };
  const auto& namespace_ = context.kafka.metadata.namespace_;
  std::set<std::string> routes;
  for (const auto& listener : context.kafka.listeners) {
    const auto listed = listedIds(listener, isRemoved);
    if (!listed.empty()) {
      context.sink.warn(context.changeError(
          "removes " + brokersPhrase(listed) + ", which " + listenerOf(context.kafka, listener) +
          " still lists; remove the brokers[] " + (listed.size() == 1 ? "entry" : "entries")));
    }
    for (const auto& id : removed) {
      const auto service =
          strimzi::perBrokerServiceName(context.kafka.metadata.name, pool->pool, listener, id);
      if (!service.has_value()) {
        continue;
      }
      for (const auto* route :
           context.subject.cluster.tlsRoutesWithBackend({namespace_, *service})) {
        routes.insert(route->metadata.namespace_ == namespace_ ? route->metadata.name
                                                               : route->metadata.key().toString());
      }
    }
  }
  if (!routes.empty()) {
    const auto names = joinNames({routes.begin(), routes.end()});
    context.sink.warn(
        context.changeError("removes " + brokersPhrase(removed) + "; " +
                            (routes.size() == 1 ? "TLSRoute " : "TLSRoutes ") + names + " still " +
                            (routes.size() == 1 ? "routes" : "route") + " to " +
                            (removed.size() == 1 ? "its Service" : "their Services")));
  }
}

void check(const Subject<model::KafkaNodePool>& subject, FindingSink& sink) {
  const auto& pool = subject.object;
  const bool deleting = subject.operation == Operation::Delete;
  const auto labelPath = FieldPath::root("metadata").child("labels").key(model::kClusterLabel);
  const auto clusterName = pool.clusterName();
  if (!clusterName.has_value() || clusterName->empty()) {
    if (!deleting) {
      sink.warn(FieldError::required(labelPath,
                                     "name the Kafka this pool belongs to; Strimzi ignores the "
                                     "pool without it"));
    }
    return;
  }
  const auto* kafka = subject.cluster.kafka({pool.metadata.namespace_, *clusterName});
  if (kafka == nullptr) {
    if (!deleting) {
      sink.warn(FieldError::notFound(labelPath, *clusterName,
                                     "no Kafka of this name in namespace " +
                                         pool.metadata.namespace_ +
                                         " yet; the pool's nodes start once it exists"));
    }
    return;
  }
  if (!kafka->usesNodePools()) {
    if (!deleting) {
      sink.warn(FieldError::invalid(
          labelPath, *clusterName,
          "Kafka " + *clusterName + " is a " + kafka->apiVersion +
              " cluster without the annotation strimzi.io/node-pools: enabled (its nodes come "
              "from " +
              (kafka->hasZookeeper ? std::string("spec.zookeeper and spec.kafka.replicas")
                                   : std::string("spec.kafka.replicas")) +
              "), so Strimzi ignores this pool"));
    }
    return;
  }
  const cluster::ClusterView beforeView(subject.cluster.snapshot());
  const auto before = strimzi::clusterNodes(*kafka, beforeView);
  const auto& after = subject.derived.nodesOf(*kafka);
  const Context context{subject,
                        *kafka,
                        before,
                        after,
                        before.pool(pool.metadata.name),
                        deleting ? nullptr : after.pool(pool.metadata.name),
                        sink};
  checkBecomingControllerOnly(context);
  checkNewBrokersAdvertised(context);
  checkRemovedBrokers(context);
}

} // namespace

const Rule<model::KafkaNodePool>& poolRolesRule() {
  static const Rule<model::KafkaNodePool> kRule{
      "pool-roles",
      "A pool change leaves no listener broker entry controller-only, no new broker without an "
      "advertised host, and no entry or TLSRoute pointing at a removed broker.",
      kAnyChange, &check};
  return kRule;
}

} // namespace sgw::rules::node_pool

#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string_view>

#include "sgw/cluster/cluster_view.h"
#include "sgw/core/operation.h"
#include "sgw/derived/review_model.h"
#include "sgw/rules/finding.h"

namespace sgw::rules {

using sgw::Operation;

using OperationSet = std::uint8_t;
inline constexpr OperationSet kCreateOrUpdate =
    static_cast<OperationSet>(Operation::Create) | static_cast<OperationSet>(Operation::Update);
inline constexpr OperationSet kAnyChange =
    kCreateOrUpdate | static_cast<OperationSet>(Operation::Delete);

inline bool contains(OperationSet set, Operation operation) {
  return (set & static_cast<OperationSet>(operation)) != 0;
}

// What a rule judges: the object under review and the cluster as it would be after the change.
// For DELETE, `object` is the object being deleted and `cluster` no longer holds it. `derived`
// holds what the rules derive from `cluster` (a Kafka's nodes, a route's backends), computed
// once for all the rules of the review.
template <class T> struct Subject {
  const T& object;
  // UPDATE: the stored version, when a rule of the kind reads it (Rule::readsOldObject);
  // otherwise null. Reviews of other kinds neither decode nor parse it.
  const T* oldObject;
  Operation operation;
  const cluster::ClusterView& cluster;
  std::chrono::system_clock::time_point now;
  const derived::ReviewModel& derived; // over `cluster`
};

// One validation rule: a stable id (in logs, metrics and the README's rule table), the rule
// as a user would state it, the operations it judges, and the check itself. Checks are pure
// functions of their subject.
template <class T> struct Rule {
  std::string_view id;
  std::string_view statement;
  OperationSet operations;
  void (*check)(const Subject<T>& subject, FindingSink& sink);
  bool readsOldObject = false; // the check reads Subject::oldObject
};

} // namespace sgw::rules

#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sgw/admission/admission_review.h"
#include "sgw/cluster/cluster_snapshot.h"
#include "sgw/policy/rule_actions.h"

namespace sgw::admission {

enum class Endpoint { Validate, Mutate };

std::string_view toString(Endpoint endpoint);

// How a review ended, for logs and metrics.
enum class Verdict { Allowed, Warned, Patched, Denied };

std::string_view toString(Verdict verdict);

// The id a review that failed inside the webhook is recorded under (its warning says why).
inline constexpr std::string_view kReviewFailedId = "review-failed";

// What a review was about and what came of it: one log line and the metric labels. Holds no
// object content, so it is safe to log.
struct ReviewRecord {
  std::string uid;
  std::string kind;
  std::string namespace_;
  std::string name;
  std::string operation;
  bool dryRun = false;
  Verdict verdict = Verdict::Allowed;
  std::vector<std::string> deniedRules; // rule ids, once each, in order of first finding
  std::vector<std::string> warnedRules;
};

struct Review {
  AdmissionResponse response;
  ReviewRecord record;
};

// Judges one decoded request against a snapshot, at `now`, with the rule actions in force. Pure:
// the same request, snapshot, time and actions always give the same review. Kinds the webhook does
// not handle, subresources (the operator's status writes) and CONNECT are allowed unchanged.
Review review(const AdmissionRequest& request, Endpoint endpoint,
              const cluster::ClusterSnapshot& snapshot, std::chrono::system_clock::time_point now,
              const policy::RuleActions& actions = {});

// The whole exchange for one HTTP body: the status to answer with and the body to send. A body
// that cannot be decoded gets 400 and a one-line reason; everything else 200 and an
// AdmissionReview. The server and the `review` command both answer through this.
struct HttpAnswer {
  int status = 200;
  std::string body;
  std::string contentType;
  std::optional<ReviewRecord> record; // absent for a 400
  std::string error;                  // the reason of a 400
};

// Chooses the snapshot a request is judged against, asked once the object under review is parsed:
// `reviewed` is the object a validating CREATE or UPDATE of a kind with rules puts under review,
// null for any other request. The server's state source may look up an object the reviewed one
// depends on (see StateSource::snapshotFor).
using SnapshotFor = std::function<std::shared_ptr<const cluster::ClusterSnapshot>(
    const cluster::AnyObject* reviewed)>;

HttpAnswer answer(std::string_view body, Endpoint endpoint, const SnapshotFor& snapshotFor,
                  std::chrono::system_clock::time_point now,
                  const policy::RuleActions& actions = {});
HttpAnswer answer(std::string_view body, Endpoint endpoint,
                  const cluster::ClusterSnapshot& snapshot,
                  std::chrono::system_clock::time_point now,
                  const policy::RuleActions& actions = {});

} // namespace sgw::admission

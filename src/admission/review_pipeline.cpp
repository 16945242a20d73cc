#include "sgw/admission/review_pipeline.h"

#include <algorithm>
#include <set>

#include "sgw/cluster/cluster_view.h"
#include "sgw/core/message_limits.h"
#include "sgw/model/json_fields.h"
#include "sgw/mutation/mutation.h"
#include "sgw/rules/registry.h"
#include "sgw/rules/validation.h"

namespace sgw::admission {

std::string_view toString(Endpoint endpoint) {
  return endpoint == Endpoint::Validate ? "validate" : "mutate";
}

std::string_view toString(Verdict verdict) {
  switch (verdict) {
  case Verdict::Allowed:
    return "allowed";
  case Verdict::Warned:
    return "warned";
  case Verdict::Patched:
    return "patched";
  case Verdict::Denied:
    return "denied";
  }
  return "allowed";
}

namespace {

// Whether reviewing the request reads its oldObject: the object under review of a DELETE, and the
// stored version of an UPDATE when a validation rule of the kind compares with it.
bool readsOldObject(const AdmissionRequest& request, Endpoint endpoint) {
  if (request.operation == Operation::Delete) {
    return true;
  }
  if (request.operation != Operation::Update || endpoint != Endpoint::Validate ||
      !request.subResource.empty()) {
    return false;
  }
  const auto kind = model::kindFromGroupKind(request.kind.group, request.kind.kind);
  return kind.has_value() && rules::readsOldObject(*kind);
}

struct Judgement {
  rules::FindingList findings;
  std::optional<nlohmann::json> patch;
};

// `oldOverride` stands in for the request's oldObject when that is not the kind under review (the
// Scale of a scale subresource request).
template <class T>
Judgement judge(const AdmissionRequest& request, Endpoint endpoint,
                const cluster::ParsedObject& parsed, const cluster::ClusterSnapshot& snapshot,
                std::chrono::system_clock::time_point now, const T* oldOverride = nullptr) {
  const auto& object = *std::get<std::shared_ptr<const T>>(parsed.object);
  const bool deleting = request.operation == Operation::Delete;
  const auto view = deleting ? cluster::ClusterView::without(
                                   snapshot, cluster::kindOf(parsed.object), object.metadata.key())
                             : cluster::ClusterView::withObject(snapshot, parsed.object);

  std::optional<cluster::ParsedObject> oldParsed;
  const T* oldObject = oldOverride;
  if (oldObject == nullptr && request.operation == Operation::Update &&
      readsOldObject(request, endpoint) && request.oldObject.isObject()) {
    oldParsed =
        cluster::parseObject(cluster::kindOf(parsed.object), request.oldObject, request.namespace_);
    if (oldParsed.has_value()) {
      oldObject = std::get<std::shared_ptr<const T>>(oldParsed->object).get();
    }
  }

  Judgement judgement;
  if (endpoint == Endpoint::Validate) {
    const derived::ReviewModel model(view);
    const rules::Subject<T> subject{object, oldObject, request.operation, view, now, model};
    judgement.findings = rules::validate(subject);
  } else if constexpr (std::is_same_v<T, model::Kafka>) {
    if (!deleting) {
      auto mutation = mutation::mutateKafka({request.object, object, view, now});
      judgement.findings = std::move(mutation.findings);
      if (!mutation.patch.empty()) {
        judgement.patch = std::move(mutation.patch);
      }
    }
  }
  return judgement;
}

// `kubectl scale kafkanodepool` (and autoscalers) change a pool through its scale subresource:
// the request carries an autoscaling/v1 Scale, not the pool. The pool it scales is the one the
// snapshot holds, with the Scale's replica count; the rules judge that. A pool the snapshot does
// not hold yet cannot be judged and is let through.
Judgement judgeNodePoolScale(const AdmissionRequest& request, Endpoint endpoint,
                             const cluster::ClusterSnapshot& snapshot,
                             std::chrono::system_clock::time_point now) {
  const auto stored = snapshot.nodePools().find({request.namespace_, request.name});
  if (stored == snapshot.nodePools().end() || endpoint != Endpoint::Validate ||
      request.operation != Operation::Update) {
    return {};
  }
  FieldErrorList errors;
  const auto replicas =
      model::JsonFields(request.object, {}, errors).nested("spec").integer("replicas");
  if (!errors.empty()) {
    return {rules::objectSchemaFindings(errors), std::nullopt};
  }
  if (!replicas.has_value()) {
    return {};
  }
  auto scaled = std::make_shared<model::KafkaNodePool>(*stored->second);
  scaled->replicas = *replicas;
  const cluster::ParsedObject parsed{std::shared_ptr<const model::KafkaNodePool>(scaled), {}};
  return judge<model::KafkaNodePool>(request, endpoint, parsed, snapshot, now,
                                     stored->second.get());
}

void addOnce(std::vector<std::string>& ids, const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
    ids.push_back(id);
  }
}

// Turns the findings and patch of a review into the response and the record. Messages are
// printed only while they can still appear in the response: an object with a hundred thousand
// faults costs a count for most of them, not a string.
Review conclude(Review out, Judgement judgement, const policy::RuleActions& actions) {
  judgement.findings = actions.apply(std::move(judgement.findings));
  std::set<std::string> seenWarnings;
  std::size_t warningBytes = 0;
  std::size_t warningsLeftOut = 0;
  std::vector<std::string> denials;
  std::set<std::string> seenDenials;
  std::size_t denialsLeftOut = 0;
  for (const auto& finding : judgement.findings) {
    if (finding.severity == rules::Severity::Deny) {
      addOnce(out.record.deniedRules, finding.ruleId);
      if (denials.size() >= kMaxDeniedErrors) {
        ++denialsLeftOut;
        continue;
      }
      auto text = finding.text();
      if (seenDenials.insert(text).second) {
        denials.push_back(std::move(text));
      }
      continue;
    }
    addOnce(out.record.warnedRules, finding.ruleId);
    if (warningBytes > kMaxWarningsTotalBytes) {
      ++warningsLeftOut;
      continue;
    }
    auto text = finding.text();
    if (seenWarnings.insert(text).second) {
      warningBytes += std::min(text.size(), kMaxWarningBytes);
      out.response.warnings.push_back(std::move(text));
    }
  }
  out.response.warnings = capWarnings(std::move(out.response.warnings), warningsLeftOut);
  if (!denials.empty()) {
    out.response.allowed = false;
    out.response.status =
        AdmissionStatus{403, "Forbidden", cappedAggregate(denials, denialsLeftOut)};
    out.record.verdict = Verdict::Denied;
    return out;
  }
  if (judgement.patch.has_value()) {
    out.response.patch = std::move(judgement.patch);
    out.record.verdict = Verdict::Patched;
  } else if (!out.response.warnings.empty()) {
    out.record.verdict = Verdict::Warned;
  }
  return out;
}

bool isNodePoolScale(const AdmissionRequest& request) {
  return request.subResource == "scale" && request.resourceGroup == model::kStrimziGroup &&
         request.resource == "kafkanodepools";
}

// The object a request puts under review, parsed once: the new object, or for DELETE the one
// being deleted. Nothing when the request judges no object (a kind without rules, a subresource,
// CONNECT, no object in the request).
std::optional<cluster::ParsedObject> parseSubject(const AdmissionRequest& request) {
  const auto kind = model::kindFromGroupKind(request.kind.group, request.kind.kind);
  if (!kind.has_value() || !rules::isJudged(*kind) || !request.subResource.empty() ||
      request.operation == Operation::Connect) {
    return std::nullopt;
  }
  const auto& raw = request.operation == Operation::Delete ? request.oldObject : request.object;
  if (!raw.isObject()) {
    return std::nullopt;
  }
  return cluster::parseObject(*kind, raw, request.namespace_);
}

Review reviewSubject(const AdmissionRequest& request, Endpoint endpoint,
                     const std::optional<cluster::ParsedObject>& subject,
                     const cluster::ClusterSnapshot& snapshot,
                     std::chrono::system_clock::time_point now,
                     const policy::RuleActions& actions) {
  Review out;
  out.response.uid = request.uid;
  out.record.uid = request.uid;
  out.record.kind = request.kind.kind;
  out.record.namespace_ = request.namespace_;
  out.record.name = request.name;
  out.record.operation = request.operationName;
  out.record.dryRun = request.dryRun;

  Judgement judgement;
  if (isNodePoolScale(request)) {
    judgement = judgeNodePoolScale(request, endpoint, snapshot, now);
    return conclude(std::move(out), std::move(judgement), actions);
  }
  if (!subject.has_value()) {
    return out;
  }
  if (!subject->errors.empty()) {
    judgement.findings = rules::objectSchemaFindings(subject->errors);
  } else {
    judgement = rules::judgeAsItsKind(subject->object, [&](const auto& object) {
      using T = std::remove_cvref_t<decltype(object)>;
      return judge<T>(request, endpoint, *subject, snapshot, now);
    });
  }
  return conclude(std::move(out), std::move(judgement), actions);
}

} // namespace

Review review(const AdmissionRequest& request, Endpoint endpoint,
              const cluster::ClusterSnapshot& snapshot, std::chrono::system_clock::time_point now,
              const policy::RuleActions& actions) {
  return reviewSubject(request, endpoint, parseSubject(request), snapshot, now, actions);
}

namespace {

// A review that failed inside the webhook (a library throwing, memory running out) is allowed
// with a warning that says so: the request itself was well-formed, and refusing it would block
// every change to the object until the webhook is fixed.
Review failedReview(const AdmissionRequest& request, std::string_view what) {
  Review out;
  out.response.uid = request.uid;
  out.response.warnings.push_back(
      shortened("the webhook could not review this object: " + validUtf8(what), kMaxWarningBytes));
  out.record.uid = request.uid;
  out.record.kind = request.kind.kind;
  out.record.namespace_ = request.namespace_;
  out.record.name = request.name;
  out.record.operation = request.operationName;
  out.record.dryRun = request.dryRun;
  out.record.verdict = Verdict::Warned;
  out.record.warnedRules.emplace_back(kReviewFailedId);
  return out;
}

HttpAnswer answerDecoded(const AdmissionRequest& request, Endpoint endpoint,
                         const SnapshotFor& snapshotFor, std::chrono::system_clock::time_point now,
                         const policy::RuleActions& actions) {
  Review result;
  try {
    const auto subject = parseSubject(request);
    // Only validation reads what the reviewed object depends on (a Kafka's certificate Secret);
    // mutation does not, so a mutating review has the state source look nothing up. That keeps
    // the validating review of the same request the first to ask: whether it finds the Secret
    // loaded never depends on how fast the mutating review before it was.
    const bool judged = endpoint == Endpoint::Validate && (request.operation == Operation::Create ||
                                                           request.operation == Operation::Update);
    const auto snapshot = snapshotFor(subject.has_value() && judged ? &subject->object : nullptr);
    result = reviewSubject(request, endpoint, subject, *snapshot, now, actions);
  } catch (const std::exception& error) {
    result = failedReview(request, error.what());
  }
  return {200,
          encodeAdmissionReview(result.response),
          "application/json",
          std::move(result.record),
          {}};
}

} // namespace

HttpAnswer answer(std::string_view body, Endpoint endpoint, const SnapshotFor& snapshotFor,
                  std::chrono::system_clock::time_point now, const policy::RuleActions& actions) {
  std::variant<AdmissionRequest, DecodeError> decoded;
  try {
    decoded = decodeAdmissionReview(body);
  } catch (const std::exception& error) {
    decoded = DecodeError{"request body cannot be read: " +
                          validUtf8(shortened(error.what(), kMaxWarningBytes))};
  }
  if (auto* error = std::get_if<DecodeError>(&decoded)) {
    return {400, error->reason + "\n", "text/plain; charset=utf-8", std::nullopt, error->reason};
  }
  return answerDecoded(std::get<AdmissionRequest>(decoded), endpoint, snapshotFor, now, actions);
}

} // namespace sgw::admission

namespace sgw::admission {

HttpAnswer answer(std::string_view body, Endpoint endpoint,
                  const cluster::ClusterSnapshot& snapshot,
                  std::chrono::system_clock::time_point now, const policy::RuleActions& actions) {
  // The snapshot outlives the call; the shared_ptr only lends it.
  const std::shared_ptr<const cluster::ClusterSnapshot> borrowed(
      std::shared_ptr<const cluster::ClusterSnapshot>(), &snapshot);
  return answer(
      body, endpoint, [&](const cluster::AnyObject*) { return borrowed; }, now, actions);
}

} // namespace sgw::admission

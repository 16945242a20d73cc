#include "sgw/offline/check.h"

#include <set>
#include <utility>

#include "sgw/cluster/cluster_view.h"
#include "sgw/rules/validation.h"

namespace sgw::offline {

namespace {

const KafkaMutation* mutationOf(const MutatedObjects& mutated, std::size_t object) {
  for (const auto& mutation : mutated.mutations) {
    if (mutation.object == object) {
      return &mutation;
    }
  }
  return nullptr;
}

// Appends the findings of one object, each text once (a finding raised by the mutation and again
// by a rule is one problem).
void addFindings(std::vector<ObjectFinding>& out, std::size_t object,
                 const cluster::ParsedObject& parsed, const rules::FindingList& findings) {
  std::set<std::pair<rules::Severity, std::string>> seen;
  const auto kind = cluster::kindOf(parsed.object);
  const auto key = cluster::metadataOf(parsed.object).key();
  for (const auto& finding : findings) {
    if (seen.emplace(finding.severity, finding.text()).second) {
      out.push_back({object, kind, key, finding});
    }
  }
}

// What the validating webhook reports on one parsed object of a reviewed kind created into
// `snapshot`: its type errors as denials, else the rules' findings. Nothing for other kinds.
rules::FindingList judgeCreated(const cluster::ParsedObject& parsed,
                                const cluster::ClusterSnapshot& snapshot,
                                std::chrono::system_clock::time_point now) {
  if (!rules::isJudged(cluster::kindOf(parsed.object))) {
    return {};
  }
  if (!parsed.errors.empty()) {
    return rules::objectSchemaFindings(parsed.errors);
  }
  const auto view = cluster::ClusterView::withObject(snapshot, parsed.object);
  const derived::ReviewModel model(view);
  return rules::judgeAsItsKind(parsed.object, [&](const auto& object) {
    // CREATE: a manifest in git has no stored version to compare with (oldObject), and every
    // rule judges CREATE and UPDATE alike.
    using T = std::remove_cvref_t<decltype(object)>;
    const rules::Subject<T> subject{object, nullptr, Operation::Create, view, now, model};
    return rules::validate(subject);
  });
}

} // namespace

CheckResult checkObjects(std::span<const nlohmann::json> objects,
                         const std::string& defaultNamespace,
                         std::chrono::system_clock::time_point now,
                         const policy::RuleActions& actions) {
  CheckResult result;
  result.mutated = mutateObjects(objects, defaultNamespace, now);
  const auto& set = result.mutated.set;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const auto& parsed = set.parsed[i];
    if (!parsed.has_value()) {
      continue;
    }
    if (!rules::isJudged(cluster::kindOf(parsed->object))) {
      auto findings = rules::objectSchemaFindings(parsed->errors);
      for (auto& finding : findings) {
        finding.severity = rules::Severity::Warn;
      }
      addFindings(result.findings, i, *parsed, findings);
      continue;
    }
    ++result.judged;
    rules::FindingList findings;
    if (const auto* mutation = mutationOf(result.mutated, i)) {
      findings = actions.apply(mutation->findings);
    }
    if (!rules::hasDenial(findings)) {
      for (auto& finding : actions.apply(judgeCreated(*parsed, set.snapshot, now))) {
        findings.push_back(std::move(finding));
      }
    }
    if (rules::hasDenial(findings)) {
      ++result.deniedObjects;
    }
    addFindings(result.findings, i, *parsed, findings);
  }
  return result;
}

std::vector<ObjectFinding> judgeAdded(const cluster::ClusterSnapshot& snapshot,
                                      std::span<const nlohmann::json> added,
                                      const std::string& defaultNamespace,
                                      std::chrono::system_clock::time_point now) {
  std::vector<std::optional<cluster::ParsedObject>> parsed;
  cluster::ClusterSnapshot::Builder builder(snapshot);
  for (const auto& object : added) {
    parsed.push_back(cluster::parseObject(object, defaultNamespace));
    if (parsed.back().has_value() && parsed.back()->errors.empty()) {
      builder.put(parsed.back()->object);
    }
  }
  const auto together = builder.build();
  std::vector<ObjectFinding> out;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (parsed[i].has_value()) {
      addFindings(out, i, *parsed[i], judgeCreated(*parsed[i], together, now));
    }
  }
  return out;
}

} // namespace sgw::offline

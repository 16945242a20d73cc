#include "sgw/audit/audit_ledger.h"

namespace sgw::audit {

AuditLedger::Identity AuditLedger::identityOf(const AuditFinding& finding) {
  return {finding.kind, finding.key, finding.finding.ruleId, finding.finding.severity,
          finding.finding.text()};
}

AuditLedger::Changes AuditLedger::record(std::vector<AuditFinding> findings,
                                         std::chrono::system_clock::time_point now) {
  Changes changes;
  std::vector<TrackedFinding> next;
  std::map<Identity, std::chrono::system_clock::time_point> nextFirstSeen;
  for (auto& finding : findings) {
    auto identity = identityOf(finding);
    if (nextFirstSeen.contains(identity)) {
      continue; // the same text twice on one object is one finding
    }
    const auto known = firstSeen_.find(identity);
    const bool isNew = known == firstSeen_.end();
    const auto since = isNew ? now : known->second;
    nextFirstSeen.emplace(std::move(identity), since);
    next.push_back({std::move(finding), since});
    if (isNew) {
      changes.appeared.push_back(next.back());
    }
  }
  for (auto& tracked : current_) {
    if (!nextFirstSeen.contains(identityOf(tracked.finding))) {
      changes.cleared.push_back(std::move(tracked));
    }
  }
  current_ = std::move(next);
  firstSeen_ = std::move(nextFirstSeen);
  return changes;
}

} // namespace sgw::audit

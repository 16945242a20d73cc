#pragma once

#include <chrono>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "sgw/audit/cluster_audit.h"

namespace sgw::audit {

// A finding of the audit with the time it was first seen, which survives later audits for as
// long as the finding does.
struct TrackedFinding {
  AuditFinding finding;
  std::chrono::system_clock::time_point firstSeen;
};

// The findings of successive audits: which are current, since when, and which appeared or
// cleared with the last audit. A finding is the same finding from one audit to the next when
// its object, rule, severity and text are.
class AuditLedger {
public:
  struct Changes {
    std::vector<TrackedFinding> appeared;
    std::vector<TrackedFinding> cleared;
  };

  // Replaces the current findings with those of an audit finished at `now`.
  Changes record(std::vector<AuditFinding> findings, std::chrono::system_clock::time_point now);

  // In audit order.
  const std::vector<TrackedFinding>& current() const { return current_; }

private:
  using Identity =
      std::tuple<model::Kind, model::ObjectKey, std::string, rules::Severity, std::string>;
  static Identity identityOf(const AuditFinding& finding);

  std::vector<TrackedFinding> current_;
  std::map<Identity, std::chrono::system_clock::time_point> firstSeen_;
};

} // namespace sgw::audit

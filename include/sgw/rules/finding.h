#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sgw/core/field_error.h"

namespace sgw::rules {

enum class Severity { Deny, Warn };

// What one rule found about one field: a denial or a warning, with the id of the rule that
// raised it (for logs and metrics) and the field error the user reads.
struct Finding {
  std::string ruleId;
  Severity severity;
  FieldError error;
  // A denial sent as a warning because its rule's action is warn; its text says so.
  bool wouldDeny = false;

  // The error as users read it: `<path>: <body>`, after the would-deny notice if any.
  std::string text() const;
  // The same without the path.
  std::string message() const;
};

using FindingList = std::vector<Finding>;

// Where a rule reports. Each rule gets a sink bound to its own id, so a rule cannot report under
// another rule's name.
class FindingSink {
public:
  FindingSink(std::string_view ruleId, FindingList& findings)
      : ruleId_(ruleId), findings_(findings) {}

  void deny(FieldError error) { findings_.push_back({ruleId_, Severity::Deny, std::move(error)}); }
  void warn(FieldError error) { findings_.push_back({ruleId_, Severity::Warn, std::move(error)}); }
  // A denial when the rule is sure of the outcome, else a warning: what the rule cannot see
  // (a controller's decision, an object not loaded yet) may still make it right.
  void denyIfCertain(bool certain, FieldError error) {
    certain ? deny(std::move(error)) : warn(std::move(error));
  }

private:
  std::string ruleId_;
  FindingList& findings_;
};

bool hasDenial(const FindingList& findings);
FieldErrorList errorsWithSeverity(const FindingList& findings, Severity severity);

} // namespace sgw::rules

#include "sgw/model/label_selector.h"

#include <algorithm>

#include "sgw/model/json_fields.h"

namespace sgw::model {

namespace {

bool requirementHolds(const LabelSelectorRequirement& requirement,
                      const std::map<std::string, std::string>& labels) {
  const auto found = labels.find(requirement.key);
  const bool present = found != labels.end();
  const auto listed = [&] {
    return present && std::find(requirement.values.begin(), requirement.values.end(),
                                found->second) != requirement.values.end();
  };
  if (requirement.op == "In") {
    return listed();
  }
  if (requirement.op == "NotIn") {
    return !listed();
  }
  if (requirement.op == "Exists") {
    return present;
  }
  if (requirement.op == "DoesNotExist") {
    return !present;
  }
  // apimachinery refuses a selector with an unknown operator; such a selector selects nothing.
  return false;
}

std::string joinValues(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) {
    out += (out.empty() ? "" : ", ") + value;
  }
  return out;
}

} // namespace

bool LabelSelector::matches(const std::map<std::string, std::string>& labels) const {
  for (const auto& [key, value] : matchLabels) {
    const auto found = labels.find(key);
    if (found == labels.end() || found->second != value) {
      return false;
    }
  }
  return std::all_of(
      matchExpressions.begin(), matchExpressions.end(),
      [&](const auto& requirement) { return requirementHolds(requirement, labels); });
}

std::string LabelSelector::toString() const {
  std::string out;
  const auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  for (const auto& [key, value] : matchLabels) {
    add(key + "=" + value);
  }
  for (const auto& requirement : matchExpressions) {
    if (requirement.op == "In") {
      add(requirement.key + " in (" + joinValues(requirement.values) + ")");
    } else if (requirement.op == "NotIn") {
      add(requirement.key + " notin (" + joinValues(requirement.values) + ")");
    } else if (requirement.op == "Exists") {
      add(requirement.key);
    } else if (requirement.op == "DoesNotExist") {
      add("!" + requirement.key);
    } else {
      add(requirement.key + " " + requirement.op + " (" + joinValues(requirement.values) + ")");
    }
  }
  return out.empty() ? "(empty: every namespace)" : out;
}

LabelSelector parseLabelSelector(const JsonFields& fields) {
  LabelSelector selector;
  selector.matchLabels = fields.stringMap("matchLabels");
  if (const auto expressions = fields.array("matchExpressions")) {
    for (std::size_t i = 0; i < expressions->size(); ++i) {
      const auto entry = fields.element("matchExpressions", i, (*expressions)[i]);
      if (entry.expectObject()) {
        selector.matchExpressions.push_back({entry.string("key").value_or(""),
                                             entry.string("operator").value_or(""),
                                             entry.stringArray("values")});
      }
    }
  }
  return selector;
}

} // namespace sgw::model

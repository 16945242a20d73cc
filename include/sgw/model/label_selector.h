#pragma once

#include <map>
#include <string>
#include <vector>

#include "sgw/core/field_error.h"

namespace sgw::model {

class JsonFields;

// `matchExpressions[]` of a label selector.
struct LabelSelectorRequirement {
  std::string key;
  std::string op; // In, NotIn, Exists, DoesNotExist
  std::vector<std::string> values;
};

// A Kubernetes `metav1.LabelSelector`. Requirements are ANDed; an empty selector matches
// everything.
struct LabelSelector {
  std::map<std::string, std::string> matchLabels;
  std::vector<LabelSelectorRequirement> matchExpressions;

  bool matches(const std::map<std::string, std::string>& labels) const;
  // "a=b, c in (x, y)", as kubectl prints selectors.
  std::string toString() const;
};

// Reads the selector at `fields`; wrong types are reported in `fields.errors()`.
LabelSelector parseLabelSelector(const JsonFields& fields);

} // namespace sgw::model

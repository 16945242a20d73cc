#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sgw/core/field_path.h"

namespace sgw {

// The error types of apimachinery's field errors, with the strings kubectl users already read.
enum class FieldErrorType {
  Invalid,      // "Invalid value"
  NotFound,     // "Not found"
  Required,     // "Required value"
  Duplicate,    // "Duplicate value"
  Forbidden,    // "Forbidden"
  NotSupported, // "Unsupported value"
  // Not an apimachinery type: a remark about a field rather than a fault in it (a mutation
  // telling what it added). Printed as `<path>: <detail>`, because a type string such as
  // "Invalid value" would misread as an error in kubectl's `Warning: ...` lines.
  Note,
};

std::string_view toString(FieldErrorType type);

// One problem with one field, printed as `<path>: <Type>[: <value>][: <detail>]`.
// Like apimachinery, "Required value" and "Forbidden" never print the value; strings are printed
// quoted (Go's %q), numbers and booleans bare.
struct FieldError {
  FieldErrorType type;
  FieldPath path;
  std::optional<nlohmann::json> value;
  std::string detail;

  std::string toString() const;
  // The part after `<path>: `.
  std::string body() const;

  static FieldError invalid(FieldPath path, nlohmann::json value, std::string detail);
  static FieldError notFound(FieldPath path, nlohmann::json value, std::string detail = {});
  static FieldError required(FieldPath path, std::string detail);
  static FieldError duplicate(FieldPath path, nlohmann::json value, std::string detail = {});
  static FieldError forbidden(FieldPath path, std::string detail);
  static FieldError notSupported(FieldPath path, nlohmann::json value, std::string detail);
  static FieldError note(FieldPath path, std::string detail);
};

using FieldErrorList = std::vector<FieldError>;

// Joins several errors the way apimachinery's aggregate does: one error prints alone, several
// print as `[e1, e2]`, identical messages once.
std::string aggregate(const FieldErrorList& errors);

// Go's %q for a string: double quotes, with `"`, `\` and control characters escaped.
std::string goQuote(std::string_view text);

} // namespace sgw

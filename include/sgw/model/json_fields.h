#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sgw/core/field_error.h"
#include "sgw/core/json_value.h"

namespace sgw::model {

// Typed access to the fields of a decoded object. A field that is absent (or null) reads as
// empty; a field of the wrong type also reads as empty and records an "Invalid value" error at
// its path, so a model parser reports every type mistake in one pass instead of throwing.
//
// The path of a nested object or an array element is worked out only when an error names it:
// such fields refer to the fields they were taken from, which must outlive them (taken from a
// temporary, they carry their own path instead).
class JsonFields {
public:
  // A value that is not an object reads as an empty one.
  JsonFields(JsonValue value, FieldPath path, FieldErrorList& errors);

  std::optional<std::string> string(std::string_view name) const;
  std::optional<std::int64_t> integer(std::string_view name) const;
  std::optional<bool> boolean(std::string_view name) const;
  // The member if it is an object, else null.
  std::optional<JsonValue> object(std::string_view name) const;
  // The elements of the member if it is an array, else nothing.
  std::optional<std::vector<JsonValue>> array(std::string_view name) const;
  std::vector<std::string> stringArray(std::string_view name) const;
  std::map<std::string, std::string> stringMap(std::string_view name) const;
  bool has(std::string_view name) const;

  // The member `name` (empty unless an object). `name` must outlive the result.
  JsonFields nested(std::string_view name) const&;
  JsonFields nested(std::string_view name) &&;
  // Element `index` of the array member `arrayName`, `value` being that element.
  JsonFields element(std::string_view arrayName, std::size_t index, JsonValue value) const&;
  JsonFields element(std::string_view arrayName, std::size_t index, JsonValue value) &&;
  // Records "must be an object" at this value's path unless it is one; for array elements.
  bool expectObject() const;

  FieldPath path() const;
  FieldPath pathOf(std::string_view name) const { return path().child(name); }
  FieldErrorList& errors() const { return errors_; }

private:
  // Where the path comes from when it is not held: the parent's path, then `.name`, then
  // `[index]` when there is one.
  struct PathStep {
    const JsonFields* parent = nullptr;
    std::string_view name;
    std::optional<std::size_t> index;
  };
  JsonFields(const JsonFields& parent, std::string_view name, std::optional<std::size_t> index,
             JsonValue value);

  std::optional<JsonValue> member(std::string_view name) const;
  void wrongType(std::string_view name, JsonValue value, std::string_view expected) const;

  JsonValue value_;
  bool isObject_;
  FieldPath heldPath_; // the path, when `step_` has no parent
  PathStep step_;
  FieldErrorList& errors_;
};

} // namespace sgw::model

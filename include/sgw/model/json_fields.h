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
class JsonFields {
public:
  // A value that is not an object reads as an empty one.
  JsonFields(JsonValue object, FieldPath path, FieldErrorList& errors);

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

  JsonFields nested(std::string_view name) const;
  const FieldPath& path() const { return path_; }
  FieldPath pathOf(std::string_view name) const { return path_.child(name); }
  FieldErrorList& errors() const { return errors_; }

private:
  std::optional<JsonValue> member(std::string_view name) const;
  void wrongType(std::string_view name, JsonValue value, std::string_view expected) const;

  std::optional<JsonValue> object_; // nothing when the value is not an object
  FieldPath path_;
  FieldErrorList& errors_;
};

// Records an error unless `value` is a JSON object; used for array elements.
bool expectObject(JsonValue value, const FieldPath& path, FieldErrorList& errors);

} // namespace sgw::model

#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sgw/core/field_error.h"

namespace sgw::model {

// Typed access to the fields of a decoded object. A field that is absent (or null) reads as
// empty; a field of the wrong type also reads as empty and records an "Invalid value" error at
// its path, so a model parser reports every type mistake in one pass instead of throwing.
class JsonFields {
public:
  JsonFields(const nlohmann::json& object, FieldPath path, FieldErrorList& errors);

  std::optional<std::string> string(std::string_view name) const;
  std::optional<std::int64_t> integer(std::string_view name) const;
  std::optional<bool> boolean(std::string_view name) const;
  // The member if it is an object, else null.
  const nlohmann::json* object(std::string_view name) const;
  // The member if it is an array, else null.
  const nlohmann::json* array(std::string_view name) const;
  std::vector<std::string> stringArray(std::string_view name) const;
  std::map<std::string, std::string> stringMap(std::string_view name) const;
  bool has(std::string_view name) const;

  JsonFields nested(std::string_view name) const;
  const FieldPath& path() const { return path_; }
  FieldPath pathOf(std::string_view name) const { return path_.child(name); }
  FieldErrorList& errors() const { return errors_; }

private:
  const nlohmann::json* member(std::string_view name) const;
  void wrongType(std::string_view name, const nlohmann::json& value,
                 std::string_view expected) const;

  const nlohmann::json& object_;
  FieldPath path_;
  FieldErrorList& errors_;
};

// Records an error unless `value` is a JSON object; used for array elements.
bool expectObject(const nlohmann::json& value, const FieldPath& path, FieldErrorList& errors);

} // namespace sgw::model

#include "sgw/model/json_fields.h"

#include <cmath>
#include <limits>

namespace sgw::model {

namespace {

const nlohmann::json& emptyObject() {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  return kEmpty;
}

} // namespace

JsonFields::JsonFields(const nlohmann::json& object, FieldPath path, FieldErrorList& errors)
    : object_(object.is_object() ? object : emptyObject()), path_(std::move(path)),
      errors_(errors) {}

const nlohmann::json* JsonFields::member(std::string_view name) const {
  const auto found = object_.find(name);
  if (found == object_.end() || found->is_null()) {
    return nullptr;
  }
  return &*found;
}

void JsonFields::wrongType(std::string_view name, const nlohmann::json& value,
                           std::string_view expected) const {
  errors_.push_back(
      FieldError::invalid(path_.child(name), value, "must be " + std::string(expected)));
}

bool JsonFields::has(std::string_view name) const {
  return member(name) != nullptr;
}

std::optional<std::string> JsonFields::string(std::string_view name) const {
  const auto* value = member(name);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_string()) {
    wrongType(name, *value, "a string");
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::int64_t> JsonFields::integer(std::string_view name) const {
  const auto* value = member(name);
  if (value == nullptr) {
    return std::nullopt;
  }
  // nlohmann reads every non-negative integer as unsigned, so that case comes first.
  if (value->is_number_unsigned()) {
    const auto number = value->get<std::uint64_t>();
    if (number <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return static_cast<std::int64_t>(number);
    }
    // Larger than any int64: no field of the kinds handled here can hold it.
    wrongType(name, *value, "an integer in the int64 range");
    return std::nullopt;
  }
  if (value->is_number_integer()) {
    return value->get<std::int64_t>();
  }
  if (value->is_number_float()) {
    // The range is checked before the cast: converting a double outside int64's range (1e300)
    // is undefined behaviour. -2^63 is exact as a double; 2^63 is the first value past the top.
    const double number = value->get<double>();
    if (number >= -9223372036854775808.0 && number < 9223372036854775808.0 &&
        std::trunc(number) == number) {
      return static_cast<std::int64_t>(number);
    }
  }
  wrongType(name, *value, "an integer");
  return std::nullopt;
}

std::optional<bool> JsonFields::boolean(std::string_view name) const {
  const auto* value = member(name);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_boolean()) {
    wrongType(name, *value, "a boolean");
    return std::nullopt;
  }
  return value->get<bool>();
}

const nlohmann::json* JsonFields::object(std::string_view name) const {
  const auto* value = member(name);
  if (value == nullptr) {
    return nullptr;
  }
  if (!value->is_object()) {
    wrongType(name, *value, "an object");
    return nullptr;
  }
  return value;
}

const nlohmann::json* JsonFields::array(std::string_view name) const {
  const auto* value = member(name);
  if (value == nullptr) {
    return nullptr;
  }
  if (!value->is_array()) {
    wrongType(name, *value, "a list");
    return nullptr;
  }
  return value;
}

std::vector<std::string> JsonFields::stringArray(std::string_view name) const {
  std::vector<std::string> out;
  const auto* values = array(name);
  if (values == nullptr) {
    return out;
  }
  for (std::size_t i = 0; i < values->size(); ++i) {
    const auto& item = (*values)[i];
    if (item.is_string()) {
      out.push_back(item.get<std::string>());
    } else {
      errors_.push_back(FieldError::invalid(path_.child(name).index(i), item, "must be a string"));
    }
  }
  return out;
}

std::map<std::string, std::string> JsonFields::stringMap(std::string_view name) const {
  std::map<std::string, std::string> out;
  const auto* values = object(name);
  if (values == nullptr) {
    return out;
  }
  for (const auto& [key, item] : values->items()) {
    if (item.is_string()) {
      out.emplace(key, item.get<std::string>());
    } else if (!item.is_null()) {
      errors_.push_back(FieldError::invalid(path_.child(name).key(key), item, "must be a string"));
    }
  }
  return out;
}

JsonFields JsonFields::nested(std::string_view name) const {
  const auto* value = object(name);
  return JsonFields(value == nullptr ? emptyObject() : *value, path_.child(name), errors_);
}

bool expectObject(const nlohmann::json& value, const FieldPath& path, FieldErrorList& errors) {
  if (value.is_object()) {
    return true;
  }
  errors.push_back(FieldError::invalid(path, value, "must be an object"));
  return false;
}

} // namespace sgw::model

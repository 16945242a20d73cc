#include "sgw/model/json_fields.h"

#include <cmath>
#include <limits>

namespace sgw::model {

JsonFields::JsonFields(JsonValue value, FieldPath path, FieldErrorList& errors)
    : value_(value), isObject_(value.isObject()), heldPath_(std::move(path)), errors_(errors) {}

JsonFields::JsonFields(const JsonFields& parent, std::string_view name,
                       std::optional<std::size_t> index, JsonValue value)
    : value_(value), isObject_(value.isObject()), step_{&parent, name, index},
      errors_(parent.errors_) {}

FieldPath JsonFields::path() const {
  if (step_.parent == nullptr) {
    return heldPath_;
  }
  auto path = step_.parent->path().child(step_.name);
  if (step_.index.has_value()) {
    return std::move(path).index(*step_.index);
  }
  return path;
}

std::optional<JsonValue> JsonFields::member(std::string_view name) const {
  if (!isObject_) {
    return std::nullopt;
  }
  auto found = value_.member(name);
  if (!found.has_value() || found->isNull()) {
    return std::nullopt;
  }
  return found;
}

void JsonFields::wrongType(std::string_view name, JsonValue value,
                           std::string_view expected) const {
  errors_.push_back(
      FieldError::invalid(pathOf(name), value.toJson(), "must be " + std::string(expected)));
}

bool JsonFields::has(std::string_view name) const {
  return member(name).has_value();
}

std::optional<std::string> JsonFields::string(std::string_view name) const {
  const auto value = member(name);
  if (!value.has_value()) {
    return std::nullopt;
  }
  if (!value->isString()) {
    wrongType(name, *value, "a string");
    return std::nullopt;
  }
  return std::string(value->string());
}

std::optional<std::int64_t> JsonFields::integer(std::string_view name) const {
  const auto value = member(name);
  if (!value.has_value()) {
    return std::nullopt;
  }
  // nlohmann reads every non-negative integer as unsigned, so that case comes first.
  const auto type = value->type();
  if (type == JsonValue::Type::Unsigned) {
    const auto number = value->unsignedInteger();
    if (number <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return static_cast<std::int64_t>(number);
    }
    // Larger than any int64: no field of the kinds handled here can hold it.
    wrongType(name, *value, "an integer in the int64 range");
    return std::nullopt;
  }
  if (type == JsonValue::Type::Integer) {
    return value->integer();
  }
  if (type == JsonValue::Type::Float) {
    // The range is checked before the cast: converting a double outside int64's range (1e300)
    // is undefined behaviour. -2^63 is exact as a double; 2^63 is the first value past the top.
    const double number = value->floating();
    if (number >= -9223372036854775808.0 && number < 9223372036854775808.0 &&
        std::trunc(number) == number) {
      return static_cast<std::int64_t>(number);
    }
  }
  wrongType(name, *value, "an integer");
  return std::nullopt;
}

std::optional<bool> JsonFields::boolean(std::string_view name) const {
  const auto value = member(name);
  if (!value.has_value()) {
    return std::nullopt;
  }
  if (!value->isBoolean()) {
    wrongType(name, *value, "a boolean");
    return std::nullopt;
  }
  return value->boolean();
}

std::optional<JsonValue> JsonFields::object(std::string_view name) const {
  const auto value = member(name);
  if (!value.has_value()) {
    return std::nullopt;
  }
  if (!value->isObject()) {
    wrongType(name, *value, "an object");
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<JsonValue>> JsonFields::array(std::string_view name) const {
  const auto value = member(name);
  if (!value.has_value()) {
    return std::nullopt;
  }
  if (!value->isArray()) {
    wrongType(name, *value, "a list");
    return std::nullopt;
  }
  return value->elements();
}

std::vector<std::string> JsonFields::stringArray(std::string_view name) const {
  std::vector<std::string> out;
  const auto values = array(name);
  if (!values.has_value()) {
    return out;
  }
  for (std::size_t i = 0; i < values->size(); ++i) {
    const auto& item = (*values)[i];
    if (item.isString()) {
      out.emplace_back(item.string());
    } else {
      errors_.push_back(
          FieldError::invalid(pathOf(name).index(i), item.toJson(), "must be a string"));
    }
  }
  return out;
}

std::map<std::string, std::string> JsonFields::stringMap(std::string_view name) const {
  std::map<std::string, std::string> out;
  const auto values = object(name);
  if (!values.has_value()) {
    return out;
  }
  for (const auto& [key, item] : values->members()) {
    if (item.isString()) {
      out.emplace(key, item.string());
    } else if (!item.isNull()) {
      errors_.push_back(
          FieldError::invalid(pathOf(name).key(key), item.toJson(), "must be a string"));
    }
  }
  return out;
}

JsonFields JsonFields::nested(std::string_view name) const& {
  return JsonFields(*this, name, std::nullopt, object(name).value_or(JsonValue()));
}

JsonFields JsonFields::nested(std::string_view name) && {
  // This object goes at the end of the full expression: the result takes its path now.
  return JsonFields(object(name).value_or(JsonValue()), pathOf(name), errors_);
}

JsonFields JsonFields::element(std::string_view arrayName, std::size_t index,
                               JsonValue value) const& {
  return JsonFields(*this, arrayName, index, value);
}

JsonFields JsonFields::element(std::string_view arrayName, std::size_t index, JsonValue value) && {
  return JsonFields(value, pathOf(arrayName).index(index), errors_);
}

bool JsonFields::expectObject() const {
  if (isObject_) {
    return true;
  }
  errors_.push_back(FieldError::invalid(path(), value_.toJson(), "must be an object"));
  return false;
}

} // namespace sgw::model

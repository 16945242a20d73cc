#include "sgw/core/json_value.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace sgw {

namespace {

using Element = simdjson::dom::element;

static_assert(sizeof(Element) <= sizeof(std::array<std::byte, 16>) && alignof(Element) <= 8 &&
                  std::is_trivially_copyable_v<Element>,
              "a simdjson element must fit a JsonValue's bytes");

Element elementOf(const std::array<std::byte, 16>& bytes) {
  Element element;
  std::memcpy(static_cast<void*>(&element), bytes.data(), sizeof(Element));
  return element;
}

JsonValue::Type typeOnTape(const Element& element) {
  using Tape = simdjson::dom::element_type;
  switch (element.type()) {
  case Tape::OBJECT:
    return JsonValue::Type::Object;
  case Tape::ARRAY:
    return JsonValue::Type::Array;
  case Tape::INT64:
    // nlohmann reads every non-negative integer as unsigned.
    return std::int64_t(element) < 0 ? JsonValue::Type::Integer : JsonValue::Type::Unsigned;
  case Tape::UINT64:
    return JsonValue::Type::Unsigned;
  case Tape::DOUBLE:
    return JsonValue::Type::Float;
  case Tape::STRING:
    return JsonValue::Type::String;
  case Tape::BOOL:
    return JsonValue::Type::Boolean;
  case Tape::NULL_VALUE:
    break;
  }
  return JsonValue::Type::Null;
}

// An integer nlohmann reads as unsigned: a non-negative int64 on the tape, or a uint64.
std::uint64_t unsignedOnTape(const Element& element) {
  return element.is_int64() ? static_cast<std::uint64_t>(std::int64_t(element))
                            : std::uint64_t(element);
}

JsonValue::Type typeInDom(const nlohmann::json& value) {
  switch (value.type()) {
  case nlohmann::json::value_t::object:
    return JsonValue::Type::Object;
  case nlohmann::json::value_t::array:
    return JsonValue::Type::Array;
  case nlohmann::json::value_t::number_integer:
    return JsonValue::Type::Integer;
  case nlohmann::json::value_t::number_unsigned:
    return JsonValue::Type::Unsigned;
  case nlohmann::json::value_t::number_float:
    return JsonValue::Type::Float;
  case nlohmann::json::value_t::string:
    return JsonValue::Type::String;
  case nlohmann::json::value_t::boolean:
    return JsonValue::Type::Boolean;
  default:
    return JsonValue::Type::Null;
  }
}

// Every element's type is checked before it is read, so nothing here throws.
nlohmann::json toDom(const Element& element) {
  switch (typeOnTape(element)) {
  case JsonValue::Type::Object: {
    nlohmann::json out = nlohmann::json::object();
    auto& members = out.get_ref<nlohmann::json::object_t&>();
    for (const auto field : simdjson::dom::object(element)) {
      members[std::string(field.key)] = toDom(field.value); // a repeated key keeps its last value
    }
    return out;
  }
  case JsonValue::Type::Array: {
    nlohmann::json out = nlohmann::json::array();
    auto& items = out.get_ref<nlohmann::json::array_t&>();
    for (const auto item : simdjson::dom::array(element)) {
      items.push_back(toDom(item));
    }
    return out;
  }
  case JsonValue::Type::Integer:
    return std::int64_t(element);
  case JsonValue::Type::Unsigned:
    return unsignedOnTape(element);
  case JsonValue::Type::Float:
    return double(element);
  case JsonValue::Type::String:
    return std::string(std::string_view(element));
  case JsonValue::Type::Boolean:
    return bool(element);
  case JsonValue::Type::Null:
    break;
  }
  return nullptr;
}

} // namespace

JsonValue::JsonValue() {
  static const nlohmann::json kNull;
  dom_ = &kNull;
}

JsonValue::JsonValue(const nlohmann::json& value) : dom_(&value), type_(typeInDom(value)) {}

JsonValue JsonValue::onTape(const simdjson::dom::element& element) {
  JsonValue out;
  out.dom_ = nullptr;
  std::memcpy(out.tape_.data(), static_cast<const void*>(&element), sizeof(Element));
  out.type_ = typeOnTape(element);
  return out;
}

std::string_view JsonValue::string() const {
  if (dom_ != nullptr) {
    return dom_->get_ref<const std::string&>();
  }
  return std::string_view(elementOf(tape_));
}

bool JsonValue::boolean() const {
  return dom_ != nullptr ? dom_->get<bool>() : bool(elementOf(tape_));
}

std::int64_t JsonValue::integer() const {
  if (dom_ != nullptr) {
    return dom_->get<std::int64_t>();
  }
  // An unsigned integer past int64's range converts as nlohmann's get<std::int64_t> does.
  const auto element = elementOf(tape_);
  return element.is_int64() ? std::int64_t(element)
                            : static_cast<std::int64_t>(std::uint64_t(element));
}

std::uint64_t JsonValue::unsignedInteger() const {
  if (dom_ != nullptr) {
    return dom_->get<std::uint64_t>();
  }
  return unsignedOnTape(elementOf(tape_));
}

double JsonValue::floating() const {
  return dom_ != nullptr ? dom_->get<double>() : double(elementOf(tape_));
}

std::optional<JsonValue> JsonValue::member(std::string_view name) const {
  if (dom_ != nullptr) {
    if (!dom_->is_object()) {
      return std::nullopt;
    }
    const auto found = dom_->find(name);
    return found == dom_->end() ? std::nullopt : std::optional<JsonValue>(*found);
  }
  if (type_ != Type::Object) {
    return std::nullopt;
  }
  std::optional<Element> found;
  for (const auto field : simdjson::dom::object(elementOf(tape_))) {
    if (field.key == name) {
      found = field.value; // the last of repeated keys wins, as in nlohmann's DOM
    }
  }
  return found.has_value() ? std::optional<JsonValue>(onTape(*found)) : std::nullopt;
}

std::vector<JsonValue> JsonValue::elements() const {
  std::vector<JsonValue> out;
  if (dom_ != nullptr) {
    if (dom_->is_array()) {
      out.reserve(dom_->size());
      for (const auto& item : *dom_) {
        out.emplace_back(item);
      }
    }
    return out;
  }
  if (type_ == Type::Array) {
    const simdjson::dom::array items(elementOf(tape_));
    out.reserve(items.size());
    for (const auto item : items) {
      out.push_back(onTape(item));
    }
  }
  return out;
}

std::vector<std::pair<std::string_view, JsonValue>> JsonValue::members() const {
  std::vector<std::pair<std::string_view, JsonValue>> out;
  if (dom_ != nullptr) {
    if (dom_->is_object()) {
      for (const auto& [key, item] : dom_->items()) {
        out.emplace_back(key, item);
      }
    }
    return out;
  }
  if (type_ != Type::Object) {
    return out;
  }
  for (const auto field : simdjson::dom::object(elementOf(tape_))) {
    out.emplace_back(field.key, onTape(field.value));
  }
  // Key order, and of a repeated key only its last value, as nlohmann's std::map holds them.
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& left, const auto& right) { return left.first < right.first; });
  std::vector<std::pair<std::string_view, JsonValue>> unique;
  unique.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i + 1 == out.size() || out[i + 1].first != out[i].first) {
      unique.push_back(out[i]);
    }
  }
  return unique;
}

nlohmann::json JsonValue::toJson() const {
  return dom_ != nullptr ? *dom_ : toDom(elementOf(tape_));
}

} // namespace sgw

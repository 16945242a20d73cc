#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace simdjson::dom {
class element;
} // namespace simdjson::dom

namespace sgw {

// A read-only view of one value of a parsed JSON document, in nlohmann's DOM (manifests, watch
// events, tests) or on simdjson's tape (an AdmissionReview body, read without building a DOM). A
// view reads as nlohmann's parser would have read the same text: a non-negative integer is
// unsigned, and a key given twice has its last value. The document must outlive its views;
// copying a view is as cheap as copying a pointer.
class JsonValue {
public:
  enum class Type { Null, Boolean, Integer, Unsigned, Float, String, Array, Object };

  // A null, standing for a value that is absent.
  JsonValue();
  // Any nlohmann DOM reads through a view of it.
  JsonValue(const nlohmann::json& value); // NOLINT(google-explicit-constructor)
  // A value on simdjson's tape; the document must outlive the view.
  static JsonValue onTape(const simdjson::dom::element& element);

  Type type() const { return type_; }
  bool isNull() const { return type() == Type::Null; }
  bool isBoolean() const { return type() == Type::Boolean; }
  bool isString() const { return type() == Type::String; }
  bool isArray() const { return type() == Type::Array; }
  bool isObject() const { return type() == Type::Object; }

  // The value itself; each is only asked of a value of its type (`integer` of an Integer or an
  // Unsigned, an unsigned past int64's range wrapping as nlohmann's get<std::int64_t> does).
  std::string_view string() const;
  bool boolean() const;
  std::int64_t integer() const;
  std::uint64_t unsignedInteger() const;
  double floating() const;

  // The member of that name (its last value if repeated); nothing when absent or not an object.
  std::optional<JsonValue> member(std::string_view name) const;
  // The elements of an array in order; empty for anything else.
  std::vector<JsonValue> elements() const;
  // The members of an object by key, each key once with its last value, in key order as
  // nlohmann keeps them; empty for anything else.
  std::vector<std::pair<std::string_view, JsonValue>> members() const;

  // A copy in nlohmann's DOM, for a message or a document printed again.
  nlohmann::json toJson() const;

private:
  // Either a node of nlohmann's DOM or a simdjson::dom::element, kept as its bytes so that this
  // header needs no simdjson (the element is two words, checked where it is read).
  const nlohmann::json* dom_ = nullptr;
  alignas(8) std::array<std::byte, 16> tape_{};
  Type type_ = Type::Null; // read once: the model parsers ask it of every value several times
};

} // namespace sgw

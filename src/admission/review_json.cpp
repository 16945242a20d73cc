#include "sgw/admission/review_json.h"

#include <simdjson.h>

#include <optional>
#include <vector>

namespace sgw::admission {

namespace {

using Json = nlohmann::json;

// Builds the DOM from nlohmann's SAX events, as its own DOM parser does, with two differences:
// it counts nesting and stops beyond the limit, and it drops one value it is told to skip.
class ReviewDomBuilder : public nlohmann::json_sax<Json> {
public:
  ReviewDomBuilder(std::size_t maxDepth, bool skipManagedFields)
      : maxDepth_(maxDepth), skipManagedFields_(skipManagedFields) {}

  bool null() override { return value(nullptr); }
  bool boolean(bool value) override { return this->value(value); }
  bool number_integer(number_integer_t value) override { return this->value(value); }
  bool number_unsigned(number_unsigned_t value) override { return this->value(value); }
  bool number_float(number_float_t value, const string_t& /*text*/) override {
    return this->value(value);
  }
  bool string(string_t& value) override { return this->value(std::move(value)); }
  bool binary(binary_t& value) override { return this->value(Json::binary(std::move(value))); }

  bool start_object(std::size_t /*elements*/) override { return open(Json::object()); }
  bool start_array(std::size_t /*elements*/) override { return open(Json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& name) override {
    if (skipping_ > 0) {
      return true;
    }
    if (isManagedFields(name)) {
      skipNext_ = true;
      return true;
    }
    if (stack_.size() < kTrackedDepth) {
      pendingKey_ = name;
    }
    element_ = &(*stack_.back())[std::move(name)];
    return true;
  }

  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& error) override {
    error_ = ReviewJsonError{false, error.what()};
    return false;
  }

  std::variant<Json, ReviewJsonError> result(bool completed) {
    if (error_.has_value()) {
      return std::move(*error_);
    }
    if (!completed) {
      return ReviewJsonError{true, {}};
    }
    return std::move(root_);
  }

private:
  // Containers are named for the first levels only: request > object|oldObject > metadata.
  static constexpr std::size_t kTrackedDepth = 4;

  bool isManagedFields(const string_t& name) const {
    return skipManagedFields_ && stack_.size() == kTrackedDepth && name == "managedFields" &&
           path_.size() == 3 && path_[0] == "request" &&
           (path_[1] == "object" || path_[1] == "oldObject") && path_[2] == "metadata";
  }

  template <class Value> bool value(Value&& value) {
    if (skipping_ > 0) {
      return true;
    }
    if (skipNext_) {
      skipNext_ = false;
      return true;
    }
    place(Json(std::forward<Value>(value)));
    return true;
  }

  Json* place(Json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    auto& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    *element_ = std::move(value);
    return element_;
  }

  bool open(Json&& container) {
    if (++depth_ > maxDepth_) {
      return false;
    }
    if (skipping_ > 0 || skipNext_) {
      skipNext_ = false;
      ++skipping_;
      return true;
    }
    // path_[i] names the container at stack_[i + 1] (empty for an array element).
    if (!stack_.empty() && stack_.size() < kTrackedDepth) {
      path_.resize(stack_.size() - 1);
      path_.push_back(stack_.back()->is_array() ? std::string() : pendingKey_);
    }
    stack_.push_back(place(std::move(container)));
    return true;
  }

  bool close() {
    --depth_;
    if (skipping_ > 0) {
      --skipping_;
      return true;
    }
    stack_.pop_back();
    return true;
  }

  const std::size_t maxDepth_;
  const bool skipManagedFields_;
  std::size_t depth_ = 0;
  std::size_t skipping_ = 0; // > 0: inside a value being left out
  bool skipNext_ = false;    // the next value is left out
  Json root_;
  std::vector<Json*> stack_;
  Json* element_ = nullptr;
  std::vector<std::string> path_;
  std::string pendingKey_;
  std::optional<ReviewJsonError> error_;
};

// Where a value sits in the review, as far as leaving out managedFields needs to know.
enum class Place { Root, Request, ReviewedObject, ReviewedMetadata, Elsewhere };

Place placeOfMember(Place parent, std::string_view key) {
  switch (parent) {
  case Place::Root:
    return key == "request" ? Place::Request : Place::Elsewhere;
  case Place::Request:
    return key == "object" || key == "oldObject" ? Place::ReviewedObject : Place::Elsewhere;
  case Place::ReviewedObject:
    return key == "metadata" ? Place::ReviewedMetadata : Place::Elsewhere;
  default:
    return Place::Elsewhere;
  }
}

// Copies simdjson's read-only DOM into nlohmann's, with the number types nlohmann's own parser
// gives (a non-negative integer is unsigned) and a repeated key keeping its last value.
class SimdjsonToNlohmann {
public:
  SimdjsonToNlohmann(bool skipManagedFields, const KeepOldObject& keepOldObject)
      : skipManagedFields_(skipManagedFields), keepOldObject_(keepOldObject) {}

  // The element's type is checked before each conversion, so none of them throws.
  Json convert(simdjson::dom::element value, Place place) const {
    using Type = simdjson::dom::element_type;
    switch (value.type()) {
    case Type::OBJECT:
      return convertObject(simdjson::dom::object(value), place);
    case Type::ARRAY: {
      Json out = Json::array();
      auto& items = out.get_ref<Json::array_t&>();
      for (const auto item : simdjson::dom::array(value)) {
        items.push_back(convert(item, Place::Elsewhere));
      }
      return out;
    }
    case Type::INT64: {
      const auto number = std::int64_t(value);
      return number < 0 ? Json(number) : Json(static_cast<std::uint64_t>(number));
    }
    case Type::UINT64:
      return Json(std::uint64_t(value));
    case Type::DOUBLE:
      return Json(double(value));
    case Type::STRING:
      return Json(std::string(std::string_view(value)));
    case Type::BOOL:
      return Json(bool(value));
    case Type::NULL_VALUE:
      break;
    }
    return Json(nullptr);
  }

private:
  Json convertObject(simdjson::dom::object object, Place place) const {
    Json out = Json::object();
    auto& members = out.get_ref<Json::object_t&>();
    // The request's oldObject comes last, once the rest of the request tells whether it is read.
    const bool deferOldObject = place == Place::Request && keepOldObject_;
    std::optional<simdjson::dom::element> oldObject; // the last one, as a repeated key keeps
    for (const auto field : object) {
      if (skipManagedFields_ && place == Place::ReviewedMetadata && field.key == "managedFields") {
        continue;
      }
      if (deferOldObject && field.key == "oldObject") {
        oldObject = field.value;
        continue;
      }
      members[std::string(field.key)] = convert(field.value, placeOfMember(place, field.key));
    }
    if (oldObject.has_value() && keepOldObject_(out)) {
      members["oldObject"] = convert(*oldObject, Place::ReviewedObject);
    }
    return out;
  }

  const bool skipManagedFields_;
  const KeepOldObject& keepOldObject_;
};

// Whether the text may hold the number -0 outside a string. simdjson reads it as the integer 0,
// where nlohmann keeps it signed; such a rare body is left to nlohmann. A match inside a string
// only costs that body the slower parse.
bool mayHoldNegativeZero(std::string_view text) {
  for (auto at = text.find("-0"); at != std::string_view::npos; at = text.find("-0", at + 2)) {
    const char before = at == 0 ? ' ' : text[at - 1];
    const char after = at + 2 < text.size() ? text[at + 2] : ' ';
    const bool startsNumber = before == ':' || before == '[' || before == ',' || before == ' ' ||
                              before == '\t' || before == '\n' || before == '\r';
    const bool endsInteger = after != '.' && after != 'e' && after != 'E';
    if (startsNumber && endsInteger) {
      return true;
    }
  }
  return false;
}

// Bodies up to this size are parsed by one parser per thread, kept between reviews; a larger one
// gets a parser of its own, freed after it, so one large review leaves no lasting memory behind.
constexpr std::size_t kReusedParserBytes = 64 * 1024;

// simdjson parses the common body about twenty times faster than nlohmann. It succeeds only on
// valid JSON nested no deeper than `maxDepth` (its own limit counts one level more); anything it
// refuses goes to nlohmann's parser, whose verdict and message stay the reference.
std::optional<Json> parseWithSimdjson(std::string_view body, std::size_t maxDepth,
                                      bool skipManagedFields, const KeepOldObject& keepOldObject) {
  if (mayHoldNegativeZero(body)) {
    return std::nullopt;
  }
  const std::size_t simdjsonDepth = maxDepth + 1;
  std::optional<simdjson::dom::parser> ownParser;
  simdjson::dom::parser* parser = nullptr;
  if (body.size() <= kReusedParserBytes) {
    thread_local simdjson::dom::parser reused(kReusedParserBytes);
    parser = &reused;
  } else {
    parser = &ownParser.emplace(body.size());
  }
  if (parser->max_depth() != simdjsonDepth &&
      parser->allocate(std::max(parser->capacity(), body.size()), simdjsonDepth) !=
          simdjson::SUCCESS) {
    return std::nullopt;
  }
  const auto root = parser->parse(body.data(), body.size(), true);
  if (root.error() != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return SimdjsonToNlohmann(skipManagedFields, keepOldObject)
      .convert(root.value_unsafe(), Place::Root);
}

} // namespace

std::variant<nlohmann::json, ReviewJsonError> parseReviewJson(std::string_view body,
                                                              std::size_t maxDepth,
                                                              bool skipManagedFields,
                                                              const KeepOldObject& keepOldObject) {
  if (auto parsed = parseWithSimdjson(body, maxDepth, skipManagedFields, keepOldObject)) {
    return std::move(*parsed);
  }
  ReviewDomBuilder builder(maxDepth, skipManagedFields);
  const bool completed = Json::sax_parse(body, &builder);
  return builder.result(completed);
}

} // namespace sgw::admission

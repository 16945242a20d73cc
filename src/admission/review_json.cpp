#include "sgw/admission/review_json.h"

#include <simdjson.h>

#include <memory>
#include <optional>
#include <vector>

namespace sgw::admission {

namespace {

using Json = nlohmann::json;

// Builds the DOM from nlohmann's SAX events, as its own DOM parser does, but counts nesting and
// stops beyond the limit.
class DepthLimitedDomBuilder : public nlohmann::json_sax<Json> {
public:
  explicit DepthLimitedDomBuilder(std::size_t maxDepth) : maxDepth_(maxDepth) {}

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
  template <class Value> bool value(Value&& value) {
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
    stack_.push_back(place(std::move(container)));
    return true;
  }

  bool close() {
    --depth_;
    stack_.pop_back();
    return true;
  }

  const std::size_t maxDepth_;
  std::size_t depth_ = 0;
  Json root_;
  std::vector<Json*> stack_;
  Json* element_ = nullptr;
  std::optional<ReviewJsonError> error_;
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

// The parser's working memory is kept per thread for bodies up to this size; a larger body gets a
// parser of its own, freed after it, so one large review leaves no lasting memory behind. The
// tape a body is read from belongs to the body's own document either way.
constexpr std::size_t kReusedParserBytes = 64 * 1024;

// A document's tape is eight bytes per byte of the body it holds: allocating and freeing one per
// review cost more than a tenth of reading a Kafka review. A document whose request is done goes
// back to the spares of the thread that lets it go, unless it grew for a large body.
class SpareDocuments {
public:
  static std::shared_ptr<simdjson::dom::document> take() {
    auto& spares = ofThisThread();
    std::unique_ptr<simdjson::dom::document> document;
    if (spares.empty()) {
      document = std::make_unique<simdjson::dom::document>();
    } else {
      document = std::move(spares.back());
      spares.pop_back();
    }
    return {document.release(), &giveBack};
  }

private:
  // One spare per worker, for bodies of common size: 32 workers keep at most about 2.5 MiB.
  static constexpr std::size_t kKeptPerThread = 1;
  static constexpr std::size_t kKeptCapacityBytes = 8 * 1024;

  static std::vector<std::unique_ptr<simdjson::dom::document>>& ofThisThread() {
    thread_local std::vector<std::unique_ptr<simdjson::dom::document>> spares;
    return spares;
  }

  static void giveBack(simdjson::dom::document* returned) {
    std::unique_ptr<simdjson::dom::document> document(returned);
    auto& spares = ofThisThread();
    if (document->capacity() <= kKeptCapacityBytes && spares.size() < kKeptPerThread) {
      spares.push_back(std::move(document));
    }
  }
};

// simdjson parses the common body about twenty times faster than nlohmann, and its tape is read
// in place, without building a DOM. It succeeds only on valid JSON nested no deeper than
// `maxDepth` (its own limit counts one level more); anything it refuses goes to nlohmann's
// parser, whose verdict and message stay the reference.
std::optional<ReviewBody> parseWithSimdjson(std::string_view body, std::size_t maxDepth) {
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
  auto document = SpareDocuments::take();
  const auto root = parser->parse_into_document(*document, body.data(), body.size(), true);
  if (root.error() != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return ReviewBody{std::move(document), JsonValue::onTape(root.value_unsafe())};
}

} // namespace

std::variant<ReviewBody, ReviewJsonError> parseReviewJson(std::string_view body,
                                                          std::size_t maxDepth) {
  if (auto parsed = parseWithSimdjson(body, maxDepth)) {
    return std::move(*parsed);
  }
  DepthLimitedDomBuilder builder(maxDepth);
  const bool completed = Json::sax_parse(body, &builder);
  auto result = builder.result(completed);
  if (auto* error = std::get_if<ReviewJsonError>(&result)) {
    return std::move(*error);
  }
  auto document = std::make_shared<const Json>(std::move(std::get<Json>(result)));
  const JsonValue root(*document);
  return ReviewBody{std::move(document), root};
}

} // namespace sgw::admission

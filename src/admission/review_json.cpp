#include "sgw/admission/review_json.h"

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

} // namespace

std::variant<nlohmann::json, ReviewJsonError>
parseReviewJson(std::string_view body, std::size_t maxDepth, bool skipManagedFields) {
  ReviewDomBuilder builder(maxDepth, skipManagedFields);
  const bool completed = Json::sax_parse(body, &builder);
  return builder.result(completed);
}

} // namespace sgw::admission

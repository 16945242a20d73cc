#include "sgw/strimzi/port_template.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "sgw/strimzi/broker_entry.h"

namespace sgw::strimzi {

namespace {

// A recursive-descent reading of the arithmetic Strimzi's evaluator accepts:
//   sum     = product { ("+" | "-") product }
//   product = factor { "*" factor }
//   factor  = number | "(" sum ")"
// Numbers are decimal (digits, optionally a fraction). Spaces may separate tokens.
class PortFormula {
public:
  explicit PortFormula(std::string_view text) : text_(text) {}

  std::variant<double, std::string> evaluate() {
    const auto value = sum();
    if (error_.empty()) {
      skipSpace();
      if (pos_ < text_.size()) {
        fail("unexpected " + quoteAt(pos_));
      }
    }
    if (!error_.empty()) {
      return error_;
    }
    return value;
  }

private:
  void skipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])) != 0) {
      ++pos_;
    }
  }

  bool take(char c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  std::string quoteAt(std::size_t at) const {
    const auto end = std::min(text_.size(), at + 12);
    return "\"" + std::string(text_.substr(at, end - at)) + "\"";
  }

  void fail(std::string why) {
    if (error_.empty()) {
      error_ = std::move(why);
    }
  }

  double sum() {
    double value = product();
    while (error_.empty()) {
      if (take('+')) {
        value += product();
      } else if (take('-')) {
        value -= product();
      } else {
        break;
      }
    }
    return value;
  }

  double product() {
    double value = factor();
    while (error_.empty() && take('*')) {
      value *= factor();
    }
    return value;
  }

  double factor() {
    skipSpace();
    if (pos_ >= text_.size()) {
      fail("it ends where a number was expected");
      return 0;
    }
    if (take('(')) {
      if (++depth_ > kMaxDepth) {
        fail("parentheses nested deeper than " + std::to_string(kMaxDepth));
        return 0;
      }
      const double value = sum();
      --depth_;
      if (error_.empty() && !take(')')) {
        fail(pos_ < text_.size() ? "unexpected " + quoteAt(pos_) : "a parenthesis is not closed");
      }
      return value;
    }
    const auto start = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
      ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] == '.' && pos_ > start) {
      ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
        ++pos_;
      }
    }
    if (pos_ == start) {
      fail("unexpected " + quoteAt(pos_) + " where a number was expected");
      return 0;
    }
    // strtod saturates to infinity instead of throwing on a number too large for a double.
    const std::string digits(text_.substr(start, pos_ - start));
    return std::strtod(digits.c_str(), nullptr);
  }

  // Deep enough for any real formula; bounds the recursion on hostile input.
  static constexpr int kMaxDepth = 64;

  std::string_view text_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::string error_;
};

// Java's (int) cast of a double: toward zero, saturating, NaN to 0.
std::int64_t javaIntValue(double value) {
  if (std::isnan(value)) {
    return 0;
  }
  constexpr auto kMin = static_cast<double>(std::numeric_limits<std::int32_t>::min());
  constexpr auto kMax = static_cast<double>(std::numeric_limits<std::int32_t>::max());
  if (value <= kMin) {
    return std::numeric_limits<std::int32_t>::min();
  }
  if (value >= kMax) {
    return std::numeric_limits<std::int32_t>::max();
  }
  return static_cast<std::int64_t>(std::trunc(value));
}

} // namespace

std::variant<std::int64_t, std::string> renderPortTemplate(std::string_view portTemplate,
                                                           model::NodeId id) {
  std::string rendered(portTemplate);
  const std::string placeholder = "{nodeId}";
  const auto value = id.toString();
  for (auto pos = rendered.find(placeholder); pos != std::string::npos;
       pos = rendered.find(placeholder, pos + value.size())) {
    rendered.replace(pos, placeholder.size(), value);
  }
  auto result = PortFormula(rendered).evaluate();
  if (const auto* why = std::get_if<std::string>(&result)) {
    return *why;
  }
  return javaIntValue(std::get<double>(result));
}

std::optional<std::int64_t> advertisedPortOverride(const model::KafkaListener& listener,
                                                   model::NodeId id) {
  if (auto port = brokerEntryValue(listener, id, &model::ListenerBrokerOverride::advertisedPort)) {
    return port;
  }
  const auto& portTemplate = listener.configuration.advertisedPortTemplate;
  if (!portTemplate.has_value()) {
    return std::nullopt;
  }
  const auto rendered = renderPortTemplate(*portTemplate, id);
  if (const auto* port = std::get_if<std::int64_t>(&rendered)) {
    return *port;
  }
  return std::nullopt;
}

} // namespace sgw::strimzi

#include "sgw/core/field_error.h"

#include <set>

#include "sgw/core/message_limits.h"

namespace sgw {

std::string_view toString(FieldErrorType type) {
  switch (type) {
  case FieldErrorType::Invalid:
    return "Invalid value";
  case FieldErrorType::NotFound:
    return "Not found";
  case FieldErrorType::Required:
    return "Required value";
  case FieldErrorType::Duplicate:
    return "Duplicate value";
  case FieldErrorType::Forbidden:
    return "Forbidden";
  case FieldErrorType::NotSupported:
    return "Unsupported value";
  case FieldErrorType::Note:
    return "";
  }
  return "Invalid value";
}

std::string goQuote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80) {
      // Well-formed UTF-8 is kept; any other byte is escaped as Go escapes invalid UTF-8.
      const auto length = utf8SequenceLength(text, at);
      if (length > 0) {
        out.append(text.substr(at, length));
        at += length - 1;
      } else {
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
      }
      continue;
    }
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20 || c == 0x7f) {
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  out += '"';
  return out;
}

namespace {

// Long values (a 5000-character string, a list of thousands of brokers) are cut: the message
// names the field, and the value is the user's own.
std::string printValue(const nlohmann::json& value) {
  if (value.is_string()) {
    return goQuote(shortened(value.get_ref<const std::string&>(), kMaxPrintedValueBytes));
  }
  if (value.is_array() && value.size() > kMaxPrintedValueBytes) {
    return "[" + std::to_string(value.size()) + " items]";
  }
  if (value.is_object() && value.size() > kMaxPrintedValueBytes) {
    return "{" + std::to_string(value.size()) + " fields}";
  }
  return shortened(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                   kMaxPrintedValueBytes);
}

bool printsValue(FieldErrorType type) {
  return type != FieldErrorType::Required && type != FieldErrorType::Forbidden;
}

} // namespace

std::string FieldError::body() const {
  if (type == FieldErrorType::Note) {
    return detail;
  }
  std::string out(sgw::toString(type));
  if (printsValue(type) && value.has_value()) {
    out += ": " + printValue(*value);
  }
  if (!detail.empty()) {
    out += ": " + detail;
  }
  return out;
}

std::string FieldError::toString() const {
  return path.toString() + ": " + body();
}

FieldError FieldError::invalid(FieldPath path, nlohmann::json value, std::string detail) {
  return {FieldErrorType::Invalid, std::move(path), std::move(value), std::move(detail)};
}

FieldError FieldError::notFound(FieldPath path, nlohmann::json value, std::string detail) {
  return {FieldErrorType::NotFound, std::move(path), std::move(value), std::move(detail)};
}

FieldError FieldError::required(FieldPath path, std::string detail) {
  return {FieldErrorType::Required, std::move(path), std::nullopt, std::move(detail)};
}

FieldError FieldError::duplicate(FieldPath path, nlohmann::json value, std::string detail) {
  return {FieldErrorType::Duplicate, std::move(path), std::move(value), std::move(detail)};
}

FieldError FieldError::forbidden(FieldPath path, std::string detail) {
  return {FieldErrorType::Forbidden, std::move(path), std::nullopt, std::move(detail)};
}

FieldError FieldError::notSupported(FieldPath path, nlohmann::json value, std::string detail) {
  return {FieldErrorType::NotSupported, std::move(path), std::move(value), std::move(detail)};
}

FieldError FieldError::note(FieldPath path, std::string detail) {
  return {FieldErrorType::Note, std::move(path), std::nullopt, std::move(detail)};
}

std::string aggregate(const FieldErrorList& errors) {
  std::vector<std::string> messages;
  std::set<std::string> seen;
  for (const auto& error : errors) {
    auto message = error.toString();
    if (seen.insert(message).second) {
      messages.push_back(std::move(message));
    }
  }
  if (messages.size() == 1) {
    return messages.front();
  }
  std::string out = "[";
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += messages[i];
  }
  out += "]";
  return out;
}

} // namespace sgw

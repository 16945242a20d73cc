#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "sgw/core/json_value.h"

namespace sgw::admission {

// Why a body could not be read as JSON: nested deeper than allowed, or not JSON at all (the
// parser's message, which may quote the offending token).
struct ReviewJsonError {
  bool tooDeep = false;
  std::string parserMessage;
};

// A parsed body: its root, and the document the root and every view into it read from.
struct ReviewBody {
  std::shared_ptr<const void> document;
  JsonValue root;
};

// Parses an AdmissionReview body in one pass, without building a DOM for the common body: its
// values are read where the parser left them. Nesting deeper than `maxDepth` stops the parse at
// that point (no walk over the result can then exhaust the stack). Every value reads exactly as
// it would from nlohmann::json::parse (a repeated key keeps its last value), and a body nlohmann
// refuses is refused with nlohmann's message.
std::variant<ReviewBody, ReviewJsonError> parseReviewJson(std::string_view body,
                                                          std::size_t maxDepth);

} // namespace sgw::admission

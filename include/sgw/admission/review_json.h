#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

namespace sgw::admission {

// Why a body could not be read as JSON: nested deeper than allowed, or not JSON at all (the
// parser's message, which may quote the offending token).
struct ReviewJsonError {
  bool tooDeep = false;
  std::string parserMessage;
};

// Parses an AdmissionReview body into a DOM in one pass. Nesting deeper than `maxDepth` stops
// the parse at that point (no walk over the result can then exhaust the stack), and, with
// `skipManagedFields`, `metadata.managedFields` of `request.object` and `request.oldObject` is
// left out: the API
// server's field ownership records are often a large share of the body and nothing reads them.
// Everything else is exactly what nlohmann::json::parse would give (a repeated key keeps its
// last value).
std::variant<nlohmann::json, ReviewJsonError>
parseReviewJson(std::string_view body, std::size_t maxDepth, bool skipManagedFields = true);

} // namespace sgw::admission

#pragma once

#include <functional>
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

// Given the request without its oldObject, whether to build the oldObject too.
using KeepOldObject = std::function<bool(const nlohmann::json& request)>;

// Parses an AdmissionReview body into a DOM in one pass. Nesting deeper than `maxDepth` stops
// the parse at that point (no walk over the result can then exhaust the stack), and, with
// `skipManagedFields`, `metadata.managedFields` of `request.object` and `request.oldObject` is
// left out: the API server's field ownership records are often a large share of the body and
// nothing reads them. Everything else is exactly what nlohmann::json::parse would give (a
// repeated key keeps its last value), except that `request.oldObject` may be left out when
// `keepOldObject` says so; it is only a saving, since the body is still checked whole and the
// rare body nlohmann reads instead keeps its oldObject.
std::variant<nlohmann::json, ReviewJsonError>
parseReviewJson(std::string_view body, std::size_t maxDepth, bool skipManagedFields = true,
                const KeepOldObject& keepOldObject = {});

} // namespace sgw::admission

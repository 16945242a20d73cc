#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sgw {

// The API server keeps a webhook's warnings only up to these sizes (it may truncate a warning
// longer than 256 characters and drops warnings once 4096 characters have been added), and
// kubectl prints every warning and denial in full. Responses stay within them.
inline constexpr std::size_t kMaxWarningBytes = 256;
inline constexpr std::size_t kMaxWarningsTotalBytes = 4096;
// A denial's message lists at most this many errors and this many bytes.
inline constexpr std::size_t kMaxDeniedErrors = 20;
inline constexpr std::size_t kMaxDenialBytes = 8192;
// A value printed inside a message (a field error's value, a number from a request) is cut to
// this many bytes.
inline constexpr std::size_t kMaxPrintedValueBytes = 100;

// `text` unchanged when it is at most `maxBytes` long, else its first bytes (never splitting a
// UTF-8 sequence) followed by "...", in `maxBytes` bytes in all.
std::string shortened(std::string_view text, std::size_t maxBytes);

// Length of the well-formed UTF-8 sequence that starts at byte `at` of `text`, or 0 when the
// byte there starts none (a stray continuation byte, an overlong form, a surrogate, a cut-off
// sequence).
std::size_t utf8SequenceLength(std::string_view text, std::size_t at);

// `text` with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD.
std::string validUtf8(std::string_view text);

// Keeps warnings within what the API server keeps, as it keeps them: whole while all together fit
// in kMaxWarningsTotalBytes; beyond that each shortened to kMaxWarningBytes and the rest dropped,
// the last one saying how many (counting `leftOut`, warnings the caller never printed).
std::vector<std::string> capWarnings(std::vector<std::string> warnings, std::size_t leftOut = 0);

// Joins error messages the way apimachinery's aggregate does (one alone, several as
// `[e1, e2]`, duplicates once), listing at most kMaxDeniedErrors within kMaxDenialBytes and
// ending with `and N more` when some are left out.
// `leftOut` counts errors the caller did not print; they add to the N.
std::string cappedAggregate(const std::vector<std::string>& messages, std::size_t leftOut = 0);

} // namespace sgw

#include "sgw/core/message_limits.h"

#include <set>

namespace sgw {

namespace {

constexpr std::string_view kEllipsis = "...";
constexpr std::string_view kReplacement = "\xef\xbf\xbd"; // U+FFFD

} // namespace

std::size_t utf8SequenceLength(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char first = byte(at);
  if (first < 0x80) {
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  if (first >= 0xc2 && first <= 0xdf) {
    length = 2;
  } else if (first >= 0xe0 && first <= 0xef) {
    length = 3;
    low = first == 0xe0 ? 0xa0 : 0x80;  // no overlong forms
    high = first == 0xed ? 0x9f : 0xbf; // no surrogates
  } else if (first >= 0xf0 && first <= 0xf4) {
    length = 4;
    low = first == 0xf0 ? 0x90 : 0x80;
    high = first == 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size()) {
    return 0;
  }
  if (byte(at + 1) < low || byte(at + 1) > high) {
    return 0;
  }
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xbf) {
      return 0;
    }
  }
  return length;
}

namespace {

bool isContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xc0) == 0x80;
}

} // namespace

std::string shortened(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) {
    return std::string(text);
  }
  if (maxBytes <= kEllipsis.size()) {
    return std::string(kEllipsis.substr(0, maxBytes));
  }
  std::size_t keep = maxBytes - kEllipsis.size();
  while (keep > 0 && isContinuation(text[keep])) {
    --keep;
  }
  std::string out(text.substr(0, keep));
  out += kEllipsis;
  return out;
}

std::string validUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto length = utf8SequenceLength(text, at);
    if (length == 0) {
      out += kReplacement;
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

std::vector<std::string> capWarnings(std::vector<std::string> warnings, std::size_t leftOut) {
  std::size_t whole = 0;
  for (const auto& warning : warnings) {
    whole += warning.size();
  }
  if (whole <= kMaxWarningsTotalBytes && leftOut == 0) {
    return warnings;
  }
  // Room kept for the closing "N more warnings not shown".
  constexpr std::size_t kReserve = 64;
  std::vector<std::string> out;
  std::size_t total = 0;
  for (std::size_t i = 0; i < warnings.size(); ++i) {
    auto warning = shortened(warnings[i], kMaxWarningBytes);
    const bool last = i + 1 == warnings.size() && leftOut == 0;
    const std::size_t room = kMaxWarningsTotalBytes - (last ? 0 : kReserve);
    if (total + warning.size() > room) {
      leftOut += warnings.size() - i;
      break;
    }
    total += warning.size();
    out.push_back(std::move(warning));
  }
  if (leftOut > 0) {
    out.push_back(std::to_string(leftOut) + " more warnings not shown");
  }
  return out;
}

std::string cappedAggregate(const std::vector<std::string>& messages, std::size_t leftOut) {
  std::vector<std::string> distinct;
  std::set<std::string_view> seen;
  for (const auto& message : messages) {
    if (seen.insert(message).second) {
      distinct.push_back(message);
    }
  }
  if (distinct.size() == 1 && leftOut == 0) {
    return shortened(distinct.front(), kMaxDenialBytes);
  }
  // Each listed error gets an equal share of the budget, so one long error cannot crowd out
  // the others.
  const std::size_t listed = std::min(distinct.size(), kMaxDeniedErrors);
  const std::size_t share = kMaxDenialBytes / (listed + 1);
  std::string out = "[";
  for (std::size_t i = 0; i < listed; ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += shortened(distinct[i], share);
  }
  if (distinct.size() - listed + leftOut > 0) {
    out += ", and " + std::to_string(distinct.size() - listed + leftOut) + " more";
  }
  out += "]";
  return out;
}

} // namespace sgw

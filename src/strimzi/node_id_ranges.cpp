#include "sgw/strimzi/node_id_ranges.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

namespace sgw::strimzi {

namespace {

// Java's \s: space, tab, newline, vertical tab, form feed, carriage return.
bool isJavaSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

class Scanner {
public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void skipSpace() {
    while (pos_ < text_.size() && isJavaSpace(text_[pos_])) {
      ++pos_;
    }
  }
  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool atEnd() const { return pos_ >= text_.size(); }
  // Reads digits; returns nothing when there are none. Sets `overflow` for values that do not
  // fit a Java int (Strimzi rejects them).
  std::optional<std::int64_t> number(bool& overflow) {
    const auto start = pos_;
    std::int64_t value = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
      if (value <= std::numeric_limits<std::int32_t>::max()) {
        value = value * 10 + (text_[pos_] - '0');
      }
      ++pos_;
    }
    if (pos_ == start) {
      return std::nullopt;
    }
    if (value > std::numeric_limits<std::int32_t>::max()) {
      overflow = true;
    }
    return value;
  }

private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

} // namespace

std::variant<NodeIdRanges, std::string> NodeIdRanges::parse(std::string_view text) {
  NodeIdRanges out;
  Scanner scanner(text);
  scanner.skipSpace();
  if (scanner.atEnd()) {
    return out; // blank: Strimzi treats it as no range
  }
  const std::string expected = "must be " + std::string(kNodeIdRangesSyntax);
  if (!scanner.take('[')) {
    return expected;
  }
  scanner.skipSpace();
  if (scanner.take(']')) {
    scanner.skipSpace();
    return scanner.atEnd() ? std::variant<NodeIdRanges, std::string>(out) : expected;
  }
  bool overflow = false;
  while (true) {
    scanner.skipSpace();
    const auto first = scanner.number(overflow);
    if (!first.has_value()) {
      return expected;
    }
    scanner.skipSpace();
    auto last = first;
    if (scanner.take('-')) {
      scanner.skipSpace();
      last = scanner.number(overflow);
      if (!last.has_value()) {
        return expected;
      }
      scanner.skipSpace();
    }
    out.ranges_.push_back({model::NodeId{*first}, model::NodeId{*last}});
    if (scanner.take(',')) {
      continue;
    }
    if (scanner.take(']')) {
      break;
    }
    return expected;
  }
  scanner.skipSpace();
  if (!scanner.atEnd()) {
    return expected;
  }
  if (overflow) {
    return "node IDs must be at most " + std::to_string(std::numeric_limits<std::int32_t>::max());
  }
  return out;
}

bool NodeIdRanges::contains(model::NodeId id) const {
  for (const auto& range : ranges_) {
    const auto low = std::min(range.first, range.last);
    const auto high = std::max(range.first, range.last);
    if (low <= id && id <= high) {
      return true;
    }
  }
  return false;
}

std::optional<model::NodeId> NodeIdRanges::Cursor::next() {
  while (range_ < ranges_.ranges_.size()) {
    const auto& range = ranges_.ranges_[range_];
    if (!last_.has_value()) {
      last_ = range.first;
      return last_;
    }
    if (*last_ == range.last) {
      ++range_;
      last_.reset();
      continue;
    }
    last_->value += range.first <= range.last ? 1 : -1;
    return last_;
  }
  return std::nullopt;
}

} // namespace sgw::strimzi

namespace sgw::strimzi {

std::optional<model::NodeId> NodeIdRanges::Cursor::nextIn(const std::set<model::NodeId>& wanted) {
  while (range_ < ranges_.ranges_.size()) {
    const auto& range = ranges_.ranges_[range_];
    const bool ascending = range.first <= range.last;
    if (last_.has_value() && *last_ == range.last) {
      ++range_;
      last_.reset();
      continue;
    }
    // The first ID this range would yield next.
    model::NodeId from = range.first;
    if (last_.has_value()) {
      from.value = last_->value + (ascending ? 1 : -1);
    }
    std::optional<model::NodeId> found;
    if (ascending) {
      const auto it = wanted.lower_bound(from);
      if (it != wanted.end() && *it <= range.last) {
        found = *it;
      }
    } else {
      auto it = wanted.upper_bound(from);
      if (it != wanted.begin() && *std::prev(it) >= range.last) {
        found = *std::prev(it);
      }
    }
    if (found.has_value()) {
      last_ = found;
      return found;
    }
    ++range_;
    last_.reset();
  }
  return std::nullopt;
}

} // namespace sgw::strimzi

#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sgw/model/node_id.h"

namespace sgw::strimzi {

// How a `strimzi.io/next-node-ids` or `strimzi.io/remove-node-ids` value must look.
inline constexpr std::string_view kNodeIdRangesSyntax =
    "a bracketed list of node IDs and ranges such as [0, 1, 10-15, 200]";

// A parsed node ID range annotation, as Strimzi's NodeIdRange reads it: items in written order,
// each a single ID or an inclusive range that may count down (`[20-10]` yields 20, 19, ... 10).
// A blank value or `[]` is valid and yields nothing.
class NodeIdRanges {
public:
  struct Range {
    model::NodeId first;
    model::NodeId last;
  };

  // Parses a value; on failure returns why, in a phrase that fits after "Invalid value: ...: ".
  static std::variant<NodeIdRanges, std::string> parse(std::string_view text);

  bool contains(model::NodeId id) const;
  bool empty() const { return ranges_.empty(); }
  const std::vector<Range>& ranges() const { return ranges_; }

  // Walks the IDs in the order Strimzi tries them. Ranges can be huge ([0-2000000000]), so IDs
  // are produced one at a time rather than listed.
  class Cursor {
  public:
    explicit Cursor(const NodeIdRanges& ranges) : ranges_(ranges) {}
    std::optional<model::NodeId> next();
    // Consumes IDs until one of `wanted` comes up and returns it, as if next() were called
    // repeatedly, but jumping over the IDs in between: a scale-down walking `[2147483647-0]`
    // to find a pool's few IDs must not step through two billion values.
    std::optional<model::NodeId> nextIn(const std::set<model::NodeId>& wanted);

  private:
    const NodeIdRanges& ranges_;
    std::size_t range_ = 0;
    std::optional<model::NodeId> last_;
  };

private:
  std::vector<Range> ranges_;
};

} // namespace sgw::strimzi

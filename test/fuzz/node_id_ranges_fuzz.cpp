// Any text as a `strimzi.io/next-node-ids` or `remove-node-ids` value: parsed, then walked the
// way the node assignment walks it, one ID at a time and jumping to wanted IDs. Every ID the
// walk gives must be one the ranges contain.

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "sgw/strimzi/node_id_ranges.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using sgw::model::NodeId;
  using sgw::strimzi::NodeIdRanges;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = NodeIdRanges::parse(text);
  const auto* ranges = std::get_if<NodeIdRanges>(&parsed);
  if (ranges == nullptr) {
    if (std::get<std::string>(parsed).empty()) {
      std::abort();
    }
    return 0;
  }
  NodeIdRanges::Cursor walk(*ranges);
  for (int step = 0; step < 1000; ++step) {
    const auto id = walk.next();
    if (!id) {
      break;
    }
    if (!ranges->contains(*id)) {
      std::abort();
    }
  }
  const std::set<NodeId> wanted{NodeId{0}, NodeId{3}, NodeId{100}, NodeId{2147483647}, NodeId{-1}};
  NodeIdRanges::Cursor jump(*ranges);
  for (int step = 0; step < 10; ++step) {
    const auto id = jump.nextIn(wanted);
    if (!id) {
      break;
    }
    if (!wanted.contains(*id) || !ranges->contains(*id)) {
      std::abort();
    }
  }
  return 0;
}

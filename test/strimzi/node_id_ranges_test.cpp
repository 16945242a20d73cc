#include <catch2/catch.hpp>

#include "sgw/strimzi/node_id_ranges.h"

using sgw::model::NodeId;
using sgw::strimzi::NodeIdRanges;

namespace {

// Every ID a cursor yields, stopping after `limit` (ranges may be huge).
std::vector<std::int64_t> walk(const NodeIdRanges& ranges, std::size_t limit = 50) {
  std::vector<std::int64_t> out;
  NodeIdRanges::Cursor cursor(ranges);
  while (out.size() < limit) {
    const auto next = cursor.next();
    if (!next.has_value()) {
      break;
    }
    out.push_back(next->value);
  }
  return out;
}

const std::string kSyntax =
    "must be a bracketed list of node IDs and ranges such as [0, 1, 10-15, 200]";

} // namespace

TEST_CASE("node ID ranges parse like Strimzi's NodeIdRange", "[strimzi][node-id-ranges]") {
  struct Case {
    std::string text;
    std::vector<std::int64_t> ids;
  };
  const auto c = GENERATE(values<Case>({
      {"[0, 1, 10-15, 200]", {0, 1, 10, 11, 12, 13, 14, 15, 200}},
      {"[10-100]", {}}, // checked separately below: long
      {"[5]", {5}},
      {"[20-17]", {20, 19, 18, 17}},
      {"[3-3]", {3}},
      {" [ 1 , 2 - 4 ] ", {1, 2, 3, 4}},
      {"[007]", {7}},
      {"[1,1]", {1, 1}},
      {"\t[\n2\n]\n", {2}},
      {"", {}},
      {"   ", {}},
      {"[]", {}},
      {" [ ] ", {}},
  }));
  CAPTURE(c.text);
  const auto parsed = NodeIdRanges::parse(c.text);
  REQUIRE(std::holds_alternative<NodeIdRanges>(parsed));
  if (c.text == "[10-100]") {
    CHECK(walk(std::get<NodeIdRanges>(parsed), 3) == std::vector<std::int64_t>{10, 11, 12});
  } else {
    CHECK(walk(std::get<NodeIdRanges>(parsed)) == c.ids);
  }
}

TEST_CASE("node ID ranges Strimzi rejects say what the syntax is", "[strimzi][node-id-ranges]") {
  struct Case {
    std::string text;
    std::string reason;
  };
  const auto c = GENERATE(values<Case>({
      {"[1,]", kSyntax},
      {"[,1]", kSyntax},
      {"1,2", kSyntax},
      {"[5-]", kSyntax},
      {"[-1]", kSyntax},
      {"[1 0]", kSyntax},
      {"[+1]", kSyntax},
      {"[a]", kSyntax},
      {"[1-2-3]", kSyntax},
      {"[1]x", kSyntax},
      {"[1", kSyntax},
      {"[[1]]", kSyntax},
      {"[] []", kSyntax},
      {"[2147483648]", "node IDs must be at most 2147483647"},
      {"[1-99999999999999999999]", "node IDs must be at most 2147483647"},
  }));
  CAPTURE(c.text);
  const auto parsed = NodeIdRanges::parse(c.text);
  REQUIRE(std::holds_alternative<std::string>(parsed));
  CHECK(std::get<std::string>(parsed) == c.reason);
}

TEST_CASE("the largest Java int is a valid node ID", "[strimzi][node-id-ranges]") {
  const auto parsed = NodeIdRanges::parse("[2147483647]");
  REQUIRE(std::holds_alternative<NodeIdRanges>(parsed));
  CHECK(walk(std::get<NodeIdRanges>(parsed)) == std::vector<std::int64_t>{2147483647});
}

TEST_CASE("contains() covers ascending and descending ranges", "[strimzi][node-id-ranges]") {
  const auto ranges = std::get<NodeIdRanges>(NodeIdRanges::parse("[30-20, 5, 100-102]"));
  CHECK(ranges.contains(NodeId{20}));
  CHECK(ranges.contains(NodeId{25}));
  CHECK(ranges.contains(NodeId{30}));
  CHECK(ranges.contains(NodeId{5}));
  CHECK(ranges.contains(NodeId{101}));
  CHECK_FALSE(ranges.contains(NodeId{19}));
  CHECK_FALSE(ranges.contains(NodeId{31}));
  CHECK_FALSE(ranges.contains(NodeId{6}));
  CHECK_FALSE(ranges.contains(NodeId{-1}));
}

TEST_CASE("nextIn() consumes the IDs in between, like repeated next()",
          "[strimzi][node-id-ranges]") {
  const auto ranges = std::get<NodeIdRanges>(NodeIdRanges::parse("[2147483647-0, 7]"));
  NodeIdRanges::Cursor cursor(ranges);
  const std::set<NodeId> pool{NodeId{3}, NodeId{7}, NodeId{12}};
  CHECK(cursor.nextIn(pool) == NodeId{12});
  CHECK(cursor.nextIn(pool) == NodeId{7});
  CHECK(cursor.nextIn(pool) == NodeId{3});
  // The descending range is used up; the single item 7 comes next.
  CHECK(cursor.nextIn(pool) == NodeId{7});
  CHECK(cursor.nextIn(pool) == std::nullopt);

  const auto ascending = std::get<NodeIdRanges>(NodeIdRanges::parse("[0-10]"));
  NodeIdRanges::Cursor forward(ascending);
  CHECK(forward.next() == NodeId{0});
  CHECK(forward.nextIn({NodeId{0}, NodeId{4}}) == NodeId{4});
  CHECK(forward.next() == NodeId{5});
  CHECK(forward.nextIn({NodeId{2}, NodeId{11}}) == std::nullopt);
}

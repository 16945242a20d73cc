#include <catch2/catch.hpp>

#include "sgw/rules/message_lists.h"

TEST_CASE("names join with commas", "[rules][message-lists]") {
  CHECK(sgw::rules::joinNames({}).empty());
  CHECK(sgw::rules::joinNames({"a"}) == "a");
  CHECK(sgw::rules::joinNames({"a", "b", "c"}) == "a, b, c");
  CHECK(sgw::rules::joinIds({sgw::model::NodeId{10}, sgw::model::NodeId{11},
                             sgw::model::NodeId{12}}) == "10, 11, 12");
}

TEST_CASE("long lists stop after kMaxListed entries and say how many more",
          "[rules][message-lists]") {
  std::vector<std::string> names;
  std::vector<sgw::model::NodeId> ids;
  std::string listed;
  for (std::size_t i = 0; i < sgw::rules::kMaxListed; ++i) {
    names.push_back("n" + std::to_string(i));
    ids.push_back(sgw::model::NodeId{static_cast<std::int64_t>(i)});
    listed += (i == 0 ? "" : ", ") + std::to_string(i);
  }
  // Exactly kMaxListed: all of them, no tail.
  CHECK(sgw::rules::joinIds(ids) == listed);
  CHECK_FALSE(sgw::rules::joinNames(names).ends_with("more"));
  for (std::size_t i = 0; i < 5; ++i) {
    names.push_back("extra");
    ids.push_back(sgw::model::NodeId{1000});
  }
  CHECK(sgw::rules::joinIds(ids) == listed + " and 5 more");
  const auto joined = sgw::rules::joinNames(names);
  CHECK(joined.starts_with("n0, n1, "));
  CHECK(joined.ends_with(", n19 and 5 more"));
  CHECK(joined.find("extra") == std::string::npos);
}

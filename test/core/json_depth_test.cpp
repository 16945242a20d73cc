#include <catch2/catch.hpp>

#include "sgw/core/json_depth.h"

using sgw::jsonNestingDepth;

TEST_CASE("nesting depth counts arrays and objects, not brackets in strings", "[core][json]") {
  CHECK(jsonNestingDepth("") == 0);
  CHECK(jsonNestingDepth("42") == 0);
  CHECK(jsonNestingDepth("{}") == 1);
  CHECK(jsonNestingDepth(R"({"a":"[[[\"[[","b":[[{}]]})") == 4);
  CHECK(jsonNestingDepth(R"(["\\",[1]])") == 2);
  CHECK(jsonNestingDepth(std::string(100000, '[')) == 100000);
  // Unbalanced closing brackets never take the depth below zero.
  CHECK(jsonNestingDepth("]]]]{[") == 2);
}

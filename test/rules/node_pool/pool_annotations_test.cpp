#include <catch2/catch.hpp>
#include <functional>

#include "sgw/rules/node_pool/pool_annotations.h"
#include "support/seed.h"

using sgw::test::Seed;
using Json = nlohmann::json;

namespace {

const std::string kNext = "metadata.annotations[strimzi.io/next-node-ids]";
const std::string kRemove = "metadata.annotations[strimzi.io/remove-node-ids]";
const std::string kSyntax =
    "must be a bracketed list of node IDs and ranges such as [0, 1, 10-15, 200]";

} // namespace

TEST_CASE("pool-annotations refuses ID ranges Strimzi would ignore", "[rules][pool-annotations]") {
  struct Case {
    std::string name;
    std::function<void(Json&)> change;
    std::vector<std::string> expected;
  };
  const auto c = GENERATE(values<Case>({
      {"the seed is allowed", [](Json&) {}, {}},
      {"an unterminated range",
       [](Json& pool) { pool["metadata"]["annotations"]["strimzi.io/next-node-ids"] = "[10-"; },
       {"deny: " + kNext + ": Invalid value: \"[10-\": " + kSyntax +
        "; Strimzi would ignore it and assign IDs sequentially"}},
      {"a remove list without brackets",
       [](Json& pool) { pool["metadata"]["annotations"]["strimzi.io/remove-node-ids"] = "10"; },
       {"deny: " + kRemove + ": Invalid value: \"10\": " + kSyntax +
        "; Strimzi would ignore it and remove the highest IDs first"}},
      {"an ID beyond Java's int",
       [](Json& pool) {
         pool["metadata"]["annotations"]["strimzi.io/next-node-ids"] = "[2147483648]";
       },
       {"deny: " + kNext +
        ": Invalid value: \"[2147483648]\": node IDs must be at most "
        "2147483647; Strimzi would ignore it and assign IDs sequentially"}},
      {"an empty list",
       [](Json& pool) { pool["metadata"]["annotations"]["strimzi.io/next-node-ids"] = "[ ]"; },
       {"warn: " + kNext +
        ": Invalid value: \"[ ]\": names no node IDs; Strimzi acts as if it "
        "were not set"}},
      {"a range with no unused ID left for a scale-up",
       [](Json& pool) {
         pool["metadata"]["annotations"]["strimzi.io/next-node-ids"] = "[10-12]";
         pool["spec"]["replicas"] = 5;
       },
       {"warn: " + kNext +
        ": Invalid value: \"[10-12]\": runs out of unused IDs; Strimzi will "
        "assign 1, 2 instead"}},
      {"a scale-up inside the range", [](Json& pool) { pool["spec"]["replicas"] = 4; }, {}},
      {"a remove list naming no node of the pool",
       [](Json& pool) {
         pool["metadata"]["annotations"]["strimzi.io/remove-node-ids"] = "[13, 0]";
         pool["spec"]["replicas"] = 2;
       },
       {"warn: " + kRemove +
        ": Invalid value: \"[13, 0]\": names no further node of this pool; "
        "Strimzi will remove 12 instead"}},
      {"a remove list naming the removed node",
       [](Json& pool) {
         pool["metadata"]["annotations"]["strimzi.io/remove-node-ids"] = "[10]";
         pool["spec"]["replicas"] = 2;
       },
       {}},
      {"a remove list is only judged on a scale-down",
       [](Json& pool) { pool["metadata"]["annotations"]["strimzi.io/remove-node-ids"] = "[13]"; },
       {}},
      {"a pool without the cluster label is judged alone",
       [](Json& pool) {
         pool["metadata"].erase("labels");
         pool["metadata"]["annotations"]["strimzi.io/next-node-ids"] = "[10-12]";
         pool["spec"]["replicas"] = 4;
       },
       {"warn: " + kNext +
        ": Invalid value: \"[10-12]\": runs out of unused IDs; Strimzi will "
        "assign 0 instead"}},
  }));
  CAPTURE(c.name);
  Seed seed;
  auto pool = seed.get("KafkaNodePool", "broker");
  c.change(pool);
  CHECK(sgw::test::check(sgw::rules::node_pool::poolAnnotationsRule(), seed.snapshot(), pool) ==
        c.expected);
}

TEST_CASE("pool-annotations judges a new pool's first IDs", "[rules][pool-annotations]") {
  Seed seed;
  auto pool = seed.get("KafkaNodePool", "broker");
  pool["metadata"]["name"] = "extra";
  pool["metadata"]["annotations"]["strimzi.io/next-node-ids"] = "[200-201]";
  pool.erase("status");
  CHECK(sgw::test::check(sgw::rules::node_pool::poolAnnotationsRule(), seed.snapshot(), pool,
                         sgw::rules::Operation::Create) ==
        std::vector<std::string>{"warn: " + kNext +
                                 ": Invalid value: \"[200-201]\": runs out of unused IDs; Strimzi "
                                 "will assign 1 instead"});
}

#include <catch2/catch.hpp>
#include <random>

#include "sgw/admission/review_pipeline.h"
#include "support/running_server.h"
#include "support/temp_dir.h"

// Reviews of objects bent out of shape: every field of recorded requests replaced by values of
// other types, extreme numbers and odd strings, or removed. Whatever comes in, the answer is a
// well-formed AdmissionReview (or a 400), never an exception or a crash.

namespace {

using Json = nlohmann::json;

std::vector<Json*> allNodes(Json& root) {
  std::vector<Json*> out;
  std::vector<Json*> pending{&root};
  while (!pending.empty()) {
    Json* node = pending.back();
    pending.pop_back();
    out.push_back(node);
    if (node->is_object() || node->is_array()) {
      for (auto& child : *node) {
        pending.push_back(&child);
      }
    }
  }
  return out;
}

Json oddValue(std::mt19937& random) {
  switch (random() % 14) {
  case 0:
    return nullptr;
  case 1:
    return -1;
  case 2:
    return std::numeric_limits<std::int64_t>::max();
  case 3:
    return std::numeric_limits<std::int64_t>::min();
  case 4:
    return 18446744073709551615ULL;
  case 5:
    return 1.5;
  case 6:
    return "";
  case 7:
    return std::string(5000, 'x');
  case 8:
    return Json::array();
  case 9:
    return Json::object();
  case 10:
    return true;
  case 11:
    return "{nodeId}{{}}}-\xc3\xa9.*.";
  case 12:
    return Json::array({nullptr, 1, "a", Json::object()});
  default:
    return "[2147483647-0, -, 10-]";
  }
}

void bend(Json& request, std::mt19937& random) {
  auto& review = request["request"];
  for (int change = 0; change < 1 + static_cast<int>(random() % 3); ++change) {
    Json& target = random() % 2 == 0 ? review["object"] : review["oldObject"];
    auto nodes = allNodes(target);
    Json* node = nodes[random() % nodes.size()];
    if (node->is_object() && !node->empty() && random() % 3 == 0) {
      auto it = node->begin();
      std::advance(it, static_cast<long>(random() % node->size()));
      node->erase(it.key());
    } else {
      *node = oddValue(random);
    }
  }
}

} // namespace

TEST_CASE("bent recorded requests always get a well-formed answer", "[admission][robustness]") {
  const auto snapshot = sgw::test::examplesSnapshot();
  const auto now = std::chrono::system_clock::from_time_t(1795000000);
  std::mt19937 random(20261126); // fixed: a failure reproduces
  std::size_t answered = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(sgw::test::fixturePath("admission"))) {
    if (entry.path().extension() != ".json") {
      continue;
    }
    const auto original = Json::parse(sgw::test::readFile(entry.path()));
    for (int variant = 0; variant < 40; ++variant) {
      auto request = original;
      bend(request, random);
      const auto body = request.dump(-1, ' ', false, Json::error_handler_t::replace);
      for (const auto endpoint :
           {sgw::admission::Endpoint::Validate, sgw::admission::Endpoint::Mutate}) {
        INFO(entry.path().filename().string() << " variant " << variant << ": " << body);
        sgw::admission::HttpAnswer answer;
        REQUIRE_NOTHROW(answer = sgw::admission::answer(body, endpoint, snapshot, now));
        REQUIRE((answer.status == 200 || answer.status == 400));
        if (answer.status == 200) {
          const auto response = Json::parse(answer.body)["response"];
          REQUIRE(response["uid"] == request["request"]["uid"]);
          REQUIRE(response["allowed"].is_boolean());
          REQUIRE(response.contains("patch") == response.contains("patchType"));
          if (response["allowed"] == false) {
            REQUIRE(response["status"]["code"] == 403);
            REQUIRE_FALSE(response["status"]["message"].get<std::string>().empty());
          }
        }
        ++answered;
      }
    }
  }
  CHECK(answered == 66 * 40 * 2);
}

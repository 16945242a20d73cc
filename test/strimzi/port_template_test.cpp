#include <catch2/catch.hpp>
#include <string>
#include <variant>

#include "sgw/strimzi/port_template.h"

using sgw::model::NodeId;
using sgw::strimzi::renderPortTemplate;

namespace {

std::string render(const std::string& portTemplate, std::int64_t id) {
  const auto result = renderPortTemplate(portTemplate, NodeId{id});
  if (const auto* port = std::get_if<std::int64_t>(&result)) {
    return std::to_string(*port);
  }
  return "error: " + std::get<std::string>(result);
}

} // namespace

TEST_CASE("advertisedPortTemplate renders as Strimzi evaluates it",
          "[strimzi][advertised-port-template]") {
  const auto [portTemplate, id, expected] = GENERATE(table<std::string, std::int64_t, std::string>({
      {"9000", 7, "9000"},
      {"9000+{nodeId}", 7, "9007"},
      {"9000 + {nodeId}", 7, "9007"},
      {"{nodeId} + 10000", 7, "10007"},
      {"9000 + ({nodeId} * 10)", 7, "9070"},
      {"9000 + {nodeId} * 10", 7, "9070"},
      {"(9000 + {nodeId}) * 2", 7, "18014"},
      {"10000 - {nodeId} - 1", 7, "9992"},
      {"9000 + {nodeId}", 1000, "10000"},
      {"9000 + {nodeId}", 2147483647, "2147483647"}, // cut to a Java int, as Strimzi does
      {"9000.9", 1, "9000"},
      {"  9092  ", 1, "9092"},
      {"9{nodeId}", 1, "91"}, // the placeholder is replaced as text before evaluating
      {"9000 / {nodeId}", 7, "error: unexpected \"/ 7\""},
      {"9000 + {podId}", 7, "error: unexpected \"{podId}\" where a number was expected"},
      {"9000 + {nodeid}", 7, "error: unexpected \"{nodeid}\" where a number was expected"},
      {"-9000", 7, "error: unexpected \"-9000\" where a number was expected"},
      {"9000 +", 7, "error: it ends where a number was expected"},
      {"(9000", 7, "error: a parenthesis is not closed"},
      {"9000)", 7, "error: unexpected \")\""},
      {"90 00", 7, "error: unexpected \"00\""},
      {"", 7, "error: it ends where a number was expected"},
  }));
  CAPTURE(portTemplate, id);
  CHECK(render(portTemplate, id) == expected);
}

TEST_CASE("advertisedPortTemplate survives numbers no double holds",
          "[strimzi][advertised-port-template]") {
  CHECK(render(std::string(400, '9'), 1) == "2147483647");
  CHECK(render("0 - " + std::string(400, '9'), 1) == "-2147483648");
  CHECK(render(std::string(400, '9') + " * 0", 1) == "0"); // NaN, which Java's cast makes 0
  // Nesting is bounded, so a hostile template cannot exhaust the stack.
  CHECK(render(std::string(100000, '(') + "1" + std::string(100000, ')'), 1) ==
        "error: parentheses nested deeper than 64");
  CHECK(render(std::string(64, '(') + "1" + std::string(64, ')'), 1) == "1");
}

#include <catch2/catch.hpp>
#include <string>

#include "sgw/mutation/host_template.h"

using sgw::mutation::dnsSubdomainProblem;
using sgw::mutation::HostTemplate;
using sgw::mutation::HostTemplateValues;

namespace {

const HostTemplateValues kBroker10{sgw::model::NodeId{10},
                                   "gateway-api-test-broker-10",
                                   "broker",
                                   "gateway-api-test",
                                   "strimzi",
                                   "obiwan"};

std::string render(const std::string& text) {
  auto parsed = HostTemplate::parse(text);
  REQUIRE(std::holds_alternative<HostTemplate>(parsed));
  return std::get<HostTemplate>(parsed).render(kBroker10);
}

std::string parseError(const std::string& text) {
  auto parsed = HostTemplate::parse(text);
  REQUIRE(std::holds_alternative<std::string>(parsed));
  return std::get<std::string>(parsed);
}

} // namespace

TEST_CASE("host templates replace every placeholder", "[mutation][host-template]") {
  const auto [text, rendered] = GENERATE(table<std::string, std::string>({
      {"broker-{nodeId}.strimzi.gateway.api.test", "broker-10.strimzi.gateway.api.test"},
      {"{nodePodName}.example.com", "gateway-api-test-broker-10.example.com"},
      {"{pool}-{nodeId}.{cluster}.{namespace}.example.com",
       "broker-10.gateway-api-test.strimzi.example.com"},
      {"{listener}-{nodeId}-{nodeId}.example.com", "obiwan-10-10.example.com"},
      {"{nodeId}", "10"},
  }));
  CAPTURE(text);
  CHECK(render(text) == rendered);
  CHECK(std::get<HostTemplate>(HostTemplate::parse(text)).text() == text);
}

TEST_CASE("malformed host templates say what is wrong", "[mutation][host-template]") {
  const auto [text, error] = GENERATE(table<std::string, std::string>({
      {"", "must not be empty; for example broker-{nodeId}.kafka.example.com"},
      {"broker-{id}.example.com",
       "unknown placeholder {id}; use {nodeId}, {nodePodName}, {pool}, {cluster}, {namespace} or "
       "{listener}"},
      {"broker-{}.example.com",
       "unknown placeholder {}; use {nodeId}, {nodePodName}, {pool}, {cluster}, {namespace} or "
       "{listener}"},
      {"broker-{nodeId.example.com",
       "unbalanced braces: \"{\" at character 8 is not closed by \"}\""},
      {"{{nodeId}}.example.com", "unbalanced braces: \"{\" at character 1 is not closed by \"}\""},
      {"broker-}{nodeId}.example.com",
       "unbalanced braces: \"}\" at character 8 has no opening \"{\""},
      {"{nodeId}}.example.com", "unbalanced braces: \"}\" at character 9 has no opening \"{\""},
      {"kafka.example.com",
       "must contain {nodeId} or {nodePodName}, or every broker would advertise the same host"},
      {"{pool}.{cluster}.example.com",
       "must contain {nodeId} or {nodePodName}, or every broker would advertise the same host"},
  }));
  CAPTURE(text);
  CHECK(parseError(text) == error);
}

TEST_CASE("advertised hosts must be lowercase RFC 1123 subdomains", "[mutation][host-template]") {
  const std::string label63(63, 'a');
  const std::string name253 = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'b');
  REQUIRE(name253.size() == 253);

  SECTION("valid names") {
    const auto host = GENERATE_COPY(values<std::string>(
        {"broker-10.strimzi.gateway.api.test", "10", "a", "a-b.c", label63 + ".example", name253}));
    CAPTURE(host);
    CHECK(dnsSubdomainProblem(host) == std::nullopt);
  }
  SECTION("invalid names") {
    const auto [host, problem] = GENERATE_COPY(table<std::string, std::string>({
        {"", "is empty"},
        {"Broker-10.example.com",
         "contains \"B\"; only lowercase letters, digits, '-' and '.' are allowed"},
        {"broker_10.example.com",
         "contains \"_\"; only lowercase letters, digits, '-' and '.' are allowed"},
        {"*.example.com",
         "contains \"*\"; only lowercase letters, digits, '-' and '.' are allowed"},
        {name253 + "c", "is 254 characters long; at most 253 are allowed"},
        {label63 + "a.example", "has a label of 64 characters; at most 63 are allowed"},
        {"broker..example.com", "has an empty label; labels are separated by single dots"},
        {".example.com", "has an empty label; labels are separated by single dots"},
        {"example.com.", "has an empty label; labels are separated by single dots"},
        {"-broker.example.com",
         "has the label \"-broker\", which must start and end with a letter or digit"},
        {"broker.example-", "has the label \"example-\", which must start and end with a letter "
                            "or digit"},
    }));
    CAPTURE(host);
    CHECK(dnsSubdomainProblem(host) == std::optional<std::string>(problem));
  }
}

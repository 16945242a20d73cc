#include <catch2/catch.hpp>

#include "sgw/mutation/mutation_annotations.h"

using sgw::mutation::readMutationAnnotations;

namespace {

const std::string kTemplate(sgw::mutation::kHostTemplateAnnotation);
const std::string kPort(sgw::mutation::kPortAnnotation);

sgw::model::Kafka kafkaWith(std::map<std::string, std::string> annotations,
                            std::vector<std::string> listeners = {"obiwan", "external"}) {
  sgw::model::Kafka kafka;
  kafka.metadata = {"my-cluster", "strimzi", "", {}, std::move(annotations), {}};
  for (const auto& name : listeners) {
    sgw::model::KafkaListener listener;
    listener.name = name;
    listener.port = 9092;
    listener.type = "cluster-ip";
    listener.tls = true;
    kafka.listeners.push_back(listener);
  }
  return kafka;
}

std::vector<std::string> findingTexts(const sgw::rules::FindingList& findings) {
  std::vector<std::string> out;
  for (const auto& finding : findings) {
    out.push_back(
        std::string(finding.severity == sgw::rules::Severity::Deny ? "deny: " : "warn: ") +
        finding.error.toString());
  }
  return out;
}

} // namespace

TEST_CASE("a listener's own annotations win over the general ones", "[mutation][annotations]") {
  sgw::rules::FindingList findings;
  sgw::rules::FindingSink sink("advertised-hosts", findings);
  const auto annotations =
      readMutationAnnotations(kafkaWith({{kTemplate, "b-{nodeId}.example"},
                                         {kTemplate + ".external", "ext-{nodeId}.example"},
                                         {kPort, "443"},
                                         {kPort + ".external", "9443"},
                                         {"strimzi.io/node-pools", "enabled"}}),
                              sink);
  CHECK(findings.empty());

  REQUIRE(annotations.hostTemplateFor("obiwan", true) != nullptr);
  CHECK(annotations.hostTemplateFor("obiwan", true)->key == kTemplate);
  CHECK(annotations.hostTemplateFor("obiwan", true)->hostTemplate.text() == "b-{nodeId}.example");
  // The general template is for eligible listeners only; a listener's own is used regardless.
  CHECK(annotations.hostTemplateFor("obiwan", false) == nullptr);
  REQUIRE(annotations.hostTemplateFor("external", false) != nullptr);
  CHECK(annotations.hostTemplateFor("external", false)->key == kTemplate + ".external");
  CHECK(annotations.hostTemplateFor("external", false)->hostTemplate.text() ==
        "ext-{nodeId}.example");

  REQUIRE(annotations.portFor("obiwan") != nullptr);
  CHECK(annotations.portFor("obiwan")->key == kPort);
  CHECK(annotations.portFor("obiwan")->port == 443);
  REQUIRE(annotations.portFor("external") != nullptr);
  CHECK(annotations.portFor("external")->key == kPort + ".external");
  CHECK(annotations.portFor("external")->port == 9443);
}

TEST_CASE("without annotations there is no template and no port", "[mutation][annotations]") {
  sgw::rules::FindingList findings;
  sgw::rules::FindingSink sink("advertised-hosts", findings);
  // Keys that only start like the webhook's are not its annotations.
  const auto annotations =
      readMutationAnnotations(kafkaWith({{kTemplate + "s", "b-{nodeId}.example"},
                                         {kPort + "-obiwan", "443"},
                                         {"example.com/advertised-port", "x"}}),
                              sink);
  CHECK(findings.empty());
  CHECK_FALSE(annotations.hostTemplate.has_value());
  CHECK(annotations.listenerHostTemplates.empty());
  CHECK_FALSE(annotations.port.has_value());
  CHECK(annotations.listenerPorts.empty());
  CHECK(annotations.hostTemplateFor("obiwan", true) == nullptr);
  CHECK(annotations.portFor("obiwan") == nullptr);
}

TEST_CASE("port annotations take the numbers 1 to 65535 only", "[mutation][annotations]") {
  const auto [value, port] = GENERATE(table<std::string, std::int64_t>({
      {"1", 1},
      {"65535", 65535},
      {"00443", 443},
      {"0", 0},
      {"65536", 0},
      {"123456", 0},
      {"", 0},
      {"+443", 0},
      {"-1", 0},
      {"443 ", 0},
      {"4e2", 0},
  }));
  CAPTURE(value);
  sgw::rules::FindingList findings;
  sgw::rules::FindingSink sink("advertised-hosts", findings);
  const auto annotations = readMutationAnnotations(kafkaWith({{kPort, value}}), sink);
  if (port == 0) {
    CHECK_FALSE(annotations.port.has_value());
    CHECK(findingTexts(findings) ==
          std::vector<std::string>{
              "deny: metadata.annotations[strimzi-gateway-webhook.io/advertised-port]: Invalid "
              "value: " +
              sgw::goQuote(value) + ": must be a port number from 1 to 65535"});
  } else {
    REQUIRE(annotations.port.has_value());
    CHECK(annotations.port->port == port);
    CHECK(findings.empty());
  }
}

TEST_CASE("annotations that cannot be used are denied or warned about on their key",
          "[mutation][annotations]") {
  sgw::rules::FindingList findings;
  sgw::rules::FindingSink sink("advertised-hosts", findings);
  const auto annotations = readMutationAnnotations(
      kafkaWith({{kTemplate, "b-{nodeId.example"},
                 // Read even though it names no listener: its syntax is denied first.
                 {kTemplate + ".nope", "{id}.example"},
                 {kTemplate + ".obiwann", "b-{nodeId}.example"},
                 {kPort + ".", "443"},
                 {kPort + ".external", "https"}}),
      sink);
  CHECK(findingTexts(findings) ==
        std::vector<std::string>{
            "deny: metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template]: "
            "Invalid value: \"b-{nodeId.example\": unbalanced braces: \"{\" at character 3 is not "
            "closed by \"}\"",
            "deny: metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template.nope]: "
            "Invalid value: \"{id}.example\": unknown placeholder {id}; use {nodeId}, "
            "{nodePodName}, {pool}, {cluster}, {namespace} or {listener}",
            "warn: metadata.annotations[strimzi-gateway-webhook.io/advertised-host-template."
            "obiwann]: Not found: \"obiwann\": no listener has this name; the listeners are "
            "obiwan, external",
            "warn: metadata.annotations[strimzi-gateway-webhook.io/advertised-port.]: Not found: "
            "\"\": no listener has this name; the listeners are obiwan, external",
            "deny: metadata.annotations[strimzi-gateway-webhook.io/advertised-port.external]: "
            "Invalid value: \"https\": must be a port number from 1 to 65535"});
  CHECK(findings.front().ruleId == "advertised-hosts");
  CHECK_FALSE(annotations.hostTemplate.has_value());
  CHECK(annotations.listenerHostTemplates.empty());
  CHECK(annotations.listenerPorts.empty());
}

TEST_CASE("a per-listener annotation on a Kafka without listeners is ignored with a warning",
          "[mutation][annotations]") {
  sgw::rules::FindingList findings;
  sgw::rules::FindingSink sink("advertised-hosts", findings);
  const auto annotations =
      readMutationAnnotations(kafkaWith({{kPort + ".obiwan", "443"}}, {}), sink);
  CHECK(findingTexts(findings) ==
        std::vector<std::string>{
            "warn: metadata.annotations[strimzi-gateway-webhook.io/advertised-port.obiwan]: Not "
            "found: \"obiwan\": the Kafka has no listeners; the annotation is ignored"});
  CHECK(annotations.portFor("obiwan") == nullptr);
}

TEST_CASE("annotationPath names the annotation by its whole key", "[mutation][annotations]") {
  const auto path = sgw::mutation::annotationPath("strimzi.io/next-node-ids");
  CHECK(path.toString() == "metadata.annotations[strimzi.io/next-node-ids]");
  CHECK(path.jsonPointer() == "/metadata/annotations/strimzi.io~1next-node-ids");
}

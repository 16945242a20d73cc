// The notes Helm prints after an install: what was installed, and what to check next for the
// certificate mode in use.

#include <catch2/catch.hpp>

#include "chart/chart_render.h"

namespace sgw::test::chart {
namespace {

std::string notes(std::string_view values, const std::vector<std::string>& extraArgs = {}) {
  auto args = extraArgs;
  args.push_back("--notes");
  const auto result = renderChart(values, args);
  INFO(result.err);
  REQUIRE(result.exitCode == 0);
  const auto start = result.out.find("\nNOTES:\n");
  REQUIRE(start != std::string::npos);
  return result.out.substr(start + 1);
}

TEST_CASE("chart: the notes say what is reviewed and how to wait for it", "[chart]") {
  const auto text = notes("");
  CHECK_THAT(text, Catch::StartsWith("NOTES:\nstrimzi-gateway-webhook 0.1.0 is installed as "
                                     "sgw-strimzi-gateway-webhook in namespace sgw-system.\n"));
  CHECK_THAT(text, Catch::Contains("in every namespace except kube-system, sgw-system.\n"
                                   "Changes to these kinds are refused while no webhook Pod "
                                   "answers (failurePolicy Fail).\n"));
  CHECK_THAT(text,
             Catch::Contains(
                 "kubectl -n sgw-system rollout status deployment/sgw-strimzi-gateway-webhook\n"));
}

TEST_CASE("chart: the notes follow the namespaces, failure policy and certificate mode",
          "[chart]") {
  const auto [values, expected] = GENERATE(table<std::string, std::string>({
      {"watchNamespaces: [strimzi, kafka-b]", "in the namespaces strimzi, kafka-b.\n"},
      {"webhook: {failurePolicy: Ignore}",
       "Changes to these kinds go through unchecked while no webhook Pod answers (failurePolicy "
       "Ignore).\n"},
      {"", "kubectl -n sgw-system get certificate sgw-strimzi-gateway-webhook-serving\n"},
      {"certificates: {mode: existingSecret, existingSecret: {name: webhook-tls, caBundle: Q0EK}}",
       "The serving certificate is read from the Secret webhook-tls."},
  }));
  INFO(values);
  CHECK_THAT(notes(values), Catch::Contains(expected));
}

} // namespace
} // namespace sgw::test::chart

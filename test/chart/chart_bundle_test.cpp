// What ships besides the templates: the static install bundle rendered from the chart, YAML that
// passes yamllint, a README that documents every value, and versions that agree.

#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <yaml-cpp/yaml.h>

#include "chart/chart_render.h"

namespace sgw::test::chart {
namespace {

const std::filesystem::path kBundle = kSourceDir / "charts" / "strimzi-gateway-webhook.yaml";

TEST_CASE("chart: the install bundle is the chart rendered with its defaults", "[chart]") {
  const auto result =
      runProcess({renderer(), "--chart", kChartDir.string(), "--release", "strimzi-gateway-webhook",
                  "--namespace", "strimzi-gateway-webhook"});
  INFO(result.err);
  REQUIRE(result.exitCode == 0);
  // On a difference: cmake --build build --target chart-bundle, and commit the file.
  CHECK(readFile(kBundle) == result.out);
}

TEST_CASE("chart: default objects, in the order Helm installs them", "[chart]") {
  CHECK(kindsAndNames(chartObjects()) ==
        std::vector<std::string>{
            "PodDisruptionBudget/sgw-strimzi-gateway-webhook",
            "ServiceAccount/sgw-strimzi-gateway-webhook",
            "ClusterRole/sgw-strimzi-gateway-webhook",
            "ClusterRoleBinding/sgw-strimzi-gateway-webhook",
            "Service/sgw-strimzi-gateway-webhook",
            "Deployment/sgw-strimzi-gateway-webhook",
            "Certificate/sgw-strimzi-gateway-webhook-ca",
            "Certificate/sgw-strimzi-gateway-webhook-serving",
            "Issuer/sgw-strimzi-gateway-webhook-selfsigned",
            "Issuer/sgw-strimzi-gateway-webhook-ca",
            "MutatingWebhookConfiguration/sgw-strimzi-gateway-webhook",
            "ValidatingWebhookConfiguration/sgw-strimzi-gateway-webhook",
        });
}

TEST_CASE("chart: values, Chart.yaml and every rendering pass yamllint", "[chart]") {
  TempDir dir;
  const auto certs = dir.path() / "certs";
  const auto caBundle = generateDevCerts(certs);
  const std::vector<std::pair<std::string, std::vector<std::string>>> scenarios{
      {"default", {}},
      {"namespaces", {"-f", (dir.path() / "namespaces.yaml").string()}},
      {"existing-secret",
       {"--set", "certificates.mode=existingSecret", "--set",
        "certificates.existingSecret.name=webhook-tls", "--set",
        "certificates.existingSecret.caBundle=" + caBundle}},
      {"files",
       {"--set", "certificates.mode=files", "--set-file",
        "certificates.files.tlsCrt=" + (certs / "tls.crt").string(), "--set-file",
        "certificates.files.tlsKey=" + (certs / "tls.key").string(), "--set-file",
        "certificates.files.caCrt=" + (certs / "ca.crt").string()}},
      {"issuer", {"--set", "certificates.certManager.issuerRef.name=company-ca"}},
  };
  writeFile(dir.path() / "namespaces.yaml",
            "watchNamespaces: [strimzi, kafka-b]\nrbac: {secretNames: [my-certificate]}\n");

  std::vector<std::string> lint{"yamllint",
                                "--strict",
                                "-f",
                                "parsable",
                                "-c",
                                (kSourceDir / ".yamllint").string(),
                                (kChartDir / "values.yaml").string(),
                                (kChartDir / "Chart.yaml").string(),
                                kBundle.string()};
  for (const auto& [name, args] : scenarios) {
    std::vector<std::string> argv{renderer(), "--chart", kChartDir.string(), "--output",
                                  (dir.path() / (name + ".yaml")).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto rendered = runProcess(argv);
    INFO(name << ": " << rendered.err);
    REQUIRE(rendered.exitCode == 0);
    lint.push_back((dir.path() / (name + ".yaml")).string());
  }

  const auto result = runProcess(lint);
  if (result.exitCode == -1) {
    FAIL("yamllint is not installed: apt-get install yamllint");
  }
  INFO(result.out << result.err);
  CHECK(result.exitCode == 0);
}

// Paths of every value in values.yaml, descending into maps except those passed through to
// Kubernetes as a whole.
void collectValuePaths(const YAML::Node& node, const std::string& prefix,
                       std::vector<std::string>& out) {
  static const std::set<std::string> kWhole{"podSecurityContext", "securityContext", "resources",
                                            "livenessProbe", "readinessProbe"};
  for (const auto& entry : node) {
    const auto path = prefix + entry.first.as<std::string>();
    if (entry.second.IsMap() && entry.second.size() > 0 && kWhole.count(path) == 0) {
      collectValuePaths(entry.second, path + ".", out);
    } else {
      out.push_back(path);
    }
  }
}

TEST_CASE("chart: the README lists every value", "[chart]") {
  std::vector<std::string> paths;
  collectValuePaths(YAML::LoadFile((kChartDir / "values.yaml").string()), "", paths);
  REQUIRE(paths.size() > 40);
  const auto readme = readFile(kChartDir / "README.md");
  for (const auto& path : paths) {
    INFO(path);
    CHECK(readme.find("| `" + path + "` |") != std::string::npos);
  }
}

TEST_CASE("chart: the chart's appVersion is the project version", "[chart]") {
  std::smatch project;
  const auto cmake = readFile(kSourceDir / "CMakeLists.txt");
  REQUIRE(std::regex_search(cmake, project,
                            std::regex(R"(project\(strimzi-gateway-webhook VERSION ([0-9.]+))")));
  std::smatch chart;
  const auto chartYaml = readFile(kChartDir / "Chart.yaml");
  REQUIRE(std::regex_search(chartYaml, chart, std::regex(R"re(\nappVersion: "([^"]+)")re")));
  CHECK(chart[1].str() == project[1].str());
}

} // namespace
} // namespace sgw::test::chart

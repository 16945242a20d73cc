#pragma once

// Helpers of the chart tests: run the chart renderer (test/chart/render, Helm's template engine)
// and read the objects it prints with the project's manifest reader.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sgw/manifest/manifest.h"
#include "support/temp_dir.h"
#include "support/test_paths.h"

extern char** environ;

namespace sgw::test::chart {

inline const std::filesystem::path kSourceDir = SGW_SOURCE_DIR;
inline const std::filesystem::path kChartDir = kSourceDir / "charts" / "strimzi-gateway-webhook";
// The release the tests install: its objects are called sgw-strimzi-gateway-webhook.
inline constexpr std::string_view kRelease = "sgw";
inline constexpr std::string_view kNamespace = "sgw-system";
inline constexpr std::string_view kFullname = "sgw-strimzi-gateway-webhook";

inline void writeFile(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

struct ProcessResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// Runs a program (looked up in PATH) without a shell, capturing what it prints.
inline ProcessResult runProcess(const std::vector<std::string>& argv) {
  TempDir dir;
  const auto outFile = (dir.path() / "stdout").string();
  const auto errFile = (dir.path() / "stderr").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<char*> args;
  for (const auto& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ProcessResult result;
  if (spawned != 0) {
    result.err = argv[0] + ": cannot start: " + std::strerror(spawned);
    return result;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = readFile(outFile);
  result.err = readFile(errFile);
  return result;
}

// The renderer binary; fails the test, saying why, when the build could not make it.
inline std::string renderer() {
  const std::filesystem::path binary = SGW_CHART_RENDERER;
  if (!std::filesystem::exists(binary)) {
    const std::filesystem::path error = SGW_CHART_RENDERER_ERROR;
    FAIL("the chart renderer was not built: "
         << (std::filesystem::exists(error) ? readFile(error) : std::string("rebuild sgw_tests")));
  }
  return binary.string();
}

// Renders the chart as release sgw in namespace sgw-system, with `values` (YAML, may be empty) as
// a values file and then `extraArgs` (--set K=V, --set-file K=PATH, ...).
inline ProcessResult renderChart(std::string_view values = "",
                                 const std::vector<std::string>& extraArgs = {}) {
  TempDir dir;
  std::vector<std::string> argv{renderer(),
                                "--chart",
                                kChartDir.string(),
                                "--release",
                                std::string(kRelease),
                                "--namespace",
                                std::string(kNamespace)};
  if (!values.empty()) {
    writeFile(dir.path() / "values.yaml", values);
    argv.insert(argv.end(), {"-f", (dir.path() / "values.yaml").string()});
  }
  argv.insert(argv.end(), extraArgs.begin(), extraArgs.end());
  return runProcess(argv);
}

// Parses rendered manifests; every document must read as a Kubernetes object.
inline std::vector<nlohmann::json> parseObjects(const std::string& manifests) {
  const auto loaded = sgw::manifest::loadText(manifests, "rendered chart");
  for (const auto& error : loaded.errors) {
    FAIL(error.toString());
  }
  std::vector<nlohmann::json> objects;
  for (const auto& manifest : loaded.manifests) {
    objects.push_back(manifest.object);
  }
  return objects;
}

// The objects the chart renders with `values`; fails the test when rendering fails.
inline std::vector<nlohmann::json> chartObjects(std::string_view values = "",
                                                const std::vector<std::string>& extraArgs = {}) {
  const auto result = renderChart(values, extraArgs);
  INFO(result.err);
  REQUIRE(result.exitCode == 0);
  return parseObjects(result.out);
}

// Each object as "Kind/name", in the order rendered.
inline std::vector<std::string> kindsAndNames(const std::vector<nlohmann::json>& objects) {
  std::vector<std::string> out;
  for (const auto& object : objects) {
    out.push_back(object.value("kind", "") + "/" + object["metadata"].value("name", ""));
  }
  return out;
}

inline std::vector<nlohmann::json> objectsOfKind(const std::vector<nlohmann::json>& objects,
                                                 std::string_view kind) {
  std::vector<nlohmann::json> out;
  for (const auto& object : objects) {
    if (object.value("kind", "") == kind) {
      out.push_back(object);
    }
  }
  return out;
}

// The one object of this kind and name; fails the test when there is none.
inline nlohmann::json objectOf(const std::vector<nlohmann::json>& objects, std::string_view kind,
                               std::string_view name) {
  for (const auto& object : objects) {
    if (object.value("kind", "") == kind && object["metadata"].value("name", "") == name) {
      return object;
    }
  }
  FAIL("no " << kind << " " << name << " among " << nlohmann::json(kindsAndNames(objects)));
  return {};
}

inline std::string fullname(std::string_view suffix = "") {
  return std::string(kFullname) + std::string(suffix);
}

// Runs certs/gen-dev-certs.sh for the test release's Service, writing tls.crt, tls.key and ca.crt
// to `out`; returns the caBundle it prints.
inline std::string generateDevCerts(const std::filesystem::path& out) {
  const auto result =
      runProcess({"bash", (kSourceDir / "certs" / "gen-dev-certs.sh").string(), "--out",
                  out.string(), "--service", fullname(), "--namespace", std::string(kNamespace)});
  INFO(result.err);
  REQUIRE(result.exitCode == 0);
  REQUIRE(result.out.size() > 1);
  REQUIRE(result.out.back() == '\n');
  return result.out.substr(0, result.out.size() - 1);
}

} // namespace sgw::test::chart

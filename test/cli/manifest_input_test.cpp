#include <catch2/catch.hpp>
#include <iostream>
#include <sstream>

#include "sgw/cli/manifest_input.h"
#include "support/temp_dir.h"

using sgw::cli::loadInputs;
using sgw::cli::printLoadErrors;

namespace {

// Puts `text` where std::cin reads from for as long as it lives, as a shell pipe would.
class StdinText {
public:
  explicit StdinText(const std::string& text) : text_(text), previous_(std::cin.rdbuf(&text_)) {}
  ~StdinText() { std::cin.rdbuf(previous_); }
  StdinText(const StdinText&) = delete;
  StdinText& operator=(const StdinText&) = delete;

private:
  std::stringbuf text_;
  std::streambuf* previous_;
};

std::string service(const std::string& name) {
  return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n";
}

std::vector<std::string> namesOf(const sgw::manifest::LoadResult& result) {
  std::vector<std::string> out;
  for (const auto& manifest : result.manifests) {
    out.push_back(manifest.object["metadata"]["name"].get<std::string>());
  }
  return out;
}

std::string printed(const std::vector<sgw::manifest::ManifestError>& errors) {
  std::ostringstream err;
  printLoadErrors(errors, err);
  return err.str();
}

} // namespace

TEST_CASE("no inputs load nothing", "[cli][manifest]") {
  const auto result = loadInputs({});
  CHECK(result.manifests.empty());
  CHECK(result.errors.empty());
}

TEST_CASE("files and folders are read in the order named, folders recursively", "[cli][manifest]") {
  const sgw::test::TempDir dir;
  const auto single = dir.write("single.yaml", service("single"));
  dir.write("folder/a.yaml", service("a") + "---\n" + service("b"));
  dir.write("folder/nested/c.json",
            R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"c"}})");
  const auto result = loadInputs({(dir.path() / "folder").string(), single.string()});
  REQUIRE(result.errors.empty());
  CHECK(namesOf(result) == std::vector<std::string>{"a", "b", "c", "single"});
  CHECK(result.manifests[0].file == (dir.path() / "folder" / "a.yaml").string());
  CHECK(result.manifests[1].line == 6);
  CHECK(result.manifests[3].file == single.string());
}

TEST_CASE("a path that does not exist is an error naming it; the other inputs still load",
          "[cli][manifest]") {
  const sgw::test::TempDir dir;
  const auto first = dir.write("first.yaml", service("first"));
  const auto last = dir.write("last.yaml", service("last"));
  const auto missing = (dir.path() / "missing.yaml").string();
  const auto result = loadInputs({first.string(), missing, last.string()});
  CHECK(namesOf(result) == std::vector<std::string>{"first", "last"});
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].file == missing);
  CHECK(result.errors[0].line == 0);
  CHECK(result.errors[0].message == "no such file or folder");
}

TEST_CASE("the errors of unreadable files come with the manifests that could be read",
          "[cli][manifest]") {
  const sgw::test::TempDir dir;
  dir.write("a-good.yaml", service("good"));
  const auto bad = dir.write("b-bad.yaml", "a: 1\nb: [2\n");
  const auto result = loadInputs({dir.path().string()});
  CHECK(namesOf(result) == std::vector<std::string>{"good"});
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].toString() ==
        bad.string() + ":3: invalid YAML: end of sequence flow not found");
}

TEST_CASE("stdin, named by the input -, reads as <stdin> in its place among the inputs",
          "[cli][manifest]") {
  const sgw::test::TempDir dir;
  const auto file = dir.write("file.yaml", service("from-file"));
  const StdinText piped(service("piped-a") + "---\n" + service("piped-b"));
  const auto result = loadInputs({"-", file.string()});
  REQUIRE(result.errors.empty());
  CHECK(namesOf(result) == std::vector<std::string>{"piped-a", "piped-b", "from-file"});
  CHECK(result.manifests[0].file == "<stdin>");
  CHECK(result.manifests[1].file == "<stdin>");
  CHECK(result.manifests[1].line == 6);
  CHECK(result.manifests[2].file == file.string());
}

TEST_CASE("broken or empty stdin", "[cli][manifest]") {
  SECTION("an error on stdin is located in <stdin>") {
    const StdinText piped("a: 1\nb: [2\n");
    const auto result = loadInputs({"-"});
    CHECK(result.manifests.empty());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].toString() == "<stdin>:3: invalid YAML: end of sequence flow not found");
  }
  SECTION("empty stdin holds no manifests and is no error") {
    const StdinText piped("");
    const auto result = loadInputs({"-"});
    CHECK(result.manifests.empty());
    CHECK(result.errors.empty());
  }
}

TEST_CASE("load errors print as error: file:line: message, without a line when there is none",
          "[cli][manifest]") {
  CHECK(printed({}).empty());
  CHECK(printed({{"a.yaml", 3, "invalid YAML: end of sequence flow not found"},
                 {"missing.yaml", 0, "no such file or folder"},
                 {"<stdin>", 1, "a manifest must be a mapping (a Kubernetes object)"}}) ==
        "error: a.yaml:3: invalid YAML: end of sequence flow not found\n"
        "error: missing.yaml: no such file or folder\n"
        "error: <stdin>:1: a manifest must be a mapping (a Kubernetes object)\n");
}

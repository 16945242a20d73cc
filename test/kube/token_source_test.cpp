#include <catch2/catch.hpp>

#include "sgw/kube/token_source.h"
#include "support/temp_dir.h"

namespace sgw::kube {

using test::TempDir;

TEST_CASE("a file token is read again once older than its maximum age", "[kube][in-cluster]") {
  TempDir dir;
  const auto file = dir.write("token", "first\n");
  SECTION("maximum age zero: every request reads the file") {
    TokenSource tokens(file, std::chrono::milliseconds(0));
    CHECK(tokens.token() == "first");
    dir.write("token", "second\n");
    CHECK(tokens.token() == "second");
  }
  SECTION("within the maximum age the cached token is used, until invalidated (a 401)") {
    TokenSource tokens(file, std::chrono::hours(1));
    CHECK(tokens.token() == "first");
    dir.write("token", "second\n");
    CHECK(tokens.token() == "first");
    tokens.invalidate();
    CHECK(tokens.token() == "second");
  }
  SECTION("a rotation caught half-way (file gone) keeps the last token") {
    TokenSource tokens(file, std::chrono::milliseconds(0));
    CHECK(tokens.token() == "first");
    std::filesystem::remove(file);
    CHECK(tokens.token() == "first");
  }
}

TEST_CASE("fixed and absent tokens", "[kube][in-cluster]") {
  TokenSource fixed("abc");
  CHECK(fixed.token() == "abc");
  TokenSource none;
  CHECK_FALSE(none.token().has_value());
}

TEST_CASE("a token file is read without its surrounding line breaks and blanks",
          "[kube][token-source]") {
  TempDir dir;
  TokenSource tokens(dir.write("token", "  abc.def \r\n\n"), std::chrono::milliseconds(0));
  // Leading blanks are part of the token; only the trailing ones are line endings.
  CHECK(tokens.token() == "  abc.def");
}

TEST_CASE("a token file that is empty, blank or missing gives no token", "[kube][token-source]") {
  TempDir dir;
  SECTION("empty") {
    TokenSource tokens(dir.write("token", ""), std::chrono::hours(1));
    CHECK_FALSE(tokens.token().has_value());
  }
  SECTION("blank") {
    const auto file = dir.write("token", " \n\t\n");
    TokenSource tokens(file, std::chrono::hours(1));
    CHECK_FALSE(tokens.token().has_value());
    // A blank read is not cached: the token is picked up once written.
    dir.write("token", "later\n");
    CHECK(tokens.token() == "later");
  }
  SECTION("missing") {
    TokenSource tokens(dir.path() / "token", std::chrono::milliseconds(0));
    CHECK_FALSE(tokens.token().has_value());
  }
  SECTION("a blank rewrite keeps the last token") {
    const auto file = dir.write("token", "first\n");
    TokenSource tokens(file, std::chrono::milliseconds(0));
    CHECK(tokens.token() == "first");
    dir.write("token", "\n");
    CHECK(tokens.token() == "first");
  }
}

TEST_CASE("an empty fixed token is no token", "[kube][token-source]") {
  TokenSource empty(std::string{});
  CHECK_FALSE(empty.token().has_value());
  // invalidate() has nothing to re-read for a fixed token.
  TokenSource fixed("abc");
  fixed.invalidate();
  CHECK(fixed.token() == "abc");
}

} // namespace sgw::kube

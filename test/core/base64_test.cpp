#include <catch2/catch.hpp>
#include <string>

#include "sgw/core/base64.h"

TEST_CASE("base64 encodes with padding as RFC 4648 shows", "[core][base64]") {
  // The test vectors of RFC 4648 section 10.
  const auto [plain, encoded] = GENERATE(table<std::string, std::string>({
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  }));
  CAPTURE(plain);
  CHECK(sgw::base64Encode(plain) == encoded);
  CHECK(sgw::base64Decode(encoded) == plain);
}

TEST_CASE("base64 round-trips every byte value", "[core][base64]") {
  std::string bytes;
  for (int c = 0; c < 256; ++c) {
    bytes += static_cast<char>(c);
  }
  const auto encoded = sgw::base64Encode(bytes);
  CHECK(encoded.size() == 344);
  CHECK(encoded.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") ==
        std::string::npos);
  CHECK(sgw::base64Decode(encoded) == bytes);
  // The standard alphabet, not the URL-safe one.
  CHECK(sgw::base64Encode("\xfb\xff") == "+/8=");
  CHECK(sgw::base64Decode("+/8=") == std::string("\xfb\xff"));
}

TEST_CASE("text that is not padded base64 does not decode", "[core][base64]") {
  // Lengths that are not a multiple of 4, characters outside the alphabet (URL-safe ones too),
  // blanks, and '=' anywhere but in the last two places.
  const std::string text =
      GENERATE("Zg", "Zm8", "Zm9vY", "Zm 9v", "Zm9*", "-_8=", "Zm9 ", " Zm9v", "Zm9v ", "Zm9v\t",
               "Zm9vYmFy====", "Zm=v", "=Zm9", "Zg=a", "Zm9vYg===");
  CAPTURE(text);
  CHECK_FALSE(sgw::base64Decode(text).has_value());
}

TEST_CASE("line breaks inside base64 are ignored, as the API server ignores them",
          "[core][base64]") {
  CHECK(sgw::base64Decode("Zm9v\n") == std::string("foo"));
  CHECK(sgw::base64Decode("Zm9v\nYmFy") == std::string("foobar"));
  CHECK(sgw::base64Decode("Zm9v\r\nYmE=\r\n") == std::string("fooba"));
  CHECK(sgw::base64Decode("Zg=\n=") == std::string("f"));
  CHECK(sgw::base64Decode("\n") == std::string());
}

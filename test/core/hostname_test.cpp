#include <catch2/catch.hpp>

#include "sgw/core/hostname.h"

TEST_CASE("lowerCaseHostname lowers ASCII letters only", "[core][hostname]") {
  CHECK(sgw::lowerCaseHostname("Broker-10.EXAMPLE.com") == "broker-10.example.com");
  CHECK(sgw::lowerCaseHostname("").empty());
  // Bytes of UTF-8 (an IDN written without punycode) are left as they are.
  CHECK(sgw::lowerCaseHostname("\xC3\x84X.example") == "\xC3\x84x.example");
}

TEST_CASE("hostnames are the same but for ASCII case", "[core][hostname]") {
  CHECK(sgw::sameHostname("Broker-10.Strimzi.Gateway.Api.Test",
                          "broker-10.strimzi.gateway.api.test"));
  CHECK(sgw::sameHostname("", ""));
  CHECK_FALSE(sgw::sameHostname("broker-10.example.com", "broker-1.example.com"));
  CHECK_FALSE(sgw::sameHostname("broker-10.example.com", "broker-11.example.com"));
  // Only ASCII letters fold: bytes above 0x7f compare as they are.
  CHECK_FALSE(sgw::sameHostname("caf\xc3\xa9", "CAF\xc3\x89"));
}

TEST_CASE("a wildcard hostname is *. and at least one more character", "[core][hostname]") {
  CHECK(sgw::isWildcardHostname("*.strimzi.gateway.api.test"));
  CHECK(sgw::isWildcardHostname("*.a"));
  CHECK_FALSE(sgw::isWildcardHostname("*."));
  CHECK_FALSE(sgw::isWildcardHostname("*"));
  CHECK_FALSE(sgw::isWildcardHostname(""));
  CHECK_FALSE(sgw::isWildcardHostname("broker-10.*.example.com"));
  CHECK_FALSE(sgw::isWildcardHostname("*example.com"));
}

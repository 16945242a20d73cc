#include <catch2/catch.hpp>
#include <cstdio>
#include <regex>

#include "support/running_server.h"

// An outside scanner's view of the server's TLS: Debian's sslscan tries every protocol version
// and cipher suite it knows. Only TLS 1.2 and 1.3 may answer, and only with AEAD suites.

namespace {

std::string run(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return output;
  }
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
    output.append(buffer, read);
  }
  pclose(pipe);
  return output;
}

bool isAead(const std::string& cipher) {
  return cipher.find("GCM") != std::string::npos ||
         cipher.find("CHACHA20-POLY1305") != std::string::npos ||
         cipher.find("CHACHA20_POLY1305") != std::string::npos ||
         cipher.find("CCM") != std::string::npos;
}

} // namespace

TEST_CASE("sslscan finds only TLS 1.2 and 1.3 with AEAD ciphers", "[http][tls][scan]") {
  if (run("command -v sslscan").empty()) {
    WARN("SKIPPED: sslscan is not installed (apt-get install sslscan, or .ci/install-deps test)");
    return;
  }
  sgw::test::RunningServer server(std::make_shared<sgw::test::FakeState>());
  const auto xml =
      run("sslscan --no-colour --xml=- 127.0.0.1:" + std::to_string(server.port()) + " 2>&1");
  INFO(xml);

  const std::regex protocol(R"re(<protocol type="(\w+)" version="([\d.]+)" enabled="(\d)")re");
  std::vector<std::string> enabled;
  std::size_t protocols = 0;
  for (std::sregex_iterator it(xml.begin(), xml.end(), protocol), end; it != end; ++it) {
    ++protocols;
    if ((*it)[3] == "1") {
      enabled.push_back((*it)[1].str() + " " + (*it)[2].str());
    }
  }
  CHECK(protocols >= 4); // the scan ran: SSLv2/3 (when the scanner can), TLS 1.0 to 1.3
  CHECK(enabled == std::vector<std::string>{"tls 1.2", "tls 1.3"});

  const std::regex cipher(
      R"re(<cipher status="\w+" sslversion="([\w.]+)" bits="\d+" cipher="([\w-]+)")re");
  std::size_t ciphers = 0;
  for (std::sregex_iterator it(xml.begin(), xml.end(), cipher), end; it != end; ++it) {
    ++ciphers;
    INFO((*it)[1].str() << " " << (*it)[2].str());
    CHECK(((*it)[1] == "TLSv1.2" || (*it)[1] == "TLSv1.3"));
    CHECK(isAead((*it)[2].str()));
  }
  CHECK(ciphers > 0);
  CHECK_THAT(xml, Catch::Contains(R"(<renegotiation supported="0")"));
}

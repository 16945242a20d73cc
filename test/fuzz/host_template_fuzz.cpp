// Any text as an advertised-host template annotation: parsed, rendered for a few brokers (odd
// IDs and names included) and the result checked as a DNS name, as the mutation does.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sgw/mutation/host_template.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sgw::mutation;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  dnsSubdomainProblem(text);
  const auto parsed = HostTemplate::parse(text);
  const auto* hostTemplate = std::get_if<HostTemplate>(&parsed);
  if (hostTemplate == nullptr) {
    if (std::get<std::string>(parsed).empty()) {
      std::abort();
    }
    return 0;
  }
  for (const std::int64_t id :
       {std::int64_t{0}, std::int64_t{12}, std::int64_t{-1}, std::int64_t{2147483647}, INT64_MIN}) {
    const HostTemplateValues values{sgw::model::NodeId{id},
                                    "gateway-api-test-broker-" + std::to_string(id),
                                    "broker",
                                    "gateway-api-test",
                                    "strimzi",
                                    "gw"};
    const auto host = hostTemplate->render(values);
    dnsSubdomainProblem(host);
  }
  return 0;
}

#pragma once

#include <memory>
#include <string>

#include "sgw/kube/api_client.h"
#include "support/dev_certs.h"
#include "support/temp_dir.h"

namespace sgw::test {

// A client config for the fake API server on 127.0.0.1:`port`, trusting the development CA and
// sending a fixed token.
kube::ClientConfig testClientConfig(int port, const std::string& token = "test-token");
// The client for `config`; fails the test when the config is refused.
std::shared_ptr<kube::ApiClient> testClient(kube::ClientConfig config,
                                            kube::ApiClientOptions options = {});

} // namespace sgw::test

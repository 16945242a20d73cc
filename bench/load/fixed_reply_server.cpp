// The floor of the webhook's own stack: a cpp-httplib SSLServer with the webhook's TLS policy,
// worker count and keep-alive settings that answers every POST with the same AdmissionReview,
// without reading it. The load benchmark (bench/load/run.sh) compares the webhook with it.
//
//   fixed_reply_server --cert FILE --key FILE --reply FILE [--address A] [--port N]
//
// Prints the bound port on stdout and serves until it is killed.

#include <httplib.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "sgw/http/serving_certificate.h"
#include "sgw/http/webhook_server.h"

int main(int argc, char** argv) {
  CLI::App app{"cpp-httplib server answering a fixed AdmissionReview"};
  std::string certificateFile;
  std::string keyFile;
  std::string replyFile;
  std::string address = "127.0.0.1";
  int port = 0;
  app.add_option("--cert", certificateFile, "Serving certificate (PEM)")->required();
  app.add_option("--key", keyFile, "Serving key (PEM)")->required();
  app.add_option("--reply", replyFile, "Body to answer every POST with")->required();
  app.add_option("--address", address, "Address to listen on");
  app.add_option("--port", port, "Port to listen on (0: any free port)");
  CLI11_PARSE(app, argc, argv);

  std::ifstream stream(replyFile, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  const std::string reply = text.str();

  // The webhook's own TLS policy, applied by the same code.
  sgw::http::ServingCertificate certificate({certificateFile, keyFile, std::nullopt},
                                            [](bool, const std::string&) {});
  if (const auto error = certificate.load()) {
    std::cerr << *error << "\n";
    return 2;
  }
  httplib::SSLServer server([&](SSL_CTX& context) { return certificate.configure(context); });
  if (!server.is_valid()) {
    std::cerr << "cannot set up TLS\n";
    return 2;
  }
  const sgw::http::ServerOptions defaults;
  server.new_task_queue = [&] { return new httplib::ThreadPool(defaults.workers); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(defaults.keepAliveMaxRequests);
  server.set_keep_alive_timeout(defaults.keepAliveTimeout.count());
  server.Post("/validate", [&](const httplib::Request&, httplib::Response& response) {
    response.set_content(reply, "application/json");
  });
  const int bound = port == 0 ? server.bind_to_any_port(address)
                              : (server.bind_to_port(address, port) ? port : -1);
  if (bound <= 0) {
    std::cerr << "cannot bind " << address << "\n";
    return 2;
  }
  std::cout << bound << std::endl;
  return server.listen_after_bind() ? 0 : 1;
}

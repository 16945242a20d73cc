#include <openssl/err.h>

#include <catch2/catch.hpp>
#include <thread>

#include "support/https_client.h"
#include "support/running_server.h"

using sgw::test::FakeState;
using sgw::test::RunningServer;

namespace {

std::string fixture(const std::string& name) {
  return sgw::test::readFile(sgw::test::fixturePath("admission/" + name));
}

constexpr const char* kKafkaUpdate = "050-validate-Kafka-UPDATE-gateway-api-test.json";

} // namespace

TEST_CASE("reviews are answered over HTTPS with the request's uid", "[http][server]") {
  RunningServer server(std::make_shared<FakeState>(sgw::test::examplesSnapshot()));
  auto client = sgw::test::httpsClient(server.port(), server.certs());
  const auto body = fixture(kKafkaUpdate);
  for (const char* path : {"/validate", "/mutate"}) {
    const auto result = client->Post(path, body, "application/json");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "application/json");
    const auto response = nlohmann::json::parse(result->body);
    CHECK(response["apiVersion"] == "admission.k8s.io/v1");
    CHECK(response["kind"] == "AdmissionReview");
    CHECK(response["response"]["uid"] == "ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9");
  }
}

TEST_CASE("malformed bodies get 400 with a one-line reason", "[http][server]") {
  RunningServer server(std::make_shared<FakeState>());
  auto client = sgw::test::httpsClient(server.port(), server.certs());
  const auto result =
      client->Post("/validate", "{\"kind\":\"AdmissionReview\"", "application/json");
  REQUIRE(result);
  CHECK(result->status == 400);
  CHECK(result->body ==
        "request body is not valid JSON: [json.exception.parse_error.101] parse error at line 1, "
        "column 26: syntax error while parsing object - unexpected end of input; expected '}'\n");
  const auto notReview =
      client->Post("/mutate", R"({"apiVersion":"v1","kind":"Status"})", "application/json");
  REQUIRE(notReview);
  CHECK(notReview->status == 400);
  CHECK(notReview->body == "request body is not an AdmissionReview: kind is \"Status\"\n");
  CHECK(server.metrics().value(sgw::observability::kRejectedRequestsTotal, {{"code", "400"}}) == 2);
}

TEST_CASE("bodies over the limit get 413, declared or streamed", "[http][server]") {
  RunningServer server(std::make_shared<FakeState>(),
                       [](sgw::http::ServerOptions& options) { options.maxRequestBytes = 4096; });
  auto client = sgw::test::httpsClient(server.port(), server.certs());
  const std::string large(5000, ' ');
  const auto declared = client->Post("/validate", large, "application/json");
  REQUIRE(declared);
  CHECK(declared->status == 413);
  CHECK(declared->body == "request body exceeds 4096 bytes\n");

  // Chunked bodies carry no length: the limit applies while reading.
  auto chunked = sgw::test::httpsClient(server.port(), server.certs());
  std::size_t sent = 0;
  const auto streamed = chunked->Post(
      "/validate",
      [&](std::size_t, httplib::DataSink& sink) {
        const std::string piece(1024, ' ');
        if (sent < 8) {
          ++sent;
          return sink.write(piece.data(), piece.size());
        }
        sink.done();
        return true;
      },
      "application/json");
  REQUIRE(streamed);
  CHECK(streamed->status == 413);

  // The server stays up.
  const auto health = sgw::test::httpsClient(server.port(), server.certs())->Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(server.metrics().value(sgw::observability::kRejectedRequestsTotal, {{"code", "413"}}) == 2);
}

TEST_CASE("deeply nested bodies get 400 and the server stays up", "[http][server]") {
  RunningServer server(std::make_shared<FakeState>());
  auto client = sgw::test::httpsClient(server.port(), server.certs());
  const std::string nested = std::string(200000, '[') + std::string(200000, ']');
  const auto result = client->Post("/validate", nested, "application/json");
  REQUIRE(result);
  CHECK(result->status == 400);
  CHECK(result->body == "request body nests deeper than 128 levels\n");
  const auto again = client->Post("/validate", fixture(kKafkaUpdate), "application/json");
  REQUIRE(again);
  CHECK(again->status == 200);
}

TEST_CASE("probes, metrics and wrong methods", "[http][server]") {
  auto state = std::make_shared<FakeState>(sgw::test::examplesSnapshot(), false);
  RunningServer server(state);
  auto client = sgw::test::httpsClient(server.port(), server.certs());

  const auto healthz = client->Get("/healthz");
  REQUIRE(healthz);
  CHECK(healthz->status == 200);
  CHECK(healthz->body == "ok\n");

  auto readyz = client->Get("/readyz");
  REQUIRE(readyz);
  CHECK(readyz->status == 503);
  CHECK(readyz->body == "not ready: fake not ready\n");
  state->setReady(true);
  readyz = client->Get("/readyz");
  REQUIRE(readyz);
  CHECK(readyz->status == 200);
  CHECK(readyz->body == "ok: fake state\n");

  const auto get = client->Get("/validate");
  REQUIRE(get);
  CHECK(get->status == 405);
  CHECK(get->get_header_value("Allow") == "POST");
  const auto unknown = client->Get("/nope");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);

  REQUIRE(client->Post("/validate", fixture(kKafkaUpdate), "application/json"));
  const auto metrics = client->Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK(metrics->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  // The recorded Kafka lists brokers 13 and 0: denied by broker-ids, with a warning for 13.
  CHECK_THAT(metrics->body,
             Catch::Contains("sgw_admission_reviews_total{endpoint=\"validate\",kind=\"Kafka\","
                             "operation=\"UPDATE\",result=\"denied\"} 1\n"));
  CHECK_THAT(metrics->body, Catch::Contains("sgw_rule_findings_total{rule=\"broker-ids\","
                                            "severity=\"deny\"} 1\n"));
  CHECK_THAT(metrics->body,
             Catch::Contains("# TYPE sgw_admission_review_duration_seconds histogram"));
  CHECK_THAT(
      metrics->body,
      Catch::Contains("sgw_admission_review_duration_seconds_count{endpoint=\"validate\"} 1\n"));
  CHECK_THAT(metrics->body, Catch::Contains("sgw_admission_reviews_in_flight 0\n"));
}

TEST_CASE("one connection serves many reviews (keep-alive beyond cpp-httplib's default 5)",
          "[http][server]") {
  RunningServer server(std::make_shared<FakeState>());
  auto client = sgw::test::httpsClient(server.port(), server.certs());
  client->set_keep_alive(true);
  const auto body = fixture(kKafkaUpdate);
  for (int i = 0; i < 20; ++i) {
    const auto result = client->Post("/validate", body, "application/json");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Connection") != "close");
  }
  CHECK(server.metrics().value(sgw::observability::kConnectionsTotal) == 1);
}

TEST_CASE("a client CA makes client certificates mandatory", "[http][server][tls]") {
  RunningServer server(std::make_shared<FakeState>(), [](sgw::http::ServerOptions& options) {
    options.clientCaFile = options.certificateFile.parent_path() / "ca.crt";
  });
  const auto anonymous = sgw::test::httpsClient(server.port(), server.certs())->Get("/healthz");
  CHECK_FALSE(anonymous);
  const auto authenticated =
      sgw::test::httpsClient(server.port(), server.certs(), true)->Get("/healthz");
  REQUIRE(authenticated);
  CHECK(authenticated->status == 200);
}

TEST_CASE("TLS below 1.2 is refused for its version", "[http][server][tls]") {
  RunningServer server(std::make_shared<FakeState>());
  for (const int version : {TLS1_VERSION, TLS1_1_VERSION}) {
    INFO("client limited to protocol " << std::hex << version);
    SSL_CTX* context = SSL_CTX_new(TLS_client_method());
    // A client that offers the old version and nothing newer, whatever the system's OpenSSL
    // configuration says.
    SSL_CTX_set_security_level(context, 0);
    SSL_CTX_set_min_proto_version(context, version);
    SSL_CTX_set_max_proto_version(context, version);
    SSL_CTX_set_cipher_list(context, "ALL:@SECLEVEL=0");
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(server.port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    SSL* ssl = SSL_new(context);
    SSL_set_fd(ssl, fd);
    ERR_clear_error();
    CHECK(SSL_connect(ssl) != 1);
    // The server answers the ClientHello with a protocol_version alert: it is the minimum
    // version that refuses, not a lack of shared ciphers (which would be handshake_failure).
    CHECK(ERR_GET_REASON(ERR_peek_last_error()) == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION);
    SSL_free(ssl);
    ::close(fd);
    SSL_CTX_free(context);
  }
}

TEST_CASE("slow clients are cut off and do not starve the others", "[http][server][slow]") {
  RunningServer server(std::make_shared<FakeState>(), [](sgw::http::ServerOptions& options) {
    options.workers = 2;
    options.requestTimeout = std::chrono::seconds(1);
    options.readTimeout = std::chrono::seconds(5);
  });
  // Two clients trickle a request one byte at a time, each byte well within the read timeout.
  std::vector<std::thread> tricklers;
  std::atomic<int> cutOff{0};
  for (int i = 0; i < 2; ++i) {
    tricklers.emplace_back([&] {
      SSL_CTX* context = SSL_CTX_new(TLS_client_method());
      const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<uint16_t>(server.port()));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
      SSL* ssl = SSL_new(context);
      SSL_set_fd(ssl, fd);
      if (SSL_connect(ssl) == 1) {
        const std::string request = "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n";
        for (int sentBytes = 0; sentBytes < 200; ++sentBytes) {
          if (SSL_write(ssl, &request[static_cast<std::size_t>(sentBytes) % request.size()], 1) <=
              0) {
            ++cutOff;
            break;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      }
      SSL_free(ssl);
      ::close(fd);
      SSL_CTX_free(context);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // Both workers are held by tricklers now; a well-behaved client still gets its answer.
  auto client = sgw::test::httpsClient(server.port(), server.certs());
  const auto health = client->Get("/healthz");
  for (auto& trickler : tricklers) {
    trickler.join();
  }
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(cutOff == 2);
  CHECK(server.metrics().value(sgw::observability::kRejectedRequestsTotal, {{"code", "timeout"}}) ==
        2);
}

TEST_CASE("idle keep-alive connections give way to waiting clients", "[http][server]") {
  RunningServer server(std::make_shared<FakeState>(), [](sgw::http::ServerOptions& options) {
    options.workers = 1;
    options.keepAliveTimeout = std::chrono::seconds(60);
  });
  auto idle = sgw::test::httpsClient(server.port(), server.certs());
  idle->set_keep_alive(true);
  REQUIRE(idle->Get("/healthz"));
  // The only worker now waits on the idle connection; a second client must still be served.
  auto other = sgw::test::httpsClient(server.port(), server.certs());
  const auto result = other->Get("/healthz");
  REQUIRE(result);
  CHECK(result->status == 200);
}

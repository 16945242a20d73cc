#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <functional>
#include <thread>

#include "support/https_client.h"
#include "support/running_server.h"

// The bad-input catalogue: one row per way a client can get a request wrong, sent to the real
// server over TLS. Each row gets its documented answer, and after every row the server still
// answers /healthz and a recorded review.

using sgw::test::FakeState;
using sgw::test::RunningServer;
using Json = nlohmann::json;

namespace {

constexpr std::size_t kLimit = 64 * 1024;
const std::string kTextPlain = "text/plain; charset=utf-8";

std::string fixture(const std::string& name) {
  return sgw::test::readFile(sgw::test::fixturePath("admission/" + name));
}

const std::string& kafkaUpdate() {
  static const std::string kBody = fixture("050-validate-Kafka-UPDATE-gateway-api-test.json");
  return kBody;
}

// The recorded Kafka UPDATE with one change.
std::string changed(const std::function<void(Json&)>& change) {
  auto review = Json::parse(kafkaUpdate());
  change(review);
  return review.dump();
}

int connectTcp(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// What came back for one row: the status line and body of an HTTP answer, or nothing when the
// server closed the connection without one.
struct Outcome {
  std::string statusLine;
  std::string body;
};

Outcome parse(const std::string& raw) {
  Outcome out;
  const auto lineEnd = raw.find("\r\n");
  if (!raw.starts_with("HTTP/") || lineEnd == std::string::npos) {
    return out;
  }
  out.statusLine = raw.substr(0, lineEnd);
  const auto headersEnd = raw.find("\r\n\r\n");
  if (headersEnd != std::string::npos) {
    out.body = raw.substr(headersEnd + 4);
  }
  return out;
}

std::string request(const std::string& path, const std::string& body,
                    const std::string& headers = "") {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
         "Content-Type: application/json\r\n" + headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string chunked(const std::string& path, std::size_t chunks, std::size_t chunkSize) {
  std::string out = "POST " + path +
                    " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  char size[32];
  std::snprintf(size, sizeof(size), "%zx\r\n", chunkSize);
  for (std::size_t i = 0; i < chunks; ++i) {
    out += size + std::string(chunkSize, ' ') + "\r\n";
  }
  return out + "0\r\n\r\n";
}

Outcome roundTrip(int port, const std::string& bytes) {
  return parse(sgw::test::rawExchange(port, bytes, 15000));
}

// Sends `bytes` over TLS, then stops, and waits for the server to close the connection.
Outcome sendAndStop(int port, const std::string& bytes) {
  sgw::test::RawTlsConnection connection(port);
  REQUIRE(connection.connected());
  REQUIRE(connection.send(bytes));
  return parse(connection.receiveUntilClosed(15000));
}

struct Row {
  std::string name;
  std::function<Outcome(int port)> send;
  std::string statusLine; // empty: the connection is closed without an answer
  std::string body;       // checked when not empty: exact, or a prefix ending in "..."
};

void checkBody(const std::string& actual, const std::string& expected) {
  if (expected.ends_with("...")) {
    CHECK_THAT(actual, Catch::StartsWith(expected.substr(0, expected.size() - 3)));
  } else {
    CHECK(actual == expected);
  }
}

std::string reviewJson(const std::string& json) {
  return R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":)" + json + "}";
}

std::vector<Row> catalogue() {
  const auto post = [](std::string body, std::string headers = "") {
    return [body = std::move(body), headers = std::move(headers)](int port) {
      return roundTrip(port, request("/validate", body, headers));
    };
  };
  const std::string ok = "HTTP/1.1 200 OK";
  const std::string bad = "HTTP/1.1 400 Bad Request";
  const std::string tooLarge = "HTTP/1.1 413 Payload Too Large";
  std::string deep = std::string(1000, '[') + std::string(1000, ']');
  std::string invalidUtf8 = kafkaUpdate();
  invalidUtf8.replace(invalidUtf8.find("gateway-api-test"), 4, "g\xff\xfe\xfd");
  std::string duplicateUid = kafkaUpdate();
  duplicateUid.insert(duplicateUid.find("\"uid\""), R"("uid": "first-of-two", )");
  std::string hugeNumber = kafkaUpdate();
  const auto portAt = hugeNumber.find("9092", hugeNumber.find("\"advertisedPort\""));
  hugeNumber.replace(portAt, 4, std::string(50000, '9')); // within the limit
  return {
      {"malformed JSON", post("{\"kind\":"), bad,
       "request body is not valid JSON: [json.exception.parse_error.101] ..."},
      {"an empty body", post(""), bad, "request body is not valid JSON: ..."},
      {"a JSON array", post("[]"), bad,
       "request body is not an AdmissionReview: not a JSON object\n"},
      {"another kind", post(R"({"apiVersion":"v1","kind":"Pod"})"), bad,
       "request body is not an AdmissionReview: kind is \"Pod\"\n"},
      {"admission.k8s.io/v1beta1",
       post(R"({"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview"})"), bad,
       "unsupported AdmissionReview apiVersion \"admission.k8s.io/v1beta1\": only "
       "admission.k8s.io/v1 is served\n"},
      {"no request", post(R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"})"), bad,
       "AdmissionReview has no request\n"},
      {"request of the wrong type", post(reviewJson("\"x\"")), bad,
       "AdmissionReview has no request\n"},
      {"no uid", post(reviewJson(R"({"operation":"CREATE"})")), bad,
       "AdmissionReview request has no uid\n"},
      {"uid of the wrong type", post(reviewJson(R"({"uid":7,"operation":"CREATE"})")), bad,
       "AdmissionReview request has no uid\n"},
      {"unknown operation", post(reviewJson(R"({"uid":"u","operation":"PATCH"})")), bad,
       "AdmissionReview request has an unknown operation \"PATCH\"\n"},
      {"object of the wrong type",
       post(changed([](Json& r) { r["request"]["object"] = "a Kafka"; })), ok,
       R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"allowed":true,"uid":"ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9"}})"},
      {"spec of the wrong type", post(changed([](Json& r) { r["request"]["object"]["spec"] = 5; })),
       ok,
       R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"allowed":false,"status":{"code":403,"message":"spec: Invalid value: 5: must be an object","reason":"Forbidden"},"uid":"ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9"}})"},
      {"listeners of the wrong type",
       post(changed([](Json& r) { r["request"]["object"]["spec"]["kafka"]["listeners"] = true; })),
       ok,
       R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"allowed":false,"status":{"code":403,"message":"spec.kafka.listeners: Invalid value: true: must be a list","reason":"Forbidden"},"uid":"ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9"}})"},
      {"a broker id of the wrong type", post(changed([](Json& r) {
         r["request"]["object"]["spec"]["kafka"]["listeners"][0]["configuration"]["brokers"][0]
          ["broker"] = "ten";
       })),
       ok, "..."},
      {"no metadata", post(changed([](Json& r) { r["request"]["object"].erase("metadata"); })), ok,
       "..."},
      {"a huge string", post(changed([](Json& r) {
         r["request"]["object"]["metadata"]["annotations"]["x"] = std::string(50000, 'x');
       })),
       ok, "..."},
      {"a huge array", post(changed([](Json& r) {
         r["request"]["object"]["metadata"]["labels"] = Json::array();
         for (int i = 0; i < 10000; ++i) {
           r["request"]["object"]["metadata"]["labels"].push_back(i);
         }
       })),
       ok,
       R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"allowed":false,"status":{"code":403,"message":"metadata.labels: Invalid value: [10000 items]: must be an object","reason":"Forbidden"},"uid":"ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9"}})"},
      {"deep nesting", post(deep), bad, "request body nests deeper than 128 levels\n"},
      {"invalid UTF-8", post(invalidUtf8), bad,
       "request body is not valid JSON: [json.exception.parse_error.101] ..."},
      {"duplicate keys (the last wins, as in Go)", post(duplicateUid), ok,
       R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":...)"},
      {"a number of 50000 digits", post(hugeNumber), bad,
       "request body is not valid JSON: [json.exception.out_of_range.406] number overflow "
       "parsing '999..."},
      {"a body over the limit, with Content-Length", post(std::string(kLimit + 1, ' ')), tooLarge,
       "request body exceeds 65536 bytes\n"},
      {"a Content-Length far over the limit, no body",
       [](int port) {
         return sendAndStop(port, "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                  "1000000000000\r\n\r\n");
       },
       tooLarge, "request body exceeds 65536 bytes\n"},
      {"a chunked body over the limit",
       [](int port) { return roundTrip(port, chunked("/validate", 80, 1024)); }, tooLarge,
       "request body exceeds 65536 bytes\n"},
      {"headers, then nothing",
       [](int port) {
         return sendAndStop(port,
                            "POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
       },
       "", ""},
      {"half the headers, then nothing",
       [](int port) { return sendAndStop(port, "POST /validate HTTP/1.1\r\nHost: x\r\n"); }, "",
       ""},
      {"a client that trickles bytes",
       [](int port) {
         sgw::test::RawTlsConnection connection(port);
         REQUIRE(connection.connected());
         const auto bytes = request("/validate", kafkaUpdate());
         for (std::size_t i = 0; i < bytes.size(); ++i) {
           if (!connection.send(bytes.substr(i, 1))) {
             break;
           }
           std::this_thread::sleep_for(std::chrono::milliseconds(50));
         }
         return parse(connection.receiveUntilClosed(1000));
       },
       "", ""},
      {"a client that disconnects mid-body",
       [](int port) {
         sgw::test::RawTlsConnection connection(port);
         REQUIRE(connection.connected());
         connection.send("POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{\"a");
         return Outcome{};
       },
       "", ""},
      {"plain HTTP on the TLS port",
       [](int port) {
         const int fd = connectTcp(port);
         REQUIRE(fd >= 0);
         const std::string plain = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
         REQUIRE(::send(fd, plain.data(), plain.size(), MSG_NOSIGNAL) ==
                 static_cast<ssize_t>(plain.size()));
         std::string received;
         char buffer[512];
         ssize_t read = 0;
         while ((read = ::recv(fd, buffer, sizeof(buffer), 0)) > 0) {
           received.append(buffer, static_cast<std::size_t>(read));
         }
         ::close(fd);
         // At most a TLS alert record (content type 21), never an HTTP answer.
         CHECK((received.empty() || received[0] == '\x15'));
         return parse(received);
       },
       "", ""},
  };
}

bool serving(const RunningServer& server) {
  auto client = sgw::test::httpsClient(server.port(), server.certs());
  const auto health = client->Get("/healthz");
  const auto review = client->Post("/validate", kafkaUpdate(), "application/json");
  return health && health->status == 200 && review && review->status == 200 &&
         Json::parse(review->body)["response"]["uid"] == "ebeafb42-ecd2-40dc-b1ee-e05b6625d1a9";
}

} // namespace

TEST_CASE("the bad-input catalogue: each row gets its answer and the server keeps serving",
          "[http][server][catalogue]") {
  RunningServer server(std::make_shared<FakeState>(sgw::test::examplesSnapshot()),
                       [](sgw::http::ServerOptions& options) {
                         options.maxRequestBytes = kLimit;
                         options.requestTimeout = std::chrono::seconds(2);
                         options.readTimeout = std::chrono::seconds(5);
                       });
  for (const auto& row : catalogue()) {
    INFO(row.name);
    const auto outcome = row.send(server.port());
    CHECK(outcome.statusLine == row.statusLine);
    if (!row.body.empty()) {
      checkBody(outcome.body, row.body);
    }
    CHECK(serving(server));
  }
}

TEST_CASE("TLS clients the server refuses leave it serving", "[http][server][catalogue][tls]") {
  RunningServer server(std::make_shared<FakeState>(sgw::test::examplesSnapshot()),
                       [](sgw::http::ServerOptions& options) {
                         options.clientCaFile = options.certificateFile.parent_path() / "ca.crt";
                       });
  // A client certificate from another CA.
  const auto& other = sgw::test::otherDevCerts();
  httplib::SSLClient stranger("127.0.0.1", server.port(), other.clientCertificate().string(),
                              other.clientKey().string());
  stranger.enable_server_certificate_verification(false);
  stranger.set_connection_timeout(5);
  CHECK_FALSE(stranger.Get("/healthz"));
  // No client certificate at all.
  CHECK_FALSE(sgw::test::httpsClient(server.port(), server.certs())->Get("/healthz"));
  const auto trusted = sgw::test::httpsClient(server.port(), server.certs(), true)->Get("/healthz");
  REQUIRE(trusted);
  CHECK(trusted->status == 200);
}

// Measures what a review costs: the pure pipeline per review, and whole HTTPS reviews over
// kept-alive connections and over fresh TLS handshakes (ECDSA P-256 against RSA-2048 serving
// keys). Every phase is bounded by --seconds.
//
//   build/bench/sgw_bench [--seconds N] [--clients N] [--state-dir DIR] [--review FILE]

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <openssl/x509v3.h>
#include <sstream>
#include <thread>
#include <vector>

#include "sgw/admission/review_pipeline.h"
#include "sgw/http/webhook_server.h"
#include "sgw/manifest/manifest.h"
#include "sgw/state/directory_state.h"
#include "sgw/state/manifest_snapshot.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Latencies {
  std::vector<double> micros;

  void add(Clock::duration elapsed) {
    micros.push_back(std::chrono::duration<double, std::micro>(elapsed).count());
  }
  double percentile(double p) {
    if (micros.empty()) {
      return 0;
    }
    std::sort(micros.begin(), micros.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(micros.size() - 1));
    return micros[index];
  }
};

std::string readFile(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

void report(const std::string& name, std::size_t count, double seconds, Latencies& latencies) {
  std::printf("%-44s %9zu reviews  %10.0f /s  p50 %8.1f us  p99 %8.1f us\n", name.c_str(), count,
              static_cast<double>(count) / seconds, latencies.percentile(0.5),
              latencies.percentile(0.99));
}

// A self-signed serving pair for 127.0.0.1 with the given key type, written to `folder`.
void writeSelfSigned(const std::filesystem::path& folder, bool ecdsa) {
  EVP_PKEY* key = ecdsa ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048);
  X509* certificate = X509_new();
  X509_set_version(certificate, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate), 3600);
  X509_set_pubkey(certificate, key);
  X509_NAME* name = X509_get_subject_name(certificate);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("bench"), -1, -1, 0);
  X509_set_issuer_name(certificate, name);
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* san =
      X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "IP:127.0.0.1");
  X509_add_ext(certificate, san, -1);
  X509_EXTENSION_free(san);
  X509_sign(certificate, key, EVP_sha256());
  std::filesystem::create_directories(folder);
  FILE* out = std::fopen((folder / "tls.crt").c_str(), "w");
  PEM_write_X509(out, certificate);
  std::fclose(out);
  out = std::fopen((folder / "tls.key").c_str(), "w");
  PEM_write_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(out);
  X509_free(certificate);
  EVP_PKEY_free(key);
}

void benchPipeline(const std::string& body, const sgw::cluster::ClusterSnapshot& snapshot,
                   double seconds) {
  Latencies latencies;
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  std::size_t count = 0;
  const auto started = Clock::now();
  while (Clock::now() < end) {
    const auto before = Clock::now();
    const auto answer = sgw::admission::answer(body, sgw::admission::Endpoint::Validate, snapshot,
                                               std::chrono::system_clock::now());
    latencies.add(Clock::now() - before);
    if (answer.status != 200) {
      std::cerr << "unexpected status " << answer.status << "\n";
      std::exit(1);
    }
    ++count;
  }
  report("pipeline (decode, rules, encode)", count,
         std::chrono::duration<double>(Clock::now() - started).count(), latencies);
}

void benchHttps(const std::string& label, int port, const std::string& body, int clients,
                double seconds, bool keepAlive) {
  std::vector<Latencies> latencies(static_cast<std::size_t>(clients));
  std::atomic<std::size_t> count{0};
  std::atomic<std::size_t> failures{0};
  const auto started = Clock::now();
  const auto end = started + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      httplib::SSLClient client("127.0.0.1", port);
      client.enable_server_certificate_verification(false);
      client.set_keep_alive(keepAlive);
      client.set_tcp_nodelay(true);
      while (Clock::now() < end) {
        const auto before = Clock::now();
        const auto result = client.Post("/validate", body, "application/json");
        if (!result || result->status != 200) {
          ++failures;
          continue;
        }
        latencies[static_cast<std::size_t>(i)].add(Clock::now() - before);
        ++count;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  Latencies all;
  for (auto& each : latencies) {
    all.micros.insert(all.micros.end(), each.micros.begin(), each.micros.end());
  }
  report(label, count, std::chrono::duration<double>(Clock::now() - started).count(), all);
  if (failures > 0) {
    std::printf("  %zu failed requests\n", failures.load());
  }
}

} // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"strimzi-gateway-webhook review benchmark"};
  double seconds = 3;
  int clients = 4;
  std::string stateDir = "examples";
  std::string reviewFile =
      "test/fixtures/admission/050-validate-Kafka-UPDATE-gateway-api-test.json";
  app.add_option("--seconds", seconds, "Length of each phase")->check(CLI::Range(0.1, 60.0));
  app.add_option("--clients", clients, "Concurrent HTTPS clients")->check(CLI::Range(1, 64));
  app.add_option("--state-dir", stateDir, "Cluster state");
  app.add_option("--review", reviewFile, "AdmissionReview request to send");
  bool pipelineOnly = false;
  app.add_flag("--pipeline-only", pipelineOnly,
               "Measure the pipeline only (for profiling with callgrind)");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::err);

  auto loaded = sgw::manifest::loadPath(stateDir);
  if (!loaded.errors.empty()) {
    std::cerr << loaded.errors.front().toString() << "\n";
    return 2;
  }
  const auto snapshot = sgw::state::snapshotFromManifests(loaded.manifests).snapshot;
  const auto body = readFile(reviewFile);
  std::printf("review %s (%zu bytes) against %zu objects, %.1f s per phase\n", reviewFile.c_str(),
              body.size(), snapshot.objectCount(), seconds);
  benchPipeline(body, snapshot, seconds);
  if (pipelineOnly) {
    return 0;
  }

  const auto folder = std::filesystem::temp_directory_path() / "sgw-bench-certs";
  for (const bool ecdsa : {true, false}) {
    const auto keys = folder / (ecdsa ? "ecdsa" : "rsa");
    writeSelfSigned(keys, ecdsa);
    auto state = std::make_shared<sgw::state::DirectoryState>(stateDir, "default",
                                                              std::chrono::milliseconds(1000));
    state->load();
    auto metrics = std::make_shared<sgw::observability::Metrics>();
    sgw::observability::describeWebhookMetrics(*metrics);
    sgw::http::ServerOptions options;
    options.port = 0;
    options.certificateFile = keys / "tls.crt";
    options.privateKeyFile = keys / "tls.key";
    sgw::http::WebhookServer server(options, state, metrics);
    if (const auto error = server.start()) {
      std::cerr << *error << "\n";
      return 2;
    }
    std::thread serving([&] { server.run(); });
    const std::string key = ecdsa ? "ECDSA P-256" : "RSA-2048";
    if (ecdsa) {
      benchHttps("HTTPS keep-alive, " + std::to_string(clients) + " clients, " + key, server.port(),
                 body, clients, seconds, true);
    }
    benchHttps("HTTPS new connection each, " + std::to_string(clients) + " clients, " + key,
               server.port(), body, clients, seconds, false);
    server.shutdown();
    serving.join();
  }
  std::filesystem::remove_all(folder);
  return 0;
}

#include "support/fake_api_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "sgw/core/base64.h"
#include "support/test_paths.h"

namespace sgw::test {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream stream(path);
  std::string part;
  while (std::getline(stream, part, '/')) {
    if (!part.empty()) {
      parts.push_back(part);
    }
  }
  return parts;
}

int versionNumber(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stoi(text);
  } catch (const std::exception&) {
    return -1;
  }
}

std::string metadataField(const nlohmann::json& object, const char* field) {
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) {
    return {};
  }
  return metadata->value(field, "");
}

bool labelsMatch(const nlohmann::json& object, const std::string& selector) {
  if (selector.empty()) {
    return true;
  }
  std::stringstream stream(selector);
  std::string term;
  const auto& metadata = object["metadata"];
  while (std::getline(stream, term, ',')) {
    const auto equals = term.find('=');
    const auto key = term.substr(0, equals);
    const auto value = term.substr(equals + 1);
    if (!metadata.contains("labels") || metadata["labels"].value(key, "\x01") != value) {
      return false;
    }
  }
  return true;
}

} // namespace

bool FakeApiServer::Request::isWatch() const {
  const auto value = param("watch");
  return value == "true" || value == "1";
}

std::string FakeApiServer::Request::param(const std::string& name) const {
  const auto found = params.find(name);
  return found == params.end() ? "" : found->second;
}

std::string FakeApiServer::Request::toString() const {
  std::string text = path;
  for (const auto& [name, value] : params) {
    text += (text.size() == path.size() ? "?" : "&") + name + "=" + value;
  }
  return text;
}

FakeApiServer::FakeApiServer(const DevCerts& certificates, bool requireClientCertificate)
    : certificates_(certificates), requireClientCertificate_(requireClientCertificate) {}

FakeApiServer::~FakeApiServer() {
  stop();
}

int FakeApiServer::unusedPort() {
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(sock);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(sock);
  return ntohs(address.sin_port);
}

int FakeApiServer::start(int port) {
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  const auto cert = certificates_.certificate().string();
  const auto key = certificates_.privateKey().string();
  server_ = requireClientCertificate_
                ? std::make_unique<httplib::SSLServer>(
                      cert.c_str(), key.c_str(), certificates_.caCertificate().string().c_str())
                : std::make_unique<httplib::SSLServer>(cert.c_str(), key.c_str());
  server_->new_task_queue = [] { return new httplib::ThreadPool(48); };
  server_->set_keep_alive_timeout(1);
  const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    handle(request, response);
  };
  server_->Get(".*", handler);
  server_->Patch(".*", handler);
  server_->Delete(".*", handler);
  if (port == 0) {
    port_ = server_->bind_to_any_port("127.0.0.1");
  } else {
    port_ = server_->bind_to_port("127.0.0.1", port) ? port : -1;
  }
  if (port_ <= 0) {
    throw std::runtime_error("fake API server cannot bind");
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (!server_->is_running() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return port_;
}

void FakeApiServer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (server_) {
    server_->stop();
  }
  if (thread_.joinable()) {
    thread_.join();
  }
  server_.reset();
}

void FakeApiServer::serveResource(const std::string& group, const std::string& version,
                                  const std::string& plural) {
  std::lock_guard lock(mutex_);
  served_[group][version].push_back(plural);
}

void FakeApiServer::unserveGroup(const std::string& group) {
  std::lock_guard lock(mutex_);
  served_.erase(group);
}

void FakeApiServer::serveRecordedCluster() {
  for (const char* plural : {"kafkas", "kafkanodepools"}) {
    serveResource("kafka.strimzi.io", "v1beta2", plural);
  }
  for (const char* plural : {"gateways", "gatewayclasses", "httproutes"}) {
    serveResource("gateway.networking.k8s.io", "v1", plural);
    serveResource("gateway.networking.k8s.io", "v1beta1", plural);
  }
  for (const char* plural : {"tlsroutes", "tcproutes", "referencegrants"}) {
    serveResource("gateway.networking.k8s.io", "v1alpha2", plural);
  }
  serveResource("gateway.networking.k8s.io", "v1beta1", "referencegrants");
}

void FakeApiServer::loadRecordedCluster() {
  serveRecordedCluster();
  for (const auto& [plural, fixture] : std::vector<std::pair<std::string, std::string>>{
           {"kafkas", "list-kafkas-all-namespaces.json"},
           {"kafkanodepools", "list-kafkanodepools-all-namespaces.json"},
           {"tlsroutes", "list-tlsroutes-all-namespaces.json"},
           {"gateways", "list-gateways-all-namespaces.json"},
           {"services", "list-services-ns-strimzi.json"},
           {"secrets", "list-secrets-ns-strimzi.json"}}) {
    loadList(plural, loadJson(fixture));
  }
}

void FakeApiServer::loadList(const std::string& plural, const nlohmann::json& list) {
  std::lock_guard lock(mutex_);
  auto& collection = collections_[plural];
  collection.objects.clear();
  for (const auto& item : list["items"]) {
    collection.objects[{metadataField(item, "namespace"), metadataField(item, "name")}] = item;
  }
  resourceVersion_ =
      std::max(resourceVersion_, versionNumber(list["metadata"].value("resourceVersion", "")));
  changed_.notify_all();
}

void FakeApiServer::applyEvent(const std::string& plural, const nlohmann::json& event) {
  std::lock_guard lock(mutex_);
  auto line = event;
  auto& object = line["object"];
  int version = versionNumber(metadataField(object, "resourceVersion"));
  if (version <= 0) {
    version = resourceVersion_ + 1;
    object["metadata"]["resourceVersion"] = std::to_string(version);
  }
  resourceVersion_ = std::max(resourceVersion_, version);
  auto& collection = collections_[plural];
  const std::pair key{metadataField(object, "namespace"), metadataField(object, "name")};
  const auto type = line.value("type", "");
  if (type == "ADDED" || type == "MODIFIED") {
    collection.objects[key] = object;
  } else if (type == "DELETED") {
    collection.objects.erase(key);
  }
  collection.log.push_back({version, std::move(line)});
  changed_.notify_all();
}

void FakeApiServer::bookmark(const std::string& plural, const std::string& resourceVersion) {
  applyEvent(
      plural,
      {{"type", "BOOKMARK"},
       {"object", {{"kind", "Bookmark"}, {"metadata", {{"resourceVersion", resourceVersion}}}}}});
}

void FakeApiServer::compactBefore(int resourceVersion) {
  std::lock_guard lock(mutex_);
  compactedBefore_ = resourceVersion;
}

int FakeApiServer::currentResourceVersion() const {
  std::lock_guard lock(mutex_);
  return resourceVersion_;
}

std::optional<nlohmann::json> FakeApiServer::object(const std::string& plural,
                                                    const std::string& namespace_,
                                                    const std::string& name) const {
  std::lock_guard lock(mutex_);
  const auto collection = collections_.find(plural);
  if (collection == collections_.end()) {
    return std::nullopt;
  }
  const auto found = collection->second.objects.find({namespace_, name});
  if (found == collection->second.objects.end()) {
    return std::nullopt;
  }
  return found->second;
}

void FakeApiServer::script(Verb verb, const std::string& plural, Scripted answer) {
  std::lock_guard lock(mutex_);
  scripts_[{verb, plural}].push_back(std::move(answer));
}

void FakeApiServer::cutWatches() {
  {
    std::lock_guard lock(mutex_);
    ++cutGeneration_;
  }
  changed_.notify_all();
}

void FakeApiServer::requireToken(const std::string& token) {
  std::lock_guard lock(mutex_);
  token_ = token;
}

std::vector<FakeApiServer::Request> FakeApiServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<FakeApiServer::Request> FakeApiServer::requestsFor(Verb verb,
                                                               const std::string& plural) const {
  std::vector<Request> matching;
  for (const auto& request : requests()) {
    const auto parts = split(request.path);
    if (parts.empty()) {
      continue;
    }
    const bool named =
        std::find(parts.begin(), parts.end(), plural) != parts.end() && parts.back() != plural;
    const bool isCollection = !parts.empty() && parts.back() == plural;
    if ((verb == Verb::Get && named) ||
        (verb == Verb::Watch && isCollection && request.isWatch()) ||
        (verb == Verb::List && isCollection && !request.isWatch())) {
      matching.push_back(request);
    }
  }
  return matching;
}

bool FakeApiServer::waitForRequest(const std::function<bool(const Request&)>& predicate,
                                   std::chrono::milliseconds timeout) const {
  return waitUntil(
      [&] {
        const auto recorded = requests();
        return std::any_of(recorded.begin(), recorded.end(), predicate);
      },
      timeout);
}

bool FakeApiServer::waitUntil(const std::function<bool()>& predicate,
                              std::chrono::milliseconds timeout) const {
  const auto deadline = Clock::now() + timeout;
  while (!predicate()) {
    if (Clock::now() >= deadline) {
      return false;
    }
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(10));
  }
  return true;
}

int FakeApiServer::openWatches() const {
  std::lock_guard lock(mutex_);
  return openWatches_;
}

nlohmann::json FakeApiServer::loadJson(const std::string& fixture) {
  return nlohmann::json::parse(readFile(std::string(SGW_FIXTURES_DIR) + "/apiserver/" + fixture));
}

std::vector<nlohmann::json> FakeApiServer::loadJsonLines(const std::string& fixture) {
  std::vector<nlohmann::json> lines;
  std::stringstream stream(readFile(std::string(SGW_FIXTURES_DIR) + "/apiserver/" + fixture));
  std::string line;
  while (std::getline(stream, line)) {
    if (!line.empty()) {
      lines.push_back(nlohmann::json::parse(line));
    }
  }
  return lines;
}

std::vector<std::string> FakeApiServer::loadChunks(const std::string& fixture) {
  const auto raw = readFile(std::string(SGW_FIXTURES_DIR) + "/apiserver/" + fixture);
  std::vector<std::string> chunks;
  std::size_t at = 0;
  while (true) {
    const auto lineEnd = raw.find("\r\n", at);
    if (lineEnd == std::string::npos) {
      throw std::runtime_error(fixture + ": chunk size line not terminated");
    }
    const auto size = std::stoul(raw.substr(at, lineEnd - at), nullptr, 16);
    if (size == 0) {
      return chunks;
    }
    chunks.push_back(raw.substr(lineEnd + 2, size));
    at = lineEnd + 2 + size + 2;
  }
}

void FakeApiServer::status(httplib::Response& response, int code, const std::string& reason,
                           const std::string& message) {
  response.status = code;
  response.set_content(nlohmann::json{{"kind", "Status"},
                                      {"apiVersion", "v1"},
                                      {"metadata", nlohmann::json::object()},
                                      {"status", "Failure"},
                                      {"message", message},
                                      {"reason", reason},
                                      {"code", code}}
                           .dump(),
                       "application/json");
}

void FakeApiServer::handle(const httplib::Request& request, httplib::Response& response) {
  Request recorded{request.method, request.path, {}, request.get_header_value("Authorization")};
  recorded.contentType = request.get_header_value("Content-Type");
  recorded.body = request.body;
  for (const auto& [name, value] : request.params) {
    recorded.params[name] = value;
  }
  std::string token;
  {
    std::lock_guard lock(mutex_);
    recorded.cutsBefore = cutGeneration_;
    requests_.push_back(recorded);
    token = token_;
  }
  changed_.notify_all();
  if (!token.empty() && recorded.authorization != "Bearer " + token) {
    status(response, 401, "Unauthorized", "Unauthorized");
    return;
  }
  if (discovery(request.path, response)) {
    return;
  }
  const auto target = parseTarget(request);
  if (!target) {
    status(response, 404, "NotFound", "the server could not find the requested resource");
    return;
  }
  std::optional<Scripted> scripted;
  {
    std::lock_guard lock(mutex_);
    auto found = scripts_.find({target->verb, target->plural});
    if (found != scripts_.end() && !found->second.empty()) {
      scripted = std::move(found->second.front());
      found->second.pop_front();
    }
  }
  if (scripted && !scripted->passThrough) {
    answerScripted(std::move(*scripted), response);
    return;
  }
  switch (target->verb) {
  case Verb::List:
    list(*target, recorded, response);
    break;
  case Verb::Get:
    get(*target, response);
    break;
  case Verb::Watch:
    watch(*target, recorded, response);
    break;
  case Verb::Apply:
    apply(*target, recorded, response);
    break;
  case Verb::Delete:
    remove(*target, response);
    break;
  }
}

bool FakeApiServer::discovery(const std::string& path, httplib::Response& response) {
  const auto parts = split(path);
  if (parts.empty() || parts[0] != "apis" || parts.size() > 3 || parts.size() < 2) {
    return false;
  }
  std::lock_guard lock(mutex_);
  const auto group = served_.find(parts[1]);
  if (group == served_.end() || group->second.empty()) {
    status(response, 404, "NotFound", "the server could not find the requested resource");
    return true;
  }
  if (parts.size() == 2) {
    auto versions = nlohmann::json::array();
    for (const auto& [version, plurals] : group->second) {
      versions.push_back({{"groupVersion", parts[1] + "/" + version}, {"version", version}});
    }
    response.set_content(nlohmann::json{{"kind", "APIGroup"},
                                        {"apiVersion", "v1"},
                                        {"name", parts[1]},
                                        {"versions", versions},
                                        {"preferredVersion", versions.front()}}
                             .dump(),
                         "application/json");
    return true;
  }
  const auto version = group->second.find(parts[2]);
  if (version == group->second.end()) {
    status(response, 404, "NotFound", "the server could not find the requested resource");
    return true;
  }
  auto resources = nlohmann::json::array();
  for (const auto& plural : version->second) {
    resources.push_back(
        {{"name", plural}, {"namespaced", true}, {"verbs", {"get", "list", "watch"}}});
  }
  response.set_content(nlohmann::json{{"kind", "APIResourceList"},
                                      {"apiVersion", "v1"},
                                      {"groupVersion", parts[1] + "/" + parts[2]},
                                      {"resources", resources}}
                           .dump(),
                       "application/json");
  return true;
}

std::optional<FakeApiServer::Target>
FakeApiServer::parseTarget(const httplib::Request& request) const {
  const auto parts = split(request.path);
  Target target;
  std::size_t at = 0;
  if (parts.size() >= 3 && parts[0] == "api" && parts[1] == "v1") {
    target.version = "v1";
    at = 2;
  } else if (parts.size() >= 4 && parts[0] == "apis") {
    target.group = parts[1];
    target.version = parts[2];
    at = 3;
  } else {
    return std::nullopt;
  }
  if (parts.size() > at + 1 && parts[at] == "namespaces") {
    target.namespace_ = parts[at + 1];
    at += 2;
  }
  if (parts.size() <= at || parts.size() > at + 2) {
    return std::nullopt;
  }
  target.plural = parts[at];
  if (parts.size() == at + 2) {
    target.name = parts[at + 1];
  }
  if (!target.group.empty()) {
    std::lock_guard lock(mutex_);
    const auto group = served_.find(target.group);
    if (group == served_.end()) {
      return std::nullopt;
    }
    const auto version = group->second.find(target.version);
    if (version == group->second.end() || std::find(version->second.begin(), version->second.end(),
                                                    target.plural) == version->second.end()) {
      return std::nullopt;
    }
  }
  if (request.method == "PATCH" || request.method == "DELETE") {
    if (target.name.empty()) {
      return std::nullopt;
    }
    target.verb = request.method == "PATCH" ? Verb::Apply : Verb::Delete;
    return target;
  }
  const auto watch = request.get_param_value("watch");
  target.verb = !target.name.empty()                ? Verb::Get
                : (watch == "true" || watch == "1") ? Verb::Watch
                                                    : Verb::List;
  return target;
}

bool FakeApiServer::matches(const nlohmann::json& object, const Target& target,
                            const Request& recorded) const {
  if (!target.namespace_.empty() && metadataField(object, "namespace") != target.namespace_) {
    return false;
  }
  const auto fieldSelector = recorded.param("fieldSelector");
  if (fieldSelector.starts_with("metadata.name=") &&
      metadataField(object, "name") != fieldSelector.substr(std::string("metadata.name=").size())) {
    return false;
  }
  return labelsMatch(object, recorded.param("labelSelector"));
}

void FakeApiServer::list(const Target& target, const Request& recorded,
                         httplib::Response& response) {
  std::lock_guard lock(mutex_);
  std::vector<nlohmann::json> items;
  for (const auto& [key, object] : collections_[target.plural].objects) {
    if (matches(object, target, recorded)) {
      items.push_back(object);
    }
  }
  const auto limitText = recorded.param("limit");
  const std::size_t limit = limitText.empty() ? 0 : std::stoul(limitText);
  const std::size_t offset =
      recorded.param("continue").empty() ? 0 : std::stoul(recorded.param("continue"));
  const std::size_t end = limit == 0 ? items.size() : std::min(items.size(), offset + limit);
  auto page = nlohmann::json::array();
  for (std::size_t i = std::min(offset, items.size()); i < end; ++i) {
    page.push_back(items[i]);
  }
  nlohmann::json metadata{{"resourceVersion", std::to_string(resourceVersion_)}};
  if (end < items.size()) {
    metadata["continue"] = std::to_string(end);
  }
  response.set_content(
      nlohmann::json{
          {"kind", "List"}, {"apiVersion", "v1"}, {"metadata", metadata}, {"items", page}}
          .dump(),
      "application/json");
}

void FakeApiServer::get(const Target& target, httplib::Response& response) {
  std::lock_guard lock(mutex_);
  const auto& objects = collections_[target.plural].objects;
  const auto found = objects.find({target.namespace_, target.name});
  if (found == objects.end()) {
    status(response, 404, "NotFound", target.plural + " \"" + target.name + "\" not found");
    return;
  }
  response.set_content(found->second.dump(), "application/json");
}

void FakeApiServer::apply(const Target& target, const Request& recorded,
                          httplib::Response& response) {
  if (recorded.contentType != "application/apply-patch+yaml") {
    status(response, 415, "UnsupportedMediaType",
           "the body of the request was in an unknown format");
    return;
  }
  if (recorded.param("fieldManager").empty()) {
    status(response, 422, "Invalid", "fieldManager is required for apply requests");
    return;
  }
  // The apply bodies under test are JSON, which is YAML too.
  auto object = nlohmann::json::parse(recorded.body, nullptr, false);
  if (!object.is_object() || metadataField(object, "name") != target.name ||
      metadataField(object, "namespace") != target.namespace_) {
    status(response, 400, "BadRequest", "the apply body does not name the object of its path");
    return;
  }
  bool created = false;
  {
    std::lock_guard lock(mutex_);
    auto& collection = collections_[target.plural];
    const std::pair key{target.namespace_, target.name};
    created = collection.objects.count(key) == 0;
    object["metadata"]["resourceVersion"] = std::to_string(++resourceVersion_);
    collection.objects[key] = object;
    collection.log.push_back(
        {resourceVersion_, {{"type", created ? "ADDED" : "MODIFIED"}, {"object", object}}});
  }
  changed_.notify_all();
  response.status = created ? 201 : 200;
  response.set_content(object.dump(), "application/json");
}

void FakeApiServer::remove(const Target& target, httplib::Response& response) {
  nlohmann::json object;
  {
    std::lock_guard lock(mutex_);
    auto& collection = collections_[target.plural];
    const auto found = collection.objects.find({target.namespace_, target.name});
    if (found == collection.objects.end()) {
      status(response, 404, "NotFound", target.plural + " \"" + target.name + "\" not found");
      return;
    }
    object = found->second;
    collection.objects.erase(found);
    collection.log.push_back({++resourceVersion_, {{"type", "DELETED"}, {"object", object}}});
  }
  changed_.notify_all();
  response.set_content(object.dump(), "application/json");
}

void FakeApiServer::answerScripted(Scripted answer, httplib::Response& response) {
  if (answer.delay.count() > 0) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, answer.delay, [this] { return stopping_; });
  }
  response.status = answer.status;
  if (answer.status != 200 && !answer.cut) {
    std::string body;
    for (const auto& chunk : answer.chunks) {
      body += chunk;
    }
    response.set_content(body, "application/json");
    return;
  }
  auto chunks = std::make_shared<std::vector<std::string>>(std::move(answer.chunks));
  auto next = std::make_shared<std::size_t>(0);
  const bool cut = answer.cut;
  response.set_chunked_content_provider(
      "application/json", [chunks, next, cut](std::size_t, httplib::DataSink& sink) {
        if (*next < chunks->size()) {
          const auto& chunk = (*chunks)[(*next)++];
          return chunk.empty() || sink.write(chunk.data(), chunk.size());
        }
        if (cut) {
          return false;
        }
        sink.done();
        return true;
      });
}

void FakeApiServer::watch(const Target& target, const Request& recorded,
                          httplib::Response& response) {
  const int from = versionNumber(recorded.param("resourceVersion"));
  const bool bookmarks = recorded.param("allowWatchBookmarks") == "true";
  const auto timeoutText = recorded.param("timeoutSeconds");
  const auto deadline =
      Clock::now() + std::chrono::seconds(timeoutText.empty() ? 1800 : std::stol(timeoutText));
  std::vector<std::string> initial;
  std::size_t cursor = 0;
  const std::uint64_t cutGeneration = recorded.cutsBefore;
  {
    std::lock_guard lock(mutex_);
    if (from > 0 && from < compactedBefore_) {
      response.set_content(
          nlohmann::json{{"type", "ERROR"},
                         {"object",
                          {{"kind", "Status"},
                           {"apiVersion", "v1"},
                           {"metadata", nlohmann::json::object()},
                           {"status", "Failure"},
                           {"message", "too old resource version: " + std::to_string(from) + " (" +
                                           std::to_string(compactedBefore_) + ")"},
                           {"reason", "Expired"},
                           {"code", 410}}}}
                  .dump() +
              "\n",
          "application/json");
      return;
    }
    auto& collection = collections_[target.plural];
    if (from <= 0) {
      // No resourceVersion: the current objects first, as synthetic ADDED events.
      for (const auto& [key, object] : collection.objects) {
        if (matches(object, target, recorded)) {
          initial.push_back(nlohmann::json{{"type", "ADDED"}, {"object", object}}.dump() + "\n");
        }
      }
      cursor = collection.log.size();
    }
    ++openWatches_;
  }
  changed_.notify_all();

  struct Cursor {
    std::vector<std::string> initial;
    std::size_t initialSent = 0;
    std::size_t log;
  };
  auto state = std::make_shared<Cursor>(Cursor{std::move(initial), 0, cursor});
  const auto plural = target.plural;
  response.set_chunked_content_provider(
      "application/json",
      [this, state, plural, target, recorded, from, bookmarks, deadline,
       cutGeneration](std::size_t, httplib::DataSink& sink) {
        if (state->initialSent < state->initial.size()) {
          const auto& line = state->initial[state->initialSent++];
          return sink.write(line.data(), line.size());
        }
        std::unique_lock lock(mutex_);
        while (true) {
          if (stopping_ || cutGeneration_ != cutGeneration) {
            return false;
          }
          auto& log = collections_[plural].log;
          while (state->log < log.size()) {
            const auto& event = log[state->log++];
            if (event.resourceVersion <= from && from > 0) {
              continue;
            }
            const bool isBookmark = event.line.value("type", "") == "BOOKMARK";
            if (isBookmark ? !bookmarks : !matches(event.line["object"], target, recorded)) {
              continue;
            }
            const auto line = event.line.dump() + "\n";
            lock.unlock();
            return sink.write(line.data(), line.size());
          }
          if (Clock::now() >= deadline) {
            lock.unlock();
            sink.done();
            return true;
          }
          changed_.wait_for(lock, std::chrono::milliseconds(20));
        }
      },
      [this](bool) {
        {
          std::lock_guard lock(mutex_);
          --openWatches_;
        }
        changed_.notify_all();
      });
}

std::string kubeconfigFor(int port, const std::string& token) {
  return "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
         "contexts:\n- name: test\n  context: {cluster: test, user: test}\n"
         "clusters:\n- name: test\n  cluster:\n    server: https://127.0.0.1:" +
         std::to_string(port) + "\n    certificate-authority-data: " +
         base64Encode(readFile(devCertificates().caCertificate())) +
         "\nusers:\n- name: test\n  user:\n    token: " + token + "\n";
}

} // namespace sgw::test

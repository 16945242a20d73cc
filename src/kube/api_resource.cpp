#include "sgw/kube/api_resource.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sgw/kube/api_client.h"

namespace sgw::kube {

namespace {

ApiResource resourceOf(model::Kind kind, std::vector<std::string> versions,
                       std::string labelSelector = {}, std::string fieldSelector = {}) {
  return {std::string(model::pluralOf(kind)),
          std::string(model::groupOf(kind)),
          std::move(versions),
          kind,
          std::move(labelSelector),
          std::move(fieldSelector),
          kind == model::Kind::Namespace};
}

} // namespace

std::vector<ApiResource> cachedResources() {
  return {
      resourceOf(model::Kind::Kafka, {"v1beta2", "v1"}),
      resourceOf(model::Kind::KafkaNodePool, {"v1beta2", "v1"}),
      resourceOf(model::Kind::TlsRoute, {"v1", "v1alpha3", "v1alpha2"}),
      resourceOf(model::Kind::Gateway, {"v1", "v1beta1"}),
      resourceOf(model::Kind::ReferenceGrant, {"v1", "v1beta1"}),
      // ListenerSet is served as v1 from Gateway API 1.5 (standard channel).
      resourceOf(model::Kind::ListenerSet, {"v1"}),
      resourceOf(model::Kind::Service, {"v1"}, "strimzi.io/kind=Kafka"),
      // Their labels decide allowedRoutes `from: Selector`.
      resourceOf(model::Kind::Namespace, {"v1"}),
      // cert-manager's Certificates, when cert-manager is installed (v1 since cert-manager 1.0);
      // without it the informer reports the resource as not installed and the rest is served.
      resourceOf(model::Kind::Certificate, {"v1"}),
  };
}

ApiResource namespaceResource(const std::string& name) {
  return resourceOf(model::Kind::Namespace, {"v1"}, {}, "metadata.name=" + name);
}

ApiResource secretResource(const std::string& name) {
  return resourceOf(model::Kind::Secret, {"v1"}, {}, "metadata.name=" + name);
}

std::string percentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string queryString(const std::vector<std::pair<std::string, std::string>>& parameters) {
  std::string query;
  for (const auto& [name, value] : parameters) {
    if (value.empty()) {
      continue;
    }
    query += query.empty() ? "?" : "&";
    query += percentEncode(name) + "=" + percentEncode(value);
  }
  return query;
}

std::string collectionPath(const ApiResource& resource, const std::string& version,
                           const std::string& namespace_) {
  std::string path =
      resource.group.empty() ? "/api/" + version : "/apis/" + resource.group + "/" + version;
  if (!namespace_.empty()) {
    path += "/namespaces/" + percentEncode(namespace_);
  }
  return path + "/" + resource.plural;
}

std::string objectPath(const ApiResource& resource, const std::string& version,
                       const std::string& namespace_, const std::string& name) {
  return collectionPath(resource, version, namespace_) + "/" + percentEncode(name);
}

namespace {

std::vector<std::string> servedGroupVersions(const nlohmann::json& group) {
  std::vector<std::string> versions;
  const auto list = group.find("versions");
  if (list == group.end() || !list->is_array()) {
    return versions;
  }
  for (const auto& entry : *list) {
    if (entry.is_object() && entry.contains("version") && entry["version"].is_string()) {
      versions.push_back(entry["version"].get<std::string>());
    }
  }
  return versions;
}

bool listsResource(const nlohmann::json& resourceList, const std::string& plural) {
  const auto list = resourceList.find("resources");
  if (list == resourceList.end() || !list->is_array()) {
    return false;
  }
  return std::any_of(list->begin(), list->end(), [&](const nlohmann::json& entry) {
    return entry.is_object() && entry.value("name", "") == plural;
  });
}

Discovery failed(const std::string& what, const ApiResponse& response) {
  return {Discovery::Outcome::Failed, "",
          "discovery of " + what + " failed: " + response.describe()};
}

} // namespace

Discovery discoverVersion(ApiConnection& connection, const ApiResource& resource,
                          std::chrono::milliseconds timeout) {
  if (resource.group.empty()) {
    return {Discovery::Outcome::Served, resource.versions.front(), ""};
  }
  const auto groupResponse = connection.get("/apis/" + resource.group, timeout);
  if (groupResponse.status == 404) {
    return {Discovery::Outcome::NotServed, "",
            "the API group " + resource.group + " is not served (CRDs not installed)"};
  }
  if (!groupResponse.ok()) {
    return failed(resource.group, groupResponse);
  }
  const auto group = nlohmann::json::parse(groupResponse.body, nullptr, false);
  if (group.is_discarded() || !group.is_object()) {
    return {Discovery::Outcome::Failed, "",
            "discovery of " + resource.group + " answered with something other than JSON"};
  }
  const auto served = servedGroupVersions(group);
  for (const auto& version : resource.versions) {
    if (std::find(served.begin(), served.end(), version) == served.end()) {
      continue;
    }
    const auto versionResponse = connection.get("/apis/" + resource.group + "/" + version, timeout);
    if (versionResponse.status == 404) {
      continue; // removed between the two requests
    }
    if (!versionResponse.ok()) {
      return failed(resource.group + "/" + version, versionResponse);
    }
    const auto list = nlohmann::json::parse(versionResponse.body, nullptr, false);
    if (!list.is_discarded() && listsResource(list, resource.plural)) {
      return {Discovery::Outcome::Served, version, ""};
    }
  }
  std::string accepted;
  for (const auto& version : resource.versions) {
    accepted += (accepted.empty() ? "" : ", ") + version;
  }
  return {Discovery::Outcome::NotServed, "",
          resource.group + " serves no version of " + resource.plural + " among " + accepted +
              " (CRD not installed)"};
}

} // namespace sgw::kube

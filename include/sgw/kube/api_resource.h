#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sgw/model/kind.h"

namespace sgw::kube {

class ApiConnection;

// A resource type the webhook reads from the API server, with the versions it accepts (several
// when the served version depends on the installed CRD bundle: TLSRoute is v1alpha2 in Gateway
// API 1.1, v1alpha3 in 1.4 and v1 from 1.5; every version maps to the same model).
struct ApiResource {
  std::string plural;                // "tlsroutes"; also the name in logs, metrics and /readyz
  std::string group;                 // "" for the core group
  std::vector<std::string> versions; // most preferred first
  model::Kind kind = model::Kind::Kafka;
  std::string labelSelector;  // only objects with these labels
  std::string fieldSelector;  // only objects with these fields ("metadata.name=x")
  bool clusterScoped = false; // Namespaces: never listed per namespace
};

// The collections cached cluster-wide (or per watched namespace): kafkas, kafkanodepools,
// tlsroutes, gateways, referencegrants, listenersets, the Services Strimzi labels
// strimzi.io/kind=Kafka, the (cluster-scoped) namespaces, and cert-manager's certificates.
std::vector<ApiResource> cachedResources();
// One Namespace, selected by name: what is watched of Namespaces when only some namespaces are.
ApiResource namespaceResource(const std::string& name);
// One Secret, selected by name: Secrets are never listed or watched as a collection.
ApiResource secretResource(const std::string& name);

// "/apis/<group>/<version>[/namespaces/<ns>]/<plural>" ("/api/v1/..." for the core group).
std::string collectionPath(const ApiResource& resource, const std::string& version,
                           const std::string& namespace_);
std::string objectPath(const ApiResource& resource, const std::string& version,
                       const std::string& namespace_, const std::string& name);
// "?a=1&b=x%3Dy" with RFC 3986 percent-encoding; pairs with an empty value are left out.
std::string queryString(const std::vector<std::pair<std::string, std::string>>& parameters);
std::string percentEncode(std::string_view text);

// Which version of a resource the API server serves.
struct Discovery {
  enum class Outcome { Served, NotServed, Failed };
  Outcome outcome = Outcome::Failed;
  std::string version; // when served
  std::string detail;  // why not served, or the failure
};

// Finds the most preferred version of `resource` the server serves, from the group document
// (`/apis/<group>`) and the version documents (`/apis/<group>/<version>`). A group or resource
// that is not there (its CRD is not installed) is NotServed; a failed request is Failed.
Discovery discoverVersion(ApiConnection& connection, const ApiResource& resource,
                          std::chrono::milliseconds timeout);

} // namespace sgw::kube

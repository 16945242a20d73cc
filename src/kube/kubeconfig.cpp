#include <algorithm>
#include <yaml-cpp/yaml.h>

#include "sgw/core/base64.h"
#include "sgw/kube/client_config.h"

namespace sgw::kube {

namespace {

namespace fs = std::filesystem;

// A kubeconfig mistake found while reading it; turned into a ConfigError at the boundary.
struct KubeconfigProblem {
  std::string message;
};

std::string scalar(const YAML::Node& map, const std::string& key, const std::string& where) {
  const auto node = map[key];
  if (!node.IsDefined() || node.IsNull()) {
    return {};
  }
  if (!node.IsScalar()) {
    throw KubeconfigProblem{where + "." + key + " must be a string"};
  }
  return node.as<std::string>();
}

bool flag(const YAML::Node& map, const std::string& key, const std::string& where) {
  const auto node = map[key];
  if (!node.IsDefined() || node.IsNull()) {
    return false;
  }
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
    throw KubeconfigProblem{where + "." + key + " must be true or false"};
  }
  return value;
}

// The `field` mapping of the entry of the `list` sequence whose name is `name`.
YAML::Node namedEntry(const YAML::Node& root, const std::string& list, const std::string& field,
                      const std::string& name) {
  const auto entries = root[list];
  if (entries.IsDefined() && !entries.IsNull() && !entries.IsSequence()) {
    throw KubeconfigProblem{list + " must be a list"};
  }
  if (entries.IsSequence()) {
    for (const auto& entry : entries) {
      if (entry.IsMap() && entry["name"].IsScalar() && entry["name"].as<std::string>() == name) {
        const auto body = entry[field];
        if (!body.IsMap()) {
          throw KubeconfigProblem{list + " entry \"" + name + "\" has no " + field + " mapping"};
        }
        return body;
      }
    }
  }
  std::string singular = list.substr(0, list.size() - 1);
  throw KubeconfigProblem{singular + " \"" + name + "\" is not defined in " + list};
}

fs::path resolve(const fs::path& base, const std::string& path) {
  fs::path candidate(path);
  if (candidate.is_relative()) {
    candidate = base / candidate;
  }
  return candidate;
}

std::string readFileOrThrow(const fs::path& path, const std::string& purpose) {
  auto read = readConfigFile(path, purpose);
  if (auto* error = std::get_if<ConfigError>(&read)) {
    throw KubeconfigProblem{error->message};
  }
  return std::move(std::get<std::string>(read));
}

std::string decodeData(std::string encoded, const std::string& purpose) {
  encoded.erase(std::remove_if(encoded.begin(), encoded.end(),
                               [](unsigned char c) { return std::isspace(c) != 0; }),
                encoded.end());
  auto decoded = base64Decode(encoded);
  if (!decoded) {
    throw KubeconfigProblem{purpose + " is not valid base64"};
  }
  return std::move(*decoded);
}

// Inline `<key>-data` wins over the `<key>` file, as in kubectl.
std::string fileOrData(const YAML::Node& map, const std::string& key, const std::string& where,
                       const fs::path& base) {
  const auto data = scalar(map, key + "-data", where);
  if (!data.empty()) {
    return decodeData(data, where + "." + key + "-data");
  }
  const auto file = scalar(map, key, where);
  if (!file.empty()) {
    return readFileOrThrow(resolve(base, file), where + "." + key);
  }
  return {};
}

void refuseUnsupportedAuth(const YAML::Node& user, const std::string& where) {
  if (const auto exec = user["exec"]; exec.IsDefined() && !exec.IsNull()) {
    std::string command = exec.IsMap() && exec["command"].IsScalar()
                              ? " (command \"" + exec["command"].as<std::string>() + "\")"
                              : "";
    throw KubeconfigProblem{
        where + " uses an exec credential plugin" + command +
        ", which is not supported: use a token, tokenFile or client certificate, or run in the "
        "cluster with a service account"};
  }
  if (const auto provider = user["auth-provider"]; provider.IsDefined() && !provider.IsNull()) {
    std::string name = provider.IsMap() && provider["name"].IsScalar()
                           ? " \"" + provider["name"].as<std::string>() + "\""
                           : "";
    throw KubeconfigProblem{where + " uses the auth-provider" + name +
                            ", which is not supported: use a token, tokenFile or client "
                            "certificate, or run in the cluster with a service account"};
  }
  if (!scalar(user, "username", where).empty() || !scalar(user, "password", where).empty()) {
    throw KubeconfigProblem{where + " uses basic authentication (username/password), which "
                                    "Kubernetes no longer supports"};
  }
  for (const char* key : {"as", "as-uid", "as-groups", "as-user-extra"}) {
    if (const auto node = user[key]; node.IsDefined() && !node.IsNull()) {
      throw KubeconfigProblem{where + " asks for impersonation (" + key +
                              "), which is not supported"};
    }
  }
}

ClientConfig readKubeconfig(const KubeconfigOptions& options) {
  const fs::path base = options.file.parent_path();
  YAML::Node root;
  try {
    root = YAML::Load(readFileOrThrow(options.file, "kubeconfig"));
  } catch (const YAML::Exception& error) {
    throw KubeconfigProblem{"kubeconfig " + options.file.string() +
                            " is not valid YAML: " + error.what()};
  }
  if (!root.IsMap()) {
    throw KubeconfigProblem{"kubeconfig " + options.file.string() + " is not a mapping"};
  }

  std::string contextName = options.context;
  if (contextName.empty()) {
    contextName = scalar(root, "current-context", "kubeconfig");
    if (contextName.empty()) {
      throw KubeconfigProblem{"kubeconfig " + options.file.string() +
                              " has no current-context; pick one with --context"};
    }
  }
  const auto context = namedEntry(root, "contexts", "context", contextName);
  const std::string contextWhere = "context \"" + contextName + "\"";
  const auto clusterName = scalar(context, "cluster", contextWhere);
  if (clusterName.empty()) {
    throw KubeconfigProblem{contextWhere + " names no cluster"};
  }
  const auto userName = scalar(context, "user", contextWhere);

  const auto cluster = namedEntry(root, "clusters", "cluster", clusterName);
  const std::string clusterWhere = "cluster \"" + clusterName + "\"";
  const auto server = scalar(cluster, "server", clusterWhere);
  if (server.empty()) {
    throw KubeconfigProblem{clusterWhere + " has no server"};
  }
  auto parsed = parseServerUrl(server);
  if (auto* error = std::get_if<ConfigError>(&parsed)) {
    throw KubeconfigProblem{clusterWhere + ": " + error->message};
  }
  ClientConfig config = std::move(std::get<ClientConfig>(parsed));
  if (!scalar(cluster, "proxy-url", clusterWhere).empty()) {
    throw KubeconfigProblem{clusterWhere + " uses proxy-url, which is not supported"};
  }
  config.tlsServerName = scalar(cluster, "tls-server-name", clusterWhere);
  config.insecureSkipTlsVerify = flag(cluster, "insecure-skip-tls-verify", clusterWhere);
  config.caPem = fileOrData(cluster, "certificate-authority", clusterWhere, base);
  if (config.insecureSkipTlsVerify) {
    if (!options.allowInsecure) {
      throw KubeconfigProblem{clusterWhere +
                              " sets insecure-skip-tls-verify, which would accept any server "
                              "certificate; give certificate-authority(-data) instead, or pass "
                              "--allow-insecure-kubeconfig to accept the risk"};
    }
    if (!config.caPem.empty()) {
      throw KubeconfigProblem{clusterWhere + " sets both insecure-skip-tls-verify and a "
                                             "certificate-authority; keep one"};
    }
  }

  if (!userName.empty()) {
    const auto user = namedEntry(root, "users", "user", userName);
    const std::string userWhere = "user \"" + userName + "\"";
    refuseUnsupportedAuth(user, userWhere);
    config.bearerToken = scalar(user, "token", userWhere);
    const auto tokenFile = scalar(user, "tokenFile", userWhere);
    if (!tokenFile.empty()) {
      config.tokenFile = resolve(base, tokenFile);
      readFileOrThrow(config.tokenFile, userWhere + ".tokenFile");
    }
    config.clientCertificatePem = fileOrData(user, "client-certificate", userWhere, base);
    config.clientKeyPem = fileOrData(user, "client-key", userWhere, base);
    if (config.clientCertificatePem.empty() != config.clientKeyPem.empty()) {
      throw KubeconfigProblem{userWhere + " gives a client " +
                              (config.clientKeyPem.empty() ? "certificate without its key"
                                                           : "key without its certificate")};
    }
  }
  config.defaultNamespace = scalar(context, "namespace", contextWhere);
  if (config.defaultNamespace.empty()) {
    config.defaultNamespace = "default";
  }
  config.description = "kubeconfig " + options.file.string() + " context " + contextName +
                       ", server " + serverUrl(config);
  return config;
}

} // namespace

ConfigResult loadKubeconfig(const KubeconfigOptions& options) {
  try {
    return readKubeconfig(options);
  } catch (const KubeconfigProblem& problem) {
    return ConfigError{problem.message};
  } catch (const YAML::Exception& error) {
    return ConfigError{"kubeconfig " + options.file.string() + ": " + error.what()};
  }
}

} // namespace sgw::kube

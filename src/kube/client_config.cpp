#include "sgw/kube/client_config.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>

namespace sgw::kube {

namespace {

bool isDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

} // namespace

std::optional<int> parsePort(std::string_view text) {
  int port = 0;
  if (!isDigits(text)) {
    return std::nullopt;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port < 1 || port > 65535) {
    return std::nullopt;
  }
  return port;
}

ConfigResult parseServerUrl(const std::string& url) {
  constexpr std::string_view kScheme = "https://";
  if (url.starts_with("http://")) {
    return ConfigError{"server " + url +
                       " uses plain HTTP; only https:// API servers are supported"};
  }
  if (!url.starts_with(kScheme)) {
    return ConfigError{"server \"" + url + "\" is not an https:// URL"};
  }
  std::string_view rest(url);
  rest.remove_prefix(kScheme.size());
  // The authority ends at the first '/', '?' or '#' (RFC 3986), so a query or fragment right
  // after it is not read as part of the host.
  const auto authorityEnd = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authorityEnd);
  std::string_view path = authorityEnd == std::string_view::npos ? "" : rest.substr(authorityEnd);
  if (path.find_first_of("?#") != std::string_view::npos) {
    return ConfigError{"server " + url + " has a query or fragment; give the bare server URL"};
  }
  while (path.ends_with('/')) {
    path.remove_suffix(1);
  }
  if (authority.find('@') != std::string_view::npos) {
    return ConfigError{"server " + url + " carries user information; put credentials in users"};
  }
  ClientConfig config;
  std::string_view portText;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return ConfigError{"server " + url + " has an unterminated IPv6 address"};
    }
    config.host = std::string(authority.substr(1, close - 1));
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(':')) {
        return ConfigError{"server " + url + " has text after the IPv6 address"};
      }
      portText = after.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    config.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      portText = authority.substr(colon + 1);
    }
  }
  if (config.host.empty()) {
    return ConfigError{"server " + url + " names no host"};
  }
  if (!portText.empty() || authority.ends_with(':')) {
    const auto port = parsePort(portText);
    if (!port) {
      return ConfigError{"server " + url + " has an invalid port"};
    }
    config.port = *port;
  }
  config.basePath = std::string(path);
  return config;
}

std::string serverUrl(const ClientConfig& config) {
  const bool ipv6 = config.host.find(':') != std::string::npos;
  return "https://" + (ipv6 ? "[" + config.host + "]" : config.host) + ":" +
         std::to_string(config.port) + config.basePath;
}

std::variant<std::string, ConfigError> readConfigFile(const std::filesystem::path& path,
                                                      const std::string& purpose,
                                                      std::size_t maxBytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return ConfigError{"cannot read " + purpose + " " + path.string() + ": " +
                       std::strerror(errno)};
  }
  std::string text;
  char buffer[8192];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > maxBytes) {
      return ConfigError{purpose + " " + path.string() + " is larger than " +
                         std::to_string(maxBytes) + " bytes"};
    }
  }
  if (in.bad()) {
    return ConfigError{"cannot read " + purpose + " " + path.string()};
  }
  return text;
}

} // namespace sgw::kube

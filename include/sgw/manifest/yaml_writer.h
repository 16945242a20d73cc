#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sgw::manifest {

// Writes `value` as one block-style YAML document laid out the way kubectl prints objects
// (mapping keys in the JSON's order, sequences not indented under their key, strings quoted only
// when plain text would read as something else), so that generated manifests read like the
// hand-written ones and load back to the same JSON with any YAML 1.1 or 1.2 reader.
std::string toYaml(const nlohmann::json& value);

// Several documents separated by `---` lines.
std::string toYamlDocuments(const std::vector<nlohmann::json>& values);

} // namespace sgw::manifest

#pragma once

#include <string>

#include "sgw/explain/entry_paths.h"

namespace sgw::explain {

// The ways `explain` prints an explanation. Each is a pure function of the explanation.

// A heading, one aligned row per entry path (ENTRY, HOST:PORT, CERT, GATEWAY LISTENER, TLSROUTE,
// SERVICE:PORT, NODE, POOL, VERDICT), then the warnings of the paths and the findings on the
// Kafka and its pools that concern no one path.
std::string renderTable(const Explanation& explanation);
// One JSON object with stable keys (see the README), pretty-printed, ending with a newline.
std::string renderJson(const Explanation& explanation);
// A Mermaid `flowchart LR` block (without the Markdown fence), broken links red and dashed.
std::string renderMermaid(const Explanation& explanation);
// A Graphviz `digraph`, broken links red and dashed with the verdict as their label.
std::string renderDot(const Explanation& explanation);

// "name" for an object in the Kafka's namespace, "namespace/name" for one elsewhere.
std::string shortName(const model::ObjectKey& key, const std::string& kafkaNamespace);

} // namespace sgw::explain

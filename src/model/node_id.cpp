#include "sgw/model/node_id.h"

namespace sgw::model {

std::string joinNodeIds(const std::vector<NodeId>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) {
      out += ", ";
    }
    out += id.toString();
  }
  return out;
}

} // namespace sgw::model

#include "sgw/rules/message_lists.h"

namespace sgw::rules {

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kMaxListed; ++i) {
    if (!out.empty()) {
      out += ", ";
    }
    out += names[i];
  }
  if (names.size() > kMaxListed) {
    out += " and " + std::to_string(names.size() - kMaxListed) + " more";
  }
  return out;
}

std::string joinIds(const std::vector<model::NodeId>& ids) {
  std::vector<std::string> names;
  names.reserve(ids.size());
  for (const auto& id : ids) {
    names.push_back(id.toString());
  }
  return joinNames(names);
}

} // namespace sgw::rules

#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sgw/model/node_id.h"

namespace sgw::rules {

// Lists in messages stop after this many entries: kubectl prints every warning and denial in
// full, and a cluster (or a hostile object) can have thousands of brokers or Services.
inline constexpr std::size_t kMaxListed = 20;

// "a, b, c"; past kMaxListed entries "a, b, ..., t and 5 more".
std::string joinNames(const std::vector<std::string>& names);
// "10, 11, 12", limited the same way.
std::string joinIds(const std::vector<model::NodeId>& ids);

} // namespace sgw::rules

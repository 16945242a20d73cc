#include "sgw/gateway/attaching_route.h"

namespace sgw::gateway {

RouteToAttach routeToAttach(const model::TlsRoute& route) {
  return {std::string(model::kGatewayGroup), "TLSRoute", route.metadata.namespace_,
          route.hostnames};
}

} // namespace sgw::gateway

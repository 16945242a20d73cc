#include "sgw/cli/application.h"

#include <iostream>

#include "sgw/cli/commands.h"
#include "sgw/core/message_limits.h"

namespace sgw::cli {

int run(int argc, char** argv) {
  CLI::App app{"strimzi-gateway-webhook: keeps Strimzi Kafka listeners and Gateway API TLSRoutes "
               "consistent, at admission time and in CI"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "strimzi-gateway-webhook 0.1.0");
  int exitCode = kExitOk;
  addServeCommand(app, exitCode);
  addReviewCommand(app, exitCode);
  addCheckCommand(app, exitCode);
  addRoutesCommand(app, exitCode);
  addExplainCommand(app, exitCode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& error) {
    // Whatever a command failed on (memory, a library), it ends with its documented status for
    // unusable input, never with std::terminate.
    std::cerr << "error: " << validUtf8(shortened(error.what(), kMaxWarningBytes)) << "\n";
    return kExitUsage;
  }
  return exitCode;
}

} // namespace sgw::cli

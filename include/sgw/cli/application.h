#pragma once

namespace sgw::cli {

// Parses the command line and runs the chosen subcommand. Returns the process exit code:
// 0 success, 1 a denial or finding (review, check), 2 unusable input or configuration.
int run(int argc, char** argv);

} // namespace sgw::cli

#pragma once

#include <CLI/CLI.hpp>

namespace sgw::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

// Each command registers its subcommand and sets `exitCode` when it runs.
void addServeCommand(CLI::App& app, int& exitCode);
void addReviewCommand(CLI::App& app, int& exitCode);
void addCheckCommand(CLI::App& app, int& exitCode);
void addRoutesCommand(CLI::App& app, int& exitCode);
void addExplainCommand(CLI::App& app, int& exitCode);

} // namespace sgw::cli

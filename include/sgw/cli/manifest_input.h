#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sgw/manifest/manifest.h"

namespace sgw::cli {

// The name stdin goes by in `file:line` locations.
inline constexpr const char* kStdinName = "<stdin>";

// Reads the manifests the offline commands are given: files, folders (recursively) and `-` for
// stdin, in the order named. A path that does not exist is an error naming it.
manifest::LoadResult loadInputs(const std::vector<std::string>& paths);

// Prints each load error as `error: file:line: message` (without the line when there is none).
void printLoadErrors(const std::vector<manifest::ManifestError>& errors, std::ostream& err);

} // namespace sgw::cli

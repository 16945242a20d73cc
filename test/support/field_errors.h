#pragma once

#include <string>
#include <vector>

#include "sgw/core/field_error.h"

namespace sgw::test {

// Each error as Kubernetes prints it, in order: what a test compares a parse's errors with.
std::vector<std::string> texts(const FieldErrorList& errors);

} // namespace sgw::test

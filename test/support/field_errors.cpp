#include "support/field_errors.h"

namespace sgw::test {

std::vector<std::string> texts(const FieldErrorList& errors) {
  std::vector<std::string> out;
  out.reserve(errors.size());
  for (const auto& error : errors) {
    out.push_back(error.toString());
  }
  return out;
}

} // namespace sgw::test

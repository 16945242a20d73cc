#include "sgw/core/hostname.h"

#include <algorithm>

namespace sgw {

namespace {

char lowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

std::string lowerCaseHostname(std::string_view hostname) {
  std::string out(hostname);
  std::transform(out.begin(), out.end(), out.begin(), lowerAscii);
  return out;
}

bool sameHostname(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return lowerAscii(x) == lowerAscii(y);
         });
}

bool isWildcardHostname(std::string_view hostname) {
  return hostname.size() > 2 && hostname.starts_with("*.");
}

} // namespace sgw

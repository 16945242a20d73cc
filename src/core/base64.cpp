#include "sgw/core/base64.h"

#include <openssl/evp.h>

#include <algorithm>
#include <vector>

namespace sgw {

std::string base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::string> base64Decode(std::string_view encoded) {
  // Line breaks are dropped first, as Go's decoder does for the API server and kubectl.
  std::string text;
  text.reserve(encoded.size());
  for (const char c : encoded) {
    if (c != '\r' && c != '\n') {
      text += c;
    }
  }
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  if (text.empty()) {
    return std::string();
  }
  // OpenSSL's decoder is laxer than RFC 4648 (blanks around the text, '=' inside it), so the
  // alphabet and the padding are checked here: only the last one or two characters may be '='.
  std::size_t padding = 0;
  if (text.ends_with("==")) {
    padding = 2;
  } else if (text.ends_with('=')) {
    padding = 1;
  }
  const auto inAlphabet = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
  };
  if (!std::all_of(text.begin(), text.end() - static_cast<std::ptrdiff_t>(padding), inAlphabet)) {
    return std::nullopt;
  }
  std::string out(3 * (text.size() / 4), '\0');
  // EVP_DecodeBlock decodes whole quanta and counts padding as zero bytes, so the padding is
  // subtracted afterwards.
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (written < 0) {
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(written) - padding);
  return out;
}

} // namespace sgw

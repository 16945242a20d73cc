#include "sgw/core/base64.h"

#include <openssl/evp.h>

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

std::optional<std::string> base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  if (text.empty()) {
    return std::string();
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
  std::size_t padding = 0;
  if (text.back() == '=') {
    ++padding;
    if (text[text.size() - 2] == '=') {
      ++padding;
    }
  }
  out.resize(static_cast<std::size_t>(written) - padding);
  return out;
}

} // namespace sgw

// SHA-256 digests, for suite hashes that make a report reproducible.
#ifndef TOOLSHIFT_CORE_SHA256_H_
#define TOOLSHIFT_CORE_SHA256_H_

#include <string>
#include <string_view>

namespace toolshift {

// Incremental SHA-256; Hex() ends the computation.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view data);
  std::string Hex();  // lowercase hex digest; call once

 private:
  void* ctx_;  // EVP_MD_CTX, kept opaque so OpenSSL headers stay out of includers
};

std::string Sha256Hex(std::string_view data);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_SHA256_H_

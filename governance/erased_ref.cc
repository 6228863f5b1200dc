#include "governance/erased_ref.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace idres {
namespace {

// 128 bits: no collision among the records of any store.
constexpr size_t kHashBytes = 16;

}  // namespace

v1::RecordRef ErasedRef(absl::string_view secret, const v1::RecordRef& ref) {
  std::string message = absl::StrCat(ref.source(), absl::string_view("\0", 1),
                                     ref.source_id());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
       digest, &length);
  v1::RecordRef out;
  out.set_source(ref.source());
  out.set_source_id(absl::StrCat(
      kErasedIdPrefix,
      absl::BytesToHexString(absl::string_view(
          reinterpret_cast<const char*>(digest), kHashBytes))));
  return out;
}

bool IsErasedRef(const v1::RecordRef& ref) {
  return absl::StartsWith(ref.source_id(), kErasedIdPrefix);
}

}  // namespace idres

// Checks of request messages beyond the record itself (which
// resolver/record_validation.h checks). Each returns OK or InvalidArgument
// naming the field and the limit. Thread-safe.
#pragma once

#include "absl/status/status.h"
#include "idres/v1/identity.pb.h"

namespace idres {

inline constexpr size_t kMaxProfileIdLength = 64;

// Requires the record to be set.
absl::Status ValidateResolveRequest(const v1::ResolveRequest& request);

// Requires exactly one key: a profile id of 1..64 bytes, or an identifier
// with a valid type and a value of 1..256 bytes.
absl::Status ValidateGetProfileRequest(const v1::GetProfileRequest& request);

}  // namespace idres

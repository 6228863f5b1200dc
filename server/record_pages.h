// GetProfile's records a page at a time, so that no response passes the
// server's send limit (ServerOptions::max_send_message_bytes), however
// many records a profile holds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "idres/v1/identity.pb.h"
#include "store/profile_store.h"

namespace idres {

inline constexpr int kDefaultRecordsPageSize = 100;
inline constexpr int kMaxRecordsPageSize = 1000;
// A page ends with the record that takes its records past this size; a
// record holds at most about 92 KB (record_validation.h's limits).
inline constexpr size_t kMaxRecordsPageBytes = 1 << 20;
inline constexpr size_t kMaxRecordsPageTokenLength = 64;

// Where the next page starts: the index of its first record in the
// profile's records, valid while the profile keeps its version.
struct RecordsPagePosition {
  uint64_t profile_version = 0;
  int offset = 0;
};

// Returns the token naming `position`, "VERSION:OFFSET".
std::string RecordsPageToken(const RecordsPagePosition& position);

// Returns the position `token` names, or nullopt unless it is a token
// RecordsPageToken could have written (offset at least 1, at most 64
// bytes).
std::optional<RecordsPagePosition> ParseRecordsPageToken(
    absl::string_view token);

// Appends to out->records() one page of the stored records of
// out->profile(), read from `view`, starting where
// request.records_page_token() says (the first record without one), of at
// most request.records_page_size() records (0: kDefaultRecordsPageSize)
// and ending early past kMaxRecordsPageBytes; sets
// out->next_records_page_token() when records remain. The request must
// have passed ValidateGetProfileRequest. Errors: FailedPrecondition when
// the token was written for another version of the profile,
// InvalidArgument when it points past its records, DataLoss when a record
// is missing, the store's errors.
absl::Status FillRecordsPage(StoreView* view,
                             const v1::GetProfileRequest& request,
                             v1::GetProfileResponse* out);

}  // namespace idres

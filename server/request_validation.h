// Checks of request messages beyond the record itself (which
// resolver/record_validation.h checks). Each returns OK or InvalidArgument
// naming the field and the limit. Thread-safe.
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "idres/v1/identity.pb.h"

namespace idres {

inline constexpr size_t kMaxProfileIdLength = 64;

// Requires the record to be set.
absl::Status ValidateResolveRequest(const v1::ResolveRequest& request);

// Requires exactly one key: a profile id of 1..64 bytes, or an identifier
// with a valid type and a value of 1..256 bytes.
absl::Status ValidateGetProfileRequest(const v1::GetProfileRequest& request);

inline constexpr size_t kMaxSummaryLength = 2000;
inline constexpr size_t kMaxShortText = 128;
inline constexpr size_t kMaxFacts = 32;
inline constexpr size_t kMaxFactKeyLength = 64;
inline constexpr size_t kMaxFactValueLength = 512;
inline constexpr int kMaxContextInteractions = 50;
inline constexpr int kMaxSearchLimit = 100;
// What GetContextRequest.max_interactions = 0 means.
inline constexpr int kDefaultContextInteractions = 20;

// Requires `target` (named `field` in messages) to hold a profile id of
// 1..64 bytes or a valid identifier.
absl::Status ValidateTarget(const v1::ProfileTarget& target,
                            absl::string_view field);

// Requires a target and an interaction with a channel ([a-z0-9_-], 1..64
// bytes), texts within their limits (summary 2000 bytes, actor, intent and
// case_id 128), at most 32 facts (keys 1..64 bytes, values 512), and none
// of the fields idres sets (interaction_id, profile_id, via_*).
absl::Status ValidateRecordInteractionRequest(
    const v1::RecordInteractionRequest& request);

// Requires a target and 0 <= max_interactions <= 50.
absl::Status ValidateGetContextRequest(const v1::GetContextRequest& request);

// Requires at least one of name, phone (4+ digits), email, customer_id,
// birth_date; each text <= 256 bytes; birth_date a real date; 0 <= limit
// <= 100.
absl::Status ValidateSearchProfilesRequest(
    const v1::SearchProfilesRequest& request);

// Requires a target and a consent whose purpose matches
// [a-z][a-z0-9_]{0,63} and whose source is <= 128 bytes.
absl::Status ValidateSetConsentRequest(const v1::SetConsentRequest& request);

// Requires a profile id of 1..64 bytes.
absl::Status ValidateWatchProfileRequest(
    const v1::WatchProfileRequest& request);

inline constexpr size_t kMaxBackupDirLength = 4096;

// Requires an absolute directory path of at most 4096 bytes, without NUL.
absl::Status ValidateBackupRequest(const v1::BackupRequest& request);

}  // namespace idres

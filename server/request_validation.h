// Checks of the Identity service's requests. Each returns OK or
// InvalidArgument naming the field and the limit, and each applies first
// CheckMessage's rules (normalize/message_checks.h) to the whole request:
// no unknown field, known enum values, timestamps within 0001..9999, text
// in UTF-8 without NUL or control characters; a request the server could
// not parse answers the diagnosis it was marked with
// (proto/request_decoding.h). Thread-safe.
#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "idres/v1/identity.pb.h"

namespace idres {

inline constexpr size_t kMaxProfileIdLength = 64;

// Requires the record to be set and valid (ValidateRecord).
absl::Status ValidateResolveRequest(const v1::ResolveRequest& request);

// ValidateResolveRequest but for the record's own content, which
// Resolver::Prepare checks (ValidateRecord): no unknown field in the
// request itself, and a record.
absl::Status ValidateResolveEnvelope(const v1::ResolveRequest& request);

// CheckMessage's rules only: these requests have nothing else to check.
absl::Status ValidatePingRequest(const v1::PingRequest& request);
absl::Status ValidateExportRecordsRequest(
    const v1::ExportRecordsRequest& request);
absl::Status ValidateWatchChangesRequest(
    const v1::WatchChangesRequest& request);

// Requires exactly one key: a profile id of 1..64 bytes, or an identifier
// with a valid type and a value of 1..256 bytes; 0 <= records_page_size
// <= 1000; a records_page_token only with include_records, and only as
// this server writes them (server/record_pages.h).
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

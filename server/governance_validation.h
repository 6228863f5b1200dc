// Checks of the Governance service's requests. Each returns OK or
// InvalidArgument naming the field and the limit, and each applies first
// CheckMessage's rules (normalize/message_checks.h) to the whole request:
// no unknown field, known enum values, text in UTF-8 without NUL or
// control characters (reasons may hold tab and newline); a request the
// server could not parse answers its diagnosis. Thread-safe.
#pragma once

#include "absl/status/status.h"
#include "idres/v1/governance.pb.h"

namespace idres {

inline constexpr size_t kMaxActorLength = 128;
inline constexpr size_t kMaxReasonLength = 1000;
inline constexpr int kMaxMergedProfiles = 64;
inline constexpr int kMaxSplitRecords = 1000;
inline constexpr int kMaxAuditLimit = 1000;

// Requires a profile id of 1..64 bytes.
absl::Status ValidateExplainProfileRequest(
    const v1::ExplainProfileRequest& request);

// Requires two valid, distinct record keys (source [A-Za-z0-9_.-]{1,64},
// source_id 1..256 bytes).
absl::Status ValidateExplainPairRequest(const v1::ExplainPairRequest& request);

// Requires 2..64 profile ids of 1..64 bytes, no id twice (a profile is
// not merged with itself), actor <= 128 bytes, reason 1..1000 bytes.
absl::Status ValidateMergeProfilesRequest(
    const v1::MergeProfilesRequest& request);

// Requires a profile id, 1..1000 distinct valid record keys, actor <= 128
// bytes, reason 1..1000 bytes.
absl::Status ValidateSplitProfileRequest(
    const v1::SplitProfileRequest& request);

// Requires a valid record key, actor <= 128 bytes, reason <= 1000 bytes.
absl::Status ValidateDeleteRecordRequest(
    const v1::DeleteRecordRequest& request);

// Requires two valid, distinct record keys, actor <= 128 bytes, reason
// 1..1000 bytes.
absl::Status ValidateRemoveConstraintRequest(
    const v1::RemoveConstraintRequest& request);

// Requires a profile id of 1..64 bytes and 0 <= limit <= 1000.
absl::Status ValidateListAuditRequest(const v1::ListAuditRequest& request);

// Requires 0 <= page_size <= 100 and a page_token that is empty or one
// ListPossibleMatches handed out (web-safe base64, at most 512 bytes).
absl::Status ValidateListPossibleMatchesRequest(
    const v1::ListPossibleMatchesRequest& request);

// Requires two distinct profile ids of 1..64 bytes, a decision of
// SAME_PERSON or DIFFERENT_PEOPLE, actor <= 128 bytes, reason 1..1000
// bytes.
absl::Status ValidateResolvePossibleMatchRequest(
    const v1::ResolvePossibleMatchRequest& request);

// Requires a target (a profile id of 1..64 bytes or an identifier as in a
// record), actor <= 128 bytes, reason 1..1000 bytes.
absl::Status ValidateErasePersonRequest(const v1::ErasePersonRequest& request);

// Requires a target, as ValidateErasePersonRequest.
absl::Status ValidateExportPersonRequest(
    const v1::ExportPersonRequest& request);

}  // namespace idres

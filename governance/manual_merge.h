// A merge of profiles decided by a person: staged in the caller's
// transaction, with the must-link constraints that keep it from being
// undone by re-evaluation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/governance_action.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// At most this many records take part in one manual merge or split.
inline constexpr size_t kMaxGovernedRecords = 1000;

struct MergeOutcome {
  std::string profile_id;  // The survivor: the oldest id.
  std::vector<std::string> absorbed_profile_ids;
  uint64_t audit_sequence = 0;
  uint32_t constraints_added = 0;
  uint32_t constraints_removed = 0;
};

// Stages the merge of the live profiles `profile_ids` (2 or more, already
// validated as distinct) into the oldest, as an automatic merge would:
// records and index entries move, absorbed ids (and those they had
// absorbed) redirect to the survivor, contexts fold and interactions move
// (derived_views.h), one MERGED event. Stores a must-link from the
// survivor's first record to every other record, replaces cannot-links
// between the merged profiles, drops the survivor's possible matches
// with any profile now merged into it, and appends an audit entry of
// `audit_action` (MANUAL_MERGE, or REVIEW_SAME_PERSON for a review
// decision) listing each merged profile's records.
// NotFound for an id never issued; FailedPrecondition when an id was
// merged away (naming where) or two ids name the same live profile, or
// the merge would hold more than kMaxGovernedRecords records.
absl::StatusOr<MergeOutcome> StageManualMerge(
    StoreTxn* txn, const std::vector<std::string>& profile_ids,
    const GovernanceAction& action, const MatchConfig& config,
    v1::AuditAction audit_action = v1::AUDIT_ACTION_MANUAL_MERGE);

}  // namespace idres

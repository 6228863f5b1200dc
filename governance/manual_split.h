// A split of a profile decided by a person: staged in the caller's
// transaction, with the cannot-link constraints that keep later records
// from merging the parts again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "idres/v1/record.pb.h"
#include "graph/governance_action.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// At most this many cannot-links (moved x remaining records) per split.
inline constexpr size_t kMaxSplitConstraints = 10000;

struct SplitOutcome {
  std::string profile_id;      // Keeps the remaining records.
  std::string new_profile_id;  // Holds the records split out.
  uint64_t audit_sequence = 0;
  uint32_t constraints_added = 0;
  uint32_t constraints_removed = 0;
  // Merged-away ids whose redirect now leads to new_profile_id.
  std::vector<std::string> moved_redirects;
};

// Stages the move of `records` (distinct, already validated) out of the
// live profile `profile_id` into a new profile with a new id; the
// remaining records keep the id (recluster.h's ApplyRepartition: the
// interactions that came through a moved record follow it). Stores a
// cannot-link between every moved and every remaining record, replacing
// must-links across, and must-links tying the moved records together. A
// merged-away id whose records (as a MANUAL_MERGE or REVIEW_SAME_PERSON
// audit entry listed them) are all among the moved ones now redirects to
// the new profile. Appends a MANUAL_SPLIT audit entry.
// NotFound for an unknown profile or record; FailedPrecondition when the
// id was merged away (naming where), a record is in another profile, or
// the split needs more than kMaxSplitConstraints constraints;
// InvalidArgument when `records` would leave the profile empty.
absl::StatusOr<SplitOutcome> StageManualSplit(
    StoreTxn* txn, absl::string_view profile_id,
    const std::vector<v1::RecordRef>& records, const GovernanceAction& action,
    const MatchConfig& config);

}  // namespace idres

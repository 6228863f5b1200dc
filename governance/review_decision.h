// An agent's decision about a pending pair of the review queue
// (review_queue.h): staged in the caller's transaction with its audit
// entry, and held by constraints so that later records cannot undo it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "graph/governance_action.h"
#include "idres/v1/governance.pb.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

struct ReviewOutcome {
  // The survivor of a SAME_PERSON merge; for DIFFERENT_PEOPLE, `a`.
  std::string profile_id;
  std::vector<std::string> absorbed_profile_ids;  // SAME_PERSON only.
  uint64_t audit_sequence = 0;
  uint32_t constraints_added = 0;
  uint32_t constraints_removed = 0;
};

// Stages `decision` about the live profiles `a` and `b` (distinct, already
// validated), which must be pending: one holds a possible match naming the
// other (or an id merged into it) and no constraint joins them yet.
// SAME_PERSON merges them as StageManualMerge does (must-links from the
// survivor's first record to every other record), with a
// REVIEW_SAME_PERSON audit entry. DIFFERENT_PEOPLE stores a cannot-link
// between every record of `a` and every record of `b` (at most
// kMaxSplitConstraints), removes from both profiles the possible matches
// leading to the other (an UPDATED event each), and appends a
// REVIEW_DIFFERENT_PEOPLE audit entry naming both and the record that
// scored. Resolution respects both kinds of constraint: no later record
// merges cannot-linked profiles, and re-evaluation keeps must-linked
// records together.
// NotFound for an id never issued; FailedPrecondition when an id was
// merged away (naming where) or deleted, when the pair is not pending,
// or when it needs too many constraints; InvalidArgument for a decision
// other than SAME_PERSON or DIFFERENT_PEOPLE.
absl::StatusOr<ReviewOutcome> StageReviewDecision(
    StoreTxn* txn, absl::string_view a, absl::string_view b,
    v1::ReviewDecision decision, const GovernanceAction& action,
    const MatchConfig& config);

}  // namespace idres

// Governance of links: manual merges and splits, record deletion, removal
// of constraints, each committed in one atomic write with its audit entry;
// and the re-evaluation that follows an automatic resolution.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "idres/v1/governance.pb.h"
#include "idres/v1/identity.pb.h"
#include "graph/governance_action.h"
#include "governance/manual_merge.h"
#include "governance/manual_split.h"
#include "governance/person_erasure.h"
#include "match/match_config.h"
#include "governance/record_deletion.h"
#include "governance/review_decision.h"
#include "graph/resolution.h"
#include "store/profile_store.h"

namespace idres {

// Thread-safe: every action runs in the store's single-writer transaction
// (ProfileStore::BeginTxn), so actions order with resolutions, and
// nothing is written when one fails.
class Governance {
 public:
  // `store` and `config` must outlive this object.
  Governance(ProfileStore* store, const MatchConfig* config);

  // See StageManualMerge (manual_merge.h). `profile_ids` must be 2 or
  // more distinct ids (the caller validates).
  absl::StatusOr<MergeOutcome> MergeProfiles(
      const std::vector<std::string>& profile_ids, absl::string_view actor,
      absl::string_view reason);

  // See StageManualSplit (manual_split.h).
  absl::StatusOr<SplitOutcome> SplitProfile(
      absl::string_view profile_id, const std::vector<v1::RecordRef>& records,
      absl::string_view actor, absl::string_view reason);

  // See StageRecordDeletion (record_deletion.h). Commits with
  // StoreTxn::CommitErasing: the record's bytes are gone from the files
  // when it returns (its key stays in the audit entry and events; see
  // ErasePerson to hash it).
  absl::StatusOr<DeleteOutcome> DeleteRecord(const v1::RecordRef& record,
                                             absl::string_view actor,
                                             absl::string_view reason);

  // Erases the profile `target` names (LookupTarget): see
  // StagePersonErasure (person_erasure.h), committed with
  // StoreTxn::CommitErasing. NotFound for an unknown target; the errors of
  // CommitErasing.
  absl::StatusOr<ErasureOutcome> ErasePerson(const v1::ProfileTarget& target,
                                             absl::string_view actor,
                                             absl::string_view reason);

  // Removes the constraint between `a` and `b` and appends a
  // REMOVE_CONSTRAINT audit entry naming both records' profiles. Returns
  // the removed constraint and the audit sequence. NotFound when the pair
  // has no constraint. Profiles are not re-clustered: the next change of
  // one of them re-evaluates it.
  absl::StatusOr<std::pair<v1::LinkConstraint, uint64_t>> RemoveConstraint(
      const v1::RecordRef& a, const v1::RecordRef& b, absl::string_view actor,
      absl::string_view reason);

  // See StageReviewDecision (review_decision.h). `a` and `b` must be
  // distinct (the caller validates).
  absl::StatusOr<ReviewOutcome> ResolvePossibleMatch(
      absl::string_view a, absl::string_view b, v1::ReviewDecision decision,
      absl::string_view actor, absl::string_view reason);

 private:
  GovernanceAction Action(absl::string_view actor,
                          absl::string_view reason) const;

  ProfileStore* store_;
  const MatchConfig* config_;
};

}  // namespace idres

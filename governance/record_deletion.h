// Deleting one source record, staged in the caller's transaction, with the
// re-evaluation of the profile that held it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "idres/v1/record.pb.h"
#include "graph/governance_action.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

struct DeleteOutcome {
  std::string profile_id;  // The profile that held the record.
  // The profiles its remaining records form, the kept id first; empty
  // when the profile was deleted.
  std::vector<std::string> profile_ids_after;
  bool profile_deleted = false;
  uint64_t audit_sequence = 0;
};

// Stages the deletion of `record`: the record, its index entries and its
// constraints (must-link partners of the record stay tied to each other).
// The profile's remaining records are re-clustered (ReclusterProfile): the
// part holding the oldest record keeps the id and the others get new ids,
// so a deleted bridge splits the profile. When it was the last record, the
// profile goes with its context, search terms, interactions and the
// redirects of ids merged into it, and a DELETED event is written. Appends
// a DELETE_RECORD audit entry. NotFound for an unknown record; DataLoss
// when its profile is missing.
// Stages the removal of the constraints of `record`; its must-link partners
// get must-links to the first of them (stamped with audit entry `seq`), so
// that they stay together without it. Errors come from the store.
absl::Status RemoveConstraintsOf(StoreTxn* txn, const v1::RecordRef& record,
                                 const GovernanceAction& action, uint64_t seq);

// Stages the removal of `profile` (whose records are already gone) and of
// everything derived from it: context, search terms, interactions, the
// redirects of ids merged into it, match view, review-queue rows; and a
// DELETED event naming `cause` at `at`. Errors come from the store.
absl::Status StageProfileRemoval(StoreTxn* txn, const v1::Profile& profile,
                                 const v1::RecordRef& cause,
                                 const google::protobuf::Timestamp& at);

absl::StatusOr<DeleteOutcome> StageRecordDeletion(
    StoreTxn* txn, const v1::RecordRef& record, const GovernanceAction& action,
    const MatchConfig& config);

}  // namespace idres

// Erasing a person (GDPR art. 17): everything of one profile, staged in
// the caller's transaction, and the hashing of its record keys wherever
// the history keeps them. The caller commits with StoreTxn::CommitErasing,
// which removes the old bytes from the files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "graph/governance_action.h"
#include "idres/v1/profile.pb.h"
#include "idres/v1/record.pb.h"
#include "store/profile_store.h"

namespace idres {

struct ErasureOutcome {
  std::string profile_id;
  std::vector<std::string> erased_profile_ids;  // It and its absorbed ids.
  std::vector<v1::RecordRef> erased_records;    // As ErasedRef names them.
  uint32_t interactions_erased = 0;
  uint32_t events_rewritten = 0;
  uint32_t audit_entries_rewritten = 0;
  uint64_t audit_sequence = 0;  // Of the ERASE_PERSON entry.
  // Backups written before, which still hold the person (filled by
  // Governance::ErasePerson).
  std::vector<BackupEntry> backups;
};

// Stages the erasure of live profile `profile`:
// - in every change event, and in every entry of the profile's audit
//   history (ListAudit's ids), each record key that is the profile's or
//   no longer exists becomes ErasedRef(`secret`, key); the reason of each
//   such entry naming one of the erased ids is cleared (it is free text);
//   the link evidence of other live records naming an erased record as
//   their match is hashed the same way;
// - the profile's records with their index entries and constraints, and
//   the profile with its context, search terms, interactions, redirects,
//   match view and review-queue rows (StageProfileRemoval, whose DELETED
//   event names the first record's hash); the possible matches of other
//   profiles naming an erased id;
// - an ERASE_PERSON audit entry: the tombstone (ids, time, actor, reason,
//   hashes).
// Reads every change event once: its cost grows with the feed's length
// (bounded by retention). Errors come from the store.
absl::StatusOr<ErasureOutcome> StagePersonErasure(
    StoreTxn* txn, const v1::Profile& profile, absl::string_view secret,
    const GovernanceAction& action);

}  // namespace idres

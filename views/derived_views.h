// Keeps the tables derived from profiles (precomputed contexts, search
// terms, the owner of each interaction, and the change feed) in step with
// every profile change, inside the caller's transaction.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "idres/v1/context.pb.h"
#include "idres/v1/profile.pb.h"
#include "idres/storage/storage.pb.h"
#include "store/profile_store.h"

namespace idres {

// A profile as it is after a change, and what happened to it.
struct ProfileChange {
  const v1::Profile* profile = nullptr;  // Already staged; not null.
  std::vector<const storage::StoredRecord*> records;  // Its records, not null.
  // Profiles merged into it by this change. Their contexts are folded into
  // the profile's, their interactions move to it, and their derived rows
  // are deleted.
  std::vector<std::string> absorbed_ids;
  bool created = false;
  // Profiles split off this one by this change (a SPLIT event names them).
  // Their interactions and contexts are the caller's to stage.
  std::vector<std::string> split_off_ids;
  // For a profile created by a split: the profile it came from, named in
  // the CREATED event's related_ids.
  std::string split_from;
  v1::RecordRef cause;  // The record whose change caused this.
  google::protobuf::Timestamp at;
};

// Stages the derived rows of `change` in `txn`: the profile's context
// (golden view, identifiers, and everything absorbed profiles knew), its
// search terms, its match view, its review-queue rows (its possible
// matches; those of absorbed profiles are removed), the move of absorbed
// interactions, and one change event (CREATED, UPDATED, MERGED or SPLIT).
// Errors come from the store.
absl::Status ApplyProfileChange(StoreTxn* txn, const ProfileChange& change);

// Returns the match view of a profile holding `records`, in that order.
storage::MatchView MatchViewOf(absl::string_view profile_id,
                          const std::vector<const storage::StoredRecord*>& records);

// Stages the retirement of `absorbed` into `survivor`: its id, and every id
// it had absorbed, redirect to the survivor (redirects stay one hop) and
// are listed on it; the absorbed profile and its match view are deleted. Its records, index
// entries and derived rows are the caller's and ApplyProfileChange's.
void RetireAbsorbedProfile(StoreTxn* txn, const v1::Profile& absorbed,
                           v1::Profile* survivor);

// Stages `event` with the next sequence number and returns that number.
absl::StatusOr<uint64_t> AppendEvent(StoreTxn* txn, v1::ChangeEvent event);

}  // namespace idres

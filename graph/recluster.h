// Re-evaluation of one profile: groups its records again as resolution
// would (must-links forcing, cannot-links forbidding), and stages the
// re-partition of a profile into several, moving records, index entries,
// interactions and contexts. Used by record deletion, manual splits and
// updates of records.
#pragma once

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "idres/v1/governance.pb.h"
#include "idres/v1/profile.pb.h"
#include "idres/storage/storage.pb.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// Groups `records` (none null) as resolution would if they were the only
// records: in ingest order, each record joins the groups holding a record
// it must link with, plus every group its score against links (best first)
// unless that group holds a record it cannot link with, conflicts with the
// groups already joined, or is cannot-linked with them; joined groups
// merge. Returns groups of indexes into `records`, ordered by their oldest
// record (lowest ingest_seq), so the first holds the oldest record. Fills
// `evidence` (one per record, same order) with why each record joined.
std::vector<std::vector<int>> ClusterRecords(
    const std::vector<const storage::StoredRecord*>& records,
    const std::vector<v1::LinkConstraint>& constraints,
    const MatchConfig& config, const google::protobuf::Timestamp& at,
    std::vector<v1::LinkEvidence>* evidence);

// One part of a profile being re-partitioned.
struct ProfilePart {
  std::vector<v1::RecordRef> records;  // Not empty.
  // Merged-away ids whose redirect moves to this part (parts after the
  // first only); they leave the first part's absorbed_ids.
  std::vector<std::string> absorbed_ids;
};

// How to re-partition a profile.
struct RepartitionPlan {
  // parts[0] keeps the profile's id; every other part gets a new id.
  std::vector<ProfilePart> parts;
  // Evidence to store, by record key (store/keys.h), for records that
  // change profile or whose matched record left their part. Records not
  // found here get `rule` alone.
  absl::flat_hash_map<std::string, v1::LinkEvidence> evidence;
  std::string rule;
  v1::RecordRef cause;
  google::protobuf::Timestamp at;
};

// Stages the re-partition of the live `profile` (as stored; its records
// may include some no longer in any part, e.g. a deleted one): new ids
// ("p-N") for parts after the first, records and their index entries moved,
// interactions moved to the part holding their via_record (others stay),
// each part's view rebuilt, contexts re-folded from their interactions
// (consents stay with the first part), one SPLIT event for the first part
// and a CREATED event naming it for each other. Returns the parts' ids in
// order. DataLoss when a listed record is missing; other errors come from
// the store.
absl::StatusOr<std::vector<std::string>> ApplyRepartition(
    StoreTxn* txn, const v1::Profile& profile, const RepartitionPlan& plan,
    const MatchConfig& config);

// Re-clusters `profile` (its records as listed) with ClusterRecords and the
// constraints among them. When `always_write` or when it no longer holds
// together, stages the result with ApplyRepartition (rule "recluster").
// Returns the parts' ids, the kept id first: just the profile's id when
// nothing was written.
absl::StatusOr<std::vector<std::string>> ReclusterProfile(
    StoreTxn* txn, const v1::Profile& profile, const v1::RecordRef& cause,
    const google::protobuf::Timestamp& at, bool always_write,
    const MatchConfig& config);

}  // namespace idres

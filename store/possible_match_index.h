// Internal to store/: the rows of the review-queue index (table
// possible_matches, docs/storage.md) that one profile's possible matches
// become, and the one-time build of the index in a store written before
// it existed.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "idres/storage/storage.pb.h"
#include "idres/v1/profile.pb.h"
#include "rocksdb/db.h"
#include "store/profile_store.h"

namespace idres {

// What replacing a profile's rows writes in the possible_matches table.
struct PossibleMatchWrites {
  std::vector<std::string> deletes;  // Keys, the owner row's included.
  std::vector<std::pair<std::string, std::string>> puts;  // Key, value.
};

// Returns the writes that replace the rows of profile `owner`, whose
// previously written rank keys are `written` (nullopt when it had none),
// by rows for `matches`. Empty when both are empty. Pure; thread-safe.
PossibleMatchWrites PlanPossibleMatches(
    absl::string_view owner,
    const std::optional<storage::PossibleMatchKeys>& written,
    const google::protobuf::RepeatedPtrField<v1::PossibleMatch>& matches);

// Fills the possible_matches table from every live profile, once: a store
// written before the table existed has none of its rows. Marks the store
// as indexed in `db`'s default family (key possible_matches_indexed) and
// does nothing when the mark is there, so a new store only writes the
// mark. Commits a transaction of `store` per 1,000 profiles. Errors come
// from the store. Call before serving, with no other writer.
absl::Status IndexPossibleMatchesOnce(rocksdb::DB* db, ProfileStore* store);

}  // namespace idres

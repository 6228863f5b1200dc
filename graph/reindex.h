// Rebuilds the match-key index, and the keys each record records, with
// today's key rules: the migration from schema 2 (whose records recorded
// no keys) and `idres reindex`. Offline: nothing else may write the store
// meanwhile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "absl/status/statusor.h"
#include "store/profile_store.h"

namespace idres {

// What a reindex saw and changed, so far or in all.
struct ReindexReport {
  int from_version = 0;         // The store's schema version before.
  int64_t records = 0;          // Records rekeyed so far.
  int64_t records_rekeyed = 0;  // Whose recorded keys were not today's.
  int64_t entries_written = 0;  // Missing, or naming another profile.
  int64_t entries_removed = 0;  // Of no record's recorded keys (stale).
  int64_t entries_scanned = 0;  // Index entries checked so far.
  bool done = false;            // The schema version is now current.
};

struct ReindexOptions {
  // Records rekeyed per transaction, then index entries checked per
  // transaction: what bounds a transaction's memory.
  size_t batch_records = 1000;
  size_t batch_entries = 20000;
  // Called after each committed batch with the report so far; returning
  // false stops the reindex there (Cancelled). May be empty.
  std::function<bool(const ReindexReport&)> after_batch;
};

// Rewrites, in bounded batches, each record's recorded keys to today's
// (MatchKeysOf of its features) with their index entries (each naming the
// record's profile), then removes every index entry no record records,
// and last sets the schema version to kStoreSchemaVersion (in the last
// batch). Records' profiles, profiles, contexts, match views and events
// are left as they are. Safe to run again after an interruption: until
// the end the schema version is unchanged, every batch leaves the index
// holding at least each record's recorded keys, and a rerun finishes the
// work. `store` may be opened with StoreOptions::open_older_schema; a
// store of schema kStoreSchemaVersion is reindexed all the same.
// FailedPrecondition for a schema version older than
// kOldestMigratableSchemaVersion or newer than kStoreSchemaVersion,
// Cancelled when after_batch stopped it, else the store's errors.
absl::StatusOr<ReindexReport> ReindexStore(ProfileStore* store,
                                           const ReindexOptions& options);

}  // namespace idres

// The one home of a record's match-key index entries: writing, moving and
// removing them. Every entry is written and removed by a key the record
// records (StoredRecord::match_keys), never by running today's key rules
// (MatchKeysOf) again on stored features, which may have changed since.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "idres/storage/storage.pb.h"
#include "store/profile_store.h"

namespace idres {

// Stages an entry for every key `record` records, each naming
// record.profile_id(): indexes a record, or moves the entries of one whose
// profile id changed (an entry's value is its profile id). The caller
// stages the record itself.
void IndexRecord(StoreTxn* txn, const storage::StoredRecord& record);

// Stages the removal of exactly the entries `record` records.
void UnindexRecord(StoreTxn* txn, const storage::StoredRecord& record);

// Makes `keys` (MatchKeysOf of record->features()) the keys `record`
// records, stages the removal of the entries of `previous` (the version of
// the same record stored before, or null for a new record) whose keys are
// no longer among them, and stages an entry for each of `keys` naming
// record->profile_id(). The caller stages the record itself.
void RekeyRecord(StoreTxn* txn, std::vector<std::string> keys,
                 const storage::StoredRecord* previous,
                 storage::StoredRecord* record);

// Returns true when `record` records `match_key`.
bool RecordsKey(const storage::StoredRecord& record,
                absl::string_view match_key);

// What RebuildRecordIndex staged.
struct RecordIndexRepair {
  bool keys_changed = false;    // The recorded keys were not today's.
  int64_t entries_written = 0;  // Missing, or naming another profile.
  int64_t entries_removed = 0;  // Of keys it recorded but no longer has.
};

// Makes today's keys (MatchKeysOf of record->features()) the keys `record`
// records, and stages, with the view of `txn`: the removal of the entries
// of keys it recorded but no longer has, and each entry of today's keys
// that is missing or names another profile. Entries of keys the record
// never recorded (written by older rules) are not found here: see
// RepairIndexEntry. The caller stages the record when keys_changed.
// Errors come from the store.
absl::StatusOr<RecordIndexRepair> RebuildRecordIndex(
    StoreTxn* txn, storage::StoredRecord* record);

// Returns true when the index entry (`match_key`, naming `profile_id`) of
// a record belongs: the record exists (`record` is not null), records the
// key and sits in that profile.
bool EntryBelongs(const storage::StoredRecord* record,
                  absl::string_view match_key, absl::string_view profile_id);

// What RepairIndexEntry staged.
enum class EntryRepair { kNone, kRemoved, kRewritten };

// Stages what makes the index entry (`match_key`, `entry`) right, where
// `record` is the stored record of entry.record or null when there is
// none: nothing when the entry belongs; its removal when the record is
// missing or does not record the key (an orphan, e.g. left by older key
// rules); else an entry naming the record's profile. Returns what it
// staged.
EntryRepair RepairIndexEntry(StoreTxn* txn, absl::string_view match_key,
                             const MatchKeyEntry& entry,
                             const storage::StoredRecord* record);

}  // namespace idres

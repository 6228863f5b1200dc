#include "graph/record_index.h"

#include <algorithm>
#include <utility>

#include "match/features.h"
#include "store/record_ref.h"

namespace idres {
namespace {

bool Contains(const std::vector<std::string>& keys, absl::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

void IndexRecord(StoreTxn* txn, const storage::StoredRecord& record) {
  const v1::RecordRef ref = RefOf(record);
  for (const std::string& key : record.match_keys()) {
    txn->PutMatchKey(key, MatchKeyEntry{ref, record.profile_id()});
  }
}

void UnindexRecord(StoreTxn* txn, const storage::StoredRecord& record) {
  const v1::RecordRef ref = RefOf(record);
  for (const std::string& key : record.match_keys()) {
    txn->DeleteMatchKey(key, ref);
  }
}

void RekeyRecord(StoreTxn* txn, std::vector<std::string> keys,
                 const storage::StoredRecord* previous,
                 storage::StoredRecord* record) {
  if (previous != nullptr) {
    const v1::RecordRef ref = RefOf(*previous);
    for (const std::string& key : previous->match_keys()) {
      if (!Contains(keys, key)) txn->DeleteMatchKey(key, ref);
    }
  }
  record->clear_match_keys();
  for (std::string& key : keys) record->add_match_keys(std::move(key));
  IndexRecord(txn, *record);
}

bool RecordsKey(const storage::StoredRecord& record,
                absl::string_view match_key) {
  return std::find(record.match_keys().begin(), record.match_keys().end(),
                   match_key) != record.match_keys().end();
}

absl::StatusOr<RecordIndexRepair> RebuildRecordIndex(
    StoreTxn* txn, storage::StoredRecord* record) {
  RecordIndexRepair out;
  const v1::RecordRef ref = RefOf(*record);
  std::vector<std::string> keys = MatchKeysOf(record->features());
  out.keys_changed =
      !std::equal(keys.begin(), keys.end(), record->match_keys().begin(),
                  record->match_keys().end());
  for (const std::string& key : record->match_keys()) {
    if (Contains(keys, key)) continue;
    txn->DeleteMatchKey(key, ref);
    ++out.entries_removed;
  }
  for (const std::string& key : keys) {
    absl::StatusOr<std::optional<std::string>> owner =
        txn->GetMatchKeyEntry(key, ref);
    if (!owner.ok()) return owner.status();
    if (owner->has_value() && **owner == record->profile_id()) continue;
    txn->PutMatchKey(key, MatchKeyEntry{ref, record->profile_id()});
    ++out.entries_written;
  }
  if (out.keys_changed) {
    record->clear_match_keys();
    for (std::string& key : keys) record->add_match_keys(std::move(key));
  }
  return out;
}

bool EntryBelongs(const storage::StoredRecord* record,
                  absl::string_view match_key, absl::string_view profile_id) {
  return record != nullptr && record->profile_id() == profile_id &&
         RecordsKey(*record, match_key);
}

EntryRepair RepairIndexEntry(StoreTxn* txn, absl::string_view match_key,
                             const MatchKeyEntry& entry,
                             const storage::StoredRecord* record) {
  if (EntryBelongs(record, match_key, entry.profile_id)) {
    return EntryRepair::kNone;
  }
  if (record == nullptr || !RecordsKey(*record, match_key)) {
    txn->DeleteMatchKey(match_key, entry.record);
    return EntryRepair::kRemoved;
  }
  txn->PutMatchKey(match_key,
                   MatchKeyEntry{entry.record, record->profile_id()});
  return EntryRepair::kRewritten;
}

}  // namespace idres

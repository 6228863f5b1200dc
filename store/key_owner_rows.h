// Internal to store/: table key_owners (docs/storage.md), one row per
// identifier match key (IsIdentifierMatchKey) holding the first
// kKeyOwnerRowSize entries of that key in record-key order, exactly as the
// match_keys table holds them, so that looking an identifier up
// (GetContext, GetProfile by identifier) is one point read instead of an
// iterator over every level. Rows change in the same write batch as the
// entries (RocksDbTxn), and are built once for a store written before the
// table existed.
#pragma once

#include <cstddef>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "idres/storage/storage.pb.h"
#include "idres/v1/record.pb.h"
#include "rocksdb/db.h"
#include "store/profile_store.h"

namespace idres {

// Entries a row holds; a key with more is marked truncated. As many as an
// identifier lookup asks for, so that a lookup never scans.
inline constexpr size_t kKeyOwnerRowSize = kIdentifierLookupEntries;

// True when `a` sorts before `b` in record-key order (EncodeRecordKey's
// bytes), the order of a key's entries in match_keys. Pure.
bool RecordKeyLess(const v1::RecordRef& a, const v1::RecordRef& b);

// Applies to `row` the staging of the entry (`ref` -> `profile_id`) of its
// key: replaces the entry of `ref`, or inserts it in order, dropping the
// last entry (and marking the row truncated) past kKeyOwnerRowSize; an
// entry sorting after a truncated row's last is not among the first ones
// and changes nothing. Pure.
void AddKeyOwner(const v1::RecordRef& ref, absl::string_view profile_id,
                 storage::KeyOwners* row);

// Applies to `row` the deletion of the entry of `ref`. Returns true when
// the row lost an entry while truncated: its key's next entry, which the
// row did not hold, must then be read from match_keys (RebuildKeyOwners).
// Pure.
bool RemoveKeyOwner(const v1::RecordRef& ref, storage::KeyOwners* row);

// The row of a key whose first entries, in order, are `entries` (at most
// kKeyOwnerRowSize + 1 of them: one more tells the row is truncated).
storage::KeyOwners RowOfEntries(std::vector<storage::KeyOwner> entries);

// Whether the table has been built (the mark key_owners_indexed of the
// default family). Internal on read errors.
absl::StatusOr<bool> KeyOwnersBuilt(rocksdb::DB* db);

// Builds every row from match_keys, once: does nothing when the mark is
// there, so a new store only writes the mark. Writes rows in batches of
// 10,000, then the mark; an interrupted build is rebuilt whole at the next
// open (rows are overwritten, never read, until the mark is written).
// `cfs` indexed by Table. Call at open, before any transaction.
absl::Status BuildKeyOwnersOnce(
    rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs);

}  // namespace idres

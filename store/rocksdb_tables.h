// Internal to store/: the RocksDB column families of the store, the one
// conversion of RocksDB statuses, and what a reader needs to read.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "store/profile_store.h"

namespace idres {

// Column family order; kMeta is RocksDB's default family. Documented in
// docs/storage.md.
enum Table {
  kMeta = 0,
  kRecords,
  kProfiles,
  kRedirects,
  kMatchKeys,
  kContexts,
  kInteractions,
  kEvents,
  kSearch,
  kConstraints,
  kAudit,
  kMatchViews,
  kPossibleMatches,
  kKeyOwners,
  kTables
};

inline constexpr const char* kTableNames[kTables] = {
    "default",  "records",      "profiles", "redirects", "match_keys",
    "contexts", "interactions", "events",   "search",
    "constraints", "audit",     "match_views", "possible_matches",
    "key_owners"};

// True for the tables whose keys are "PREFIX\0..." and are read by prefix
// scans; they get a prefix extractor ending at the first NUL, so that a
// scan for an absent prefix is answered by bloom filters, also in the
// memtable.
inline constexpr bool UsesPrefixScans(Table table) {
  return table == kMatchKeys || table == kSearch || table == kInteractions;
}

// Returns the extractor of UsesPrefixScans tables: a key's bytes up to and
// including its first NUL; keys without one are outside its domain.
const rocksdb::SliceTransform* NewFirstPartTransform();

// Keys of the counters in kMeta start with this.
inline constexpr absl::string_view kCounterPrefix = "counter/";

// Key in kMeta of the schema version, a decimal number.
inline constexpr absl::string_view kSchemaVersionKey = "schema_version";

// The one place where RocksDB statuses become absl statuses: NotFound,
// DataLoss for corruption, InvalidArgument, else Internal; the message
// starts with `what`.
absl::Status ToStatus(const rocksdb::Status& s, absl::string_view what);

inline rocksdb::Slice ToSlice(absl::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

inline absl::string_view ToView(const rocksdb::Slice& s) {
  return absl::string_view(s.data(), s.size());
}

// What every view needs to read: the database, its families, the read
// options (maybe pinned to a snapshot) and, in a transaction, the batch of
// staged writes to overlay. Borrowed pointers; the store outlives views.
struct ReadContext {
  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs;
  rocksdb::ReadOptions options;
  rocksdb::WriteBatchWithIndex* batch = nullptr;  // May be null.
  // Table key_owners is built (key_owner_rows.h): identifier keys are
  // then looked up there instead of scanned. False only in a read-only
  // view of a store that an older idres wrote.
  bool key_owner_rows = false;
};

// Returns the RocksDB properties behind StoreFigures, summed over `cfs`
// (the block cache, shared, counted once).
StoreFigures ReadStoreFigures(
    rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs);

}  // namespace idres

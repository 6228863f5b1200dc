// Internal to store/: removing from the store's files every trace of
// deleted or overwritten keys (ProfileStore erasure, StoreTxn::CommitErasing).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"

namespace idres {

// The first and last key (inclusive) that one transaction wrote or
// deleted in one column family.
struct KeyRange {
  std::string first;
  std::string last;
};

// Makes the versions older than `committed` of every key in `ranges`
// (ranges[t] for column family cfs[t], nullopt when the transaction
// touched none) unrecoverable from the files of `dir`: waits for readers'
// snapshots older than `committed` to go, flushes every memtable (so the
// WAL holding the old values and the deletions becomes obsolete), compacts
// each range down to the bottommost level (so deletions meet the values
// they delete and both are dropped), writes `marker` into cfs[0] and
// flushes it (so a new MANIFEST is written without the old files' key
// boundaries, see MakeOptions' max_manifest_file_size), and waits until
// the obsolete files are deleted. DeadlineExceeded when a snapshot or an
// open iterator still holds old data after the wait; the deletion is then
// committed and later compactions finish the purge. Internal on I/O
// errors. The caller holds the store's writer lock.
absl::Status PurgeRanges(rocksdb::DB* db, const std::string& dir,
                         const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
                         const std::vector<std::optional<KeyRange>>& ranges,
                         rocksdb::SequenceNumber committed,
                         absl::string_view marker_key);

// Returns the names (no directory) of the files of `dir` that the store
// no longer uses but that are still on disk: table files, WAL files and
// MANIFESTs that are not live. Internal on I/O errors.
absl::StatusOr<std::vector<std::string>> ObsoleteFiles(rocksdb::DB* db,
                                                       const std::string& dir);

}  // namespace idres

#include "store/rocksdb_purge.h"

#include <filesystem>
#include <set>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "store/rocksdb_tables.h"

namespace idres {
namespace {

// How long a purge waits for readers (an export's snapshot, a stream's
// iterator) to let go of the old data.
constexpr absl::Duration kReaderWait = absl::Seconds(30);
constexpr absl::Duration kPoll = absl::Milliseconds(5);

// True when no snapshot taken before `committed` is still open: such a
// snapshot would make compaction keep the old versions.
bool NoOlderSnapshot(rocksdb::DB* db, rocksdb::SequenceNumber committed) {
  uint64_t count = 0;
  if (db->GetIntProperty(rocksdb::DB::Properties::kNumSnapshots, &count) &&
      count == 0) {
    return true;
  }
  uint64_t oldest = 0;
  return db->GetIntProperty(rocksdb::DB::Properties::kOldestSnapshotSequence,
                            &oldest) &&
         oldest >= committed;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ObsoleteFiles(
    rocksdb::DB* db, const std::string& dir) {
  std::vector<std::string> live_files;
  uint64_t manifest_size = 0;
  absl::Status s = ToStatus(
      db->GetLiveFiles(live_files, &manifest_size, /*flush_memtable=*/false),
      "live files");
  if (!s.ok()) return s;
  std::set<std::string> live;
  for (const std::string& f : live_files) {
    live.insert(std::filesystem::path(f).filename().string());
  }
  rocksdb::VectorLogPtr wals;
  s = ToStatus(db->GetSortedWalFiles(wals), "wal files");
  if (!s.ok()) return s;
  for (const auto& wal : wals) {
    if (wal->Type() == rocksdb::kAliveLogFile) {
      live.insert(std::filesystem::path(wal->PathName()).filename().string());
    }
  }
  // The WAL being written is live even while empty, when
  // GetSortedWalFiles may leave it out.
  std::unique_ptr<rocksdb::LogFile> current;
  s = ToStatus(db->GetCurrentWalFile(&current), "current wal");
  if (!s.ok()) return s;
  live.insert(std::filesystem::path(current->PathName()).filename().string());
  std::vector<std::string> obsolete;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const bool data = absl::EndsWith(name, ".sst") ||
                      absl::EndsWith(name, ".log") ||
                      absl::StartsWith(name, "MANIFEST-");
    if (data && !live.count(name)) obsolete.push_back(name);
  }
  if (ec) return absl::InternalError(absl::StrCat("list ", dir, ": ", ec.message()));
  return obsolete;
}

absl::Status PurgeRanges(rocksdb::DB* db, const std::string& dir,
                         const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
                         const std::vector<std::optional<KeyRange>>& ranges,
                         rocksdb::SequenceNumber committed,
                         absl::string_view marker_key) {
  const absl::Time deadline = absl::Now() + kReaderWait;
  while (!NoOlderSnapshot(db, committed)) {
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(
          "purge: a reader's snapshot still holds the deleted data; it is "
          "deleted, and compactions will remove it from the files later");
    }
    absl::SleepFor(kPoll);
  }
  rocksdb::FlushOptions flush;
  flush.wait = true;
  absl::Status s = ToStatus(db->Flush(flush, cfs), "purge: flush");
  if (!s.ok()) return s;
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction =
      rocksdb::BottommostLevelCompaction::kForce;
  compact.exclusive_manual_compaction = false;
  for (size_t t = 0; t < cfs.size() && t < ranges.size(); ++t) {
    if (!ranges[t].has_value()) continue;
    rocksdb::Slice first = ToSlice(ranges[t]->first);
    rocksdb::Slice last = ToSlice(ranges[t]->last);
    s = ToStatus(db->CompactRange(compact, cfs[t], &first, &last),
                 "purge: compact");
    if (!s.ok()) return s;
  }
  // One more version edit after the compactions: the MANIFEST it starts
  // holds only the files live now (max_manifest_file_size, MakeOptions).
  s = ToStatus(db->Put(rocksdb::WriteOptions(), cfs[0], ToSlice(marker_key),
                       ToSlice(absl::FormatTime(absl::Now()))),
               "purge: marker");
  if (!s.ok()) return s;
  s = ToStatus(db->Flush(flush, cfs), "purge: flush");
  if (!s.ok()) return s;
  while (true) {
    // Enabling file deletions again runs a full scan for obsolete files.
    s = ToStatus(db->DisableFileDeletions(), "purge: file deletions");
    if (!s.ok()) return s;
    s = ToStatus(db->EnableFileDeletions(/*force=*/false),
                 "purge: file deletions");
    if (!s.ok()) return s;
    absl::StatusOr<std::vector<std::string>> left = ObsoleteFiles(db, dir);
    if (!left.ok()) return left.status();
    if (left->empty()) return absl::OkStatus();
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          "purge: files still held by a reader: ", absl::StrJoin(*left, ", ")));
    }
    absl::SleepFor(kPoll);
  }
}

}  // namespace idres

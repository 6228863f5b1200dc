#include "graph/reindex.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "graph/record_index.h"
#include "store/record_ref.h"

namespace idres {
namespace {

class Reindex {
 public:
  Reindex(ProfileStore* store, const ReindexOptions& options)
      : store_(store),
        options_(options),
        batch_records_(std::max<size_t>(options.batch_records, 1)),
        batch_entries_(std::max<size_t>(options.batch_entries, 1)) {}

  absl::StatusOr<ReindexReport> Run() {
    absl::StatusOr<int> version = store_->GetSchemaVersion();
    if (!version.ok()) return version.status();
    report_.from_version = *version;
    if (*version < kOldestMigratableSchemaVersion ||
        *version > kStoreSchemaVersion) {
      return absl::FailedPreconditionError(absl::StrCat(
          "store has schema version ", *version, "; reindex reads ",
          kOldestMigratableSchemaVersion, " to ", kStoreSchemaVersion));
    }
    v1::RecordRef start;  // The first record.
    for (;;) {
      absl::StatusOr<bool> more = RekeyBatch(&start);
      if (!more.ok()) return more.status();
      if (!*more) break;
    }
    absl::Status s = RemoveOrphans();
    if (!s.ok()) return s;
    return report_;
  }

 private:
  // Rekeys the records from `*start` on, at most batch_records_ of them,
  // in one transaction. Returns whether records remain, `*start` then
  // naming the next one.
  absl::StatusOr<bool> RekeyBatch(v1::RecordRef* start) {
    std::unique_ptr<StoreTxn> txn = store_->BeginTxn();
    std::vector<storage::StoredRecord> batch;
    std::optional<v1::RecordRef> next;
    // Read first, write after: the iterator must not see its own writes.
    absl::Status s =
        txn->ForEachRecord(*start, [&](const storage::StoredRecord& r) {
          if (batch.size() == batch_records_) {
            next = RefOf(r);
            return false;
          }
          batch.push_back(r);
          return true;
        });
    if (!s.ok()) return s;
    for (storage::StoredRecord& r : batch) {
      absl::StatusOr<RecordIndexRepair> repair =
          RebuildRecordIndex(txn.get(), &r);
      if (!repair.ok()) return repair.status();
      if (repair->keys_changed) {
        txn->PutRecord(r);
        ++report_.records_rekeyed;
      }
      report_.entries_written += repair->entries_written;
      report_.entries_removed += repair->entries_removed;
    }
    s = txn->Commit();
    if (!s.ok()) return s;
    report_.records += static_cast<int64_t>(batch.size());
    s = AfterBatch();
    if (!s.ok()) return s;
    if (!next.has_value()) return false;
    *start = *std::move(next);
    return true;
  }

  // Checks every index entry against its record, as rekeyed, in one
  // snapshot taken after the rekeying; repairs are committed every
  // batch_entries_ entries, the schema version with the last batch.
  absl::Status RemoveOrphans() {
    std::unique_ptr<StoreView> snapshot = store_->NewSnapshot();
    std::unique_ptr<StoreTxn> txn = store_->BeginTxn();
    size_t in_batch = 0;
    absl::Status inner;
    absl::Status s = snapshot->ForEachMatchKey(
        [&](absl::string_view key, const MatchKeyEntry& e) {
          absl::StatusOr<std::optional<storage::StoredRecord>> r =
              snapshot->GetRecord(e.record);
          if (!r.ok()) {
            inner = r.status();
            return false;
          }
          Count(RepairIndexEntry(txn.get(), key, e,
                                 r->has_value() ? &**r : nullptr));
          if (++in_batch < batch_entries_) return true;
          in_batch = 0;
          inner = txn->Commit();
          txn.reset();  // Releases the writer before the next BeginTxn.
          if (inner.ok()) inner = AfterBatch();
          if (!inner.ok()) return false;
          txn = store_->BeginTxn();
          return true;
        });
    if (!s.ok()) return s;
    if (!inner.ok()) return inner;
    txn->PutSchemaVersion(kStoreSchemaVersion);
    s = txn->Commit();
    if (!s.ok()) return s;
    report_.done = true;
    if (options_.after_batch) options_.after_batch(report_);
    return absl::OkStatus();
  }

  void Count(EntryRepair repair) {
    ++report_.entries_scanned;
    if (repair == EntryRepair::kRemoved) ++report_.entries_removed;
    if (repair == EntryRepair::kRewritten) ++report_.entries_written;
  }

  absl::Status AfterBatch() {
    if (!options_.after_batch || options_.after_batch(report_)) {
      return absl::OkStatus();
    }
    return absl::CancelledError(absl::StrCat(
        "reindex stopped after ", report_.records, " records and ",
        report_.entries_scanned, " index entries; the schema version stays ",
        report_.from_version, " until a run completes"));
  }

  ProfileStore* store_;
  const ReindexOptions& options_;
  const size_t batch_records_;
  const size_t batch_entries_;
  ReindexReport report_;
};

}  // namespace

absl::StatusOr<ReindexReport> ReindexStore(ProfileStore* store,
                                           const ReindexOptions& options) {
  Reindex reindex(store, options);
  return reindex.Run();
}

}  // namespace idres

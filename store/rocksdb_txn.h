// Internal to store/: the store's one open transaction over RocksDB, a
// WriteBatchWithIndex committed in one write (see StoreTxn), which also
// keeps table key_owners in step with the identifier keys' entries
// (store/key_owner_rows.h).
#pragma once

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "rocksdb/db.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "store/key_owner_rows.h"
#include "store/keys.h"
#include "store/possible_match_index.h"
#include "store/profile_store.h"
#include "store/rocksdb_purge.h"
#include "store/rocksdb_reader.h"
#include "store/rocksdb_tables.h"

namespace idres {

// Key in kMeta of the time of the last erasure (PurgeRanges' marker).
inline constexpr absl::string_view kErasedAtKey = "erased_at";

// Committed counter values, read once from the store and then kept by the
// writer: only transactions change counters, one at a time.
using CounterCache = absl::flat_hash_map<std::string, uint64_t>;

// The one open transaction: it holds the store's writer mutex from
// BeginTxn (which locks it) to its destruction (which unlocks it), so its
// methods run with the mutex held; those touching what the mutex guards
// say so (ABSL_EXCLUSIVE_LOCKS_REQUIRED), which the clang build checks.
class RocksDbTxn : public RocksDbReader<StoreTxn> {
 public:
  // Holds `writer_mu` (already locked by the caller) until destruction and
  // calls `on_commit` after each successful commit. `counters` is guarded
  // by `writer_mu`. `key_owner_rows`: table key_owners is built, and
  // every change of an identifier key's entries changes its row.
  RocksDbTxn(rocksdb::DB* db,
             const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
             bool key_owner_rows,
             const rocksdb::WriteOptions& write_options, absl::Mutex* writer_mu,
             CounterCache* counters, std::function<void()> on_commit,
             const std::string* dir)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(writer_mu)
      : batch_(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true),
        write_options_(write_options),
        dir_(dir),
        writer_mu_(writer_mu),
        counters_(counters),
        on_commit_(std::move(on_commit)) {
    ctx_.db = db;
    ctx_.cfs = cfs;
    ctx_.batch = &batch_;
    ctx_.key_owner_rows = key_owner_rows;
  }
  ~RocksDbTxn() override ABSL_UNLOCK_FUNCTION(writer_mu_) {
    writer_mu_->Unlock();
  }

  void PutRecord(const storage::StoredRecord& record) override {
    v1::RecordRef ref;
    ref.set_source(record.record().source());
    ref.set_source_id(record.record().source_id());
    Put(kRecords, EncodeRecordKey(ref), record.SerializeAsString());
  }
  void DeleteRecord(const v1::RecordRef& ref) override {
    Delete(kRecords, EncodeRecordKey(ref));
  }
  void PutProfile(const v1::Profile& profile) override {
    Put(kProfiles, profile.profile_id(), profile.SerializeAsString());
  }
  void DeleteProfile(absl::string_view profile_id) override {
    Delete(kProfiles, profile_id);
  }
  void PutRedirect(absl::string_view from, absl::string_view to) override {
    Put(kRedirects, from, to);
  }
  void DeleteRedirect(absl::string_view from) override {
    Delete(kRedirects, from);
  }
  void PutMatchKey(absl::string_view match_key,
                   const MatchKeyEntry& entry) override {
    Put(kMatchKeys, EncodeMatchKeyEntry(match_key, entry.record),
        entry.profile_id);
    UpdateOwnerRow(match_key, [&](storage::KeyOwners* row) {
      AddKeyOwner(entry.record, entry.profile_id, row);
      return false;
    });
  }
  void DeleteMatchKey(absl::string_view match_key,
                      const v1::RecordRef& ref) override {
    Delete(kMatchKeys, EncodeMatchKeyEntry(match_key, ref));
    UpdateOwnerRow(match_key, [&](storage::KeyOwners* row) {
      return RemoveKeyOwner(ref, row);
    });
  }

  void PutMatchView(const storage::MatchView& view) override {
    Put(kMatchViews, view.profile_id(), view.SerializeAsString());
  }
  void DeleteMatchView(absl::string_view profile_id) override {
    Delete(kMatchViews, profile_id);
  }
  void PutContext(const v1::ProfileContext& context) override {
    Put(kContexts, context.profile_id(), context.SerializeAsString());
  }
  void DeleteContext(absl::string_view profile_id) override {
    Delete(kContexts, profile_id);
  }
  void PutInteraction(const v1::Interaction& interaction) override {
    Put(kInteractions,
        EncodeInteractionKey(interaction.profile_id(),
                             interaction.interaction_id()),
        interaction.SerializeAsString());
  }
  void DeleteInteraction(absl::string_view profile_id,
                         absl::string_view interaction_id) override {
    Delete(kInteractions, EncodeInteractionKey(profile_id, interaction_id));
  }
  void PutEvent(const v1::ChangeEvent& event) override {
    Put(kEvents, EncodeEventKey(event.sequence()), event.SerializeAsString());
  }
  void DeleteEvent(uint64_t sequence) override {
    Delete(kEvents, EncodeEventKey(sequence));
  }
  void PutSearchTerm(absl::string_view term,
                     absl::string_view profile_id) override {
    Put(kSearch, EncodeSearchTermKey(term, profile_id), "");
  }
  void DeleteSearchTerm(absl::string_view term,
                        absl::string_view profile_id) override {
    Delete(kSearch, EncodeSearchTermKey(term, profile_id));
  }
  void PutConstraint(const v1::LinkConstraint& constraint) override {
    std::string value = constraint.SerializeAsString();
    Put(kConstraints, EncodeConstraintKey(constraint.a(), constraint.b()),
        value);
    Put(kConstraints, EncodeConstraintKey(constraint.b(), constraint.a()),
        value);
  }
  void DeleteConstraint(const v1::RecordRef& a,
                        const v1::RecordRef& b) override {
    Delete(kConstraints, EncodeConstraintKey(a, b));
    Delete(kConstraints, EncodeConstraintKey(b, a));
  }
  void PutAuditEntry(const v1::AuditEntry& entry) override {
    std::string value = entry.SerializeAsString();
    std::set<std::string> ids(entry.profile_ids_before().begin(),
                              entry.profile_ids_before().end());
    ids.insert(entry.profile_ids_after().begin(),
               entry.profile_ids_after().end());
    for (const std::string& id : ids) {
      Put(kAudit, EncodeAuditKey(id, entry.sequence()), value);
    }
  }

  absl::Status PutPossibleMatches(
      absl::string_view profile_id,
      const google::protobuf::RepeatedPtrField<v1::PossibleMatch>& matches)
      override {
    absl::StatusOr<std::optional<storage::PossibleMatchKeys>> written =
        GetMessage<storage::PossibleMatchKeys>(
            kPossibleMatches, EncodePossibleMatchOwnerKey(profile_id));
    if (!written.ok()) return written.status();
    PossibleMatchWrites w = PlanPossibleMatches(profile_id, *written, matches);
    for (const std::string& key : w.deletes) Delete(kPossibleMatches, key);
    for (const auto& [key, value] : w.puts) Put(kPossibleMatches, key, value);
    return absl::OkStatus();
  }

  void PutSchemaVersion(int version) override {
    Put(kMeta, kSchemaVersionKey, absl::StrCat(version));
  }

  // Counters are staged here and written once at commit: a batch of
  // records bumps the same few counters hundreds of times, and each Put
  // would be another memtable insert.
  absl::StatusOr<uint64_t> NextCounter(absl::string_view name) override
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(writer_mu_) {
    absl::StatusOr<uint64_t> value = GetCounter(name);
    if (!value.ok()) return value;
    staged_counters_[name] = *value + 1;
    return *value + 1;
  }

  absl::StatusOr<uint64_t> GetCounter(absl::string_view name) override
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(writer_mu_) {
    if (auto it = staged_counters_.find(name); it != staged_counters_.end()) {
      return it->second;
    }
    if (auto it = counters_->find(name); it != counters_->end()) {
      return it->second;
    }
    absl::StatusOr<uint64_t> value = RocksDbReader<StoreTxn>::GetCounter(name);
    if (value.ok()) counters_->emplace(name, *value);
    return value;
  }

  absl::Status Commit() override ABSL_EXCLUSIVE_LOCKS_REQUIRED(writer_mu_) {
    if (!row_error_.ok()) return row_error_;  // Nothing written.
    for (const auto& [name, value] : staged_counters_) {
      Put(kMeta, absl::StrCat(kCounterPrefix, name), absl::StrCat(value));
    }
    absl::Status s = ToStatus(
        ctx_.db->Write(write_options_, batch_.GetWriteBatch()), "commit");
    if (!s.ok()) return s;
    for (const auto& [name, value] : staged_counters_) {
      (*counters_)[name] = value;
    }
    staged_counters_.clear();
    on_commit_();
    return s;
  }

  absl::Status CommitErasing() override
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(writer_mu_) {
    std::vector<std::optional<KeyRange>> ranges(kTables);
    for (int t = 0; t < kTables; ++t) {
      std::unique_ptr<rocksdb::WBWIIterator> it(
          batch_.NewIterator(ctx_.cfs[t]));
      it->SeekToFirst();
      if (!it->Valid()) continue;
      KeyRange range;
      range.first = it->Entry().key.ToString();
      it->SeekToLast();
      range.last = it->Entry().key.ToString();
      ranges[t] = std::move(range);
    }
    absl::Status s = Commit();
    if (!s.ok()) return s;
    return PurgeRanges(ctx_.db, *dir_, ctx_.cfs, ranges,
                       ctx_.db->GetLatestSequenceNumber(), kErasedAtKey);
  }

 private:
  // Reads the key_owners row of an identifier `match_key` (through this
  // transaction's writes), applies `change` to it and stages the result;
  // `change` returns true when the row must be read again from the
  // index, whose change is staged already. A failed read is kept for
  // Commit, which then writes nothing.
  void UpdateOwnerRow(absl::string_view match_key,
                      absl::FunctionRef<bool(storage::KeyOwners*)> change) {
    if (!ctx_.key_owner_rows || !IsIdentifierMatchKey(match_key) ||
        !row_error_.ok()) {
      return;
    }
    storage::KeyOwners row;
    absl::StatusOr<bool> found = ReadInto(kKeyOwners, match_key, &row);
    if (!found.ok()) {
      row_error_ = found.status();
      return;
    }
    if (change(&row)) {
      std::vector<storage::KeyOwner> entries;
      absl::Status s = ForEachMatchKeyFrom(
          EncodeMatchKeyPrefix(match_key),
          [&](absl::string_view, const MatchKeyEntry& e) {
            storage::KeyOwner& o = entries.emplace_back();
            *o.mutable_record() = e.record;
            o.set_profile_id(e.profile_id);
            return entries.size() <= kKeyOwnerRowSize;
          });
      if (!s.ok()) {
        row_error_ = s;
        return;
      }
      row = RowOfEntries(std::move(entries));
    }
    if (row.owners().empty()) {
      Delete(kKeyOwners, match_key);
    } else {
      Put(kKeyOwners, match_key, row.SerializeAsString());
    }
  }

  void Put(Table table, absl::string_view key, absl::string_view value) {
    // Put only fails past max_bytes, which is unlimited here.
    batch_.Put(ctx_.cfs[table], ToSlice(key), ToSlice(value)).PermitUncheckedError();
  }
  void Delete(Table table, absl::string_view key) {
    batch_.Delete(ctx_.cfs[table], ToSlice(key)).PermitUncheckedError();
  }

  rocksdb::WriteBatchWithIndex batch_;
  rocksdb::WriteOptions write_options_;
  const std::string* dir_;
  absl::Mutex* const writer_mu_;
  CounterCache* const counters_ ABSL_PT_GUARDED_BY(writer_mu_);
  absl::flat_hash_map<std::string, uint64_t> staged_counters_;
  std::function<void()> on_commit_;
  absl::Status row_error_;  // Of UpdateOwnerRow; Commit returns it.
};

}  // namespace idres

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "rocksdb/utilities/checkpoint.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "store/keys.h"
#include "store/profile_store.h"

namespace idres {
namespace {

// Bumped whenever keys or values change incompatibly; see docs/storage.md.
constexpr absl::string_view kSchemaVersion = "1";
constexpr absl::string_view kSchemaVersionKey = "schema_version";
constexpr absl::string_view kCounterPrefix = "counter/";

// Column family order; kMeta is RocksDB's default family.
enum Table { kMeta = 0, kRecords, kProfiles, kRedirects, kMatchKeys, kTables };
constexpr const char* kTableNames[kTables] = {"default", "records", "profiles",
                                              "redirects", "match_keys"};

// The one place where RocksDB statuses become absl statuses.
absl::Status ToStatus(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  std::string msg = absl::StrCat(what, ": ", s.ToString());
  if (s.IsNotFound()) return absl::NotFoundError(msg);
  if (s.IsCorruption()) return absl::DataLossError(msg);
  if (s.IsInvalidArgument()) return absl::InvalidArgumentError(msg);
  return absl::InternalError(msg);
}

rocksdb::Slice ToSlice(absl::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}

absl::string_view ToView(const rocksdb::Slice& s) {
  return absl::string_view(s.data(), s.size());
}

// What every view needs to read: the database, its families, the read
// options (maybe pinned to a snapshot) and, in a transaction, the batch of
// staged writes to overlay.
struct ReadContext {
  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs;
  rocksdb::ReadOptions options;
  rocksdb::WriteBatchWithIndex* batch = nullptr;  // Not owned; may be null.
};

// Implements the StoreView reads over a ReadContext for any of the three
// public interfaces, so that the store, its snapshots and its transactions
// share one reading code path.
template <typename Base>
class RocksDbReader : public Base {
 public:
  absl::StatusOr<std::optional<v1::StoredRecord>> GetRecord(
      const v1::RecordRef& ref) override {
    return GetMessage<v1::StoredRecord>(kRecords, EncodeRecordKey(ref));
  }

  absl::StatusOr<std::optional<v1::Profile>> GetProfile(
      absl::string_view profile_id) override {
    return GetMessage<v1::Profile>(kProfiles, profile_id);
  }

  absl::StatusOr<std::optional<std::string>> GetRedirect(
      absl::string_view profile_id) override {
    return GetRaw(kRedirects, profile_id);
  }

  absl::StatusOr<std::vector<MatchKeyEntry>> FindMatchKey(
      absl::string_view match_key, size_t limit) override {
    std::vector<MatchKeyEntry> out;
    if (limit == 0) return out;
    absl::Status s = Scan(
        kMatchKeys, EncodeMatchKeyPrefix(match_key),
        [&](absl::string_view key, absl::string_view value) {
          std::optional<DecodedMatchKeyEntry> d = DecodeMatchKeyEntry(key);
          if (!d.has_value()) return false;
          out.push_back({std::move(d->ref), std::string(value)});
          return out.size() < limit;
        });
    if (!s.ok()) return s;
    return out;
  }

  absl::StatusOr<std::optional<std::string>> GetMatchKeyEntry(
      absl::string_view match_key, const v1::RecordRef& ref) override {
    return GetRaw(kMatchKeys, EncodeMatchKeyEntry(match_key, ref));
  }

  absl::Status ForEachRecord(
      const v1::RecordRef& start,
      const std::function<bool(const v1::StoredRecord&)>& fn) override {
    return ForEachMessage<v1::StoredRecord>(kRecords, EncodeRecordKey(start),
                                            fn);
  }

  absl::Status ForEachProfile(
      const std::function<bool(const v1::Profile&)>& fn) override {
    return ForEachMessage<v1::Profile>(kProfiles, "", fn);
  }

  absl::Status ForEachMatchKey(
      const std::function<bool(absl::string_view, const MatchKeyEntry&)>& fn)
      override {
    absl::Status decode_error;
    absl::Status s =
        Scan(kMatchKeys, "", [&](absl::string_view k, absl::string_view v) {
          std::optional<DecodedMatchKeyEntry> d = DecodeMatchKeyEntry(k);
          if (!d.has_value()) {
            decode_error = absl::DataLossError("match_keys: undecodable key");
            return false;
          }
          return fn(d->match_key, MatchKeyEntry{d->ref, std::string(v)});
        });
    return s.ok() ? decode_error : s;
  }

  absl::Status ForEachRedirect(
      const std::function<bool(absl::string_view, absl::string_view)>& fn)
      override {
    return Scan(kRedirects, "", fn);
  }

 protected:
  ReadContext ctx_;

  absl::StatusOr<std::optional<std::string>> GetRaw(Table table,
                                                    absl::string_view key) {
    std::string value;
    rocksdb::Status s =
        ctx_.batch == nullptr
            ? ctx_.db->Get(ctx_.options, ctx_.cfs[table], ToSlice(key), &value)
            : ctx_.batch->GetFromBatchAndDB(ctx_.db, ctx_.options,
                                            ctx_.cfs[table], ToSlice(key),
                                            &value);
    if (s.IsNotFound()) return std::nullopt;
    if (!s.ok()) return ToStatus(s, kTableNames[table]);
    return value;
  }

  template <typename M>
  absl::StatusOr<std::optional<M>> GetMessage(Table table,
                                              absl::string_view key) {
    absl::StatusOr<std::optional<std::string>> raw = GetRaw(table, key);
    if (!raw.ok()) return raw.status();
    if (!raw->has_value()) return std::nullopt;
    M message;
    if (!message.ParseFromString(**raw)) {
      return absl::DataLossError(
          absl::StrCat(kTableNames[table], " ", key, ": undecodable value"));
    }
    return message;
  }

  // Calls fn(key, value) on the keys starting with `prefix`, in order,
  // beginning at `start` (which must not sort before `prefix`).
  absl::Status Scan(
      Table table, absl::string_view prefix,
      const std::function<bool(absl::string_view, absl::string_view)>& fn,
      absl::string_view start = "") {
    std::unique_ptr<rocksdb::Iterator> it(
        ctx_.db->NewIterator(ctx_.options, ctx_.cfs[table]));
    if (ctx_.batch != nullptr) {
      it.reset(ctx_.batch->NewIteratorWithBase(ctx_.cfs[table], it.release(),
                                               &ctx_.options));
    }
    std::string first = std::max(std::string(prefix), std::string(start));
    for (it->Seek(ToSlice(first)); it->Valid(); it->Next()) {
      absl::string_view key = ToView(it->key());
      if (!absl::StartsWith(key, prefix)) break;
      if (!fn(key, ToView(it->value()))) break;
    }
    return ToStatus(it->status(), kTableNames[table]);
  }

  template <typename M>
  absl::Status ForEachMessage(Table table, absl::string_view start,
                              const std::function<bool(const M&)>& fn) {
    absl::Status decode_error;
    absl::Status s = Scan(
        table, "",
        [&](absl::string_view key, absl::string_view value) {
          M message;
          if (!message.ParseFromArray(value.data(),
                                      static_cast<int>(value.size()))) {
            decode_error = absl::DataLossError(absl::StrCat(
                kTableNames[table], " ", key, ": undecodable value"));
            return false;
          }
          return fn(message);
        },
        start);
    return s.ok() ? decode_error : s;
  }
};

class RocksDbSnapshot : public RocksDbReader<StoreView> {
 public:
  RocksDbSnapshot(rocksdb::DB* db,
                  const std::vector<rocksdb::ColumnFamilyHandle*>& cfs)
      : snapshot_(db->GetSnapshot()) {
    ctx_.db = db;
    ctx_.cfs = cfs;
    ctx_.options.snapshot = snapshot_;
  }
  ~RocksDbSnapshot() override { ctx_.db->ReleaseSnapshot(snapshot_); }

 private:
  const rocksdb::Snapshot* snapshot_;
};

class RocksDbTxn : public RocksDbReader<StoreTxn> {
 public:
  // Holds `writer_mu` (already locked by the caller) until destruction.
  RocksDbTxn(rocksdb::DB* db,
             const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
             const rocksdb::WriteOptions& write_options, absl::Mutex* writer_mu)
      : batch_(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true),
        write_options_(write_options),
        writer_mu_(writer_mu) {
    ctx_.db = db;
    ctx_.cfs = cfs;
    ctx_.batch = &batch_;
  }
  ~RocksDbTxn() override { writer_mu_->Unlock(); }

  void PutRecord(const v1::StoredRecord& record) override {
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
  void PutMatchKey(absl::string_view match_key,
                   const MatchKeyEntry& entry) override {
    Put(kMatchKeys, EncodeMatchKeyEntry(match_key, entry.record),
        entry.profile_id);
  }
  void DeleteMatchKey(absl::string_view match_key,
                      const v1::RecordRef& ref) override {
    Delete(kMatchKeys, EncodeMatchKeyEntry(match_key, ref));
  }

  absl::StatusOr<uint64_t> NextCounter(absl::string_view name) override {
    std::string key = absl::StrCat(kCounterPrefix, name);
    absl::StatusOr<std::optional<std::string>> raw = GetRaw(kMeta, key);
    if (!raw.ok()) return raw.status();
    uint64_t value = 0;
    if (raw->has_value() && !absl::SimpleAtoi(**raw, &value)) {
      return absl::DataLossError(absl::StrCat("counter ", name, ": ", **raw));
    }
    ++value;
    Put(kMeta, key, absl::StrCat(value));
    return value;
  }

  absl::Status Commit() override {
    return ToStatus(ctx_.db->Write(write_options_, batch_.GetWriteBatch()),
                    "commit");
  }

 private:
  void Put(Table table, absl::string_view key, absl::string_view value) {
    // Put only fails past max_bytes, which is unlimited here.
    batch_.Put(ctx_.cfs[table], ToSlice(key), ToSlice(value)).PermitUncheckedError();
  }
  void Delete(Table table, absl::string_view key) {
    batch_.Delete(ctx_.cfs[table], ToSlice(key)).PermitUncheckedError();
  }

  rocksdb::WriteBatchWithIndex batch_;
  rocksdb::WriteOptions write_options_;
  absl::Mutex* writer_mu_;
};

class RocksDbProfileStore : public RocksDbReader<ProfileStore> {
 public:
  RocksDbProfileStore(std::unique_ptr<rocksdb::DB> db,
                      std::vector<rocksdb::ColumnFamilyHandle*> cfs,
                      const StoreOptions& options)
      : db_(std::move(db)) {
    ctx_.db = db_.get();
    ctx_.cfs = std::move(cfs);
    write_options_.sync = options.sync_writes;
  }

  ~RocksDbProfileStore() override {
    for (rocksdb::ColumnFamilyHandle* cf : ctx_.cfs) {
      db_->DestroyColumnFamilyHandle(cf).PermitUncheckedError();
    }
  }

  std::unique_ptr<StoreTxn> BeginTxn() override {
    writer_mu_.Lock();
    return std::make_unique<RocksDbTxn>(db_.get(), ctx_.cfs, write_options_,
                                        &writer_mu_);
  }

  rocksdb::DB* db() { return db_.get(); }

  std::unique_ptr<StoreView> NewSnapshot() override {
    return std::make_unique<RocksDbSnapshot>(db_.get(), ctx_.cfs);
  }

  absl::Status Checkpoint(const std::string& dir) override {
    rocksdb::Checkpoint* raw = nullptr;
    absl::Status s = ToStatus(rocksdb::Checkpoint::Create(db_.get(), &raw),
                              "checkpoint");
    if (!s.ok()) return s;
    std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
    return ToStatus(checkpoint->CreateCheckpoint(dir), "checkpoint " + dir);
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::WriteOptions write_options_;
  absl::Mutex writer_mu_;
};

rocksdb::Options MakeOptions() {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.IncreaseParallelism(2);
  options.max_open_files = 512;
  return options;
}

rocksdb::ColumnFamilyOptions MakeTableOptions(
    std::shared_ptr<rocksdb::Cache> cache) {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = std::move(cache);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  rocksdb::ColumnFamilyOptions cf;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf.write_buffer_size = size_t{32} << 20;
  return cf;
}

// Writes the schema version into a new store, or checks an existing one.
absl::Status CheckSchema(rocksdb::DB* db, bool read_only) {
  std::string version;
  rocksdb::Status s =
      db->Get(rocksdb::ReadOptions(), ToSlice(kSchemaVersionKey), &version);
  if (s.IsNotFound()) {
    if (read_only) return absl::FailedPreconditionError("store: no schema");
    return ToStatus(db->Put(rocksdb::WriteOptions(), ToSlice(kSchemaVersionKey),
                            ToSlice(kSchemaVersion)),
                    "schema version");
  }
  if (!s.ok()) return ToStatus(s, "schema version");
  if (version != kSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "store has schema version ", version, ", this idres reads ",
        kSchemaVersion));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<ProfileStore>> OpenRocksDbProfileStore(
    const std::string& dir, const StoreOptions& options) {
  rocksdb::Options db_options = MakeOptions();
  std::shared_ptr<rocksdb::Cache> cache =
      rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kTableNames) {
    descriptors.emplace_back(name, MakeTableOptions(cache));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(db_options, dir, descriptors,
                                         &handles, &raw)
          : rocksdb::DB::Open(db_options, dir, descriptors, &handles, &raw);
  std::unique_ptr<rocksdb::DB> db(raw);
  if (!s.ok()) return ToStatus(s, "open " + dir);
  auto store = std::make_unique<RocksDbProfileStore>(
      std::move(db), std::move(handles), options);
  absl::Status schema = CheckSchema(store->db(), options.read_only);
  if (!schema.ok()) return schema;
  return store;
}

}  // namespace idres

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "rocksdb/utilities/checkpoint.h"
#include "rocksdb/write_buffer_manager.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "store/block_allocator.h"
#include "store/key_owner_rows.h"
#include "store/keys.h"
#include "store/possible_match_index.h"
#include "store/profile_store.h"
#include "store/rocksdb_purge.h"
#include "store/rocksdb_reader.h"
#include "store/store_files.h"
#include "store/rocksdb_tables.h"
#include "store/rocksdb_txn.h"

namespace idres {
namespace {

// RocksDB tunables, measured on the 2-core machines (docs/performance.md):
// background flush and compaction threads, one per core;
constexpr int kBackgroundThreads = 2;
// table files kept open (index and filter blocks stay in the block cache);
constexpr int kMaxOpenFiles = 512;
// bloom filter bits per key: about 1% false positives;
constexpr int kBloomBitsPerKey = 10;
// size of the partitions of indexes and filters;
constexpr uint64_t kMetadataBlockBytes = 4096;
// one memtable of a table, before StoreOptions::memtable_bytes caps all;
constexpr size_t kMemtableBytes = size_t{32} << 20;
// share of a memtable given to its prefix (or whole-key) bloom filter.
constexpr double kMemtableBloomRatio = 0.05;
// MANIFEST size past which the next version edit starts a new MANIFEST
// holding only the live files: 1 byte, so that every flush or compaction
// does, and the key boundaries of the files an erasure compacted away
// (record keys, which hold source ids) are gone with the old MANIFEST. A
// new MANIFEST costs about 100 bytes per live file.
constexpr uint64_t kManifestBytes = 1;

class RocksDbSnapshot : public RocksDbReader<StoreView> {
 public:
  RocksDbSnapshot(rocksdb::DB* db,
                  const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
                  bool key_owner_rows)
      : snapshot_(db->GetSnapshot()) {
    ctx_.db = db;
    ctx_.cfs = cfs;
    ctx_.options.snapshot = snapshot_;
    ctx_.key_owner_rows = key_owner_rows;
  }
  ~RocksDbSnapshot() override { ctx_.db->ReleaseSnapshot(snapshot_); }

 private:
  const rocksdb::Snapshot* snapshot_;
};

class RocksDbProfileStore : public RocksDbReader<ProfileStore> {
 public:
  RocksDbProfileStore(std::unique_ptr<rocksdb::DB> db,
                      std::vector<rocksdb::ColumnFamilyHandle*> cfs,
                      const StoreOptions& options, std::string dir)
      : db_(std::move(db)), dir_(std::move(dir)), read_only_(options.read_only) {
    ctx_.db = db_.get();
    ctx_.cfs = std::move(cfs);
    write_options_.sync = options.sync_writes;
  }

  ~RocksDbProfileStore() override {
    // Flushing at a clean close leaves no WAL to replay at the next open,
    // which is what bounds restart time. A failure here loses nothing: the
    // WAL is still there and is replayed instead.
    if (!read_only_) {
      db_->Flush(rocksdb::FlushOptions(), ctx_.cfs).PermitUncheckedError();
    }
    for (rocksdb::ColumnFamilyHandle* cf : ctx_.cfs) {
      db_->DestroyColumnFamilyHandle(cf).PermitUncheckedError();
    }
  }

  // Returns with writer_mu_ held; the transaction's destruction releases it.
  std::unique_ptr<StoreTxn> BeginTxn() override
      ABSL_EXCLUSIVE_LOCK_FUNCTION(writer_mu_) {
    writer_mu_.Lock();
    return std::make_unique<RocksDbTxn>(db_.get(), ctx_.cfs,
                                        ctx_.key_owner_rows, write_options_,
                                        &writer_mu_, &counters_, [this] {
                                          absl::MutexLock lock(&commit_mu_);
                                          ++commits_;
                                        },
                                        &dir_);
  }

  uint64_t CommitCount() override ABSL_LOCKS_EXCLUDED(commit_mu_) {
    absl::MutexLock lock(&commit_mu_);
    return commits_;
  }

  uint64_t WaitForCommit(uint64_t seen, absl::Duration timeout) override
      ABSL_LOCKS_EXCLUDED(commit_mu_) {
    absl::MutexLock lock(&commit_mu_);
    auto advanced = [this, seen]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(commit_mu_) {
      return commits_ > seen;
    };
    commit_mu_.AwaitWithTimeout(absl::Condition(&advanced), timeout);
    return commits_;
  }

  rocksdb::DB* db() { return db_.get(); }
  const std::vector<rocksdb::ColumnFamilyHandle*>& cfs() { return ctx_.cfs; }

  // Table key_owners is built: reads and transactions use it from now on.
  // Called once at open, before the store is shared.
  void UseKeyOwnerRows() { ctx_.key_owner_rows = true; }

  std::unique_ptr<StoreView> NewSnapshot() override {
    return std::make_unique<RocksDbSnapshot>(db_.get(), ctx_.cfs,
                                             ctx_.key_owner_rows);
  }

  absl::Status Checkpoint(const std::string& dir) override {
    rocksdb::Checkpoint* raw = nullptr;
    absl::Status s = ToStatus(rocksdb::Checkpoint::Create(db_.get(), &raw),
                              "checkpoint");
    if (!s.ok()) return s;
    std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
    s = ToStatus(checkpoint->CreateCheckpoint(dir), "checkpoint " + dir);
    if (!s.ok()) return s;
    s = CopySecretKey(dir_, dir);
    if (!s.ok()) return s;
    return RecordBackup(db_.get(), dir);
  }

  absl::StatusOr<std::vector<BackupEntry>> ListBackups() override {
    return ReadBackups(db_.get());
  }

  absl::StatusOr<std::string> SecretKey() override {
    absl::MutexLock lock(&key_mu_);
    if (secret_key_.empty()) {
      absl::StatusOr<std::string> key = ReadOrCreateSecretKey(dir_);
      if (!key.ok()) return key.status();
      secret_key_ = *std::move(key);
    }
    return secret_key_;
  }

  StoreFigures Figures() override {
    return ReadStoreFigures(db_.get(), ctx_.cfs);
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  const std::string dir_;
  absl::Mutex key_mu_;
  std::string secret_key_ ABSL_GUARDED_BY(key_mu_);
  const bool read_only_;
  rocksdb::WriteOptions write_options_;
  absl::Mutex writer_mu_;  // Held by the one open transaction.
  CounterCache counters_ ABSL_GUARDED_BY(writer_mu_);
  // Taken by a commit under writer_mu_, never held while taking it.
  absl::Mutex commit_mu_ ABSL_ACQUIRED_AFTER(writer_mu_);
  uint64_t commits_ ABSL_GUARDED_BY(commit_mu_) = 0;
};

rocksdb::Options MakeOptions(const StoreOptions& store) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.IncreaseParallelism(kBackgroundThreads);
  options.max_open_files = kMaxOpenFiles;
  // Rarely written tables would otherwise keep the oldest WAL alive, and a
  // crash restart would replay all of it.
  options.max_total_wal_size = store.memtable_bytes;
  options.max_manifest_file_size = kManifestBytes;
  // Obsolete WAL files are deleted at once, never kept or recycled: an
  // erasure relies on it (rocksdb_purge.h). These are RocksDB's defaults,
  // set here so that nobody changes them without seeing why.
  options.WAL_ttl_seconds = 0;
  options.WAL_size_limit_MB = 0;
  options.recycle_log_file_num = 0;
  // RocksDB's info LOG names the key range of every manual compaction (an
  // erasure's: record keys, which hold source ids and e-mails) in hex;
  // warnings and errors only, which name files.
  options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  options.write_buffer_manager =
      std::make_shared<rocksdb::WriteBufferManager>(store.memtable_bytes);
  return options;
}

// Bloom filters answer most reads of a resolution, which look for keys and
// prefixes that do not exist yet (a new person's identifiers): in the SST
// files and, with memtable_prefix_bloom_size_ratio, in the memtable too.
rocksdb::ColumnFamilyOptions MakeTableOptions(
    Table t, std::shared_ptr<rocksdb::Cache> cache) {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = std::move(cache);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
  // Filters and indexes are partitioned into blocks of about 4 KiB, cached
  // at high priority, with only their top level pinned. A whole-file
  // filter of a large table is megabytes: bigger than a shard of the block
  // cache, so it was evicted at once and read again from the file on every
  // lookup (at 400,000 records, a third of the ingest went to copying and
  // checksumming filter blocks).
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  table.partition_filters = true;
  table.metadata_block_size = kMetadataBlockBytes;
  table.cache_index_and_filter_blocks = true;
  table.cache_index_and_filter_blocks_with_high_priority = true;
  table.pin_top_level_index_and_filter = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  rocksdb::ColumnFamilyOptions cf;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf.write_buffer_size = kMemtableBytes;
  cf.memtable_prefix_bloom_size_ratio = kMemtableBloomRatio;
  if (UsesPrefixScans(t)) {
    cf.prefix_extractor.reset(NewFirstPartTransform());
  } else {
    cf.memtable_whole_key_filtering = true;
  }
  return cf;
}

// Writes the schema version into a new store, or checks an existing one.
absl::Status CheckSchema(rocksdb::DB* db, const std::string& dir,
                         const StoreOptions& options) {
  std::string raw;
  rocksdb::Status s =
      db->Get(rocksdb::ReadOptions(), ToSlice(kSchemaVersionKey), &raw);
  if (s.IsNotFound()) {
    if (options.read_only) {
      return absl::FailedPreconditionError(
          absl::StrCat("store ", dir, ": no schema version"));
    }
    return ToStatus(db->Put(rocksdb::WriteOptions(), ToSlice(kSchemaVersionKey),
                            ToSlice(absl::StrCat(kStoreSchemaVersion))),
                    "schema version");
  }
  if (!s.ok()) return ToStatus(s, "schema version");
  int version = 0;
  if (!absl::SimpleAtoi(raw, &version)) {
    return absl::DataLossError(
        absl::StrCat("store ", dir, ": schema version is not a number"));
  }
  if (version == kStoreSchemaVersion) return absl::OkStatus();
  const bool migratable = version >= kOldestMigratableSchemaVersion &&
                          version < kStoreSchemaVersion;
  if (migratable && options.open_older_schema) return absl::OkStatus();
  std::string what =
      absl::StrCat("store ", dir, " has schema version ", version,
                   ", this idres reads ", kStoreSchemaVersion);
  if (migratable) {
    absl::StrAppend(&what, ": migrate it with `idres migrate --db ", dir,
                    "` (or `idres serve`, which migrates at open)");
  } else if (version < kStoreSchemaVersion) {
    absl::StrAppend(&what, ": ingest its source records again");
  }
  return absl::FailedPreconditionError(what);
}

// For a read-only open, which cannot create tables: OK when `dir` holds
// every table; else the schema check's answer (an older store is told how
// to migrate), or FailedPrecondition naming the missing table, which the
// next read-write open creates.
absl::Status CheckTablesForReadOnly(const rocksdb::Options& db_options,
                                    const std::string& dir,
                                    const StoreOptions& options) {
  std::vector<std::string> present;
  rocksdb::Status s =
      rocksdb::DB::ListColumnFamilies(db_options, dir, &present);
  if (!s.ok()) return ToStatus(s, "open " + dir);
  std::string missing;
  for (int t = 0; t < kTables; ++t) {
    if (std::find(present.begin(), present.end(), kTableNames[t]) ==
        present.end()) {
      missing = kTableNames[t];
      break;
    }
  }
  if (missing.empty()) return absl::OkStatus();
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::OpenForReadOnly(db_options, dir, &raw);
  std::unique_ptr<rocksdb::DB> db(raw);
  if (!s.ok()) return ToStatus(s, "open " + dir);
  absl::Status schema = CheckSchema(db.get(), dir, options);
  if (!schema.ok()) return schema;
  return absl::FailedPreconditionError(absl::StrCat(
      "store ", dir, " has no table ", missing,
      " yet: open it once for writing (idres serve) to create it"));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ProfileStore>> OpenRocksDbProfileStore(
    const std::string& dir, const StoreOptions& options) {
  rocksdb::Options db_options = MakeOptions(options);
  rocksdb::LRUCacheOptions cache_options;
  cache_options.capacity = options.block_cache_bytes;
  // Room kept for index and filter partitions, which every read needs.
  cache_options.high_pri_pool_ratio = 0.25;
  cache_options.memory_allocator =
      std::make_shared<BlockAllocator>(options.block_cache_bytes / 8);
  std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(cache_options);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (int t = 0; t < kTables; ++t) {
    descriptors.emplace_back(kTableNames[t],
                             MakeTableOptions(static_cast<Table>(t), cache));
  }
  if (options.read_only) {
    absl::Status tables = CheckTablesForReadOnly(db_options, dir, options);
    if (!tables.ok()) return tables;
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
      std::move(db), std::move(handles), options, dir);
  absl::Status schema = CheckSchema(store->db(), dir, options);
  if (!schema.ok()) return schema;
  if (!options.read_only) {
    absl::Status indexed = IndexPossibleMatchesOnce(store->db(), store.get());
    if (!indexed.ok()) return indexed;
    indexed = BuildKeyOwnersOnce(store->db(), store->cfs());
    if (!indexed.ok()) return indexed;
    store->UseKeyOwnerRows();
  } else {
    absl::StatusOr<bool> built = KeyOwnersBuilt(store->db());
    if (!built.ok()) return built.status();
    if (*built) store->UseKeyOwnerRows();
  }
  return store;
}

}  // namespace idres

// Durable home of source records, unified profiles, redirects of merged
// profile ids, and the match-key index that finds candidate profiles.
// Layout and keys: docs/storage.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "idres/v1/context.pb.h"
#include "idres/v1/governance.pb.h"
#include "idres/v1/profile.pb.h"
#include "idres/storage/storage.pb.h"

namespace idres {

// The schema version this build reads and writes (docs/storage.md): bumped
// with every incompatible change of keys, values or of what is derived
// from them, and then comes with its migration.
inline constexpr int kStoreSchemaVersion = 3;
// The oldest schema version that graph/reindex.h migrates from.
inline constexpr int kOldestMigratableSchemaVersion = 2;

// Match keys that start with this are blocking keys (names, dates, e-mail
// local parts: match/features.cc); every other match key is
// "type:value" of one identifier, which a store may answer FindMatchKey
// for from a table of its own (RocksDB: key_owners, docs/storage.md).
inline constexpr char kBlockingKeyMarker = '~';

// True for the match key of one identifier value (not a blocking key).
inline bool IsIdentifierMatchKey(absl::string_view match_key) {
  return !match_key.empty() && match_key.front() != kBlockingKeyMarker;
}

// The entries an identifier lookup reads (graph/profile_lookup.cc): enough
// to list a household's profiles behind a shared value. A store answers
// FindMatchKey for that many without scanning (RocksDB: key_owners rows).
inline constexpr size_t kIdentifierLookupEntries = 64;

// One entry of the match-key index: `record` carries the key and sits in
// profile `profile_id`.
struct MatchKeyEntry {
  v1::RecordRef record;
  std::string profile_id;
};

// What the match-key index holds under one key, without the records: the
// resolver's candidate search only needs the profiles.
struct MatchKeyProfiles {
  size_t entries = 0;  // Entries read, at most the limit asked.
  // Distinct profiles of those entries, the excluded record's left out,
  // in the order first met.
  std::vector<std::string> profile_ids;
};

// The store's persistent counters (StoreTxn::NextCounter), each named
// here once: they number profiles ("p-<n>", graph/profile_ids.h), records
// in order of first ingest, change events (the feed's gapless sequence),
// audit entries and interactions ("i-<n>").
inline constexpr absl::string_view kProfileCounter = "profile";
inline constexpr absl::string_view kRecordCounter = "record";
inline constexpr absl::string_view kEventCounter = "event";
inline constexpr absl::string_view kAuditCounter = "audit";
inline constexpr absl::string_view kInteractionCounter = "interaction";

// Read access to one state of the store. A view is thread-compatible: use
// one view from one thread at a time.
class StoreView {
 public:
  virtual ~StoreView() = default;

  // Returns the stored record, or nullopt if the key is unknown. DataLoss
  // when the stored bytes do not decode, Internal on I/O errors.
  virtual absl::StatusOr<std::optional<storage::StoredRecord>> GetRecord(
      const v1::RecordRef& ref) = 0;

  // Returns the live profile, or nullopt if there is none under this id
  // (unknown, or merged away: see GetRedirect).
  virtual absl::StatusOr<std::optional<v1::Profile>> GetProfile(
      absl::string_view profile_id) = 0;

  // Returns the live profile that a merged-away `profile_id` now lives in,
  // or nullopt if the id was never merged away. Always a single hop.
  virtual absl::StatusOr<std::optional<std::string>> GetRedirect(
      absl::string_view profile_id) = 0;

  // Returns up to `limit` entries of `match_key`, in record-key order.
  // Callers detect an over-common key by asking for one more than they use.
  // DataLoss, naming the stored key, when an entry's key does not decode.
  virtual absl::StatusOr<std::vector<MatchKeyEntry>> FindMatchKey(
      absl::string_view match_key, size_t limit) = 0;

  // FindMatchKey for each of `match_keys` (limits[i] entries at most for
  // match_keys[i]) in one pass of one iterator, returning only the entry
  // counts and the profiles; entries of record `exclude` count as entries
  // but name no profile.
  virtual absl::StatusOr<std::vector<MatchKeyProfiles>> FindMatchKeyProfiles(
      const std::vector<std::string>& match_keys,
      const std::vector<size_t>& limits,
      const v1::RecordRef& exclude) = 0;

  // Returns the profile id stored for (`match_key`, `ref`), or nullopt if
  // that index entry does not exist.
  virtual absl::StatusOr<std::optional<std::string>> GetMatchKeyEntry(
      absl::string_view match_key, const v1::RecordRef& ref) = 0;

  // Calls `fn` on every stored record whose key is at or after `start`, in
  // key order, until it returns false. A default RecordRef starts at the
  // first record.
  virtual absl::Status ForEachRecord(
      const v1::RecordRef& start,
      const std::function<bool(const storage::StoredRecord&)>& fn) = 0;

  // Calls `fn` on every live profile in id-key order until it returns false.
  virtual absl::Status ForEachProfile(
      const std::function<bool(const v1::Profile&)>& fn) = 0;

  // Calls `fn(match_key, entry)` on every index entry until it returns
  // false. DataLoss, naming the stored key, when an entry's key does not
  // decode (`fn` has then seen the entries before it).
  virtual absl::Status ForEachMatchKey(
      const std::function<bool(absl::string_view, const MatchKeyEntry&)>&
          fn) = 0;

  // Calls `fn(from, to)` on every redirect until it returns false.
  virtual absl::Status ForEachRedirect(
      const std::function<bool(absl::string_view, absl::string_view)>&
          fn) = 0;

  // Returns up to `limit` (match key, entry) pairs whose match key starts
  // with `prefix`, in key order (e.g. every "email:ann..." entry).
  // DataLoss, naming the stored key, when an entry's key does not decode.
  virtual absl::StatusOr<std::vector<std::pair<std::string, MatchKeyEntry>>>
  FindMatchKeyPrefix(absl::string_view prefix, size_t limit) = 0;

  // Returns the last value handed out by the named counter (see
  // StoreTxn::NextCounter), 0 if none.
  virtual absl::StatusOr<uint64_t> GetCounter(absl::string_view name) = 0;

  // Returns the schema version the store holds (kStoreSchemaVersion unless
  // it was opened with StoreOptions::open_older_schema). DataLoss when it
  // is missing or not a number.
  virtual absl::StatusOr<int> GetSchemaVersion() = 0;

  // Parses the match view of a live profile into `out` (which may be on an
  // arena). Returns false, leaving `out` untouched, when there is none.
  virtual absl::StatusOr<bool> ReadMatchViewInto(absl::string_view profile_id,
                                                 storage::MatchView* out) = 0;

  // Returns the precomputed context of a live profile, or nullopt.
  virtual absl::StatusOr<std::optional<v1::ProfileContext>> GetContext(
      absl::string_view profile_id) = 0;

  // Parses the precomputed context of a live profile into `out`, which the
  // caller may have placed on an arena (the GetContext read path): no copy
  // of the stored bytes, no allocation outside the arena. `out` is a
  // v1::ProfileContext, or a message declaring some of its fields under
  // the same numbers (storage::ContextHead, which search reads). Returns
  // false, leaving `out` untouched, when there is none.
  virtual absl::StatusOr<bool> ReadContextInto(
      absl::string_view profile_id, google::protobuf::MessageLite* out) = 0;

  // Calls `fn` on the interactions of `profile_id`, oldest first, until it
  // returns false.
  virtual absl::Status ForEachInteraction(
      absl::string_view profile_id,
      const std::function<bool(const v1::Interaction&)>& fn) = 0;

  // Returns up to `limit` change events with sequence >= `from`, in order.
  virtual absl::StatusOr<std::vector<v1::ChangeEvent>> ReadEvents(
      uint64_t from, size_t limit) = 0;

  // Returns up to `limit` ids of the profiles indexed under `term`, in id
  // order.
  virtual absl::StatusOr<std::vector<std::string>> FindSearchTerm(
      absl::string_view term, size_t limit) = 0;

  // Calls `fn` on every constraint involving `record`, in the order of the
  // other record's key, until it returns false.
  virtual absl::Status ForEachConstraintOf(
      const v1::RecordRef& record,
      const std::function<bool(const v1::LinkConstraint&)>& fn) = 0;

  // Calls `fn` once on every constraint until it returns false.
  virtual absl::Status ForEachConstraint(
      const std::function<bool(const v1::LinkConstraint&)>& fn) = 0;

  // Calls `fn` on the audit entries naming `profile_id` (before or after),
  // oldest first, until it returns false.
  virtual absl::Status ForEachAuditOf(
      absl::string_view profile_id,
      const std::function<bool(const v1::AuditEntry&)>& fn) = 0;

  // Calls `fn(position, row)` on the rows of the review-queue index (every
  // live profile's possible matches, see StoreTxn::PutPossibleMatches) in
  // rank order: highest score first, then by the pair's ids, the older
  // first (OlderProfile's order), then by the profile holding the entry.
  // Starts strictly after `after`, a position an earlier call passed to
  // `fn` (any other bytes are safe: they start somewhere in the order, or
  // after the end); empty starts at the first row. Stops when `fn` returns
  // false. DataLoss for an undecodable row.
  virtual absl::Status ForEachPossibleMatch(
      absl::string_view after,
      const std::function<bool(absl::string_view position,
                               const storage::PossibleMatchRow& row)>& fn) = 0;
};

// A read-modify-write unit. Reads see the committed state plus this
// transaction's own writes; writes become visible, all together, at
// Commit. Only one transaction is open per store at a time (see
// ProfileStore::BeginTxn), which is what serializes resolution.
// Thread-compatible.
class StoreTxn : public StoreView {
 public:
  // Stages `record` under its key (record().source, record().source_id).
  virtual void PutRecord(const storage::StoredRecord& record) = 0;
  virtual void DeleteRecord(const v1::RecordRef& ref) = 0;
  virtual void PutProfile(const v1::Profile& profile) = 0;
  virtual void DeleteProfile(absl::string_view profile_id) = 0;
  // Stages that `from` was merged into live profile `to`.
  virtual void PutRedirect(absl::string_view from, absl::string_view to) = 0;
  // Stages the removal of the redirect of `from` (its profile was deleted).
  virtual void DeleteRedirect(absl::string_view from) = 0;
  virtual void PutMatchKey(absl::string_view match_key,
                           const MatchKeyEntry& entry) = 0;
  virtual void DeleteMatchKey(absl::string_view match_key,
                              const v1::RecordRef& ref) = 0;

  // The match view of a live profile, staged with every change of it.
  virtual void PutMatchView(const storage::MatchView& view) = 0;
  virtual void DeleteMatchView(absl::string_view profile_id) = 0;

  virtual void PutContext(const v1::ProfileContext& context) = 0;
  virtual void DeleteContext(absl::string_view profile_id) = 0;
  // Stages `interaction` under (profile_id, interaction_id); ids are
  // "i-<n>" and order interactions by arrival.
  virtual void PutInteraction(const v1::Interaction& interaction) = 0;
  virtual void DeleteInteraction(absl::string_view profile_id,
                                 absl::string_view interaction_id) = 0;
  // Stages `event` under its sequence; becomes visible to ReadEvents and
  // wakes WaitForCommit at commit.
  virtual void PutEvent(const v1::ChangeEvent& event) = 0;
  // Stages the removal of the event `sequence` (retention: only the oldest
  // go, so the feed keeps no gap after its first event).
  virtual void DeleteEvent(uint64_t sequence) = 0;
  virtual void PutSearchTerm(absl::string_view term,
                             absl::string_view profile_id) = 0;
  virtual void DeleteSearchTerm(absl::string_view term,
                                absl::string_view profile_id) = 0;
  // Stages `constraint` under both of its records, replacing whatever
  // constraint the pair had.
  virtual void PutConstraint(const v1::LinkConstraint& constraint) = 0;
  // Stages the removal of the constraint between `a` and `b`, if any.
  virtual void DeleteConstraint(const v1::RecordRef& a,
                                const v1::RecordRef& b) = 0;
  // Stages `entry` under each distinct profile id it names.
  virtual void PutAuditEntry(const v1::AuditEntry& entry) = 0;

  // Stages `matches` (a live profile's Profile.possible_matches) as the
  // review-queue rows of profile `profile_id`, replacing the rows staged
  // for it before, which are deleted by the keys then written; an empty
  // list removes them (the profile was merged away or deleted). Writes
  // nothing when the profile had no rows and gets none. Errors come from
  // reading the keys written before.
  virtual absl::Status PutPossibleMatches(
      absl::string_view profile_id,
      const google::protobuf::RepeatedPtrField<v1::PossibleMatch>&
          matches) = 0;

  // Stages `version` as the store's schema version: what a migration
  // commits, with its last batch, once everything else is rewritten.
  virtual void PutSchemaVersion(int version) = 0;

  // Returns the next value of the named persistent counter, starting at 1.
  // The increment commits with the transaction: values of an abandoned
  // transaction are handed out again, which is safe because nothing it
  // wrote is visible.
  virtual absl::StatusOr<uint64_t> NextCounter(absl::string_view name) = 0;

  // Writes every staged change in one atomic, WAL-logged write. A
  // transaction is single-use: after Commit only destruction is allowed.
  // Destroying an uncommitted transaction discards its writes.
  virtual absl::Status Commit() = 0;

  // Commit, and then removes from the store's files every earlier version
  // of each key this transaction wrote or deleted (an erasure's guarantee,
  // docs/privacy.md): waits for readers' snapshots taken before (at most
  // 30 s), flushes the memtables so that the WAL holding the old values is
  // deleted, compacts each table's range of touched keys to the bottommost
  // level, starts a new MANIFEST (the old one names files' first and last
  // keys) and waits until the obsolete files are deleted. Other writers
  // wait meanwhile: it costs a rewrite of the files overlapping the range.
  // Errors of Commit write nothing; DeadlineExceeded when a reader held
  // the old data too long (the change is committed; later compactions
  // remove it); Internal on I/O errors.
  virtual absl::Status CommitErasing() = 0;
};

// A backup taken by ProfileStore::Checkpoint.
struct BackupEntry {
  std::string dir;
  absl::Time at;
};

// Options of a store opening.
struct StoreOptions {
  // fsync the WAL on every commit. Off by default: a commit then survives a
  // crash of the process (kill -9) but not of the machine.
  bool sync_writes = false;
  // Block cache for reads, shared by all tables.
  size_t block_cache_bytes = size_t{256} << 20;
  // Memtables of all tables together (RocksDB's WriteBufferManager): past
  // it the largest is flushed. With the block cache, what bounds the
  // store's memory whatever the number of records. It also bounds the WAL,
  // hence the replay after a crash (about 40 MB/s on these machines).
  size_t memtable_bytes = size_t{128} << 20;
  // Open for reading only (no write lock on the directory).
  bool read_only = false;
  // Open a store of an older schema version (kOldestMigratableSchemaVersion
  // or later) instead of refusing it, so that graph/reindex.h can migrate
  // it. Nothing but the migration (and a checkpoint) may use such a store.
  bool open_older_schema = false;
};

// What the store's engine reports of itself, for metrics (gateway/).
// Figures summed over every table; zero where the engine reports nothing.
struct StoreFigures {
  uint64_t sst_bytes = 0;                 // Live table files on disk.
  uint64_t memtable_bytes = 0;            // Memtables, active and flushing.
  uint64_t pending_compaction_bytes = 0;  // Estimated bytes to compact.
  uint64_t block_cache_usage_bytes = 0;   // The shared block cache, used.
  uint64_t block_cache_capacity_bytes = 0;
};

// The whole store. Thread-safe: unlike other views, its StoreView methods
// may be called from any number of threads at once; each reads the latest
// committed state.
class ProfileStore : public StoreView {
 public:
  // Opens a transaction, blocking while another one is open. This single
  // writer rule is what makes concurrent resolves equal to some sequential
  // order: no two read-modify-writes of the index ever interleave.
  virtual std::unique_ptr<StoreTxn> BeginTxn() = 0;

  // Returns a view pinned to the current committed state, for scans that
  // must see one consistent state (export, verify).
  virtual std::unique_ptr<StoreView> NewSnapshot() = 0;

  // Returns how many transactions have committed since the store opened.
  virtual uint64_t CommitCount() = 0;

  // Blocks until CommitCount() exceeds `seen` or `timeout` passes, and
  // returns CommitCount().
  virtual uint64_t WaitForCommit(uint64_t seen, absl::Duration timeout) = 0;

  // Takes an online, consistent copy of the store into the directory `dir`
  // (which must not exist), using hard links where possible, with the
  // secret key (SecretKey), and records it for ListBackups.
  virtual absl::Status Checkpoint(const std::string& dir) = 0;

  // Returns the backups Checkpoint wrote, oldest first (they may since
  // have been removed: the store does not watch them).
  virtual absl::StatusOr<std::vector<BackupEntry>> ListBackups() = 0;

  // Returns the store's secret key (32 bytes) for keyed hashes of erased
  // record keys, creating it at first use: the file ERASURE_KEY of the
  // store directory, mode 0600, copied into backups. Internal on I/O
  // errors.
  virtual absl::StatusOr<std::string> SecretKey() = 0;

  // Returns the engine's figures now (cheap: in-memory counters, no I/O).
  virtual StoreFigures Figures() = 0;
};

// Opens, creating it if missing (at kStoreSchemaVersion), a RocksDB-backed
// store in `dir`. FailedPrecondition when the directory holds a store of
// another schema version (an older migratable one is accepted with
// options.open_older_schema; the message says how to migrate it),
// DataLoss when its version is unreadable, Internal on I/O errors.
absl::StatusOr<std::unique_ptr<ProfileStore>> OpenRocksDbProfileStore(
    const std::string& dir, const StoreOptions& options = StoreOptions());

}  // namespace idres

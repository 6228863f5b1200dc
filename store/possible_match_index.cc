#include "store/possible_match_index.h"

#include <memory>

#include "store/keys.h"
#include "store/rocksdb_tables.h"

namespace idres {
namespace {

constexpr absl::string_view kIndexedKey = "possible_matches_indexed";
constexpr size_t kProfilesPerCommit = 1000;

// Stages the rows of a batch of profiles and commits them.
absl::Status IndexBatch(ProfileStore* store,
                        const std::vector<v1::Profile>& profiles) {
  std::unique_ptr<StoreTxn> txn = store->BeginTxn();
  for (const v1::Profile& p : profiles) {
    absl::Status s =
        txn->PutPossibleMatches(p.profile_id(), p.possible_matches());
    if (!s.ok()) return s;
  }
  return txn->Commit();
}

}  // namespace

PossibleMatchWrites PlanPossibleMatches(
    absl::string_view owner,
    const std::optional<storage::PossibleMatchKeys>& written,
    const google::protobuf::RepeatedPtrField<v1::PossibleMatch>& matches) {
  PossibleMatchWrites out;
  const std::string owner_key = EncodePossibleMatchOwnerKey(owner);
  if (written.has_value()) {
    for (const std::string& key : written->keys()) out.deletes.push_back(key);
    out.deletes.push_back(owner_key);
  }
  if (matches.empty()) return out;
  storage::PossibleMatchKeys keys;
  for (const v1::PossibleMatch& m : matches) {
    storage::PossibleMatchRow row;
    row.set_profile_id(std::string(owner));
    *row.mutable_match() = m;
    std::string key = EncodePossibleMatchRankKey(m.score(), owner,
                                                 m.profile_id());
    keys.add_keys(key);
    out.puts.emplace_back(std::move(key), row.SerializeAsString());
  }
  out.puts.emplace_back(owner_key, keys.SerializeAsString());
  return out;
}

absl::Status IndexPossibleMatchesOnce(rocksdb::DB* db, ProfileStore* store) {
  std::string mark;
  rocksdb::Status got =
      db->Get(rocksdb::ReadOptions(), ToSlice(kIndexedKey), &mark);
  if (got.ok()) return absl::OkStatus();
  if (!got.IsNotFound()) return ToStatus(got, "possible_matches_indexed");
  std::vector<v1::Profile> batch;
  absl::Status inner;
  absl::Status s = store->ForEachProfile([&](const v1::Profile& p) {
    if (p.possible_matches().empty()) return true;
    batch.push_back(p);
    if (batch.size() < kProfilesPerCommit) return true;
    inner = IndexBatch(store, batch);
    batch.clear();
    return inner.ok();
  });
  if (s.ok()) s = inner;
  if (s.ok() && !batch.empty()) s = IndexBatch(store, batch);
  if (!s.ok()) return s;
  return ToStatus(
      db->Put(rocksdb::WriteOptions(), ToSlice(kIndexedKey), ToSlice("1")),
      "possible_matches_indexed");
}

}  // namespace idres

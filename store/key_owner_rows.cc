#include "store/key_owner_rows.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "store/keys.h"
#include "store/record_ref.h"
#include "store/rocksdb_tables.h"

namespace idres {
namespace {

// Key in kMeta marking the table as built.
constexpr absl::string_view kBuiltKey = "key_owners_indexed";
// Rows per write batch of the one-time build.
constexpr size_t kRowsPerBatch = 10000;

// The first position in `row` whose record does not sort before `ref`.
int LowerBound(const storage::KeyOwners& row, const v1::RecordRef& ref) {
  auto it = std::lower_bound(
      row.owners().begin(), row.owners().end(), ref,
      [](const storage::KeyOwner& o, const v1::RecordRef& r) {
        return RecordKeyLess(o.record(), r);
      });
  return static_cast<int>(it - row.owners().begin());
}

}  // namespace

bool RecordKeyLess(const v1::RecordRef& a, const v1::RecordRef& b) {
  // No stored string holds the separator, which sorts before every other
  // byte: comparing the parts in turn is comparing the encoded keys.
  int c = a.source().compare(b.source());
  if (c != 0) return c < 0;
  return a.source_id() < b.source_id();
}

void AddKeyOwner(const v1::RecordRef& ref, absl::string_view profile_id,
                 storage::KeyOwners* row) {
  const int at = LowerBound(*row, ref);
  auto* owners = row->mutable_owners();
  if (at < owners->size() && SameRecord(owners->Get(at).record(), ref)) {
    owners->Mutable(at)->set_profile_id(std::string(profile_id));
    return;
  }
  if (at == owners->size() && row->truncated()) return;
  storage::KeyOwner* added = owners->Add();
  *added->mutable_record() = ref;
  added->set_profile_id(std::string(profile_id));
  for (int i = owners->size() - 1; i > at; --i) owners->SwapElements(i, i - 1);
  if (static_cast<size_t>(owners->size()) > kKeyOwnerRowSize) {
    owners->RemoveLast();
    row->set_truncated(true);
  }
}

bool RemoveKeyOwner(const v1::RecordRef& ref, storage::KeyOwners* row) {
  const int at = LowerBound(*row, ref);
  auto* owners = row->mutable_owners();
  if (at == owners->size() || !SameRecord(owners->Get(at).record(), ref)) {
    return false;
  }
  for (int i = at; i + 1 < owners->size(); ++i) owners->SwapElements(i, i + 1);
  owners->RemoveLast();
  return row->truncated();
}

storage::KeyOwners RowOfEntries(std::vector<storage::KeyOwner> entries) {
  storage::KeyOwners row;
  if (entries.size() > kKeyOwnerRowSize) {
    entries.resize(kKeyOwnerRowSize);
    row.set_truncated(true);
  }
  for (storage::KeyOwner& e : entries) *row.add_owners() = std::move(e);
  return row;
}

absl::StatusOr<bool> KeyOwnersBuilt(rocksdb::DB* db) {
  std::string mark;
  rocksdb::Status got =
      db->Get(rocksdb::ReadOptions(), ToSlice(kBuiltKey), &mark);
  if (got.IsNotFound()) return false;
  if (!got.ok()) return ToStatus(got, kBuiltKey);
  return true;
}

absl::Status BuildKeyOwnersOnce(
    rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs) {
  absl::StatusOr<bool> built = KeyOwnersBuilt(db);
  if (!built.ok()) return built.status();
  if (*built) return absl::OkStatus();
  rocksdb::ReadOptions options;
  options.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(options, cfs[kMatchKeys]));
  rocksdb::WriteBatch batch;
  size_t rows = 0;
  std::string key;  // The match key whose entries are being gathered.
  std::vector<storage::KeyOwner> entries;
  auto flush_row = [&]() -> absl::Status {
    if (key.empty()) return absl::OkStatus();
    storage::KeyOwners row = RowOfEntries(std::move(entries));
    entries.clear();
    rocksdb::Status s = batch.Put(cfs[kKeyOwners], ToSlice(key),
                                  ToSlice(row.SerializeAsString()));
    if (!s.ok()) return ToStatus(s, "key_owners");
    if (++rows % kRowsPerBatch != 0) return absl::OkStatus();
    s = db->Write(rocksdb::WriteOptions(), &batch);
    batch.Clear();
    return ToStatus(s, "key_owners");
  };
  it->SeekToFirst();
  while (it->Valid()) {
    std::optional<DecodedMatchKeyEntry> d = DecodeMatchKeyEntry(ToView(it->key()));
    if (!d.has_value()) {
      return absl::DataLossError("match_keys: undecodable key");
    }
    if (d->match_key != key) {
      absl::Status s = flush_row();
      if (!s.ok()) return s;
      key.clear();
    }
    if (!IsIdentifierMatchKey(d->match_key)) {
      // Blocking keys ("~...") are contiguous and sort after every
      // identifier key (whose type starts with a lower-case letter).
      it->Seek(ToSlice(std::string(1, kBlockingKeyMarker + 1)));
      continue;
    }
    if (key.empty()) key = std::move(d->match_key);
    if (entries.size() <= kKeyOwnerRowSize) {
      storage::KeyOwner& e = entries.emplace_back();
      *e.mutable_record() = std::move(d->ref);
      e.set_profile_id(it->value().ToString());
    }
    it->Next();
  }
  if (!it->status().ok()) return ToStatus(it->status(), "match_keys");
  absl::Status s = flush_row();
  if (!s.ok()) return s;
  rocksdb::Status w = batch.Put(ToSlice(kBuiltKey), ToSlice("1"));
  if (w.ok()) w = db->Write(rocksdb::WriteOptions(), &batch);
  return ToStatus(w, "key_owners");
}

}  // namespace idres

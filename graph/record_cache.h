// Records read within one transaction, each read and decoded once.
#pragma once

#include <string>

#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "idres/storage/storage.pb.h"
#include "store/profile_store.h"

namespace idres {

// Thread-compatible; one per resolution or governance action.
class RecordCache {
 public:
  // `view` (usually the open transaction) must outlive the cache.
  explicit RecordCache(StoreView* view) : view_(view) {}

  // Returns the stored record, reading it on first use; the pointer stays
  // valid for the cache's life. DataLoss when the record is missing: every
  // caller loads records that a profile lists.
  absl::StatusOr<storage::StoredRecord*> Load(const v1::RecordRef& ref);

  // Replaces the cached value of `record`'s key, e.g. after staging a
  // write of it.
  void Set(storage::StoredRecord record);

 private:
  StoreView* view_;
  absl::node_hash_map<std::string, storage::StoredRecord> records_;
};

}  // namespace idres

#include "store/rocksdb_tables.h"

#include <cstring>

#include "absl/strings/str_cat.h"

namespace idres {

namespace {

class FirstPartTransform : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "idres.FirstPart"; }

  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    const char* nul =
        static_cast<const char*>(memchr(key.data(), '\0', key.size()));
    return rocksdb::Slice(key.data(), nul - key.data() + 1);
  }

  bool InDomain(const rocksdb::Slice& key) const override {
    return memchr(key.data(), '\0', key.size()) != nullptr;
  }
};

}  // namespace

const rocksdb::SliceTransform* NewFirstPartTransform() {
  return new FirstPartTransform();
}

absl::Status ToStatus(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  std::string msg = absl::StrCat(what, ": ", s.ToString());
  if (s.IsNotFound()) return absl::NotFoundError(msg);
  if (s.IsCorruption()) return absl::DataLossError(msg);
  if (s.IsInvalidArgument()) return absl::InvalidArgumentError(msg);
  return absl::InternalError(msg);
}

StoreFigures ReadStoreFigures(
    rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs) {
  StoreFigures f;
  auto sum = [&](const std::string& property) {
    uint64_t total = 0;
    for (rocksdb::ColumnFamilyHandle* cf : cfs) {
      uint64_t value = 0;
      if (db->GetIntProperty(cf, property, &value)) total += value;
    }
    return total;
  };
  f.sst_bytes = sum(rocksdb::DB::Properties::kTotalSstFilesSize);
  f.memtable_bytes = sum(rocksdb::DB::Properties::kCurSizeAllMemTables);
  f.pending_compaction_bytes =
      sum(rocksdb::DB::Properties::kEstimatePendingCompactionBytes);
  // Every table shares one cache: read it through the default family.
  db->GetIntProperty(rocksdb::DB::Properties::kBlockCacheUsage,
                     &f.block_cache_usage_bytes);
  db->GetIntProperty(rocksdb::DB::Properties::kBlockCacheCapacity,
                     &f.block_cache_capacity_bytes);
  return f;
}

}  // namespace idres

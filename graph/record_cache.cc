#include "graph/record_cache.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "store/record_ref.h"
#include "store/record_ref.h"

namespace idres {

absl::StatusOr<storage::StoredRecord*> RecordCache::Load(const v1::RecordRef& ref) {
  std::string key = RecordKeyOf(ref);
  auto it = records_.find(key);
  if (it != records_.end()) return &it->second;
  absl::StatusOr<std::optional<storage::StoredRecord>> r = view_->GetRecord(ref);
  if (!r.ok()) return r.status();
  if (!r->has_value()) {
    return absl::DataLossError(absl::StrCat(
        "record ", ref.source(), ":", ref.source_id(),
        " is listed by a profile but missing"));
  }
  return &records_.emplace(key, **std::move(r)).first->second;
}

void RecordCache::Set(storage::StoredRecord record) {
  records_[RecordKeyOf(RefOf(record))] = std::move(record);
}

}  // namespace idres

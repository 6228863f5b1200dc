#include "resolver/record_cache.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "resolver/record_ref.h"
#include "store/keys.h"

namespace idres {

absl::StatusOr<v1::StoredRecord*> RecordCache::Load(const v1::RecordRef& ref) {
  std::string key = EncodeRecordKey(ref);
  auto it = records_.find(key);
  if (it != records_.end()) return &it->second;
  absl::StatusOr<std::optional<v1::StoredRecord>> r = view_->GetRecord(ref);
  if (!r.ok()) return r.status();
  if (!r->has_value()) {
    return absl::DataLossError(absl::StrCat(
        "record ", ref.source(), ":", ref.source_id(),
        " is listed by a profile but missing"));
  }
  return &records_.emplace(key, **std::move(r)).first->second;
}

void RecordCache::Set(v1::StoredRecord record) {
  records_[EncodeRecordKey(RefOf(record))] = std::move(record);
}

}  // namespace idres

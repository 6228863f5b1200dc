#include "graph/reevaluation.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "graph/audit.h"
#include "graph/clock.h"
#include "graph/recluster.h"
#include "store/record_ref.h"

namespace idres {
namespace {

// Starts the entry of an automatic action caused by `r`'s record.
absl::StatusOr<v1::AuditEntry> SystemEntry(StoreTxn* txn,
                                           v1::AuditAction action,
                                           const ResolveResult& r,
                                           const google::protobuf::Timestamp& at) {
  absl::StatusOr<v1::AuditEntry> e =
      NewAuditEntry(txn, action, {std::string(kSystemActor), "", at});
  if (e.ok()) *e->add_records() = r.record;
  return e;
}

}  // namespace

absl::Status ReEvaluateAfterResolve(StoreTxn* txn, const MatchConfig& config,
                                    absl::Time now, ResolveResult* result) {
  google::protobuf::Timestamp at = ToTimestamp(now);
  if (result->outcome == v1::OUTCOME_MERGED) {
    absl::StatusOr<v1::AuditEntry> e =
        SystemEntry(txn, v1::AUDIT_ACTION_AUTO_MERGE, *result, at);
    if (!e.ok()) return e.status();
    e->set_reason(
        absl::StrCat("record ", RecordLabel(result->record), " linked ",
                     result->absorbed_profile_ids.size() + 1, " profiles"));
    e->add_profile_ids_before(result->profile_id);
    for (const std::string& id : result->absorbed_profile_ids) {
      e->add_profile_ids_before(id);
    }
    e->add_profile_ids_after(result->profile_id);
    PutAudit(txn, *e);
  }
  if (!result->replaced) return absl::OkStatus();
  absl::StatusOr<std::optional<v1::Profile>> profile =
      txn->GetProfile(result->profile_id);
  if (!profile.ok()) return profile.status();
  if (!profile->has_value()) return absl::OkStatus();
  absl::StatusOr<std::vector<std::string>> ids = ReclusterProfile(
      txn, **profile, result->record, at, /*always_write=*/false, config);
  if (!ids.ok()) return ids.status();
  if (ids->size() <= 1) return absl::OkStatus();
  absl::StatusOr<std::optional<storage::StoredRecord>> self =
      txn->GetRecord(result->record);
  if (!self.ok()) return self.status();
  if (self->has_value()) result->profile_id = (*self)->profile_id();
  result->split_profile_ids.assign(ids->begin() + 1, ids->end());
  absl::StatusOr<v1::AuditEntry> e =
      SystemEntry(txn, v1::AUDIT_ACTION_AUTO_SPLIT, *result, at);
  if (!e.ok()) return e.status();
  e->set_reason(absl::StrCat("record ", RecordLabel(result->record),
                            " changed; its profile no longer holds together"));
  e->add_profile_ids_before((*ids)[0]);
  for (const std::string& id : *ids) e->add_profile_ids_after(id);
  PutAudit(txn, *e);
  return absl::OkStatus();
}

}  // namespace idres

#include "resolver/governance.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "resolver/audit.h"
#include "resolver/clock.h"
#include "resolver/link_constraints.h"
#include "resolver/recluster.h"

namespace idres {
namespace {

// Runs `stage` in a new transaction and commits it when it succeeds.
template <typename T, typename Fn>
absl::StatusOr<T> InTxn(ProfileStore* store, Fn stage) {
  std::unique_ptr<StoreTxn> txn = store->BeginTxn();
  absl::StatusOr<T> out = stage(txn.get());
  if (!out.ok()) return out;
  absl::Status s = txn->Commit();
  if (!s.ok()) return s;
  return out;
}

v1::AuditEntry SystemEntry(v1::AuditAction action, const ResolveResult& r,
                           const google::protobuf::Timestamp& at) {
  v1::AuditEntry e;
  e.set_action(action);
  e.set_actor(std::string(kSystemActor));
  *e.mutable_at() = at;
  *e.add_records() = r.record;
  return e;
}

}  // namespace

Governance::Governance(ProfileStore* store, const MatchConfig* config)
    : store_(store), config_(config) {}

GovernanceAction Governance::Action(absl::string_view actor,
                                    absl::string_view reason) const {
  GovernanceAction a;
  a.actor = actor.empty() ? "unknown" : std::string(actor);
  a.reason = std::string(reason);
  a.at = ToTimestamp(absl::Now());
  return a;
}

absl::StatusOr<MergeOutcome> Governance::MergeProfiles(
    const std::vector<std::string>& profile_ids, absl::string_view actor,
    absl::string_view reason) {
  GovernanceAction action = Action(actor, reason);
  return InTxn<MergeOutcome>(store_, [&](StoreTxn* txn) {
    return StageManualMerge(txn, profile_ids, action, *config_);
  });
}

absl::StatusOr<SplitOutcome> Governance::SplitProfile(
    absl::string_view profile_id, const std::vector<v1::RecordRef>& records,
    absl::string_view actor, absl::string_view reason) {
  GovernanceAction action = Action(actor, reason);
  return InTxn<SplitOutcome>(store_, [&](StoreTxn* txn) {
    return StageManualSplit(txn, profile_id, records, action, *config_);
  });
}

absl::StatusOr<DeleteOutcome> Governance::DeleteRecord(
    const v1::RecordRef& record, absl::string_view actor,
    absl::string_view reason) {
  GovernanceAction action = Action(actor, reason);
  return InTxn<DeleteOutcome>(store_, [&](StoreTxn* txn) {
    return StageRecordDeletion(txn, record, action, *config_);
  });
}

absl::StatusOr<std::pair<v1::LinkConstraint, uint64_t>>
Governance::RemoveConstraint(const v1::RecordRef& a, const v1::RecordRef& b,
                             absl::string_view actor,
                             absl::string_view reason) {
  GovernanceAction action = Action(actor, reason);
  using Out = std::pair<v1::LinkConstraint, uint64_t>;
  return InTxn<Out>(store_, [&](StoreTxn* txn) -> absl::StatusOr<Out> {
    absl::StatusOr<std::optional<v1::LinkConstraint>> c =
        FindConstraint(txn, a, b);
    if (!c.ok()) return c.status();
    if (!c->has_value()) {
      return absl::NotFoundError(absl::StrCat(
          "no constraint between ", RecordLabel(a), " and ", RecordLabel(b)));
    }
    absl::StatusOr<uint64_t> seq = NextAuditSequence(txn);
    if (!seq.ok()) return seq.status();
    txn->DeleteConstraint(a, b);
    v1::AuditEntry e;
    e.set_sequence(*seq);
    e.set_action(v1::AUDIT_ACTION_REMOVE_CONSTRAINT);
    e.set_actor(action.actor);
    e.set_reason(action.reason);
    *e.mutable_at() = action.at;
    for (const v1::RecordRef& ref : {a, b}) {
      *e.add_records() = ref;
      absl::StatusOr<std::optional<v1::StoredRecord>> r = txn->GetRecord(ref);
      if (!r.ok()) return r.status();
      if (r->has_value()) e.add_profile_ids_after((*r)->profile_id());
    }
    e.set_constraints_removed(1);
    PutAudit(txn, e);
    return Out{**std::move(c), *seq};
  });
}

absl::Status ReEvaluateAfterResolve(StoreTxn* txn, const MatchConfig& config,
                                    absl::Time now, ResolveResult* result) {
  google::protobuf::Timestamp at = ToTimestamp(now);
  if (result->outcome == v1::OUTCOME_MERGED) {
    absl::StatusOr<uint64_t> seq = NextAuditSequence(txn);
    if (!seq.ok()) return seq.status();
    v1::AuditEntry e = SystemEntry(v1::AUDIT_ACTION_AUTO_MERGE, *result, at);
    e.set_sequence(*seq);
    e.set_reason(
        absl::StrCat("record ", RecordLabel(result->record), " linked ",
                     result->absorbed_profile_ids.size() + 1, " profiles"));
    e.add_profile_ids_before(result->profile_id);
    for (const std::string& id : result->absorbed_profile_ids) {
      e.add_profile_ids_before(id);
    }
    e.add_profile_ids_after(result->profile_id);
    PutAudit(txn, e);
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
  absl::StatusOr<std::optional<v1::StoredRecord>> self =
      txn->GetRecord(result->record);
  if (!self.ok()) return self.status();
  if (self->has_value()) result->profile_id = (*self)->profile_id();
  result->split_profile_ids.assign(ids->begin() + 1, ids->end());
  absl::StatusOr<uint64_t> seq = NextAuditSequence(txn);
  if (!seq.ok()) return seq.status();
  v1::AuditEntry e = SystemEntry(v1::AUDIT_ACTION_AUTO_SPLIT, *result, at);
  e.set_sequence(*seq);
  e.set_reason(absl::StrCat("record ", RecordLabel(result->record),
                            " changed; its profile no longer holds together"));
  e.add_profile_ids_before((*ids)[0]);
  for (const std::string& id : *ids) e.add_profile_ids_after(id);
  PutAudit(txn, e);
  return absl::OkStatus();
}

}  // namespace idres

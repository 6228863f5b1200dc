#include "governance/governance.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "graph/audit.h"
#include "graph/clock.h"
#include "graph/link_constraints.h"
#include "graph/profile_lookup.h"
#include "graph/recluster.h"

namespace idres {
namespace {

// Runs `stage` in a new transaction and commits it when it succeeds; an
// erasing commit also removes the old bytes from the store's files.
template <typename T, typename Fn>
absl::StatusOr<T> InTxn(ProfileStore* store, Fn stage, bool erasing = false) {
  std::unique_ptr<StoreTxn> txn = store->BeginTxn();
  absl::StatusOr<T> out = stage(txn.get());
  if (!out.ok()) return out;
  absl::Status s = erasing ? txn->CommitErasing() : txn->Commit();
  if (!s.ok()) return s;
  return out;
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
  return InTxn<DeleteOutcome>(
      store_,
      [&](StoreTxn* txn) {
        return StageRecordDeletion(txn, record, action, *config_);
      },
      /*erasing=*/true);
}

absl::StatusOr<ErasureOutcome> Governance::ErasePerson(
    const v1::ProfileTarget& target, absl::string_view actor,
    absl::string_view reason) {
  absl::StatusOr<std::string> secret = store_->SecretKey();
  if (!secret.ok()) return secret.status();
  absl::StatusOr<std::vector<BackupEntry>> backups = store_->ListBackups();
  if (!backups.ok()) return backups.status();
  GovernanceAction action = Action(actor, reason);
  absl::StatusOr<ErasureOutcome> out = InTxn<ErasureOutcome>(
      store_,
      [&](StoreTxn* txn) -> absl::StatusOr<ErasureOutcome> {
        absl::StatusOr<ProfileLookup> found = LookupTarget(txn, target, *config_);
        if (!found.ok()) return found.status();
        return StagePersonErasure(txn, found->profile, *secret, action);
      },
      /*erasing=*/true);
  if (out.ok()) out->backups = *std::move(backups);
  return out;
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
    absl::StatusOr<v1::AuditEntry> started =
        NewAuditEntry(txn, v1::AUDIT_ACTION_REMOVE_CONSTRAINT, action);
    if (!started.ok()) return started.status();
    v1::AuditEntry e = *std::move(started);
    txn->DeleteConstraint(a, b);
    for (const v1::RecordRef& ref : {a, b}) {
      *e.add_records() = ref;
      absl::StatusOr<std::optional<storage::StoredRecord>> r = txn->GetRecord(ref);
      if (!r.ok()) return r.status();
      if (r->has_value()) e.add_profile_ids_after((*r)->profile_id());
    }
    e.set_constraints_removed(1);
    PutAudit(txn, e);
    return Out{**std::move(c), e.sequence()};
  });
}

absl::StatusOr<ReviewOutcome> Governance::ResolvePossibleMatch(
    absl::string_view a, absl::string_view b, v1::ReviewDecision decision,
    absl::string_view actor, absl::string_view reason) {
  GovernanceAction action = Action(actor, reason);
  return InTxn<ReviewOutcome>(store_, [&](StoreTxn* txn) {
    return StageReviewDecision(txn, a, b, decision, action, *config_);
  });
}

}  // namespace idres

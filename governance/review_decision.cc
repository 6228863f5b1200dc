#include "governance/review_decision.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "governance/manual_merge.h"
#include "governance/manual_split.h"
#include "governance/review_queue.h"
#include "graph/audit.h"
#include "graph/link_constraints.h"
#include "graph/record_cache.h"
#include "views/derived_views.h"

namespace idres {
namespace {

absl::StatusOr<v1::Profile> LoadLive(StoreView* view,
                                     absl::string_view profile_id) {
  absl::StatusOr<std::optional<v1::Profile>> p = view->GetProfile(profile_id);
  if (!p.ok()) return p.status();
  if (p->has_value()) return **std::move(p);
  absl::StatusOr<std::optional<std::string>> to = view->GetRedirect(profile_id);
  if (!to.ok()) return to.status();
  if (!to->has_value()) {
    return absl::NotFoundError(
        absl::StrCat("profile ", profile_id, ": unknown"));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("profile ", profile_id, " was merged into ", **to,
                   "; review the pair the queue lists now"));
}

// Removes from `profile` its possible matches leading to `other` and
// stages it, with its derived rows and an UPDATED event.
absl::Status DropMatchesWith(StoreTxn* txn, v1::Profile profile,
                             const std::string& other,
                             const v1::RecordRef& cause,
                             const GovernanceAction& action) {
  auto* list = profile.mutable_possible_matches();
  const int before = list->size();
  for (int i = list->size() - 1; i >= 0; --i) {
    absl::StatusOr<std::optional<std::string>> live =
        LiveProfileId(txn, list->Get(i).profile_id());
    if (!live.ok()) return live.status();
    if (live->has_value() && **live == other) list->DeleteSubrange(i, 1);
  }
  if (list->size() == before) return absl::OkStatus();
  RecordCache cache(txn);
  ProfileChange change;
  for (const v1::RecordRef& ref : profile.records()) {
    absl::StatusOr<storage::StoredRecord*> r = cache.Load(ref);
    if (!r.ok()) return r.status();
    change.records.push_back(*r);
  }
  profile.set_version(profile.version() + 1);
  *profile.mutable_updated_at() = action.at;
  txn->PutProfile(profile);
  change.profile = &profile;
  change.cause = cause;
  change.at = action.at;
  return ApplyProfileChange(txn, change);
}

absl::StatusOr<ReviewOutcome> StageDifferent(StoreTxn* txn,
                                             const v1::Profile& a,
                                             const v1::Profile& b,
                                             const PendingMatch& pending,
                                             const GovernanceAction& action) {
  const size_t pairs = static_cast<size_t>(a.records_size()) *
                       static_cast<size_t>(b.records_size());
  if (pairs > kMaxSplitConstraints) {
    return absl::FailedPreconditionError(absl::StrCat(
        "keeping ", a.profile_id(), " and ", b.profile_id(), " apart needs ",
        pairs, " cannot-links, more than ", kMaxSplitConstraints));
  }
  absl::StatusOr<v1::AuditEntry> entry =
      NewAuditEntry(txn, v1::AUDIT_ACTION_REVIEW_DIFFERENT_PEOPLE, action);
  if (!entry.ok()) return entry.status();
  ReviewOutcome out;
  for (const v1::RecordRef& x : a.records()) {
    for (const v1::RecordRef& y : b.records()) {
      v1::LinkConstraint c =
          MakeConstraint(v1::CONSTRAINT_KIND_CANNOT_LINK, x, y, action.actor,
                         action.reason, action.at);
      c.set_audit_sequence(entry->sequence());
      txn->PutConstraint(c);
      ++out.constraints_added;
    }
  }
  absl::Status s =
      DropMatchesWith(txn, a, b.profile_id(), pending.match.record(), action);
  if (s.ok()) {
    s = DropMatchesWith(txn, b, a.profile_id(), pending.match.record(),
                        action);
  }
  if (!s.ok()) return s;
  out.profile_id = a.profile_id();
  out.audit_sequence = entry->sequence();
  for (const v1::Profile* p : {&a, &b}) {
    entry->add_profile_ids_before(p->profile_id());
    entry->add_profile_ids_after(p->profile_id());
  }
  *entry->add_records() = pending.match.record();
  entry->set_constraints_added(out.constraints_added);
  PutAudit(txn, *entry);
  return out;
}

absl::StatusOr<ReviewOutcome> StageSame(StoreTxn* txn, const v1::Profile& a,
                                        const v1::Profile& b,
                                        const GovernanceAction& action,
                                        const MatchConfig& config) {
  absl::StatusOr<MergeOutcome> merged = StageManualMerge(
      txn, {a.profile_id(), b.profile_id()}, action, config,
      v1::AUDIT_ACTION_REVIEW_SAME_PERSON);
  if (!merged.ok()) return merged.status();
  ReviewOutcome out;
  out.profile_id = merged->profile_id;
  out.absorbed_profile_ids = merged->absorbed_profile_ids;
  out.audit_sequence = merged->audit_sequence;
  out.constraints_added = merged->constraints_added;
  out.constraints_removed = merged->constraints_removed;
  return out;
}

}  // namespace

absl::StatusOr<ReviewOutcome> StageReviewDecision(
    StoreTxn* txn, absl::string_view a, absl::string_view b,
    v1::ReviewDecision decision, const GovernanceAction& action,
    const MatchConfig& config) {
  if (decision != v1::REVIEW_DECISION_SAME_PERSON &&
      decision != v1::REVIEW_DECISION_DIFFERENT_PEOPLE) {
    return absl::InvalidArgumentError(
        "decision: must be SAME_PERSON or DIFFERENT_PEOPLE");
  }
  absl::StatusOr<v1::Profile> pa = LoadLive(txn, a);
  if (!pa.ok()) return pa.status();
  absl::StatusOr<v1::Profile> pb = LoadLive(txn, b);
  if (!pb.ok()) return pb.status();
  absl::StatusOr<bool> decided = PairDecided(txn, *pa, *pb);
  if (!decided.ok()) return decided.status();
  if (*decided) {
    return absl::FailedPreconditionError(
        absl::StrCat(a, " and ", b, " were already decided (a constraint "
                     "joins their records); see explain, or use merge"));
  }
  absl::StatusOr<std::optional<PendingMatch>> pending =
      BestPendingMatch(txn, *pa, *pb);
  if (!pending.ok()) return pending.status();
  if (!pending->has_value()) {
    return absl::FailedPreconditionError(
        absl::StrCat("no possible match between ", a, " and ", b,
                     " to resolve; use merge or split"));
  }
  if (decision == v1::REVIEW_DECISION_SAME_PERSON) {
    return StageSame(txn, *pa, *pb, action, config);
  }
  return StageDifferent(txn, *pa, *pb, **pending, action);
}

}  // namespace idres

#include "governance/manual_split.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "graph/audit.h"
#include "graph/link_constraints.h"
#include "graph/recluster.h"
#include "store/record_ref.h"

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
                   "; split ", **to, " instead"));
}

// Checks that every ref is a record of `profile`.
absl::Status CheckMembers(StoreView* view, const v1::Profile& profile,
                          const std::vector<v1::RecordRef>& refs) {
  for (const v1::RecordRef& ref : refs) {
    absl::StatusOr<std::optional<storage::StoredRecord>> r = view->GetRecord(ref);
    if (!r.ok()) return r.status();
    if (!r->has_value()) {
      return absl::NotFoundError(
          absl::StrCat("record ", RecordLabel(ref), ": unknown"));
    }
    if ((*r)->profile_id() != profile.profile_id()) {
      return absl::FailedPreconditionError(
          absl::StrCat("record ", RecordLabel(ref), " is in profile ",
                       (*r)->profile_id(), ", not ", profile.profile_id()));
    }
  }
  return absl::OkStatus();
}

// Returns the merged-away ids of `profile` whose records, as listed by the
// latest MANUAL_MERGE entry naming them, all leave with `moved`.
absl::StatusOr<std::vector<std::string>> RedirectsToMove(
    StoreView* view, const v1::Profile& profile,
    const absl::flat_hash_set<std::string>& moved) {
  std::vector<std::string> out;
  for (const std::string& id : profile.absorbed_ids()) {
    std::vector<v1::RecordRef> members;
    absl::Status s = view->ForEachAuditOf(id, [&](const v1::AuditEntry& e) {
      if (e.action() != v1::AUDIT_ACTION_MANUAL_MERGE &&
          e.action() != v1::AUDIT_ACTION_REVIEW_SAME_PERSON) {
        return true;
      }
      for (const v1::ProfileMembers& m : e.members()) {
        if (m.profile_id() == id)
          members.assign(m.records().begin(), m.records().end());
      }
      return true;
    });
    if (!s.ok()) return s;
    bool all = !members.empty();
    for (const v1::RecordRef& r : members)
      all &= moved.contains(RecordKeyOf(r));
    if (all) out.push_back(id);
  }
  return out;
}

}  // namespace

absl::StatusOr<SplitOutcome> StageManualSplit(
    StoreTxn* txn, absl::string_view profile_id,
    const std::vector<v1::RecordRef>& records, const GovernanceAction& action,
    const MatchConfig& config) {
  absl::StatusOr<v1::Profile> profile = LoadLive(txn, profile_id);
  if (!profile.ok()) return profile.status();
  absl::Status s = CheckMembers(txn, *profile, records);
  if (!s.ok()) return s;
  absl::flat_hash_set<std::string> moved_keys;
  for (const v1::RecordRef& r : records) moved_keys.insert(RecordKeyOf(r));
  v1::Profile moved, remaining;  // Record lists only, in profile order.
  for (const v1::RecordRef& r : profile->records()) {
    *(moved_keys.contains(RecordKeyOf(r)) ? moved : remaining)
         .add_records() = r;
  }
  if (remaining.records().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("records: would split out every record of ", profile_id,
                     "; at least one must stay"));
  }
  size_t pairs = static_cast<size_t>(moved.records_size()) *
                 static_cast<size_t>(remaining.records_size());
  if (pairs > kMaxSplitConstraints) {
    return absl::FailedPreconditionError(
        absl::StrCat("split of ", profile_id, " needs ", pairs,
                     " cannot-links, more than ", kMaxSplitConstraints));
  }
  absl::StatusOr<v1::AuditEntry> entry =
      NewAuditEntry(txn, v1::AUDIT_ACTION_MANUAL_SPLIT, action);
  if (!entry.ok()) return entry.status();
  SplitOutcome out;
  absl::StatusOr<std::vector<v1::LinkConstraint>> across =
      ConstraintsBetween(txn, moved, remaining, v1::CONSTRAINT_KIND_MUST_LINK);
  if (!across.ok()) return across.status();
  out.constraints_removed = static_cast<uint32_t>(across->size());
  auto put = [&](v1::ConstraintKind kind, const v1::RecordRef& x,
                 const v1::RecordRef& y) {
    v1::LinkConstraint c =
        MakeConstraint(kind, x, y, action.actor, action.reason, action.at);
    c.set_audit_sequence(entry->sequence());
    txn->PutConstraint(c);  // Replaces any must-link of the pair.
    ++out.constraints_added;
  };
  for (const v1::RecordRef& m : moved.records()) {
    for (const v1::RecordRef& r : remaining.records()) {
      put(v1::CONSTRAINT_KIND_CANNOT_LINK, m, r);
    }
  }
  for (int i = 1; i < moved.records_size(); ++i) {
    put(v1::CONSTRAINT_KIND_MUST_LINK, moved.records(0), moved.records(i));
  }
  absl::StatusOr<std::vector<std::string>> redirects =
      RedirectsToMove(txn, *profile, moved_keys);
  if (!redirects.ok()) return redirects.status();

  RepartitionPlan plan;
  plan.rule = "manual_split";
  plan.cause = moved.records(0);
  plan.at = action.at;
  plan.parts.resize(2);
  plan.parts[0].records.assign(remaining.records().begin(),
                               remaining.records().end());
  plan.parts[1].records.assign(moved.records().begin(), moved.records().end());
  plan.parts[1].absorbed_ids = *redirects;
  absl::StatusOr<std::vector<std::string>> ids =
      ApplyRepartition(txn, *profile, plan, config);
  if (!ids.ok()) return ids.status();

  out.profile_id = (*ids)[0];
  out.new_profile_id = (*ids)[1];
  out.audit_sequence = entry->sequence();
  out.moved_redirects = *std::move(redirects);
  entry->add_profile_ids_before(out.profile_id);
  entry->add_profile_ids_after(out.profile_id);
  entry->add_profile_ids_after(out.new_profile_id);
  *entry->mutable_records() = moved.records();
  entry->set_constraints_added(out.constraints_added);
  entry->set_constraints_removed(out.constraints_removed);
  PutAudit(txn, *entry);
  return out;
}

}  // namespace idres

#include "governance/manual_merge.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "graph/audit.h"
#include "views/derived_views.h"
#include "graph/link_constraints.h"
#include "graph/record_cache.h"
#include "graph/record_index.h"
#include "graph/profile_ids.h"
#include "graph/resolution.h"
#include "views/survivorship.h"
#include "store/record_ref.h"

namespace idres {
namespace {

absl::StatusOr<std::vector<v1::Profile>> LoadLive(
    StoreView* view, const std::vector<std::string>& ids) {
  std::vector<v1::Profile> out;
  for (const std::string& id : ids) {
    absl::StatusOr<std::optional<v1::Profile>> p = view->GetProfile(id);
    if (!p.ok()) return p.status();
    if (p->has_value()) {
      out.push_back(**std::move(p));
      continue;
    }
    absl::StatusOr<std::optional<std::string>> to = view->GetRedirect(id);
    if (!to.ok()) return to.status();
    if (!to->has_value()) {
      return absl::NotFoundError(absl::StrCat("profile ", id, ": unknown"));
    }
    return absl::FailedPreconditionError(
        absl::StrCat("profile ", id, " was merged into ", **to, "; name ", **to,
                     " instead"));
  }
  return out;
}

class ManualMerge {
 public:
  ManualMerge(StoreTxn* txn, const GovernanceAction& action,
              const MatchConfig& config, v1::AuditAction audit_action)
      : txn_(txn),
        action_(action),
        config_(config),
        audit_action_(audit_action),
        cache_(txn) {}

  absl::StatusOr<MergeOutcome> Run(std::vector<v1::Profile> profiles);

 private:

  absl::Status Absorb(const v1::Profile& absorbed, v1::Profile* survivor);
  absl::Status ReplaceConstraints(const std::vector<v1::Profile>& profiles,
                                  const v1::Profile& survivor);

  StoreTxn* txn_;
  const GovernanceAction& action_;
  const MatchConfig& config_;
  const v1::AuditAction audit_action_;
  uint64_t seq_ = 0;
  MergeOutcome outcome_;
  RecordCache cache_;  // Records read by this merge.
};

absl::Status ManualMerge::Absorb(const v1::Profile& absorbed,
                                 v1::Profile* survivor) {
  const v1::RecordRef& anchor = survivor->records(0);
  for (int i = 0; i < absorbed.records_size(); ++i) {
    const v1::RecordRef& ref = absorbed.records(i);
    absl::StatusOr<storage::StoredRecord*> r = cache_.Load(ref);
    if (!r.ok()) return r.status();
    (*r)->set_profile_id(survivor->profile_id());
    if (i == 0) {
      // The record that started the absorbed profile is here by hand now.
      v1::LinkEvidence& link = *(*r)->mutable_link();
      link.Clear();
      link.set_rule("manual_merge");
      *link.mutable_matched_record() = anchor;
      *link.mutable_decided_at() = action_.at;
    }
    IndexRecord(txn_, **r);
    txn_->PutRecord(**r);
    *survivor->add_records() = ref;
  }
  RetireAbsorbedProfile(txn_, absorbed, survivor);
  return absl::OkStatus();
}

absl::Status ManualMerge::ReplaceConstraints(
    const std::vector<v1::Profile>& profiles, const v1::Profile& survivor) {
  for (size_t i = 0; i < profiles.size(); ++i) {
    for (size_t j = i + 1; j < profiles.size(); ++j) {
      absl::StatusOr<std::vector<v1::LinkConstraint>> apart =
          ConstraintsBetween(txn_, profiles[i], profiles[j],
                             v1::CONSTRAINT_KIND_CANNOT_LINK);
      if (!apart.ok()) return apart.status();
      for (const v1::LinkConstraint& c : *apart) {
        txn_->DeleteConstraint(c.a(), c.b());
        ++outcome_.constraints_removed;
      }
    }
  }
  const v1::RecordRef& anchor = survivor.records(0);
  for (int i = 1; i < survivor.records_size(); ++i) {
    v1::LinkConstraint c = MakeConstraint(v1::CONSTRAINT_KIND_MUST_LINK, anchor,
                                          survivor.records(i), action_.actor,
                                          action_.reason, action_.at);
    c.set_audit_sequence(seq_);
    txn_->PutConstraint(c);
    ++outcome_.constraints_added;
  }
  return absl::OkStatus();
}

absl::StatusOr<MergeOutcome> ManualMerge::Run(
    std::vector<v1::Profile> profiles) {
  std::stable_sort(profiles.begin(), profiles.end(),
                   [](const v1::Profile& a, const v1::Profile& b) {
                     return OlderProfile(a.profile_id(), b.profile_id());
                   });
  absl::StatusOr<v1::AuditEntry> started =
      NewAuditEntry(txn_, audit_action_, action_);
  if (!started.ok()) return started.status();
  v1::AuditEntry entry = *std::move(started);
  seq_ = entry.sequence();
  v1::Profile survivor = profiles.front();
  for (const v1::Profile& p : profiles) {
    entry.add_profile_ids_before(p.profile_id());
    v1::ProfileMembers* m = entry.add_members();
    m->set_profile_id(p.profile_id());
    *m->mutable_records() = p.records();
  }
  ProfileChange change;
  for (size_t i = 1; i < profiles.size(); ++i) {
    absl::Status s = Absorb(profiles[i], &survivor);
    if (!s.ok()) return s;
    outcome_.absorbed_profile_ids.push_back(profiles[i].profile_id());
  }
  absl::Status s = ReplaceConstraints(profiles, survivor);
  if (!s.ok()) return s;
  // Possible matches with the merged profiles are settled now, also those
  // naming an id merged into them earlier: every such id is now listed as
  // absorbed by the survivor.
  const auto& merged = survivor.absorbed_ids();
  auto* possible = survivor.mutable_possible_matches();
  possible->erase(
      std::remove_if(possible->begin(), possible->end(),
                     [&](const v1::PossibleMatch& m) {
                       return std::find(merged.begin(), merged.end(),
                                        m.profile_id()) != merged.end();
                     }),
      possible->end());
  for (const v1::RecordRef& ref : survivor.records()) {
    absl::StatusOr<storage::StoredRecord*> r = cache_.Load(ref);
    if (!r.ok()) return r.status();
    change.records.push_back(*r);
  }
  RebuildProfileView(change.records, config_.survivorship, &survivor);
  survivor.set_version(survivor.version() + 1);
  *survivor.mutable_updated_at() = action_.at;
  txn_->PutProfile(survivor);
  change.profile = &survivor;
  change.absorbed_ids = outcome_.absorbed_profile_ids;
  change.cause = survivor.records(0);
  change.at = action_.at;
  s = ApplyProfileChange(txn_, change);
  if (!s.ok()) return s;

  outcome_.profile_id = survivor.profile_id();
  outcome_.audit_sequence = seq_;
  entry.add_profile_ids_after(survivor.profile_id());
  entry.set_constraints_added(outcome_.constraints_added);
  entry.set_constraints_removed(outcome_.constraints_removed);
  PutAudit(txn_, entry);
  return outcome_;
}

}  // namespace

absl::StatusOr<MergeOutcome> StageManualMerge(
    StoreTxn* txn, const std::vector<std::string>& profile_ids,
    const GovernanceAction& action, const MatchConfig& config,
    v1::AuditAction audit_action) {
  absl::StatusOr<std::vector<v1::Profile>> profiles =
      LoadLive(txn, profile_ids);
  if (!profiles.ok()) return profiles.status();
  size_t total = 0;
  for (const v1::Profile& p : *profiles) total += p.records_size();
  if (total > kMaxGovernedRecords) {
    return absl::FailedPreconditionError(
        absl::StrCat("merge would hold ", total, " records, more than ",
                     kMaxGovernedRecords));
  }
  ManualMerge merge(txn, action, config, audit_action);
  return merge.Run(*std::move(profiles));
}

}  // namespace idres

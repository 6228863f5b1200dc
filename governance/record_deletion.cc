#include "governance/record_deletion.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "graph/audit.h"
#include "views/derived_views.h"
#include "graph/link_constraints.h"
#include "graph/recluster.h"
#include "graph/record_index.h"

namespace idres {

absl::Status RemoveConstraintsOf(StoreTxn* txn, const v1::RecordRef& record,
                                 const GovernanceAction& action, uint64_t seq) {
  std::vector<v1::LinkConstraint> found;
  absl::Status s =
      txn->ForEachConstraintOf(record, [&](const v1::LinkConstraint& c) {
        found.push_back(c);
        return true;
      });
  if (!s.ok()) return s;
  std::vector<v1::RecordRef> partners;
  for (const v1::LinkConstraint& c : found) {
    txn->DeleteConstraint(c.a(), c.b());
    if (c.kind() == v1::CONSTRAINT_KIND_MUST_LINK) {
      partners.push_back(OtherEnd(c, record));
    }
  }
  for (size_t i = 1; i < partners.size(); ++i) {
    v1::LinkConstraint c = MakeConstraint(
        v1::CONSTRAINT_KIND_MUST_LINK, partners[0], partners[i], action.actor,
        absl::StrCat("kept together after deleting ", RecordLabel(record)),
        action.at);
    c.set_audit_sequence(seq);
    txn->PutConstraint(c);
  }
  return absl::OkStatus();
}

absl::Status StageProfileRemoval(StoreTxn* txn, const v1::Profile& profile,
                                 const v1::RecordRef& cause,
                                 const google::protobuf::Timestamp& at) {
  const std::string& id = profile.profile_id();
  absl::StatusOr<std::optional<v1::ProfileContext>> context =
      txn->GetContext(id);
  if (!context.ok()) return context.status();
  if (context->has_value()) {
    for (const std::string& term : (*context)->search_terms()) {
      txn->DeleteSearchTerm(term, id);
    }
  }
  txn->DeleteContext(id);
  std::vector<std::string> interactions;
  absl::Status s = txn->ForEachInteraction(id, [&](const v1::Interaction& i) {
    interactions.push_back(i.interaction_id());
    return true;
  });
  if (!s.ok()) return s;
  for (const std::string& i : interactions) txn->DeleteInteraction(id, i);
  for (const std::string& absorbed : profile.absorbed_ids()) {
    txn->DeleteRedirect(absorbed);
  }
  txn->DeleteProfile(id);
  txn->DeleteMatchView(id);
  s = txn->PutPossibleMatches(id, {});
  if (!s.ok()) return s;
  v1::ChangeEvent event;
  event.set_type(v1::CHANGE_TYPE_DELETED);
  event.set_profile_id(id);
  *event.mutable_record() = cause;
  *event.mutable_at() = at;
  event.set_profile_version(profile.version() + 1);
  return AppendEvent(txn, std::move(event)).status();
}

absl::StatusOr<DeleteOutcome> StageRecordDeletion(
    StoreTxn* txn, const v1::RecordRef& record, const GovernanceAction& action,
    const MatchConfig& config) {
  absl::StatusOr<std::optional<storage::StoredRecord>> stored =
      txn->GetRecord(record);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) {
    return absl::NotFoundError(
        absl::StrCat("record ", RecordLabel(record), ": unknown"));
  }
  DeleteOutcome out;
  out.profile_id = (*stored)->profile_id();
  absl::StatusOr<std::optional<v1::Profile>> profile =
      txn->GetProfile(out.profile_id);
  if (!profile.ok()) return profile.status();
  if (!profile->has_value()) {
    return absl::DataLossError(absl::StrCat("record ", RecordLabel(record),
                                            " names missing profile ",
                                            out.profile_id));
  }
  absl::StatusOr<v1::AuditEntry> entry =
      NewAuditEntry(txn, v1::AUDIT_ACTION_DELETE_RECORD, action);
  if (!entry.ok()) return entry.status();
  UnindexRecord(txn, **stored);
  txn->DeleteRecord(record);
  absl::Status s = RemoveConstraintsOf(txn, record, action, entry->sequence());
  if (!s.ok()) return s;

  v1::Profile rest = **profile;
  rest.clear_records();
  for (const v1::RecordRef& r : (*profile)->records()) {
    if (!SameRecord(r, record)) *rest.add_records() = r;
  }
  if (rest.records().empty()) {
    s = StageProfileRemoval(txn, **profile, record, action.at);
    if (!s.ok()) return s;
    out.profile_deleted = true;
  } else {
    absl::StatusOr<std::vector<std::string>> ids = ReclusterProfile(
        txn, rest, record, action.at, /*always_write=*/true, config);
    if (!ids.ok()) return ids.status();
    out.profile_ids_after = *std::move(ids);
  }
  out.audit_sequence = entry->sequence();
  entry->add_profile_ids_before(out.profile_id);
  for (const std::string& id : out.profile_ids_after) {
    entry->add_profile_ids_after(id);
  }
  *entry->add_records() = record;
  PutAudit(txn, *entry);
  return out;
}

}  // namespace idres

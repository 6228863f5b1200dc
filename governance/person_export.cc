#include "governance/person_export.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "governance/audit_history.h"
#include "graph/profile_lookup.h"
#include "store/record_ref.h"

namespace idres {
namespace {

// Every entry of the history: ListAudit stops at its limit.
constexpr size_t kAllAudit = 1000000;

}  // namespace

absl::StatusOr<v1::ExportPersonResponse> ExportPerson(
    StoreView* view, const v1::ProfileTarget& target,
    const MatchConfig& config) {
  absl::StatusOr<ProfileLookup> found = LookupTarget(view, target, config);
  if (!found.ok()) return found.status();
  v1::ExportPersonResponse out;
  *out.mutable_profile() = found->profile;
  const std::string& id = found->profile.profile_id();
  for (const v1::RecordRef& ref : found->profile.records()) {
    absl::StatusOr<std::optional<storage::StoredRecord>> r =
        view->GetRecord(ref);
    if (!r.ok()) return r.status();
    if (!r->has_value()) {
      return absl::DataLossError(absl::StrCat(
          "profile ", id, " lists missing record ", RecordLabel(ref)));
    }
    v1::ExportedRecord* e = out.add_records();
    *e->mutable_record() = (*r)->record();
    *e->mutable_link() = (*r)->link();
    *e->mutable_ingested_at() = (*r)->ingested_at();
    for (const std::string& w : (*r)->warnings()) e->add_warnings(w);
  }
  absl::Status s = view->ForEachInteraction(id, [&](const v1::Interaction& i) {
    *out.add_interactions() = i;
    return true;
  });
  if (!s.ok()) return s;
  absl::StatusOr<std::optional<v1::ProfileContext>> context =
      view->GetContext(id);
  if (!context.ok()) return context.status();
  if (!context->has_value()) {
    return absl::DataLossError(absl::StrCat("profile ", id, ": no context"));
  }
  *out.mutable_facts() = (*context)->facts();
  *out.mutable_cases() = (*context)->cases();
  *out.mutable_consents() = (*context)->consents();
  absl::StatusOr<AuditHistory> history = ListAudit(view, id, kAllAudit);
  if (history.ok()) {
    for (v1::AuditEntry& e : history->entries) *out.add_audit() = std::move(e);
  } else if (!absl::IsNotFound(history.status())) {
    return history.status();
  }
  return out;
}

}  // namespace idres

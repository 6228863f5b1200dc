// Writing the audit log of merges, splits, deletions and manual actions
// (idres.v1.AuditEntry) inside a transaction: every entry is started by
// NewAuditEntry and staged by PutAudit. Reading: governance/audit_history.h.
#pragma once

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "graph/governance_action.h"
#include "idres/v1/governance.pb.h"
#include "store/profile_store.h"

namespace idres {

// The actor recorded for automatic actions.
inline constexpr absl::string_view kSystemActor = "idres";

// Returns a new entry of `action` by `who` (actor, reason, time), stamped
// with the next audit sequence of `txn`; callers add the records and
// profile ids, stamp the sequence on the constraints the action writes,
// then stage it with PutAudit. Errors come from the store's counter.
absl::StatusOr<v1::AuditEntry> NewAuditEntry(StoreTxn* txn,
                                             v1::AuditAction action,
                                             const GovernanceAction& who);

// Stages `entry` (from NewAuditEntry) under every profile id it names.
void PutAudit(StoreTxn* txn, const v1::AuditEntry& entry);

}  // namespace idres

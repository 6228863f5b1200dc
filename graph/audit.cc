#include "graph/audit.h"

namespace idres {

absl::StatusOr<v1::AuditEntry> NewAuditEntry(StoreTxn* txn,
                                             v1::AuditAction action,
                                             const GovernanceAction& who) {
  absl::StatusOr<uint64_t> seq = txn->NextCounter(kAuditCounter);
  if (!seq.ok()) return seq.status();
  v1::AuditEntry entry;
  entry.set_sequence(*seq);
  entry.set_action(action);
  entry.set_actor(who.actor);
  entry.set_reason(who.reason);
  *entry.mutable_at() = who.at;
  return entry;
}

void PutAudit(StoreTxn* txn, const v1::AuditEntry& entry) {
  txn->PutAuditEntry(entry);
}

}  // namespace idres

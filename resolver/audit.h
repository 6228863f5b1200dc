// The audit log of merges, splits, deletions and manual actions
// (idres.v1.AuditEntry): appending inside a transaction, and reading the
// history of a profile through the merges and splits it went through.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "idres/v1/governance.pb.h"
#include "store/profile_store.h"

namespace idres {

// The actor recorded for automatic actions.
inline constexpr absl::string_view kSystemActor = "idres";

// Returns the next audit sequence number, to stamp on constraints before
// the entry itself is staged with PutAudit.
absl::StatusOr<uint64_t> NextAuditSequence(StoreTxn* txn);

// Stages `entry` (its sequence already set) under every profile id it
// names.
void PutAudit(StoreTxn* txn, const v1::AuditEntry& entry);

// A profile's audit history.
struct AuditHistory {
  std::vector<v1::AuditEntry> entries;   // Oldest first.
  std::vector<std::string> profile_ids;  // The ids followed, in order met.
};

// Returns the entries naming `profile_id`, the profile it redirects to,
// and every id those entries name in turn (merged in, split off, merged
// into), up to 64 ids and `limit` entries, oldest first. NotFound when the
// id is unknown: no profile, redirect or audit entry has it.
absl::StatusOr<AuditHistory> ListAudit(StoreView* view,
                                       absl::string_view profile_id,
                                       size_t limit);

}  // namespace idres

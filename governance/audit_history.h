// Reading the audit log: the history of a profile through the merges and
// splits it went through. Entries are written by graph/audit.h.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "idres/v1/governance.pb.h"
#include "store/profile_store.h"

namespace idres {

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

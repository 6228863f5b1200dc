// The person's own copy of their data (GDPR art. 15 and 20): everything
// idres holds about one profile, read from one view. Thread-compatible,
// as the view passed in.
#pragma once

#include "absl/status/statusor.h"
#include "idres/v1/governance.pb.h"
#include "idres/v1/identity.pb.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// Returns the profile `target` names (LookupTarget) with its golden view
// and provenance, each of its records as received (with the link evidence,
// the ingest time and warnings), every interaction oldest first, the
// latest facts, cases and consents of its context, and its whole audit
// history (ListAudit). NotFound for an unknown target; DataLoss when a
// listed record or the context is missing; other errors from the store.
absl::StatusOr<v1::ExportPersonResponse> ExportPerson(
    StoreView* view, const v1::ProfileTarget& target,
    const MatchConfig& config);

}  // namespace idres

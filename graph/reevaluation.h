// What follows an automatic resolution inside its transaction: the audit
// of an automatic merge, and the re-clustering of a profile whose record
// was replaced.
#pragma once

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "graph/resolution.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// Completes `result` (a successful ResolveInTxn in `txn`): when the record
// replaced a stored one, re-clusters its profile (recluster.h), updating
// result->profile_id and split_profile_ids and auditing an AUTO_SPLIT if it
// fell apart; audits an AUTO_MERGE when it merged profiles. Errors come
// from the store.
absl::Status ReEvaluateAfterResolve(StoreTxn* txn, const MatchConfig& config,
                                    absl::Time now, ResolveResult* result);

}  // namespace idres

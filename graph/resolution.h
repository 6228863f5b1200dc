// One resolution: places one validated record into a profile inside an open
// store transaction, merging profiles when it bridges several. Used by
// Resolver; separate so that a batch can run many in one transaction.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "idres/v1/identity.pb.h"
#include "match/features.h"
#include "match/match_config.h"
#include "store/profile_store.h"

namespace idres {

// What resolving one record did.
struct ResolveResult {
  v1::RecordRef record;
  std::string profile_id;
  v1::Outcome outcome = v1::OUTCOME_UNSPECIFIED;
  std::vector<std::string> absorbed_profile_ids;
  std::vector<std::string> warnings;
  // True when the record replaced a stored one (its profile is then
  // re-evaluated); profiles split off by that re-evaluation.
  bool replaced = false;
  std::vector<std::string> split_profile_ids;
};

// Resolves `record` (already validated, with its `features`) against the
// state seen by `txn` and stages every write in `txn`; the caller commits.
// The rules:
//  - candidates are the profiles sharing an index key with the record
//    (keys shared by more than config.max_candidates_per_key records are
//    skipped as too common);
//  - the record links to a candidate when its best pair comparison with
//    one of the candidate's records is a link (matcher.h) and none of the
//    candidate's records conflicts with it;
//  - linked profiles that conflict with each other are not merged: the
//    record joins the best-scoring one and the others stay apart;
//  - a record already stored stays in its profile here (Resolver then
//    re-evaluates that profile, see governance.h);
//  - no two profiles with a cannot-link between their records merge, and
//    an updated record links to no profile cannot-linked with its own;
//  - several linked profiles merge into the oldest (lowest number), whose
//    id survives; every absorbed id redirects to it forever.
// Errors come from the store only.
absl::StatusOr<ResolveResult> ResolveInTxn(StoreTxn* txn,
                                           const v1::Record& record,
                                           ExtractedFeatures features,
                                           const MatchConfig& config,
                                           absl::Time now);

}  // namespace idres

// Internal to match/: the identifier part of CompareRecords (matcher.h):
// shared values, strong or weak, e-mails close or spelled from a name,
// unique ids one typo apart or different, and the types both records carry
// with no value in common. Pure functions; thread-safe.
#pragma once

#include "idres/storage/storage.pb.h"
#include "match/match_config.h"
#include "match/matcher.h"

namespace idres::match_internal {

// Adds the identifier comparisons of `a` and `b` to `out` and sets its
// shares_strong_identifier and shares_unique_identifier. The identifiers
// of `a` decide strength: the resolver demotes values it has seen shared
// by different people in its own copy of the record.
void CompareIdentifiers(const storage::RecordFeatures& a,
                        const storage::RecordFeatures& b,
                        const MatchConfig& config, PairComparison* out);

}  // namespace idres::match_internal

// What new match weights would change on a loaded store: how many of its
// candidate pairs would stop or start linking. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "idres/storage/storage.pb.h"
#include "match/match_config.h"

namespace idres {

// Decisions over pairs of records, with two configs.
struct ExpectedChange {
  size_t pairs = 0;
  size_t links_now = 0;     // Pairs that link with `now`.
  size_t links_lost = 0;    // Link with `now`, would not with `trained`.
  size_t links_gained = 0;  // Do not link with `now`, would with `trained`.
};

// Returns how the pairs `pairs` of `records` (each a pair of indexes into
// `records`, the first in the high 32 bits; out-of-range pairs are
// skipped) decide under `now` and under `trained`, each pair on its own
// (IsLink of CompareRecords: the name frequency term and the
// profile-level score, which adds up a profile's records, are left out).
ExpectedChange CountDecisionChanges(
    const std::vector<storage::RecordFeatures>& records,
    const std::vector<uint64_t>& pairs, const MatchConfig& now,
    const MatchConfig& trained);

}  // namespace idres

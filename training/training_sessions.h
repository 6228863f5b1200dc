// Internal to training/: the EM sessions of `idres train`, one per kind of
// blocking key, over the comparison vectors of the pairs each key blocks;
// the correction of u for the matches among random pairs; and what
// conflicting pairs say different people share. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "idres/storage/storage.pb.h"
#include "match/match_config.h"
#include "training/comparison_levels.h"
#include "training/training.h"
#include "training/weight_estimation.h"

namespace idres {

// Added to every level's count when estimating u (and context shares).
inline constexpr double kUPseudoCount = 0.5;

// A kind of blocking key: an EM session that ignores the comparisons its
// pairs agree on by construction.
struct Session {
  const char* name;
  const char* prefix;  // "" for identifier keys.
  std::vector<TrainedComparison> blocked;
};

// Returns the sessions, in a fixed order: birth date, names, family and
// place, identifiers.
const std::vector<Session>& Sessions();

// Returns the index in Sessions() of match key `key`'s session, or -1 for
// keys blocking on names and birth date together (~nd, ~ny), which leave
// too little to learn.
int SessionOf(absl::string_view key);

// Returns, per comparison, true when session `session` blocks on it.
std::vector<bool> IgnoredBy(size_t session);

// One session's comparison vectors: the pairs that may link, for EM, and
// those whose given names conflict, which resolution never links.
struct SessionPairs {
  PatternCounts pairs{LevelSizes()};
  PatternCounts conflicts{LevelSizes()};
};

// Returns the comparison vectors of each session's pairs
// (`session_pairs[s]` holds indexes into `records`, the first in the high
// 32 bits), compared with `listing`.
std::vector<SessionPairs> ClassifySessions(
    const std::vector<storage::RecordFeatures>& records,
    const std::vector<std::vector<uint64_t>>& session_pairs,
    const MatchConfig& listing);

// The EM estimate of every session, and m of each comparison summed over
// the sessions used that estimate it (divide by `sessions[k]`).
struct Combined {
  LevelTable m_sum, expected;
  std::vector<int> sessions;
  std::vector<EmEstimate> per_session;
  std::vector<SessionReport> reports;  // Parallel to Sessions().
};

// Runs EM on each session with `u` fixed, from `base`'s weights. A
// session is used when EM converged on at least 200 pairs with a share of
// matches strictly inside (0.001, 0.999); the report says why not.
Combined RunSessions(const std::vector<SessionPairs>& sessions,
                     const LevelTable& u, const MatchConfig& base);

// Random pairs include a share `lambda` of matches, which inflates u of
// the agreeing levels on small sets: returns u = (observed - lambda m) /
// (1 - lambda), floored at 5% of the observed share, renormalized.
LevelTable CorrectU(const LevelTable& observed, const Combined& c,
                    double lambda);

// Returns, per comparison and level, the share among conflicting pairs of
// the sessions not blocked on the comparison; a comparison with fewer than
// kMinContextPairs such pairs gets -1 at every level, and so do given
// names (conflicting pairs differ there by definition).
LevelTable ContextShares(const std::vector<SessionPairs>& sessions);

}  // namespace idres

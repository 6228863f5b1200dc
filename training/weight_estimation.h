// Unsupervised Fellegi-Sunter estimation over comparison vectors: u as
// level shares among random pairs, m and the match share lambda by
// expectation-maximisation over blocked pairs. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace idres {

// A comparison vector: per comparison, the index of the pair's level, or
// -1 when the comparison does not apply (a field missing on a side).
using LevelVector = std::vector<int>;

// Per comparison, per level, a probability (or a count).
using LevelTable = std::vector<std::vector<double>>;

// Comparison vectors with the number of pairs that showed each one.
// Thread-compatible.
class PatternCounts {
 public:
  // `levels_per_comparison[k]` is the number of levels of comparison k.
  explicit PatternCounts(std::vector<int> levels_per_comparison);

  // Counts `pairs` more pairs showing `levels`, which must have one entry
  // per comparison, each -1 or a valid level index.
  void Add(const LevelVector& levels, double pairs = 1);

  const std::vector<int>& levels_per_comparison() const { return levels_; }
  const absl::flat_hash_map<LevelVector, double>& counts() const {
    return counts_;
  }
  // Returns the number of pairs counted.
  double total() const { return total_; }

 private:
  std::vector<int> levels_;
  absl::flat_hash_map<LevelVector, double> counts_;
  double total_ = 0;
};

// Returns, per comparison, the number of pairs at each level.
LevelTable LevelCounts(const PatternCounts& pairs);

// Returns, per comparison, the share of each level among the pairs where
// the comparison applies, after adding `pseudo_count` to every level (so
// that no share is 0). A comparison that never applies gets 1/L a level.
LevelTable LevelShares(const PatternCounts& pairs, double pseudo_count);

struct EmOptions {
  int max_iterations = 200;
  // Stops when no m and not lambda moves by more than this.
  double tolerance = 1e-7;
  // Added to every level's expected match count in each M step.
  double pseudo_count = 0.1;
};

// The result of EstimateM.
struct EmEstimate {
  // Per comparison and level, P(level | same person).
  LevelTable m;
  // Per comparison and level, the expected number of matching pairs.
  LevelTable expected_matches;
  // Share of the pairs that are matches.
  double lambda = 0;
  int iterations = 0;
  // True when the parameters settled (moved by less than the tolerance)
  // within max_iterations; false also when there were no pairs.
  bool converged = false;
};

// Estimates m and lambda by expectation-maximisation over `pairs`, with
// `u` (P(level | different people)) held fixed, starting from `m_start`
// and `lambda_start` (in (0, 1)). Comparisons with `ignored[k]` true (for
// instance those the pairs were blocked on, whose levels say nothing) are
// left out of the likelihood and keep their start values. `u`, `m_start`
// and `ignored` have one entry per comparison of `pairs`.
EmEstimate EstimateM(const PatternCounts& pairs, const LevelTable& u,
                     const LevelTable& m_start, double lambda_start,
                     const std::vector<bool>& ignored,
                     const EmOptions& options);

}  // namespace idres
